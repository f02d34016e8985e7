/**
 * The interactive sessions berth holds: `exec -it`, `run -it`, `attach` and `start -ai`, each
 * with its own terminal emulator. A session outlives its pane: detaching (Ctrl-P Ctrl-Q) keeps
 * it, `e` or `a` on the container returns to it with its scrollback (session-commands.ts says
 * which). Which backend runs a session (the docker CLI in a pty, or the Engine API's hijacked
 * stream) is decided once, at start-up.
 */
import type { Engine, TerminalSession, TerminalSize } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import type { PortBinding } from '../engine/port-spec.js';
import { loadEmulator, SessionEmulator } from '../terminal/emulator.js';
import { Store } from './store.js';

export type SessionKind = 'exec' | 'run' | 'attach' | 'start-attached';

export interface SessionRequest {
  kind: SessionKind;
  /** The container; for run empty until the engine has made it (the session tells: madeContainerId). */
  containerId: string;
  /** The container's name; for run the image's until its container is found. */
  containerName: string;
  /** The command, for exec and run (empty: the image's default). */
  argv: string[];
  /** For run: the image, `--rm`, `--name`, `-e` and `-p`. */
  run?: { image: string; remove: boolean; name?: string; env?: string[]; ports?: PortBinding[] };
  /** The equivalent docker command, for the status line. */
  command: string;
}

export interface SessionEntry {
  key: string;
  request: SessionRequest;
  emulator: SessionEmulator;
  status: 'starting' | 'running' | 'exited';
  exitCode?: number | null;
  /** A sentence when the session could not start or the command failed. */
  error?: string;
  /** A limit worth telling, e.g. no input for a container started without -i. */
  note?: string;
  session?: TerminalSession;
}

export interface SessionsState {
  sessions: readonly SessionEntry[];
  /** The session shown in the terminal pane, if any. */
  active?: string;
  fullScreen: boolean;
  /** Bumps on every output, for redraws. */
  version: number;
}

/** Opens a session with one backend; the sessions model does not care which. */
export type SessionOpener = (
  engine: Engine,
  request: SessionRequest,
  size: TerminalSize,
) => Promise<TerminalSession>;

/** The Engine API backend. */
export const apiOpener: SessionOpener = (engine, request, size) => {
  switch (request.kind) {
    case 'exec':
      return engine.openExecSession(request.containerId, request.argv, size);
    case 'attach':
      return engine.attachContainer(request.containerId, size);
    case 'start-attached':
      return engine.startAttached(request.containerId, size);
    case 'run':
      return (async () => {
        const run = request.run!;
        const id = await engine.createContainer({
          image: run.image,
          cmd: request.argv,
          name: run.name,
          env: run.env,
          ports: run.ports,
          tty: true,
          openStdin: true,
          autoRemove: run.remove,
        });
        const session = await engine.startAttached(id, size);
        return Object.assign(session, { madeContainerId: Promise.resolve(id) });
      })();
  }
};

let nextKey = 1;

export class SessionsModel {
  readonly store = new Store<SessionsState>({ sessions: [], fullScreen: false, version: 0 });
  private redrawTimer: NodeJS.Timeout | undefined;
  /** Keys typed while a session was still starting: sent once it runs, not lost. */
  private readonly pendingInput = new Map<string, string>();

  constructor(
    private readonly opener: SessionOpener,
    /** Redraws are coalesced to at most one per this many ms. */
    private readonly redrawMs = 16,
  ) {}

  private update(change: (s: SessionsState) => SessionsState) {
    this.store.update(change);
  }

  private patch(key: string, change: Partial<SessionEntry>) {
    this.update((s) => ({
      ...s,
      version: s.version + 1,
      sessions: s.sessions.map((e) => (e.key === key ? { ...e, ...change } : e)),
    }));
  }

  private lastRedraw = 0;

  /**
   * A keystroke's echo is drawn at once (the leading edge); a flood of output (a `cat` of a big
   * file) is drawn at most once per `redrawMs`.
   */
  private scheduleRedraw() {
    if (this.redrawTimer) return;
    const wait = this.lastRedraw + this.redrawMs - Date.now();
    const redraw = () => {
      this.redrawTimer = undefined;
      this.lastRedraw = Date.now();
      this.update((s) => ({ ...s, version: s.version + 1 }));
    };
    if (wait <= 0) redraw();
    else this.redrawTimer = setTimeout(redraw, wait);
  }

  get(key: string | undefined): SessionEntry | undefined {
    return this.store.get().sessions.find((s) => s.key === key);
  }

