/** The images list: repository:tag, id, size, age; dangling images marked. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ImageSummary } from '../../engine/engine.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { FilterLine } from '../components/FilterLine.js';
import { Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import { humanDuration } from '../format/duration.js';
import { paint } from '../format/paint.js';
import { humanSize } from '../format/size.js';
import { useClock } from '../hooks/use-clock.js';
import { type Cursor, selectedImageIndex } from '../selection.js';
import type { Theme } from '../theme.js';
import { fitCell } from './container-cells.js';

export interface ImagesPaneProps {
  images: readonly ImageSummary[];
  /** The wanted image: the list reads it itself, so a cursor move renders the list alone. */
  cursor: Cursor;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  filter: string;
  filterEditing: boolean;
  total: number;
}

export function imageLabel(image: ImageSummary): string {
  if (image.dangling) return '<none>:<none>';
  const [first = '', ...others] = image.repoTags;
  return others.length ? `${first} +${others.length}` : first;
}

/** Memoised: a move in the containers list changes none of its props. */
export const ImagesPane = memo(function ImagesPane(props: ImagesPaneProps) {
  const { images, cursor, focused, width, height, theme, filter, filterEditing } = props;
  // The pane's own clock: an image's age ticking over renders this pane alone.
  const now = useClock(undefined, images);
  const inner = width - 4;
  const size = 8;
  const age = inner >= 50 ? 14 : 0;
  const id = inner >= 60 ? 12 : 0;
  const name = Math.max(8, inner - size - age - id - (age ? 1 : 0) - (id ? 1 : 0) - 1);
  const filterLine = filterEditing || filter ? 1 : 0;
  const listHeight = Math.max(0, height - 2 - filterLine);
  return (
    <Panel
      title={`Images (${images.length === props.total ? props.total : `${images.length}/${props.total}`})`}
      width={width}
      height={height}
      focused={focused}
      borderColor={focused ? theme.border.focused : theme.border.normal}
    >
      <FilterLine filter={filter} editing={filterEditing} theme={theme} />
      {images.length === 0 ? (
        <Text color={theme.text.muted}>{filter ? `  No image matches "${filter}".` : '  No images.'}</Text>
      ) : (
        <VirtualList
          items={images}
          selection={{
            subscribe: cursor.subscribe,
            index: () => selectedImageIndex(images, cursor.get().images),
          }}
          height={listHeight}
          rowKey={(i) => i.id}
          renderRow={(image, _index, selected) => {
            const highlight = selected && focused;
            const label = sanitizeForTerminal(imageLabel(image), { keepColors: false });
            const muted = highlight ? undefined : theme.text.muted;
            // One styled string, not a <Text> a cell: the same bytes from a fifth of the nodes.
            const line =
              (selected ? '▶ ' : '  ') +
              paint(fitCell(label, name), { bold: selected, color: image.dangling ? muted : undefined }) +
              (id ? paint(` ${fitCell(image.shortId, id)}`, { color: muted }) : '') +
              ` ${humanSize(image.size).padStart(size)}` +
              (age
                ? paint(` ${fitCell(`${humanDuration(now - image.created * 1000)} ago`, age)}`, {
                    color: muted,
                  })
                : '');
            return (
              <Text wrap="truncate-end" inverse={highlight}>
                {line}
              </Text>
            );
          }}
        />
      )}
      <Box flexGrow={1} />
    </Panel>
  );
});
