/**
 * `docker build`: packs a directory, streams the engine's progress as build events, and resolves
 * with the image id, or fails naming the step that broke. Uses the classic builder (API
 * `version=1`), whose JSON stream build-progress.ts decodes; BuildKit would need a session.
 */
import type { Readable } from 'node:stream';
import { type BuildEvent, BuildProgressDecoder } from './build-progress.js';
import type { EngineContext } from './client.js';
import { EngineError, isEngineError } from './errors.js';
import { formatReference, normaliseReference } from './reference.js';

export type { BuildEvent } from './build-progress.js';

export interface BuildOptions {
  /** The context directory. */
  dir: string;
  /** `repository[:tag]`; a bare name gets `latest`. Without it the image is left untagged. */
  tag?: string;
  /** The Dockerfile, relative to `dir` (default `Dockerfile`). */
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  /** Aborting it closes the request; the engine then stops the build and removes its container. */
  signal?: AbortSignal;
}

export interface BuildResult {
  imageId: string;
  /** The normalised tag, e.g. `app:latest`, when one was given. */
  tag: string | undefined;
}

/** A build that ran and failed: which step, what it printed, and the exit code of a RUN. */
export class BuildError extends EngineError {
  /** The failing step's number, or undefined when the build failed before any step. */
  readonly step: number | undefined;
  readonly totalSteps: number | undefined;
  /** The failing instruction as the Dockerfile has it: `RUN exit 3`. */
  readonly instruction: string | undefined;
  /** The exit code of a failing RUN. */
  readonly exitCode: number | undefined;

  constructor(
    message: string,
    detail: string,
    failure: { step?: number; totalSteps?: number; instruction?: string; exitCode?: number },
  ) {
    super('BuildFailed', message, detail);
    this.name = 'BuildError';
    this.step = failure.step;
    this.totalSteps = failure.totalSteps;
    this.instruction = failure.instruction;
    this.exitCode = failure.exitCode;
  }
}

/** The person cancelled the build (Esc): not a failure to report as one. */
export class BuildCancelledError extends EngineError {
  constructor() {
    super('EngineError', 'build cancelled');
    this.name = 'BuildCancelledError';
  }
}

export function isBuildCancelled(error: unknown): error is BuildCancelledError {
  return error instanceof BuildCancelledError;
}

function checkedTag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const parsed = normaliseReference(tag);
  if (!parsed.ok) {
    throw new EngineError(
      'BadRequest',
      `"${tag}" is not a valid image name: ${parsed.reason}.`,
      parsed.reason,
    );
  }
  if (parsed.digest !== undefined) {
    throw new EngineError('BadRequest', `"${tag}" is not a valid tag: it cannot include a digest.`);
  }
  return formatReference(parsed);
}

interface StepRecord {
  index: number;
  total: number;
  instruction: string;
  output: string[];
}

/** Builds an image, reporting progress through `onEvent`. */
export async function buildImage(
  ctx: EngineContext,
  options: BuildOptions,
  onEvent: (event: BuildEvent) => void = () => {},
): Promise<BuildResult> {
  const { signal } = options;
  const tag = checkedTag(options.tag);
  // The packer (tar-fs and the streams under it, 3–6 ms to load) is loaded by the first build,
  // not by every start: engine.ts imports this module before the first frame.
  const { buildContext } = await import('./build-context.js');
  if (signal?.aborted) throw new BuildCancelledError();
  const context = buildContext(options.dir, { dockerfile: options.dockerfile });
  // A file that cannot be read while packing fails the request; say which, not "socket error".
  let packError: Error | undefined;
  context.stream.once('error', (error: Error) => {
    packError = error;
  });

  let response: Readable;
  try {
    response = (await ctx.call(`build ${options.dir}`, () =>
      ctx.docker.buildImage(context.stream, {
        ...(tag !== undefined ? { t: tag } : {}),
        dockerfile: context.dockerfile,
        buildargs: options.buildArgs ?? {},
        nocache: options.noCache ?? false,
        // Remove the step containers even when a step fails, or each failure leaves one behind.
        rm: true,
        forcerm: true,
        version: '1',
        abortSignal: signal,
      }),
    )) as Readable;
  } catch (error) {
    context.stream.destroy();
    if (signal?.aborted) throw new BuildCancelledError();
    if (packError) {
      throw new EngineError(
        'BadRequest',
        `Could not pack the build context ${options.dir}: ${packError.message}`,
        String(packError),
      );
    }
    // The engine checks the whole Dockerfile first and answers 400 for a syntax error.
    if (
      isEngineError(error, 'BadRequest') &&
      /dockerfile parse error|unknown instruction/i.test(error.detail)
    ) {
      throw new BuildError(`The Dockerfile is invalid: ${error.detail}`, error.detail, {});
    }
    throw error;
  }

  const onAbort = () => response.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new BuildProgressDecoder();
  const steps = new Map<number, StepRecord>();
  let failure: Extract<BuildEvent, { type: 'error' }> | undefined;
  let imageId: string | undefined;

  const handle = (events: BuildEvent[]) => {
    for (const event of events) {
      if (event.type === 'step') {
        steps.set(event.index, {
          index: event.index,
          total: event.total,
          instruction: event.instruction,
          output: [],
        });
      } else if (event.type === 'output') {
        steps.get(event.step)?.output.push(event.text);
      } else if (event.type === 'error') {
        failure = event;
      } else if (event.type === 'done') {
        imageId = event.imageId;
      }
      onEvent(event);
    }
  };

  try {
    for await (const chunk of response) handle(decoder.push(chunk as Buffer));
    handle(decoder.end());
  } catch (error) {
    if (signal?.aborted) throw new BuildCancelledError();
    throw isEngineError(error)
      ? error
      : new EngineError(
          'EngineError',
          `The build of ${options.dir} was interrupted: ${String(error)}`,
          String(error),
        );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new BuildCancelledError();

  if (failure) throw failedBuild(failure, failure.step !== undefined ? steps.get(failure.step) : undefined);
  if (!imageId) {
    throw new EngineError('EngineError', `The build of ${options.dir} ended without reporting an image.`);
  }
  return { imageId, tag };
}

function failedBuild(
  failure: Extract<BuildEvent, { type: 'error' }>,
  step: StepRecord | undefined,
): BuildError {
  const reason =
    failure.exitCode !== undefined ? `the command exited with code ${failure.exitCode}` : failure.message;
  const message = step
    ? `Step ${step.index}/${step.total} : ${step.instruction} failed: ${reason}.`
    : `The build failed: ${failure.message}`;
  const detail = [...(step?.output ?? []), failure.message].join('\n');
  return new BuildError(message, detail, {
    step: step?.index,
    totalSteps: step?.total,
    instruction: step?.instruction,
    exitCode: failure.exitCode,
  });
}