  /**
   * A live session on a container, to return to it instead of opening another: the first of
   * `kinds` (in that order of preference) that has one.
   */
  liveFor(containerId: string, kinds: readonly SessionKind[]): SessionEntry | undefined {
    const live = this.store
      .get()
      .sessions.filter((s) => s.request.containerId === containerId && s.status !== 'exited');
    for (const kind of kinds) {
      const found = live.find((s) => s.request.kind === kind);
      if (found) return found;
    }
    return undefined;
  }

  /** Opens a session and shows it; resolves once it runs or has failed (the pane says why). */
  async open(engine: Engine, request: SessionRequest, size: TerminalSize): Promise<string> {
    const key = `s${nextKey++}`;
    await loadEmulator();
    const emulator = new SessionEmulator(size.cols, size.rows);
    emulator.onChange(() => this.scheduleRedraw());
    const entry: SessionEntry = { key, request, emulator, status: 'starting' };
    this.update((s) => ({ ...s, sessions: [...s.sessions, entry], active: key, version: s.version + 1 }));
    let session: TerminalSession;
    try {
      session = await this.opener(engine, request, size);
    } catch (error) {
      const message =
        error instanceof EngineError ? error.message : String((error as Error)?.message ?? error);
      this.pendingInput.delete(key);
      this.patch(key, { status: 'exited', exitCode: null, error: message });
      return key;
    }
    if (!session.tty) {
      // Without a TTY the output's lines end in a bare \n: let the emulator return the carriage.
      emulator.terminal.options.convertEol = true;
    }
    session.onData((chunk) => emulator.write(chunk));
    session.onError((error) => this.patch(key, { error: error.message }));
    session.onExit((exitCode) => this.patch(key, { status: 'exited', exitCode }));
    this.patch(key, { status: 'running', session, note: session.note });
    const typed = this.pendingInput.get(key);
    this.pendingInput.delete(key);
    if (typed) {
      emulator.noteUserInput();
      session.write(typed);
    }
    if (session.madeContainerId) void this.adoptMadeContainer(engine, key, session.madeContainerId);
    return key;
  }

  /**
   * Gives a `run -it` session the container it made, once the engine has made it: the list then
   * marks the row, and `e` or `a` on it returns to the session. The name is the engine's (its
   * random one when the run gave none).
   */
  private async adoptMadeContainer(
    engine: Engine,
    key: string,
    madeContainerId: Promise<string | undefined>,
  ) {
    const id = await madeContainerId.catch(() => undefined);
    if (!id) return;
    const [made] = await engine.listContainers({ all: true, ids: [id] }).catch(() => []);
    const entry = this.get(key);
    if (!entry) return;
    const containerName = made?.name ?? entry.request.run?.name ?? entry.request.containerName;
    this.patch(key, { request: { ...entry.request, containerId: id, containerName } });
  }

  /** Shows a session in the pane again. */
  show(key: string) {
    this.get(key)?.emulator.resetScroll();
    this.update((s) => ({ ...s, active: key }));
  }

  /** Leaves the session running and returns to the lists. */
  detach() {
    this.update((s) => ({ ...s, active: undefined, fullScreen: false }));
  }

  toggleFullScreen() {
    this.update((s) => ({ ...s, fullScreen: !s.fullScreen }));
  }

  write(key: string, data: string) {
    const entry = this.get(key);
    if (entry?.status === 'starting') {
      this.pendingInput.set(key, (this.pendingInput.get(key) ?? '') + data);
      return;
    }
    if (entry?.status !== 'running' || !entry.session) return;
    entry.emulator.resetScroll();
    entry.emulator.noteUserInput();
    entry.session.write(data);
  }

  /** The pane's size goes to the emulator and to the session's TTY. */
  resize(key: string, size: TerminalSize) {
    const entry = this.get(key);
    if (!entry) return;
    const { cols, rows } = entry.emulator.terminal;
    if (cols === size.cols && rows === size.rows) return;
    entry.emulator.resize(size.cols, size.rows);
    if (entry.status === 'running') void entry.session?.resize(size.cols, size.rows).catch(() => undefined);
  }

  /** Ends a session (Ctrl-D for a shell, a detach for attach) and forgets it. */
  async close(key: string) {
    const entry = this.get(key);
    if (!entry) return;
    this.update((s) => ({
      ...s,
      sessions: s.sessions.filter((e) => e.key !== key),
      active: s.active === key ? undefined : s.active,
      fullScreen: s.active === key ? false : s.fullScreen,
      version: s.version + 1,
    }));
    if (entry.status === 'running') await entry.session?.close().catch(() => undefined);
    entry.emulator.dispose();
  }

  liveCount(): number {
    return this.store.get().sessions.filter((s) => s.status !== 'exited').length;
  }

  async closeAll() {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    await Promise.all(this.store.get().sessions.map((s) => this.close(s.key)));
  }
}
