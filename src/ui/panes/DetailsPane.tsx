/**
 * The right-hand pane. For a container: tabs, switched with `[` and `]` — Logs, Inspect, Env,
 * Stats, Top, Files — each reading the engine only while it is on screen. For an image:
 * History, Inspect and Containers (ImageTabs).
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Engine, EngineEvent, ImageSummary } from '../../engine/engine.js';
import type { QueryState } from '../../state/container-query.js';
import type { ContainerEntry } from '../../state/containers-store.js';
import type { InsightModel } from '../../state/insight-model.js';
import { LogBuffer } from '../../state/log-buffer.js';
import { holdsLogsOf, type LogsModel, type LogsState } from '../../state/logs-model.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { TabbedPanel } from '../components/TabbedPanel.js';
import { humanDuration } from '../format/duration.js';
import { counted } from '../format/plural.js';
import { useInsight } from '../hooks/use-insight.js';
import { useStore } from '../hooks/use-store.js';
import type { ListName } from '../screen-state.js';
import { DETAIL_TABS, type DetailTab, TAB_TITLES } from '../tabs/detail-tabs.js';
import { fileLines } from '../tabs/file-lines.js';
import { countChanges } from '../tabs/file-tree.js';
import { ImageTabs } from '../tabs/ImageTabs.js';
import type { ImageTab } from '../tabs/image-tabs.js';
import { envLines, inspectLines } from '../tabs/inspect-lines.js';
import { StatsTab } from '../tabs/StatsTab.js';
import { TabLines } from '../tabs/TabLines.js';
import type { TabLine } from '../tabs/tab-lines.js';
import { topLines, topSummary } from '../tabs/top-lines.js';
import type { Theme } from '../theme.js';
import { computeLogWindow, LogsPane } from './LogsPane.js';
import { type LogViewState, logTextSize } from './log-window.js';

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
  tab: DetailTab;
  /** The image tab (History, Inspect, Containers) while the pane belongs to the images list. */
  imageTab: ImageTab;
  /** The first line shown in the Inspect, Env, Top and Files tabs. */
  tabScroll: number;
  /** Written while drawing: how far the shown tab can scroll, for the scroll keys. */
  tabExtent: { maxScroll: number };
  /** The engine while it is connected; the insight tabs read nothing without one. */
  engine: Engine | undefined;
  generation: number;
  /** The engine's events as they arrive (the Files tab reads again on its container's). */
  onEvent?: (listener: (event: EngineEvent) => void) => () => void;
}

const TITLES = DETAIL_TABS.map((t) => TAB_TITLES[t]);

const NO_LINES = new LogBuffer(1);

/**
 * The lines the Logs tab shows: none while the logs are not the selected container's (MainScreen
 * gives NO_LOGS then; the buffer may still hold the last selection's lines).
 */
function shownLines(props: DetailsPaneProps): LogBuffer {
  const { container, logsState } = props;
  return holdsLogsOf(logsState, container?.id) ? props.logs.buffer : NO_LINES;
}

/** The Logs tab's state for the border, the most wanted first (the border drops from the end). */
function logFlags(view: LogViewState, logsState: LogsState, dropped: number): string[] {
  const flags = [view.follow ? 'following' : 'paused scroll'];
  if (!logsState.streaming && logsState.containerId) flags.push('stream ended');
  if (view.timestamps) flags.push('timestamps');
  if (view.wrap) flags.push('wrap');
  if (dropped > 0) flags.push(`${dropped} older lines dropped`);
  return flags;
}

/**
 * Memoised: MainScreen renders on every key and every log line, and the pane's props change only
 * when what it shows does (the selection, its logs, a tab, a scroll), so a cursor move's frame
 * leaves it alone (issue 7).
 */
export const DetailsPane = memo(function DetailsPane(props: DetailsPaneProps) {
  const { mode, container, image, focused, width, height, theme } = props;
  // The Inspect and History tabs' ages ("3 hours ago") are as of the pane's last render; none of
  // the list clocks ticks for them.
  const now = Date.now();
  const insightTab = mode === 'containers' && props.tab !== 'logs' ? props.tab : undefined;
  const insight = useInsight(
    props.engine,
    props.generation,
    container?.id,
    insightTab,
    container?.statusReadAt,
    props.onEvent,
  );
  const border = focused ? theme.border.focused : theme.border.normal;
  if (mode === 'images') {
    return (
      <ImageTabs
        image={image}
        tab={props.imageTab}
        tabScroll={props.tabScroll}
        tabExtent={props.tabExtent}
        engine={props.engine}
        generation={props.generation}
        focused={focused}
        borderColor={border}
        width={width}
        height={height}
        theme={theme}
        now={now}
      />
    );
  }
  const name = container ? sanitizeForTerminal(container.name, { keepColors: false }) : '';
  const panel = (info: string | readonly string[], children: React.ReactNode) => (
    <TabbedPanel
      tabs={TITLES}
      current={DETAIL_TABS.indexOf(props.tab)}
      width={width}
      height={height}
      focused={focused}
      borderColor={border}
      currentColor={theme.text.accent}
      info={info}
    >
      {children}
    </TabbedPanel>
  );
  if (props.tab === 'logs' || !container) {
    props.tabExtent.maxScroll = 0;
    return panel(
      logFlags(props.view, props.logsState, shownLines(props).dropped),
      <LogsBody {...props} name={name} />,
    );
  }
  return (
    <InsightBody {...props} container={container} name={name} insight={insight} panel={panel} now={now} />
  );
});

