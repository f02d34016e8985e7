import { Box, Text } from 'ink';
import { MIN_COLS, MIN_ROWS } from '../layout.js';

/** Below 40×10 nothing useful fits: say so and wait for a resize. */
export function TooSmall({ cols, rows }: { cols: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">berth: the terminal is too small</Text>
      <Text wrap="wrap">{`${cols}×${rows}; needs ${MIN_COLS}×${MIN_ROWS}.`}</Text>
      <Text wrap="wrap">Resize it, or q to quit.</Text>
    </Box>
  );
}
