/**
 * What the UI can ask the engine to do. Each action reports its progress and outcome on the
 * status line, with the equivalent docker command the UI passes in, and turns failures into the
 * engine layer's sentences. Nothing here throws at the UI.
 */
import type { ContainerPrunePreview } from '../engine/containers.js';
import type { Engine } from '../engine/engine.js';
import { alreadyThatWay, type ContainerChange, EngineError, shortenIds, withName } from '../engine/errors.js';
import type { ImagePrunePreview } from '../engine/images.js';
import type { AppModel } from './app-model.js';

export interface ActionTarget {
  id: string;
  /** What the person sees: the container's name, the image's tag. */
  label: string;
}

/** How one call is reported, beyond its progress and success sentences. */
interface RunOptions {
  /** For a stop: when SIGKILL follows the SIGTERM, counted down on the status line. */
  deadline?: number;
  /** What the call is about: its id in the engine's sentences becomes the label. */
  target?: ActionTarget;
  /** A change the container may already have: then the engine's refusal is information. */
  change?: ContainerChange;
}

export class Actions {
  /** Containers with a stop under way, and the signal sent to each meanwhile (K during the countdown). */
  private readonly stopping = new Map<string, string | undefined>();

  constructor(
    private readonly model: AppModel,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs one engine call with progress and result on the status line; `done` is read when the
   * call ends. Resolves true when it succeeded or there was nothing to do.
   */
  private async run(
    command: string,
    progress: string,
    done: string | (() => string),
    call: (engine: Engine) => Promise<unknown>,
    options: RunOptions = {},
  ): Promise<boolean> {
    const engine = this.model.engineForChange(command);
    if (!engine) return false;
    const { deadline, target, change } = options;
    this.model.status.show({ kind: 'progress', text: progress, command, deadline });
    try {
      await call(engine);
      this.model.status.show({ kind: 'success', text: typeof done === 'string' ? done : done(), command });
      return true;
    } catch (error) {
      const already = change && target ? alreadyThatWay(change, error) : undefined;
      if (already && target) {
        this.model.status.show({ kind: 'info', text: `${target.label} is ${already}.`, command });
        return true;
      }
      this.model.status.show({ kind: 'error', text: failureText(error, target), command });
      return false;
    }
  }

  start(c: ActionTarget, command: string) {
    return this.run(command, `Starting ${c.label}…`, `Started ${c.label}.`, (e) => e.startContainer(c.id), {
      target: c,
      change: 'start',
    });
  }

  /**
   * SIGTERM now, SIGKILL after the grace period: the status line counts down to the kill. A
   * signal sent meanwhile (K) is told in the outcome, whichever of the two answers comes last.
   */
  async stop(c: ActionTarget, graceSeconds: number, command: string) {
    this.stopping.set(c.id, undefined);
    try {
      return await this.run(
        command,
        `Stopping ${c.label}: SIGTERM sent, SIGKILL in`,
        () => stoppedSentence(c.label, this.stopping.get(c.id)),
        (e) => e.stopContainer(c.id, { graceSeconds }),
        { deadline: this.now() + graceSeconds * 1000, target: c, change: 'stop' },
      );
    } finally {
      this.stopping.delete(c.id);
    }
  }

  /**
   * `docker restart`: a stop (counted down like `s`, when the container runs), then a start.
   * `running` false: there is nothing to stop, so no countdown.
   */
  restart(c: ActionTarget, graceSeconds: number, command: string, options: { running?: boolean } = {}) {
    const running = options.running ?? true;
    return this.run(
      command,
      running ? `Restarting ${c.label}: SIGTERM sent, SIGKILL in` : `Restarting ${c.label}…`,
      `Restarted ${c.label}.`,
      (e) => e.restartContainer(c.id, { graceSeconds }),
      { deadline: running ? this.now() + graceSeconds * 1000 : undefined, target: c },
    );
  }

  async kill(c: ActionTarget, signal: string, command: string) {
    const during = this.stopping.has(c.id);
    const done = () => {
      // The stop answered first, before it could know of this signal: this answer tells the whole story.
      if (during && !this.stopping.has(c.id)) return stoppedSentence(c.label, signal);
      return signal === 'SIGKILL' ? `Killed ${c.label} (SIGKILL).` : `Sent ${signal} to ${c.label}.`;
    };
    return this.run(
      command,
      `Sending ${signal} to ${c.label}…`,
      done,
      async (e) => {
        await e.killContainer(c.id, signal);
        // Told in the stop's outcome once it was sent: a kill that failed changed nothing.
        if (this.stopping.has(c.id)) this.stopping.set(c.id, signal);
      },
      // During a stop the container may exit on its SIGTERM first: then it is already stopped.
      { target: c, change: during ? 'kill' : undefined },
    );
  }

  pause(c: ActionTarget, command: string) {
    return this.run(
      command,
      `Pausing ${c.label}…`,
      `Paused ${c.label}: every process is frozen.`,
      (e) => e.pauseContainer(c.id),
      { target: c, change: 'pause' },
    );
  }

  unpause(c: ActionTarget, command: string) {
    return this.run(
      command,
      `Unpausing ${c.label}…`,
      `Unpaused ${c.label}.`,
      (e) => e.unpauseContainer(c.id),
      { target: c, change: 'unpause' },
    );
  }

  remove(c: ActionTarget, options: { force: boolean; volumes: boolean }, command: string) {
    return this.run(
      command,
      `Removing ${c.label}…`,
      `Removed ${c.label}.`,
      (e) => e.removeContainer(c.id, options),
      { target: c },
    );
  }

  /** Removes exactly the containers the person saw in the preview. */
  async pruneContainers(preview: ContainerPrunePreview, command: string) {
    let summary = '';
    const ok = await this.run(
      command,
      `Removing ${preview.containers.length} stopped containers…`,
      '',
      async (e) => {
        const result = await e.pruneContainers(preview);
        summary = `Removed ${result.removed.length} stopped container${result.removed.length === 1 ? '' : 's'}.`;
        if (result.failed.length > 0) {
          const kept = result.failed.map((f) => `${f.name} (${withName(f.error.message, f.id, f.name)})`);
          summary += ` Kept ${kept.join('; ')}.`;
        }
      },
    );
    if (ok) this.model.status.show({ kind: 'success', text: summary, command });
    return ok;
  }

  /** `docker run -d IMAGE CMD`. */
  runDetached(image: string, argv: string[], command: string) {
    return this.run(
      command,
      `Starting a container from ${image}…`,
      `Started a container from ${image}.`,
      (e) => e.runContainer({ image, cmd: argv }),
    );
  }

  removeImage(image: ActionTarget, force: boolean, command: string) {
    return this.run(
      command,
      `Removing ${image.label}…`,
      `Removed ${image.label}.`,
      (e) => e.removeImage(image.id, { force }),
      { target: image },
    );
  }

  async pruneImages(preview: ImagePrunePreview, command: string, formatSize: (bytes: number) => string) {
    let summary = '';
    const ok = await this.run(
      command,
      `Removing ${preview.images.length} dangling images…`,
      '',
      async (e) => {
        const result = await e.pruneImages(preview);
        summary = `Removed ${result.removed.length} dangling image${result.removed.length === 1 ? '' : 's'}, reclaimed ${formatSize(result.spaceReclaimed)}.`;
        if (result.failed.length > 0) summary += ` Kept ${result.failed.map((f) => f.shortId).join(', ')}.`;
      },
    );
    if (ok) this.model.status.show({ kind: 'success', text: summary, command });
    return ok;
  }

  /** Fetches a preview for a confirm dialog; on failure shows why and returns undefined. */
  async preview<T>(load: (engine: Engine) => Promise<T>): Promise<T | undefined> {
    const engine = this.model.engine;
    if (!engine) return undefined;
    try {
      return await load(engine);
    } catch (error) {
      this.model.status.show({ kind: 'error', text: failureText(error) });
      return undefined;
    }
  }
}

/** A failure as the status line says it: the engine layer's sentence, naming the target. */
function failureText(error: unknown, target?: ActionTarget): string {
  const text = error instanceof EngineError ? error.message : shortenIds(String(error));
  return target ? withName(text, target.id, target.label) : text;
}

/** A stop's outcome, with the signal sent while it counted down (K), if one was. */
function stoppedSentence(label: string, signalMeanwhile: string | undefined): string {
  if (signalMeanwhile === 'SIGKILL')
    return `Stopped ${label}: killed with SIGKILL before the grace period ended.`;
  if (signalMeanwhile) return `Stopped ${label} (${signalMeanwhile} sent during the grace period).`;
  return `Stopped ${label}.`;
}
