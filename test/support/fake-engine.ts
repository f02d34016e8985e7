/**
 * An in-memory engine for pure UI tests (layout, keys, dialogs): fixture containers and images,
 * and a record of the calls the UI made. It never stands in for proving an engine operation
 * works — those tests run against the private dockerd.
 */
import type {
  ContainerDetails,
  ContainerSummary,
  Engine,
  EngineEvent,
  FileChange,
  ImageSummary,
  LayerProgress,
  LogLine,
  ProcessTable,
  StatsReading,
  StatsSample,
  TransferResult,
  TransferState,
} from '../../src/engine/engine.js';
import { EngineError } from '../../src/engine/errors.js';
import type { EventOptions } from '../../src/engine/events.js';

export interface FakeEngine extends Engine {
  calls: Array<[string, ...unknown[]]>;
  containers: ContainerSummary[];
  images: ImageSummary[];
  logs: Record<string, LogLine[]>;
  details: Record<string, ContainerDetails>;
  diffs: Record<string, FileChange[]>;
  tops: Record<string, ProcessTable>;
  /** The stats streams open now: a test feeds them with `pushStats`. */
  statsStreams: Array<{ id: string; onSample: (sample: StatsSample) => void }>;
  pushStats(id: string, sample: StatsSample): void;
  /** What `readStats` (the list's one-shot polling) answers for each container id; a test sets them. */
  readings: Record<string, StatsReading>;
  emit(event: Partial<EngineEvent> & { action: string; id: string }): void;
}

export function fakeContainer(overrides: Partial<ContainerSummary> & { name: string }): ContainerSummary {
  return {
    id: `${overrides.name.padEnd(12, '0')}${'f'.repeat(52)}`.slice(0, 64),
    image: 'busybox:latest',
    imageId: 'sha256:1111',
    command: 'sleep 1000',
    created: Math.floor(Date.now() / 1000) - 600,
    state: 'running',
    status: 'Up 3 minutes',
    ports: [],
    labels: {},
    ...overrides,
  };
}

export function fakeImage(overrides: Partial<ImageSummary> & { repoTags: string[] }): ImageSummary {
  const id = `sha256:${(overrides.repoTags[0] ?? 'none').replace(/[^a-z0-9]/g, '').padEnd(64, 'a')}`.slice(
    0,
    71,
  );
  return {
    id,
    shortId: id.slice(7, 19),
    repoDigests: [],
    size: 4_261_000,
    created: Math.floor(Date.now() / 1000) - 2 * 3600,
    dangling: overrides.repoTags.length === 0,
    containers: undefined,
    labels: {},
    ...overrides,
  };
}

