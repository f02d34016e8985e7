/**
 * Draws an interactive session's screen changes straight onto the terminal, so a keystroke's
 * echo shows at once instead of after a whole Ink frame (React, layout and Ink's output of
 * every cell of the screen: 10–25 ms on this project's 2-core machine, against the shell's own
 * echo of under a millisecond).
 *
 * Ink stays the source of truth: the terminal pane still renders the emulator's rows into Ink's
 * tree, and Ink's next frame draws the same cells. The painter only draws ahead of it, and only
 * while the pane has the keys (no dialog over it), so it never draws over anything else. Each
 * paint saves and restores the cursor (DECSC/DECRC), which is where Ink's next frame starts
 * from. After every frame Ink writes, the painter compares what that frame held for the pane
 * (recorded by the pane when it committed) with the emulator now, and draws the difference.
 */
import chalk from 'chalk';
import stringWidth from 'string-width';
import type { SessionEmulator, StyledSpan } from '../terminal/emulator.js';
import { colored } from './format/paint.js';
import { withCursor } from './panes/terminal-lines.js';

/** Where the pane's rows are on the screen, in cells from the top-left (0-based). */
export interface PaintRegion {
  x: number;
  y: number;
  cols: number;
  rows: number;
}

export interface PaintTarget {
  emulator: SessionEmulator;
  /** Read at paint time: the pane's position as the last frame Ink wrote laid it out. */
  region: () => PaintRegion | undefined;
  /** Colours on (off under NO_COLOR, as the pane draws them). */
  color: boolean;
}

const SAVE_CURSOR = '\x1b7';
const RESTORE_CURSOR = '\x1b8';
const RESET = '\x1b[0m';

/** One span as Ink's Text draws it: the same chalk styles, so the cells come out the same. */
function spanAnsi(span: StyledSpan, color: boolean): string {
  let text = span.text;
  if (color && span.fg) text = colored(text, span.fg, false);
  if (color && span.bg) text = colored(text, span.bg, true);
  if (span.dim) text = chalk.dim(text);
  if (span.bold) text = chalk.bold(text);
  if (span.italic) text = chalk.italic(text);
  if (span.underline) text = chalk.underline(text);
  if (span.strikethrough) text = chalk.strikethrough(text);
  if (span.inverse) text = chalk.inverse(text);
  return text;
}

/** Spans cut or padded to exactly `cols` cells (a wide character that would straddle is dropped). */
function fitSpans(spans: readonly StyledSpan[], cols: number): StyledSpan[] {
  const out: StyledSpan[] = [];
  let used = 0;
  for (const span of spans) {
    if (used >= cols) break;
    const width = stringWidth(span.text);
    if (used + width <= cols) {
      out.push(span);
      used += width;
      continue;
    }
    let text = '';
    for (const char of span.text) {
      const w = stringWidth(char);
      if (used + w > cols) break;
      text += char;
      used += w;
    }
    if (text) out.push({ ...span, text });
    break;
  }
  if (used < cols) out.push({ text: ' '.repeat(cols - used) });
  return out;
}

/** One row of the pane, cursor included, as the characters and SGR codes to write. */
export function rowAnsi(spans: readonly StyledSpan[], cols: number, color: boolean): string {
  return fitSpans(spans, cols)
    .map((span) => spanAnsi(span, color))
    .join('');
}

/** The pane's rows as the terminal pane draws them: the cursor an inverse cell. */
export function paneRows(emulator: SessionEmulator, rows: number): StyledSpan[][] {
  const snapshot = emulator.snapshot();
  return snapshot.rows
    .slice(0, rows)
    .map((spans, y) => (snapshot.cursor?.y === y ? withCursor(spans, snapshot.cursor.x) : spans));
}

export class TerminalPainter {
  private target: PaintTarget | undefined;
  private unsubscribe: (() => void) | undefined;
  /** What the screen shows in the pane's rows now, by row (undefined: unknown). */
  private onScreen: (string | undefined)[] = [];
  /** What the pane's last committed render holds: Ink's next frame writes exactly that. */
  private committed: (string | undefined)[] = [];
  private frameCheck: NodeJS.Immediate | undefined;
  private lastRegion: PaintRegion | undefined;

  /**
   * @param write writes to the terminal
   * @param drawnOver told of the screen rows each paint drew (Ink's screen writer then writes
   *   them whole in its next frame: what they show is no longer its last frame's)
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly drawnOver: (firstRow: number, count: number) => void = () => {},
  ) {}

  /** The pane has the keys: draw its changes as they happen. */
  attach(target: PaintTarget): void {
    this.detach();
    this.target = target;
    this.onScreen = [];
    this.committed = [];
    this.unsubscribe = target.emulator.onChange(() => this.paint());
  }

  /** A dialog opened, the pane lost the keys or went away: Ink alone draws it again. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.target = undefined;
    if (this.frameCheck) clearImmediate(this.frameCheck);
    this.frameCheck = undefined;
  }

  get attached(): boolean {
    return this.target !== undefined;
  }

  /** The terminal pane committed these rows (called from its layout effect). */
  committedRows(rows: readonly StyledSpan[][], cols: number, color: boolean): void {
    this.committed = rows.map((spans) => rowAnsi(spans, cols, color));
  }

  /**
   * Ink wrote (part of) a frame. Checked once the write is done (a frame is several writes):
   * the pane's rows now show what was committed; whatever changed since is drawn.
   */
  frameWritten(): void {
    if (!this.target || this.frameCheck) return;
    this.frameCheck = setImmediate(() => {
      this.frameCheck = undefined;
      this.onScreen = [...this.committed];
      this.paint();
    });
  }

  /** Draws the rows that differ from what the screen shows. */
  paint(): void {
    const target = this.target;
    if (!target) return;
    const region = target.region();
    if (!region || region.cols <= 0 || region.rows <= 0) return;
    if (!sameRegion(region, this.lastRegion)) {
      // Moved or resized: what was on screen where is no longer known.
      this.lastRegion = region;
      this.onScreen = [...this.committed];
    }
    const rows = paneRows(target.emulator, region.rows);
    let out = '';
    for (let y = 0; y < region.rows; y++) {
      const row = rowAnsi(rows[y] ?? [], region.cols, target.color);
      if (this.onScreen[y] === row) continue;
      this.onScreen[y] = row;
      out += `\x1b[${region.y + y + 1};${region.x + 1}H${RESET}${row}${RESET}`;
      this.drawnOver(region.y + y, 1);
    }
    if (out) this.write(SAVE_CURSOR + out + RESTORE_CURSOR);
  }
}

function sameRegion(a: PaintRegion, b: PaintRegion | undefined): boolean {
  return b !== undefined && a.x === b.x && a.y === b.y && a.cols === b.cols && a.rows === b.rows;
}

/**
 * A stdout that tells `onWrite` after each write, for Ink: everything else (columns, rows,
 * isTTY, resize events) is the real stream's.
 */
export function observeWrites<T extends NodeJS.WriteStream>(stream: T, onWrite: () => void): T {
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') {
        return (...args: Parameters<T['write']>) => {
          const written = (target.write as (...a: unknown[]) => boolean)(...args);
          onWrite();
          return written;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
