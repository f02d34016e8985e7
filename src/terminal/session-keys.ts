/**
 * What a key pressed in the terminal pane does: most go to the session exactly as the terminal
 * sent them; a few are berth's own — Ctrl-P Ctrl-Q detaches (docker's own detach keys),
 * Ctrl-F toggles full screen, Shift-PgUp/PgDn scroll back. Pure: a small state machine over the
 * raw key sequences Ink reads from the terminal.
 */

export type SessionKeyResult =
  | { kind: 'send'; data: string }
  | { kind: 'detach' }
  | { kind: 'fullScreen' }
  | { kind: 'scroll'; pages: number }
  | { kind: 'none' };

const CTRL_P = '\x10';
const CTRL_Q = '\x11';
const CTRL_F = '\x06';
const SHIFT_PAGE_UP = '\x1b[5;2~';
const SHIFT_PAGE_DOWN = '\x1b[6;2~';

/** Cursor keys as a terminal sends them in normal mode, and their application-mode form. */
const APPLICATION_CURSOR: Record<string, string> = {
  '\x1b[A': '\x1bOA',
  '\x1b[B': '\x1bOB',
  '\x1b[C': '\x1bOC',
  '\x1b[D': '\x1bOD',
  '\x1b[H': '\x1bOH',
  '\x1b[F': '\x1bOF',
};

export class SessionKeys {
  /** A Ctrl-P waiting to see whether Ctrl-Q follows. */
  private pendingCtrlP = false;

  /**
   * `raw` is one key as the terminal sent it. `applicationCursor`: the program in the session
   * asked for application cursor keys (vi, top), which the outer terminal does not know about.
   */
  handle(raw: string, applicationCursor: boolean): SessionKeyResult {
    // Keys typed fast can arrive in one read ("\x10\x11"): berth's own keys inside it still count.
    if (raw.length > 1 && /[\x06\x10\x11]/.test(raw) && !raw.startsWith('\x1b'))
      return this.handleEach(raw, applicationCursor);
    return this.handleOne(raw, applicationCursor);
  }

  private handleEach(raw: string, applicationCursor: boolean): SessionKeyResult {
    let send = '';
    for (const char of raw) {
      const result = this.handleOne(char, applicationCursor);
      if (result.kind === 'send') send += result.data;
      else if (result.kind !== 'none') return send ? { kind: 'send', data: send } : result;
    }
    return send ? { kind: 'send', data: send } : { kind: 'none' };
  }

  private handleOne(raw: string, applicationCursor: boolean): SessionKeyResult {
    if (this.pendingCtrlP) {
      this.pendingCtrlP = false;
      if (raw === CTRL_Q) return { kind: 'detach' };
      // Not a detach after all: the Ctrl-P goes to the session with this key.
      const next = this.handleOne(raw, applicationCursor);
      if (next.kind === 'send') return { kind: 'send', data: CTRL_P + next.data };
      if (next.kind === 'none' && this.pendingCtrlP) return { kind: 'send', data: CTRL_P };
      return next.kind === 'none' ? { kind: 'send', data: CTRL_P } : next;
    }
    if (raw === CTRL_P) {
      this.pendingCtrlP = true;
      return { kind: 'none' };
    }
    if (raw === CTRL_F) return { kind: 'fullScreen' };
    if (raw === SHIFT_PAGE_UP) return { kind: 'scroll', pages: 1 };
    if (raw === SHIFT_PAGE_DOWN) return { kind: 'scroll', pages: -1 };
    if (applicationCursor && APPLICATION_CURSOR[raw]) return { kind: 'send', data: APPLICATION_CURSOR[raw] };
    return { kind: 'send', data: raw };
  }
}
