/**
 * A terminal emulator for one interactive session: the container's bytes go into
 * @xterm/headless, which interprets every escape sequence; berth then redraws the emulator's
 * cells. So nothing the container sends (title, clipboard, mouse or screen modes) ever reaches
 * the real terminal: it only changes this emulator's state.
 */
import type xterm from '@xterm/headless';

/**
 * @xterm/headless is a quarter of a megabyte of JavaScript that the first frame does not need:
 * it is loaded when the first session opens (`loadEmulator`), not at start-up.
 */
let xtermModule: typeof xterm | undefined;

export async function loadEmulator(): Promise<void> {
  xtermModule ??= (await import('@xterm/headless')).default;
}

/** One run of cells with the same look. */
export interface StyledSpan {
  text: string;
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strikethrough?: boolean;
}

export interface ScreenSnapshot {
  rows: StyledSpan[][];
  cols: number;
  /** The cursor, relative to the rows shown; undefined when hidden or scrolled out of view. */
  cursor?: { x: number; y: number };
  /** Lines scrolled back from the bottom (0 = live). */
  scrolledBack: number;
  /** The program asked for application cursor keys (arrows as `ESC O A`). */
  applicationCursorKeys: boolean;
}

const NAMED_COLORS = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
];

/** An xterm colour as Ink understands it: a name for the 16 basic ones, ansi256(n), or #rrggbb. */
export function inkColor(mode: 'palette' | 'rgb' | 'default', value: number): string | undefined {
  if (mode === 'default') return undefined;
  if (mode === 'rgb') return `#${value.toString(16).padStart(6, '0')}`;
  return value < 16 ? NAMED_COLORS[value] : `ansi256(${value})`;
}

type Cell = xterm.IBufferCell;

function cellStyle(cell: Cell): Omit<StyledSpan, 'text'> {
  const fgMode = cell.isFgRGB() ? 'rgb' : cell.isFgPalette() ? 'palette' : 'default';
  const bgMode = cell.isBgRGB() ? 'rgb' : cell.isBgPalette() ? 'palette' : 'default';
  const style: Omit<StyledSpan, 'text'> = {};
  const fg = inkColor(fgMode, cell.getFgColor());
  const bg = inkColor(bgMode, cell.getBgColor());
  if (fg) style.fg = fg;
  if (bg) style.bg = bg;
  if (cell.isBold()) style.bold = true;
  if (cell.isDim()) style.dim = true;
  if (cell.isItalic()) style.italic = true;
  if (cell.isUnderline()) style.underline = true;
  if (cell.isInverse()) style.inverse = true;
  if (cell.isStrikethrough()) style.strikethrough = true;
  return style;
}

function sameStyle(a: Omit<StyledSpan, 'text'>, b: Omit<StyledSpan, 'text'>): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.inverse === b.inverse &&
    a.strikethrough === b.strikethrough
  );
}

/** One buffer line as spans; wide characters (CJK, emoji) take their two cells as one. */
export function lineSpans(line: xterm.IBufferLine | undefined, cols: number, scratch?: Cell): StyledSpan[] {
  if (!line) return [{ text: ' '.repeat(cols) }];
  const spans: StyledSpan[] = [];
  let current: StyledSpan | undefined;
  for (let x = 0; x < cols; x++) {
    const cell = line.getCell(x, scratch);
    if (!cell) break;
    const width = cell.getWidth();
    if (width === 0) continue; // the right half of a wide character
    const chars = cell.getChars() || ' ';
    const style = cellStyle(cell);
    if (current && sameStyle(current, style)) current.text += chars;
    else {
      current = { text: chars, ...style };
      spans.push(current);
    }
  }
  return spans;
}

/** Keys counted as awaiting output at most (a paste is one write, so this is typing ahead). */
const MAX_KEYS_AWAITING_OUTPUT = 16;

export class SessionEmulator {
  readonly terminal: xterm.Terminal;
  private scrollback = 0;
  private cursorHidden = false;
  private changeListeners = new Set<() => void>();
  private keysAwaitingOutput = 0;

