/**
 * The right-hand pane: for a container, its Logs tab (the insight tabs come with issue 6); for
 * an image, what the list knows about it.
 */
import { Box, Text } from 'ink';
import type { ImageSummary } from '../../engine/engine.js';
import type { ContainerEntry } from '../../state/containers-store.js';
import type { LogsModel, LogsState } from '../../state/logs-model.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { Panel } from '../components/Panel.js';
import { humanDuration } from '../format/duration.js';
import { humanSize } from '../format/size.js';
import type { ListName } from '../screen-state.js';
import type { Theme } from '../theme.js';
import { computeLogWindow, LogsPane } from './LogsPane.js';
import type { LogViewState } from './log-window.js';

export interface DetailsPaneProps {
  mode: ListName;
  container: ContainerEntry | undefined;
  image: ImageSummary | undefined;
  logs: LogsModel;
  logsState: LogsState;
  view: LogViewState;
  search: { query: string; matchIndex: number | undefined };
  searching: boolean;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  now: number;
}

function logFlags(view: LogViewState, logsState: LogsState, dropped: number): string {
  const flags = [
    view.follow ? 'following' : 'paused scroll',
    view.timestamps ? 'timestamps' : '',
    view.wrap ? 'wrap' : '',
  ];
  if (dropped > 0) flags.push(`${dropped} older lines dropped`);
  if (!logsState.streaming && logsState.containerId) flags.push('stream ended');
  return flags.filter(Boolean).join(' · ');
}

export function DetailsPane(props: DetailsPaneProps) {
  const { mode, container, image, logs, logsState, view, focused, width, height, theme } = props;
  const border = focused ? theme.border.focused : theme.border.normal;
  if (mode === 'images') {
    return (
      <Panel title="Image" width={width} height={height} focused={focused} borderColor={border}>
        {image ? (
          <ImageSummaryView image={image} theme={theme} now={props.now} width={width - 2} />
        ) : (
          <Text color={theme.text.muted}>No image selected.</Text>
        )}
      </Panel>
    );
  }
  const searchLine = props.searching || props.search.query ? 1 : 0;
  const textHeight = Math.max(1, height - 3 - searchLine);
  const textWidth = Math.max(1, width - 2);
  const window = computeLogWindow(logs.buffer, view, textWidth, textHeight);
  const name = container ? sanitizeForTerminal(container.name, { keepColors: false }) : '';
  return (
    <Panel
      title={container ? `Logs │ ${name}` : 'Logs'}
      width={width}
      height={height}
      focused={focused}
      borderColor={border}
      info={logFlags(view, logsState, logs.buffer.dropped)}
    >
      <Text color={theme.text.muted} wrap="truncate-end">
        {container
          ? `${container.state} · ${container.image} · ${logs.buffer.length} lines${logsState.error ? ` · ${logsState.error}` : ''}`
          : ''}
      </Text>
      <LogsPane
        buffer={logs.buffer}
        version={logsState.version}
        view={view}
        window={window}
        height={textHeight}
        theme={theme}
        matchIndex={props.search.matchIndex}
        emptyText={
          !container
            ? 'Select a container to see its logs.'
            : logsState.containerId !== container.id
              ? `Reading the logs of ${name}…`
              : logsState.streaming
                ? `No output from ${name} yet.`
                : `${name} has no logs.`
        }
      />
      {searchLine ? (
        <Text color={theme.text.accent} wrap="truncate-end">
          /{props.search.query}
          {props.searching ? (
            <Text inverse> </Text>
          ) : (
            <Text color={theme.text.muted}> n next · N previous · Esc in the prompt clears</Text>
          )}
        </Text>
      ) : null}
      <Box flexGrow={1} />
    </Panel>
  );
}

function ImageSummaryView({
  image,
  theme,
  now,
  width,
}: {
  image: ImageSummary;
  theme: Theme;
  now: number;
  width: number;
}) {
  const rows: Array<[string, string]> = [
    ['Tags', image.repoTags.length ? image.repoTags.join(', ') : '<none> (dangling)'],
    ['ID', image.id],
    ['Size', humanSize(image.size)],
    ['Created', `${humanDuration(now - image.created * 1000)} ago`],
  ];
  return (
    <Box flexDirection="column">
      {rows.map(([k, v]) => (
        <Text key={k} wrap="truncate-end">
          <Text color={theme.text.muted}>{k.padEnd(9)}</Text>
          {sanitizeForTerminal(v, { keepColors: false }).slice(0, Math.max(0, width - 9))}
        </Text>
      ))}
    </Box>
  );
}
