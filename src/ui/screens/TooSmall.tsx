import { Box, Text } from 'ink';
import { MIN_COLS, MIN_ROWS } from '../layout.js';

/** Below 40×10 nothing useful fits: say so and wait for a resize. */
export function TooSmall({ cols, rows }: { cols: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">berth: the terminal is too small</Text>
      <Text wrap="truncate-end">{`${cols}×${rows}; needs ${MIN_COLS}×${MIN_ROWS}.`}</Text>
      <Text wrap="truncate-end">Resize it, or q to quit.</Text>
    </Box>
  );
}