  /** `loadEmulator()` must have resolved first. */
  constructor(cols: number, rows: number, options: { convertEol?: boolean; scrollback?: number } = {}) {
    if (!xtermModule) throw new Error('SessionEmulator: call loadEmulator() first');
    this.terminal = new xtermModule.Terminal({
      cols,
      rows,
      scrollback: options.scrollback ?? 5000,
      allowProposedApi: true,
      // Output of a session without a TTY ends lines in a bare \n.
      convertEol: options.convertEol ?? false,
    });
    // Cursor visibility (DECTCEM, `CSI ? 25 h/l`) is not public in xterm's API: watch for it,
    // returning false so xterm still handles the sequence itself.
    const watchCursor = (hidden: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorHidden = hidden;
      return false;
    };
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, watchCursor(false));
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, watchCursor(true));
  }

  /** Raw bytes from the session: never decoded here, so split UTF-8 characters stay whole. */
  write(chunk: Uint8Array): void {
    if (this.keysAwaitingOutput > 0) {
      this.keysAwaitingOutput--;
      // xterm parses the next write at once after user input (`input('', true)`: no data, and
      // nothing listens to the terminal's own onData).
      this.terminal.input('', true);
    }
    this.terminal.write(chunk, () => this.changed());
  }

  /**
   * A key went to the session: the output that answers it (its echo, most often) is parsed as it
   * arrives. xterm parses a write on a timer (`setTimeout`, 1 ms or more in Node) unless the user
   * typed into the terminal just before, which it learns from its own input; berth sends keys to
   * the session itself, so it counts them here, and each makes one chunk of output parse at once
   * (keys typed faster than their echoes come each get theirs; a key with no echo, a password's,
   * leaves its turn to the next output).
   */
  noteUserInput(): void {
    this.keysAwaitingOutput = Math.min(this.keysAwaitingOutput + 1, MAX_KEYS_AWAITING_OUTPUT);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.terminal.cols && rows === this.terminal.rows) return;
    this.terminal.resize(Math.max(2, cols), Math.max(1, rows));
    this.changed();
  }

  /** Scrolls the view back (positive) or forward (negative); 0 returns to the live screen. */
  scrollBy(lines: number): void {
    const buffer = this.terminal.buffer.active;
    this.scrollback = Math.max(0, Math.min(buffer.baseY, this.scrollback + lines));
    this.changed();
  }

  resetScroll(): void {
    if (this.scrollback === 0) return;
    this.scrollback = 0;
    this.changed();
  }

  get applicationCursorKeys(): boolean {
    return this.terminal.modes.applicationCursorKeysMode;
  }

  snapshot(): ScreenSnapshot {
    const buffer = this.terminal.buffer.active;
    const { cols, rows } = this.terminal;
    const top = Math.max(0, buffer.baseY - this.scrollback);
    const scratch = buffer.getNullCell();
    const lines: StyledSpan[][] = [];
    for (let y = 0; y < rows; y++) lines.push(lineSpans(buffer.getLine(top + y), cols, scratch));
    const cursorRow = buffer.baseY + buffer.cursorY - top;
    const hidden = this.cursorHidden;
    return {
      rows: lines,
      cols,
      cursor: !hidden && cursorRow >= 0 && cursorRow < rows ? { x: buffer.cursorX, y: cursorRow } : undefined,
      scrolledBack: this.scrollback,
      applicationCursorKeys: this.applicationCursorKeys,
    };
  }

  /** The visible text, for tests and the "copy" of a screen. */
  text(): string {
    return this.snapshot()
      .rows.map((spans) =>
        spans
          .map((s) => s.text)
          .join('')
          .trimEnd(),
      )
      .join('\n');
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed() {
    for (const listener of this.changeListeners) listener();
  }

  dispose(): void {
    this.changeListeners.clear();
    this.terminal.dispose();
  }
}