export function createFakeEngine(
  fixtures: {
    containers?: ContainerSummary[];
    images?: ImageSummary[];
    logs?: Record<string, LogLine[]>;
    details?: Record<string, ContainerDetails>;
    diffs?: Record<string, FileChange[]>;
    tops?: Record<string, ProcessTable>;
  } = {},
): FakeEngine {
  const subscribers: EventOptions[] = [];
  const calls: FakeEngine['calls'] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const engine: FakeEngine = {
    calls,
    containers: fixtures.containers ?? [],
    images: fixtures.images ?? [],
    logs: fixtures.logs ?? {},
    details: fixtures.details ?? {},
    diffs: fixtures.diffs ?? {},
    tops: fixtures.tops ?? {},
    statsStreams: [],
    readings: {},
    pushStats(id, sample) {
      for (const s of engine.statsStreams) if (s.id === id) s.onSample(sample);
    },
    endpoint: { protocol: 'unix', url: 'unix:///fake.sock', socketPath: '/fake.sock', source: 'a test' },
    emit(event) {
      for (const s of subscribers) {
        s.onEvent({ type: 'container', attributes: {}, timeNano: BigInt(Date.now()) * 1_000_000n, ...event });
      }
    },
    ping: async () => undefined,
    listContainers: async (o) =>
      engine.containers.filter((c) => !o?.ids || o.ids.includes(c.id)).map((c) => ({ ...c })),
    containerCount: async () => engine.containers.length,
    inspectContainer: async (id) => {
      const details = engine.details[id];
      if (!details) throw new Error('not in the fake');
      return details;
    },
    createContainer: async (spec) => {
      calls.push(['create', spec]);
      return 'new';
    },
    runContainer: async (spec) => {
      calls.push(['run', spec]);
      return 'new';
    },
    startContainer: record('start'),
    stopContainer: record('stop'),
    restartContainer: record('restart'),
    killContainer: record('kill'),
    pauseContainer: record('pause'),
    unpauseContainer: record('unpause'),
    removeContainer: record('remove'),
    previewContainerPrune: async () => ({
      containers: engine.containers.filter((c) => c.state === 'exited' || c.state === 'created'),
    }),
    pruneContainers: async (p) => {
      calls.push(['prune', p.containers.map((c) => c.name)]);
      return { removed: p.containers.map((c) => c.id), failed: [] };
    },
    commitContainer: async (id, o) => {
      calls.push(['commit', id, o]);
      return 'sha256:new';
    },
    diffContainer: async (id) => engine.diffs[id] ?? [],
    topContainer: async (id) => {
      calls.push(['top', id]);
      return engine.tops[id] ?? { titles: [], processes: [] };
    },
    listImages: async () => engine.images,
    // Only whether the image is here: run and create ask before they use a name.
    inspectImage: async (ref) => {
      const image = engine.images.find((i) => i.repoTags.includes(ref) || i.id === ref);
      if (!image) throw new EngineError('NotFound', `No such image: ${ref}.`);
      const config = {
        cmd: [],
        entrypoint: [],
        env: [],
        exposedPorts: [],
        workingDir: '',
        labels: {},
        user: '',
      };
      const { id, shortId, repoTags, repoDigests, size } = image;
      const created = new Date(image.created * 1000).toISOString();
      const about = { architecture: 'amd64', os: 'linux', author: '', comment: '' };
      return { id, shortId, repoTags, repoDigests, size, created, ...about, config };
    },
    imageHistory: async () => [],
    tagImage: record('tag'),
    removeImage: async (ref, o) => {
      calls.push(['removeImage', ref, o]);
      return [];
    },
    containersUsingImage: async () => [],
    previewImagePrune: async () => ({ images: [], totalSize: 0 }),
    pruneImages: async () => ({ removed: [], failed: [], spaceReclaimed: 0 }),
    /** Two steps, the second served by the cache, as the classic builder reports them. */
    buildImage: async (o, onEvent = () => undefined) => {
      calls.push(['build', o.dir, o.tag]);
      onEvent({ type: 'step', index: 1, total: 2, instruction: 'FROM busybox' });
      onEvent({ type: 'stepDone', step: 1, layerId: 'aaaaaaaaaaaa', seconds: 0, cached: false });
      onEvent({ type: 'step', index: 2, total: 2, instruction: 'RUN echo hi' });
      onEvent({ type: 'cached', step: 2 });
      onEvent({ type: 'stepDone', step: 2, layerId: 'bbbbbbbbbbbb', seconds: 0.1, cached: true });
      onEvent({ type: 'done', imageId: 'bbbbbbbbbbbb' });
      return { imageId: `sha256:${'b'.repeat(64)}`, tag: o.tag };
    },
    streamLogs: async (id, _o, onLines) => {
      const lines = engine.logs[id] ?? [];
      queueMicrotask(() => onLines(lines));
      return { tty: false, done: new Promise<void>(() => undefined), stop: () => undefined };
    },
    streamLogLines: async (id, _o, sink) => {
      const lines = engine.logs[id] ?? [];
      queueMicrotask(() => {
        for (const { stream, text, timestamp = '' } of lines) {
          const bytes = Buffer.from(`${timestamp}${text}`);
          sink.line(stream, bytes, timestamp.length, bytes.length, 0, timestamp.length);
        }
        if (lines.length > 0) sink.batch(lines.length);
      });
      return { tty: false, done: new Promise<void>(() => undefined), stop: () => undefined };
    },
    streamStats: async (id, onSample) => {
      const stream = { id, onSample };
      engine.statsStreams.push(stream);
      const stop = () => {
        const index = engine.statsStreams.indexOf(stream);
        if (index >= 0) engine.statsStreams.splice(index, 1);
      };
      return { done: new Promise<void>(() => undefined), stop };
    },
    readStats: async (id) => {
      calls.push(['readStats', id]);
      return engine.readings[id];
    },
    openExecSession: async () => {
      throw new Error('interactive sessions are tested against the private engine');
    },
    attachContainer: async () => {
      throw new Error('interactive sessions are tested against the private engine');
    },
    startAttached: async () => {
      throw new Error('interactive sessions are tested against the private engine');
    },
    pullImage: async (reference, onProgress) => fakeTransfer('pull', reference, onProgress),
    pushImage: async (reference, onProgress) => fakeTransfer('push', reference, onProgress),
    subscribeToEvents: (o) => {
      subscribers.push(o);
      o.onStatus?.({ state: 'connected' });
      return { close: () => subscribers.splice(subscribers.indexOf(o), 1) };
    },
  };
  /** One layer that moves halfway, then finishes, as the engine would report it. */
  const fakeTransfer = (
    action: 'pull' | 'push',
    reference: string,
    onProgress: ((state: TransferState) => void) | undefined,
  ): TransferResult => {
    calls.push([action, reference]);
    const digest = `sha256:${'d'.repeat(64)}`;
    const layer = (phase: LayerProgress['phase'], current?: number): TransferState => ({
      layers: [{ id: 'fa4e1a7e0001', phase, status: phase, current, total: current ? 2_000_000 : undefined }],
      messages: [],
      digest: phase === 'downloading' || phase === 'pushing' ? undefined : digest,
      error: undefined,
    });
    onProgress?.(layer(action === 'pull' ? 'downloading' : 'pushing', 1_000_000));
    const final = layer(action === 'pull' ? 'complete' : 'pushed');
    onProgress?.(final);
    return { reference, digest, warnings: [], state: final };
  };
  return engine;
}
