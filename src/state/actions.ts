/**
 * What the UI can ask the engine to do. Each action reports its progress and outcome on the
 * status line, with the equivalent docker command the UI passes in, and turns failures into the
 * engine layer's sentences. Nothing here throws at the UI.
 */
import type { ContainerPrunePreview } from '../engine/containers.js';
import type { Engine } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import type { ImagePrunePreview } from '../engine/images.js';
import type { AppModel } from './app-model.js';

export interface ActionTarget {
  id: string;
  /** What the person sees: the container's name, the image's tag. */
  label: string;
}

export class Actions {
  constructor(
    private readonly model: AppModel,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs one engine call with progress and result on the status line.
   * Resolves true when it succeeded.
   */
  private async run(
    command: string,
    progress: string,
    done: string,
    call: (engine: Engine) => Promise<unknown>,
    extra: { deadline?: number } = {},
  ): Promise<boolean> {
    const engine = this.model.engineForChange(command);
    if (!engine) return false;
    this.model.status.show({ kind: 'progress', text: progress, command, ...extra });
    try {
      await call(engine);
      this.model.status.show({ kind: 'success', text: done, command });
      return true;
    } catch (error) {
      const text = error instanceof EngineError ? error.message : String(error);
      this.model.status.show({ kind: 'error', text, command });
      return false;
    }
  }

  start(c: ActionTarget, command: string) {
    return this.run(command, `Starting ${c.label}…`, `Started ${c.label}.`, (e) => e.startContainer(c.id));
  }

  /** SIGTERM now, SIGKILL after the grace period: the status line counts down to the kill. */
  stop(c: ActionTarget, graceSeconds: number, command: string) {
    return this.run(
      command,
      `Stopping ${c.label}: SIGTERM sent, SIGKILL in`,
      `Stopped ${c.label}.`,
      (e) => e.stopContainer(c.id, { graceSeconds }),
      { deadline: this.now() + graceSeconds * 1000 },
    );
  }

  restart(c: ActionTarget, graceSeconds: number, command: string) {
    return this.run(command, `Restarting ${c.label}…`, `Restarted ${c.label}.`, (e) =>
      e.restartContainer(c.id, { graceSeconds }),
    );
  }

  kill(c: ActionTarget, signal: string, command: string) {
    const done = signal === 'SIGKILL' ? `Killed ${c.label} (SIGKILL).` : `Sent ${signal} to ${c.label}.`;
    return this.run(command, `Sending ${signal} to ${c.label}…`, done, (e) => e.killContainer(c.id, signal));
  }

  pause(c: ActionTarget, command: string) {
    return this.run(command, `Pausing ${c.label}…`, `Paused ${c.label}: every process is frozen.`, (e) =>
      e.pauseContainer(c.id),
    );
  }

  unpause(c: ActionTarget, command: string) {
    return this.run(command, `Unpausing ${c.label}…`, `Unpaused ${c.label}.`, (e) =>
      e.unpauseContainer(c.id),
    );
  }

  remove(c: ActionTarget, options: { force: boolean; volumes: boolean }, command: string) {
    return this.run(command, `Removing ${c.label}…`, `Removed ${c.label}.`, (e) =>
      e.removeContainer(c.id, options),
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
          summary += ` Kept ${result.failed.map((f) => `${f.name} (${f.error.message})`).join('; ')}.`;
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
    return this.run(command, `Removing ${image.label}…`, `Removed ${image.label}.`, (e) =>
      e.removeImage(image.id, { force }),
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
      this.model.status.show({
        kind: 'error',
        text: error instanceof EngineError ? error.message : String(error),
      });
      return undefined;
    }
  }
}
