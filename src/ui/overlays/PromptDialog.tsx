/**
 * Asks for a line of text with the readline keys people expect: Ctrl-A/Ctrl-E start and end,
 * Ctrl-U clears, Ctrl-W deletes a word, arrows move; Enter accepts, Esc cancels.
 */
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import { wrapText } from '../format/wrap.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import type { Theme } from '../theme.js';
import type { Overlay } from './overlay.js';

type Prompt = Extract<Overlay, { kind: 'prompt' }>;

export interface LineState {
  text: string;
  cursor: number;
}

/** The readline edit a key makes; undefined when the key is not an edit. Pure, unit-tested. */
export function editLine(
  line: LineState,
  input: string,
  key: {
    ctrl: boolean;
    meta: boolean;
    leftArrow: boolean;
    rightArrow: boolean;
    backspace: boolean;
    delete: boolean;
    home?: boolean;
    end?: boolean;
  },
): LineState | undefined {
  const { text, cursor } = line;
  if (key.ctrl && input === 'a') return { text, cursor: 0 };
  if (key.ctrl && input === 'e') return { text, cursor: text.length };
  if (key.ctrl && input === 'u') return { text: text.slice(cursor), cursor: 0 };
  if (key.ctrl && input === 'k') return { text: text.slice(0, cursor), cursor };
  if (key.ctrl && input === 'w') {
    const before = text.slice(0, cursor).replace(/\S+\s*$/, '');
    return { text: before + text.slice(cursor), cursor: before.length };
  }
  if (key.home) return { text, cursor: 0 };
  if (key.end) return { text, cursor: text.length };
  if (key.leftArrow) return { text, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { text, cursor: Math.min(text.length, cursor + 1) };
  if (key.backspace || key.delete) {
    if (cursor === 0) return line;
    return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
  }
  if (input && !key.ctrl && !key.meta && !/[\x00-\x1f\x7f]/.test(input)) {
    return { text: text.slice(0, cursor) + input + text.slice(cursor), cursor: cursor + input.length };
  }
  return undefined;
}

export interface PromptDialogProps {
  overlay: Prompt;
  width: number;
  theme: Theme;
  onClose: () => void;
}

export function PromptDialog({ overlay, width, theme, onClose }: PromptDialogProps) {
  const [line, setLineState] = useState<LineState>(() => ({
    text: overlay.initial ?? '',
    cursor: (overlay.initial ?? '').length,
  }));
  // Keys of one read arrive before a re-render: each must edit what the previous one left.
  const lineRef = useRef(line);
  const setLine = (next: LineState) => {
    lineRef.current = next;
    setLineState(next);
  };
  const [problem, setProblem] = useState<string | undefined>();
  useStableInput((input, key) => {
    if (key.escape) return onClose();
    if (key.return) {
      const refusal = overlay.onSubmit(lineRef.current.text);
      if (refusal) setProblem(refusal);
      // Closes this prompt only: what the answer opened next (a menu, a pane) stays.
      else onClose();
      return;
    }
    const next = editLine(lineRef.current, input, key);
    if (next) {
      setLine(next);
      setProblem(undefined);
    }
  });
  const inner = width - 4;
  const before = line.text.slice(0, line.cursor);
  const at = line.text[line.cursor] ?? ' ';
  const after = line.text.slice(line.cursor + 1);
  return (
    <Dialog
      title={overlay.title}
      width={width}
      theme={theme}
      footer="Enter accept · Esc cancel · Ctrl-U clear · Ctrl-W word"
    >
      {/* The label says what the answer may hold: wrapped at words, said whole at 80 columns. */}
      {wrapText(overlay.label, inner).map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of one label, in order
        <Text key={i} color={theme.text.muted} wrap="truncate-end">
          {row.padEnd(inner)}
        </Text>
      ))}
      <Text wrap="truncate-start">
        <Text color={theme.text.accent}>{'> '}</Text>
        {before}
        <Text inverse>{at}</Text>
        {after}
        {' '.repeat(Math.max(0, inner - 3 - line.text.length))}
      </Text>
      {problem ? (
        <Text color={theme.status.error} wrap="wrap">
          {problem.padEnd(inner)}
        </Text>
      ) : null}
    </Dialog>
  );
}
