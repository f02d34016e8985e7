/**
 * One `docker build` as the build view shows it: the steps in order, which the cache served,
 * each step's output and time, and how it ended — the new image, or the failing step with its
 * exit code. Fed by the engine's build events; Esc cancels through the AbortSignal. No React.
 */
import { BuildError, type BuildEvent, type BuildResult, isBuildCancelled } from '../engine/build.js';
import type { Engine } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { Store } from './store.js';

/** A step's output beyond this keeps only its last lines: a noisy RUN cannot fill the memory. */
export const MAX_STEP_OUTPUT = 500;

export interface BuildStepState {
  index: number;
  total: number;
  instruction: string;
  /** " ---> Using cache": the engine reused the layer instead of running the step. */
  cached: boolean;
  done: boolean;
  seconds: number | undefined;
  /** The layer the step ended with (for FROM: the base image's id). */
  layerId: string | undefined;
  output: string[];
  /** Output lines dropped from the start to stay within MAX_STEP_OUTPUT. */
  dropped: number;
}

export interface BuildState {
  dir: string;
  tag: string | undefined;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  steps: BuildStepState[];
  imageId: string | undefined;
  tags: string[];
  /** Why it failed, as a sentence. */
  error: string | undefined;
  failedStep: number | undefined;
  exitCode: number | undefined;
}

export function initialBuildState(dir: string, tag: string | undefined): BuildState {
  return {
    dir,
    tag,
    status: 'running',
    steps: [],
    imageId: undefined,
    tags: [],
    error: undefined,
    failedStep: undefined,
    exitCode: undefined,
  };
}

function updateStep(
  state: BuildState,
  index: number,
  change: (s: BuildStepState) => BuildStepState,
): BuildState {
  return { ...state, steps: state.steps.map((s) => (s.index === index ? change(s) : s)) };
}

/** The state after one build event. Pure. */
export function applyBuildEvent(state: BuildState, event: BuildEvent): BuildState {
  switch (event.type) {
    case 'step':
      return {
        ...state,
        steps: [
          ...state.steps,
          {
            index: event.index,
            total: event.total,
            instruction: event.instruction,
            cached: false,
            done: false,
            seconds: undefined,
            layerId: undefined,
            output: [],
            dropped: 0,
          },
        ],
      };
    case 'cached':
      return updateStep(state, event.step, (s) => ({ ...s, cached: true }));
    case 'output':
      return updateStep(state, event.step, (s) => {
        const output = [...s.output, event.text];
        const over = Math.max(0, output.length - MAX_STEP_OUTPUT);
        return { ...s, output: over ? output.slice(over) : output, dropped: s.dropped + over };
      });
    case 'stepDone':
      return updateStep(state, event.step, (s) => ({
        ...s,
        done: true,
        cached: s.cached || event.cached,
        seconds: event.seconds,
        layerId: event.layerId || undefined,
      }));
    case 'tagged':
      return { ...state, tags: [...state.tags, event.tag] };
    case 'done':
      return { ...state, imageId: event.imageId };
    case 'error':
      return { ...state, error: event.message, failedStep: event.step, exitCode: event.exitCode };
  }
}

export interface BuildRequest {
  dir: string;
  tag?: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
}

export class BuildTask {
  readonly store: Store<BuildState>;
  private readonly controller = new AbortController();

  constructor(readonly request: BuildRequest) {
    this.store = new Store(initialBuildState(request.dir, request.tag));
  }

  get running(): boolean {
    return this.store.get().status === 'running';
  }

  /** Runs the build to its end; resolves with the result, or undefined when it failed or was cancelled. */
  async run(engine: Engine): Promise<BuildResult | undefined> {
    try {
      const result = await engine.buildImage({ ...this.request, signal: this.controller.signal }, (event) =>
        this.store.update((s) => applyBuildEvent(s, event)),
      );
      this.store.update((s) => ({ ...s, status: 'succeeded', imageId: result.imageId }));
      return result;
    } catch (error) {
      if (isBuildCancelled(error)) {
        this.store.update((s) => ({ ...s, status: 'cancelled' }));
        return undefined;
      }
      const message = error instanceof EngineError ? error.message : String(error);
      this.store.update((s) => ({
        ...s,
        status: 'failed',
        error: message,
        failedStep: error instanceof BuildError ? (error.step ?? s.failedStep) : s.failedStep,
        exitCode: error instanceof BuildError ? (error.exitCode ?? s.exitCode) : s.exitCode,
      }));
      return undefined;
    }
  }

  /** Esc: closes the request; the engine stops the build and removes its step container. */
  cancel(): void {
    if (this.running) this.controller.abort();
  }
}
