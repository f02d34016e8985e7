/**
 * The engine as the rest of berth sees it: one object whose methods are the typed operations,
 * bound to a connection. The state layer depends on this interface only, so UI tests can hand
 * it a fake; engine tests prove the real one against a private dockerd.
 */

import * as attach from './attach.js';
import * as build from './build.js';
import type { EngineContext } from './client.js';
import type { Endpoint } from './connection.js';
import * as containers from './containers.js';
import * as events from './events.js';
import * as exec from './exec.js';
import * as images from './images.js';
import * as logs from './logs.js';
import type { TerminalSession } from './session.js';
import * as stats from './stats.js';
import * as system from './system.js';
import * as transfer from './transfer.js';

export interface Engine {
  readonly endpoint: Endpoint;
  ping(): Promise<void>;
  listContainers(options?: { all?: boolean; ids?: string[] }): Promise<containers.ContainerSummary[]>;
  /** How many containers the engine has, in any state (from /info: far quicker than listing them). */
  containerCount(): Promise<number>;
  inspectContainer(id: string): Promise<containers.ContainerDetails>;
  createContainer(spec: containers.ContainerSpec): Promise<string>;
  runContainer(spec: containers.ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, options?: { graceSeconds?: number }): Promise<void>;
  restartContainer(id: string, options?: { graceSeconds?: number }): Promise<void>;
  killContainer(id: string, signal?: string): Promise<void>;
  pauseContainer(id: string): Promise<void>;
  unpauseContainer(id: string): Promise<void>;
  removeContainer(id: string, options?: { force?: boolean; volumes?: boolean }): Promise<void>;
  previewContainerPrune(): Promise<containers.ContainerPrunePreview>;
  pruneContainers(preview: containers.ContainerPrunePreview): Promise<containers.PruneResult>;
  commitContainer(id: string, options: containers.CommitOptions): Promise<string>;
  diffContainer(id: string): Promise<containers.FileChange[]>;
  topContainer(id: string, psArgs?: string): Promise<containers.ProcessTable>;
  listImages(): Promise<images.ImageSummary[]>;
  inspectImage(ref: string): Promise<images.ImageDetails>;
  imageHistory(ref: string): Promise<images.ImageLayer[]>;
  tagImage(source: string, target: string): Promise<void>;
  removeImage(ref: string, options?: { force?: boolean; noPrune?: boolean }): Promise<images.RemovedImage[]>;
  containersUsingImage(imageId: string): Promise<string[]>;
  previewImagePrune(): Promise<images.ImagePrunePreview>;
  pruneImages(preview: images.ImagePrunePreview): Promise<images.ImagePruneResult>;
  /** `docker build`: the classic builder's steps as events; fails with a BuildError naming the step. */
  buildImage(
    options: build.BuildOptions,
    onEvent?: (event: build.BuildEvent) => void,
  ): Promise<build.BuildResult>;
  streamLogs(
    id: string,
    options: logs.LogOptions,
    onLines: (lines: logs.LogLine[]) => void,
  ): Promise<logs.LogStream>;
  /** The same lines as bytes, into a sink that keeps bytes (the Logs tab's ring buffer). */
  streamLogLines(id: string, options: logs.LogOptions, sink: logs.LogLineSink): Promise<logs.LogStream>;
  subscribeToEvents(options: events.EventOptions): events.EventSubscription;
  /** `docker stats`: about one sample a second until stopped, for one container. */
  streamStats(id: string, onSample: (sample: stats.StatsSample) => void): Promise<stats.StatsStream>;
  /** One stats reading at once (one-shot), for polling; undefined when the container is not running. */
  readStats(id: string): Promise<stats.StatsReading | undefined>;
  /** `docker exec -it ID argv…` through the API's hijacked stream. */
  openExecSession(id: string, argv: string[], size: TerminalSize): Promise<TerminalSession>;
  /** `docker attach ID`. */
  attachContainer(id: string, size: TerminalSize): Promise<TerminalSession>;
  /** `docker start -a ID` (attach first, so no early output is lost). */
  startAttached(id: string, size: TerminalSize): Promise<TerminalSession>;
  /** `docker pull REF`: per-layer progress; resolves with the digest; registry refusals are RegistryErrors. */
  pullImage(
    reference: string,
    onProgress?: transfer.TransferProgressListener,
    options?: transfer.TransferOptions,
  ): Promise<transfer.TransferResult>;
  /** `docker push REF`, with credentials from config.json as the CLI finds them. */
  pushImage(
    reference: string,
    onProgress?: transfer.TransferProgressListener,
    options?: transfer.TransferOptions,
  ): Promise<transfer.TransferResult>;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export function createEngine(ctx: EngineContext): Engine {
  return {
    endpoint: ctx.endpoint,
    ping: () => system.ping(ctx),
    containerCount: async () => (await system.engineInfo(ctx)).containers,
    listContainers: (o) => containers.listContainers(ctx, o),
    inspectContainer: (id) => containers.inspectContainer(ctx, id),
    createContainer: (spec) => containers.createContainer(ctx, spec),
    runContainer: (spec) => containers.runContainer(ctx, spec),
    startContainer: (id) => containers.startContainer(ctx, id),
    stopContainer: (id, o) => containers.stopContainer(ctx, id, o),
    restartContainer: (id, o) => containers.restartContainer(ctx, id, o),
    killContainer: (id, signal) => containers.killContainer(ctx, id, signal),
    pauseContainer: (id) => containers.pauseContainer(ctx, id),
    unpauseContainer: (id) => containers.unpauseContainer(ctx, id),
    removeContainer: (id, o) => containers.removeContainer(ctx, id, o),
    previewContainerPrune: () => containers.previewContainerPrune(ctx),
    pruneContainers: (p) => containers.pruneContainers(ctx, p),
    commitContainer: (id, o) => containers.commitContainer(ctx, id, o),
    diffContainer: (id) => containers.diffContainer(ctx, id),
    topContainer: (id, ps) => containers.topContainer(ctx, id, ps),
    listImages: () => images.listImages(ctx),
    inspectImage: (ref) => images.inspectImage(ctx, ref),
    imageHistory: (ref) => images.imageHistory(ctx, ref),
    tagImage: (s, t) => images.tagImage(ctx, s, t),
    removeImage: (ref, o) => images.removeImage(ctx, ref, o),
    containersUsingImage: (id) => images.containersUsingImage(ctx, id),
    previewImagePrune: () => images.previewImagePrune(ctx),
    pruneImages: (p) => images.pruneImages(ctx, p),
    buildImage: (o, onEvent) => build.buildImage(ctx, o, onEvent),
    streamLogs: (id, o, onLines) => logs.streamLogs(ctx, id, o, onLines),
    streamLogLines: (id, o, sink) => logs.streamLogLines(ctx, id, o, sink),
    subscribeToEvents: (o) => events.subscribeToEvents(ctx, o),
    openExecSession: (id, argv, size) => exec.openExecSession(ctx, id, argv, size),
    attachContainer: (id, size) => attach.attachContainer(ctx, id, size),
    startAttached: (id, size) => attach.startAttached(ctx, id, size),
    streamStats: (id, onSample) => stats.streamStats(ctx, id, onSample),
    readStats: (id) => stats.readStatsNow(ctx, id),
    pullImage: (ref, onProgress, o) => transfer.pullImage(ctx, ref, onProgress, o),
    pushImage: (ref, onProgress, o) => transfer.pushImage(ctx, ref, onProgress, o),
  };
}

export type {
  ContainerDetails,
  ContainerState,
  ContainerSummary,
  FileChange,
  NetworkAttachment,
  PortMapping,
  ProcessTable,
} from './containers.js';
export type { EngineError, EngineErrorKind } from './errors.js';
export type { EngineEvent, EventStreamStatus } from './events.js';
export type { ImageSummary } from './images.js';
export type { LogLine, LogStream } from './logs.js';
export type { TerminalSession } from './session.js';
export type { CpuCounters, StatsReading, StatsSample, StatsStream } from './stats.js';
export type {
  LayerPhase,
  LayerProgress,
  RegistryProblem,
  TransferOptions,
  TransferResult,
  TransferState,
} from './transfer.js';
export {
  formatProgressBar,
  isLayerDone,
  isRegistryError,
  isTransferCancelled,
  RegistryError,
} from './transfer.js';
