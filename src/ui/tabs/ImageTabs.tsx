/**
 * The detail pane for an image: History, Inspect and Containers tabs, switched with `[` and `]`.
 * Only the shown tab reads the engine, for the selected image; an image event reads it again.
 */
import { Text } from 'ink';
import { useEffect, useMemo } from 'react';
import type { Engine, ImageSummary } from '../../engine/engine.js';
import type { ImageDetails, ImageLayer } from '../../engine/images.js';
import { ContainerQuery, type QueryState } from '../../state/container-query.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { TabbedPanel } from '../components/TabbedPanel.js';
import { humanDuration } from '../format/duration.js';
import { humanSize } from '../format/size.js';
import { useStore } from '../hooks/use-store.js';
import type { Theme } from '../theme.js';
import {
  historyLines,
  IMAGE_TAB_TITLES,
  IMAGE_TABS,
  type ImageTab,
  imageContainersLines,
  imageInspectLines,
} from './image-tabs.js';
import { TabLines } from './TabLines.js';
import type { TabLine } from './tab-lines.js';

export interface ImageTabsProps {
  image: ImageSummary | undefined;
  tab: ImageTab;
  tabScroll: number;
  tabExtent: { maxScroll: number };
  engine: Engine | undefined;
  generation: number;
  focused: boolean;
  borderColor: string | undefined;
  width: number;
  height: number;
  theme: Theme;
  now: number;
}

const TITLES = IMAGE_TABS.map((t) => IMAGE_TAB_TITLES[t]);

/** The three reads, one model for the pane's life; each is open only while its tab is shown. */
function useImageQueries(
  engine: Engine | undefined,
  generation: number,
  image: ImageSummary | undefined,
  tab: ImageTab,
) {
  const queries = useMemo(
    () => ({
      history: new ContainerQuery<ImageLayer[]>((e, id) => e.imageHistory(id)),
      inspect: new ContainerQuery<ImageDetails>((e, id) => e.inspectImage(id)),
      containers: new ContainerQuery<string[]>((e, id) => e.containersUsingImage(id)),
    }),
    [],
  );
  const id = image?.id;
  // The image's tags change with `docker tag`, its containers with runs: read again on a change.
  const version = image ? `${image.repoTags.join(',')}|${image.containers ?? ''}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` and `version` must reopen the read
  useEffect(() => {
    if (!engine || !id) return;
    const query = queries[tab];
    void query.open(engine, id);
    return () => query.close();
  }, [queries, engine, generation, id, tab, version]);
  return queries;
}

function note<T>(query: QueryState<T>, id: string): string | undefined {
  if (query.containerId !== id || (query.data === undefined && query.loading)) return 'Reading…';
  if (query.data === undefined && query.error) return query.error;
  return undefined;
}

export function ImageTabs(props: ImageTabsProps) {
  const { image, tab, theme, width, height } = props;
  const queries = useImageQueries(props.engine, props.generation, image, tab);
  const history = useStore(queries.history.store);
  const inspect = useStore(queries.inspect.store);
  const containers = useStore(queries.containers.store);
  const bodyHeight = Math.max(1, height - 3);

  let lines: TabLine[] = [];
  let message: string | undefined;
  let heading = '';
  if (!image) {
    message = 'No image selected.';
  } else {
    const name = image.repoTags.length ? image.repoTags.join(', ') : '<none> (dangling)';
    heading = `${name} · ${image.shortId} · ${humanSize(image.size)} · ${humanDuration(Math.max(0, props.now - image.created * 1000))} ago`;
    if (tab === 'history') {
      message = note(history, image.id);
      if (!message && history.data) lines = historyLines(history.data, props.now);
    } else if (tab === 'inspect') {
      message = note(inspect, image.id);
      if (!message && inspect.data) lines = imageInspectLines(inspect.data);
    } else {
      message = note(containers, image.id);
      if (!message && containers.data)
        lines = imageContainersLines(containers.data, image.repoTags[0] ?? image.shortId);
    }
  }
  const maxScroll = Math.max(0, lines.length - bodyHeight);
  props.tabExtent.maxScroll = maxScroll;
  const top = Math.min(props.tabScroll, maxScroll);
  const info =
    lines.length > bodyHeight
      ? `${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length}`
      : '';
  return (
    <TabbedPanel
      tabs={TITLES}
      current={IMAGE_TABS.indexOf(tab)}
      width={width}
      height={height}
      focused={props.focused}
      borderColor={props.borderColor}
      currentColor={theme.text.accent}
      info={info}
    >
      <Text color={theme.text.muted} wrap="truncate-end">
        {sanitizeForTerminal(heading, { keepColors: false })}
      </Text>
      {message ? (
        <Text color={theme.text.muted} wrap="truncate-end">
          {sanitizeForTerminal(message, { keepColors: false })}
        </Text>
      ) : (
        <TabLines lines={lines} top={top} height={bodyHeight} theme={theme} />
      )}
    </TabbedPanel>
  );
}
