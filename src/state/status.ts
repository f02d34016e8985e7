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

export class StatusStore {
  readonly store = new Store<StatusMessage | undefined>(undefined);

  show(message: StatusMessage) {
    this.store.set(message);
  }

  clear() {
    this.store.set(undefined);
  }
}
