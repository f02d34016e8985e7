/**
 * The shape shared by interactive sessions (exec -it and attach): raw bytes out, keystrokes in,
 * resize, exit. Listeners that subscribe late still get what already happened, so a caller that
 * awaits the session and then subscribes loses neither the first prompt nor an early exit.
 */
import type { EngineError } from './errors.js';
import type { OutputStream } from './logs.js';

export interface TerminalSession {
  /** The exec id (exec sessions) or the container id (attach). */
  readonly id: string;
  /** True when output is raw TTY bytes; false when it was demultiplexed (lines end in a bare `\n`). */
  readonly tty: boolean;
  /** False when input cannot reach the process (a container started without `-i`). */
  readonly canWrite: boolean;
  /** A sentence for the user when something about the session is limited, e.g. no input. */
  readonly note: string | undefined;
  /** Sends keystrokes or pasted bytes to the process's stdin. */
  write(data: string | Buffer): void;
  /** Resizes the TTY (a no-op without one). */
  resize(cols: number, rows: number): Promise<void>;
  /** Raw output bytes, never decoded here: a UTF-8 character may span two chunks. */
  onData(listener: (chunk: Buffer, stream: OutputStream) => void): () => void;
  /** The exit code once the process ended, or null when it is unknown (e.g. after a detach). */
  onExit(listener: (exitCode: number | null) => void): () => void;
  /** Failures after the session opened, e.g. a command the container lacks (ExecFailed). */
  onError(listener: (error: EngineError) => void): () => void;
  /** Ends the session: exec sends Ctrl-D then closes; attach detaches. Resolves once closed. */
  close(): Promise<void>;
  /**
   * A `run -it` session: the id of the container it made, once the engine has made it
   * (undefined when it never did: the image could not run, the session ended first).
   */
  readonly madeContainerId?: Promise<string | undefined>;
}

type DataListener = (chunk: Buffer, stream: OutputStream) => void;

/** Event plumbing for sessions, remembering the past for late subscribers. */
export class SessionEvents {
  private readonly dataListeners = new Set<DataListener>();
  private readonly exitListeners = new Set<(exitCode: number | null) => void>();
  private readonly errorListeners = new Set<(error: EngineError) => void>();
  /** Output that came before anyone listened; undefined once it has been handed over. */
  private early: Array<[Buffer, OutputStream]> | undefined = [];
  private unreportedErrors: EngineError[] = [];
  private exit: { code: number | null } | undefined;

  get exited(): boolean {
    return this.exit !== undefined;
  }

  emitData(chunk: Buffer, stream: OutputStream): void {
    if (this.early) {
      this.early.push([chunk, stream]);
      return;
    }
    for (const listener of this.dataListeners) listener(chunk, stream);
  }

  emitError(error: EngineError): void {
    if (this.errorListeners.size === 0) this.unreportedErrors.push(error);
    for (const listener of this.errorListeners) listener(error);
  }

  emitExit(code: number | null): void {
    if (this.exit) return;
    this.exit = { code };
    for (const listener of this.exitListeners) listener(code);
  }

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    const early = this.early;
    this.early = undefined;
    if (early) for (const [chunk, stream] of early) listener(chunk, stream);
    return () => this.dataListeners.delete(listener);
  }

  onExit(listener: (exitCode: number | null) => void): () => void {
    const exit = this.exit;
    if (exit) queueMicrotask(() => listener(exit.code));
    else this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  onError(listener: (error: EngineError) => void): () => void {
    this.errorListeners.add(listener);
    const pending = this.unreportedErrors;
    this.unreportedErrors = [];
    for (const error of pending) queueMicrotask(() => listener(error));
    return () => this.errorListeners.delete(listener);
  }
}
