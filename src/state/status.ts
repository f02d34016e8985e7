/** The status line's message: what berth is doing or just did, and the docker command for it. */
import { Store } from './store.js';

export type StatusKind = 'info' | 'progress' | 'success' | 'error';

export interface StatusMessage {
  kind: StatusKind;
  text: string;
  /** The equivalent docker CLI command, shown and copyable with `y`. */
  command?: string;
  /** For a stop: when SIGKILL follows the SIGTERM (epoch ms), drawn as a countdown. */
  deadline?: number;
}

/** How long a message stays before the status line goes back to its hints. */
const SHOWN_FOR: Record<StatusKind, number | undefined> = {
  info: 8_000,
  success: 8_000,
  error: 30_000,
  // Progress stays until the action reports its result.
  progress: undefined,
};

export class StatusStore {
  readonly store = new Store<StatusMessage | undefined>(undefined);
  private timer: NodeJS.Timeout | undefined;

  show(message: StatusMessage) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.store.set(message);
    const shownFor = SHOWN_FOR[message.kind];
    if (shownFor !== undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.store.get() === message) this.store.set(undefined);
      }, shownFor);
      // A message waiting to fade must not keep berth (or a test) running.
      this.timer.unref();
    }
  }

  clear() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.store.set(undefined);
  }
}
