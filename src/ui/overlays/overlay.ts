/** The one dialog that may be open over the screen at a time. */
import type { BuildTask } from '../../state/build-model.js';
import type { PullTask } from '../../state/pull-model.js';

export interface MenuItem {
  label: string;
  value: string;
  hint?: string;
  /** Other names a person may type for it, matched as the label is (a signal's number). */
  aliases?: readonly string[];
}

export type Overlay =
  | {
      kind: 'confirm';
      title: string;
      lines: string[];
      /** Shown as `y yes · n no`, plus any toggles. Enter takes the default, which is No. */
      yesLabel: string;
      tone: 'normal' | 'danger';
      /** Enter says yes: only for what adds and removes nothing the person has (a pull to run). */
      defaultYes?: boolean;
      toggles?: Array<{ key: string; label: string; on: boolean; locked?: boolean }>;
      onYes: (toggles: Record<string, boolean>) => void;
    }
  | {
      kind: 'menu';
      title: string;
      note?: string;
      items: MenuItem[];
      onPick: (value: string) => void;
      /** Typed text with arguments (the palette's `build ./app`): what Enter does, or undefined. */
      onText?: (text: string) => (() => void) | undefined;
    }
  | {
      kind: 'prompt';
      title: string;
      /** What the text is for, e.g. `Command (split like a shell would, but no shell runs it)`. */
      label: string;
      initial?: string;
      /** Returns a sentence to show instead of closing, when the text is not acceptable. */
      onSubmit: (text: string) => string | undefined;
    }
  | { kind: 'help' }
  /** A build streaming its steps; Esc cancels it while it runs. */
  | { kind: 'build'; title: string; build: BuildTask }
  /**
   * A pull with a progress bar per layer; Esc cancels it while it runs. With `then` (a pull that
   * run or create asked for), Enter on a finished pull goes on with it.
   */
  | { kind: 'pull'; title: string; pull: PullTask; then?: { label: string; next: () => void } }
  | { kind: 'message'; title: string; lines: string[] };