function LogsBody(props: DetailsPaneProps & { name: string }) {
  const { container, logsState, view, theme, name } = props;
  const buffer = shownLines(props);
  const searchLine = props.searching || props.search.query ? 1 : 0;
  const { width: textWidth, height: textHeight } = logTextSize(props.width, props.height, searchLine > 0);
  const window = computeLogWindow(buffer, view, textWidth, textHeight);
  return (
    <>
      <Text color={theme.text.muted} wrap="truncate-end">
        {container
          ? `${name} · ${container.state} · ${sanitizeForTerminal(container.image, { keepColors: false })} · ${counted(buffer.length, 'line')}${logsState.error ? ` · ${logsState.error}` : ''}`
          : ''}
      </Text>
      <LogsPane
        buffer={buffer}
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
    </>
  );
}

interface InsightBodyProps extends DetailsPaneProps {
  container: ContainerEntry;
  now: number;
  name: string;
  insight: InsightModel;
  panel: (info: string | readonly string[], children: React.ReactNode) => React.ReactElement;
}

/** What a read of the engine has to say before there is anything to show. */
function queryNote<T>(query: QueryState<T>, containerId: string): string | undefined {
  if (query.containerId !== containerId || (query.data === undefined && query.loading)) return 'Reading…';
  if (query.data === undefined && query.error) return query.error;
  return undefined;
}

function InsightBody(props: InsightBodyProps) {
  const { container, insight, theme, name, tab } = props;
  const details = useStore(insight.details.store);
  const processes = useStore(insight.processes.store);
  const changes = useStore(insight.changes.store);
  const stats = useStore(insight.stats.store);
  const bodyHeight = Math.max(1, props.height - 3);
  const bodyWidth = Math.max(1, props.width - 2);
  const heading = `${name} · ${container.state} · ${sanitizeForTerminal(container.image, { keepColors: false })}`;

  if (tab === 'stats') {
    props.tabExtent.maxScroll = 0;
    const running = container.state === 'running' || container.state === 'paused';
    const samples = stats.containerId === container.id ? stats.samples : [];
    const last = samples[samples.length - 1];
    const seconds = Math.min(samples.length, bodyWidth);
    const note = !running
      ? `${name} is not running: no stats.`
      : stats.error
        ? stats.error
        : samples.length === 0
          ? 'Waiting for the first sample…'
          : `${counted(last?.pids ?? 0, 'pid')} · last ${humanDuration(seconds * 1000)}, one column a second`;
    return props.panel(
      stats.streaming ? 'live' : 'stopped',
      <>
        <Text color={theme.text.muted} wrap="truncate-end">
          {`${heading} · ${note}`}
        </Text>
        {samples.length > 0 ? (
          <StatsTab samples={samples} width={bodyWidth} height={bodyHeight} theme={theme} />
        ) : null}
      </>,
    );
  }

  let lines: TabLine[] = [];
  let info = '';
  let note: string | undefined;
  let summary = '';
  if (tab === 'inspect' || tab === 'env') {
    note = queryNote(details, container.id);
    if (!note && details.data) {
      lines = tab === 'inspect' ? inspectLines(details.data, props.now) : envLines(details.data.config.env);
      summary = tab === 'env' ? counted(lines.length, 'variable') : '';
      if (tab === 'env' && lines.length === 0) note = `${name} has no environment variables.`;
    }
  } else if (tab === 'top') {
    note = queryNote(processes, container.id);
    info = 'every 2 s';
    if (!note && processes.data) {
      lines = topLines(processes.data);
      summary = topSummary(processes.data);
    }
    if (processes.error && processes.data) summary = processes.error;
  } else if (tab === 'files') {
    note = queryNote(changes, container.id);
    info = 'read again on its events';
    if (!note && changes.data) {
      lines = fileLines(changes.data);
      const counts = countChanges(changes.data);
      summary = `${counts.added} added · ${counts.changed} changed · ${counts.deleted} deleted, against the image`;
      if (changes.data.length === 0) note = `No changes in ${name}'s writable layer.`;
    }
  }
  const maxScroll = Math.max(0, lines.length - bodyHeight);
  props.tabExtent.maxScroll = maxScroll;
  const top = Math.min(props.tabScroll, maxScroll);
  if (lines.length > bodyHeight)
    info = [info, `${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length}`]
      .filter(Boolean)
      .join(' · ');
  return props.panel(
    info,
    <>
      <Text color={theme.text.muted} wrap="truncate-end">
        {[heading, summary].filter(Boolean).join(' · ')}
      </Text>
      {note ? (
        <Text color={theme.text.muted} wrap="truncate-end">
          {sanitizeForTerminal(note, { keepColors: false })}
        </Text>
      ) : (
        <TabLines lines={lines} top={top} height={bodyHeight} theme={theme} />
      )}
    </>,
  );
}
