import { Text } from 'ink';
import type { Theme } from '../theme.js';

/** The `/filter` line at the top of a list, with a block cursor while it is being typed. */
export function FilterLine({ filter, editing, theme }: { filter: string; editing: boolean; theme: Theme }) {
  if (!editing && !filter) return null;
  return (
    <Text wrap="truncate-end" color={theme.text.accent}>
      /{filter}
      {editing ? <Text inverse> </Text> : null}
    </Text>
  );
}
