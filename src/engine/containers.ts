/**
 * Container operations: list, inspect, lifecycle, signals, prune, commit, diff and top.
 * Each returns berth's own types so nothing above the engine layer needs dockerode.
 */
import type Docker from 'dockerode';
import { type EngineContext, getJson } from './client.js';
import { EngineError } from './errors.js';
import { envProblem, type PortBinding, portBindingProblem, toEnginePorts } from './port-spec.js';
import { parseReference } from './reference.js';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortMapping {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string;
}

export interface ContainerSummary {
  id: string;
  /** The primary name, without docker's leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Creation time, epoch seconds. */
  created: number;
  state: ContainerState;
  /** The engine's status text, e.g. "Up 3 minutes (Paused)", "Exited (137) 2 seconds ago". */
  status: string;
  ports: PortMapping[];
  labels: Record<string, string>;
  /** From the `com.docker.compose.project` label. */
  composeProject?: string;
  composeService?: string;
}

export interface MountInfo {
  type: string;
  source: string;
  destination: string;
  mode: string;
  readWrite: boolean;
}

export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  state: {
    status: ContainerState;
    running: boolean;
    paused: boolean;
    exitCode: number;
    pid: number;
    startedAt: string;
    finishedAt: string;
    oomKilled: boolean;
    error: string;
  };
  config: {
    cmd: string[];
    entrypoint: string[];
    env: string[];
    workingDir: string;
    user: string;
    tty: boolean;
    openStdin: boolean;
    labels: Record<string, string>;
    exposedPorts: string[];
    stopSignal?: string;
    stopTimeout?: number;
  };
  restartPolicy: { name: string; maximumRetryCount: number };
  ports: PortMapping[];
  /** The `-p` bindings as configured; `ports` holds only what a running container has bound. */
  portBindings: PortMapping[];
  mounts: MountInfo[];
  networks: NetworkAttachment[];
  init: boolean;
}

/** A network the container is attached to, with its address there (empty when not running). */
export interface NetworkAttachment {
  name: string;
  ipAddress: string;
  gateway: string;
  macAddress: string;
}

export interface ContainerSpec {
  image: string;
  /** argv; empty or undefined keeps the image's CMD. */
  cmd?: string[];
  entrypoint?: string[];
  name?: string;
  env?: string[];
  labels?: Record<string, string>;
  workingDir?: string;
  user?: string;
  /** `-t` */
  tty?: boolean;
  /** `-i` */
  openStdin?: boolean;
  /** `--init`: a tiny init as PID 1 that forwards signals (stop then exits 143 at once). */
  init?: boolean;
  autoRemove?: boolean;
  stopTimeout?: number;
  /** `-p`: container ports published on the host. */
  ports?: PortBinding[];
}

function containerName(names: string[] | undefined, id: string): string {
  const first = names?.[0];
  return first ? first.replace(/^\//, '') : id.slice(0, 12);
}

function toPorts(ports: Docker.Port[] | undefined): PortMapping[] {
  return (ports ?? []).map((p) => ({
    privatePort: p.PrivatePort,
    publicPort: p.PublicPort || undefined,
    ip: p.IP || undefined,
    type: p.Type,
  }));
}

export function toContainerSummary(info: Docker.ContainerInfo): ContainerSummary {
  const labels = info.Labels ?? {};
  return {
    id: info.Id,
    name: containerName(info.Names, info.Id),
    image: info.Image,
    imageId: info.ImageID,
    command: info.Command,
    created: info.Created,
    state: info.State as ContainerState,
    status: info.Status,
    ports: toPorts(info.Ports),
    labels,
    composeProject: labels['com.docker.compose.project'],
    composeService: labels['com.docker.compose.service'],
  };
}

/**
 * `docker ps` (running) or `docker ps -a` (all). `ids` narrows the list to those containers,
 * which is how the state layer refreshes only the ones an event named.
 */
export async function listContainers(ctx: EngineContext, options: { all?: boolean; ids?: string[] } = {}) {
  const filters = options.ids ? JSON.stringify({ id: options.ids }) : undefined;
  const query = { all: options.all ?? false, ...(filters ? { filters } : {}) };
  const list = await ctx.call('list containers', () =>
    getJson(ctx, '/containers/json', query, (docker) => docker.listContainers(query)),
  );
  return list.map(toContainerSummary);
}

/**
 * The engine's own inspect answer for a container (by ID or name), through `getJson`: the first
 * log shown (logs.ts `isTty`) and the details then need no dockerode. Call it inside `ctx.call`.
 */
export function inspectJson(ctx: EngineContext, id: string): Promise<Docker.ContainerInspectInfo> {
  return getJson(ctx, `/containers/${encodeURIComponent(id)}/json`, {}, (docker) =>
    docker.getContainer(id).inspect(),
  );
}

export async function inspectContainer(ctx: EngineContext, id: string): Promise<ContainerDetails> {
  const info = await ctx.call(`inspect container ${id}`, () => inspectJson(ctx, id));
  const config = info.Config;
  const bindings = info.NetworkSettings?.Ports ?? {};
  const ports: PortMapping[] = [];
  for (const [key, hostPorts] of Object.entries(bindings)) {
    const [port = '0', type = 'tcp'] = key.split('/');
    if (!hostPorts || hostPorts.length === 0) ports.push({ privatePort: Number(port), type });
    for (const h of hostPorts ?? []) {
      ports.push({
        privatePort: Number(port),
        publicPort: Number(h.HostPort),
        ip: h.HostIp || undefined,
        type,
      });
    }
  }
  const portBindings: PortMapping[] = [];
  for (const [key, hostPorts] of Object.entries(info.HostConfig.PortBindings ?? {})) {
    const [port = '0', type = 'tcp'] = key.split('/');
    for (const h of (hostPorts ?? []) as Array<{ HostIp?: string; HostPort?: string }>) {
      portBindings.push({
        privatePort: Number(port),
        publicPort: h.HostPort ? Number(h.HostPort) : undefined,
        ip: h.HostIp || undefined,
        type,
      });
    }
  }
  const asList = (v: string | string[] | undefined | null): string[] =>
    v == null ? [] : Array.isArray(v) ? v : [v];
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: config.Image,
    imageId: info.Image,
    created: info.Created,
    state: {
      status: info.State.Status as ContainerState,
      running: info.State.Running,
      paused: info.State.Paused,
      exitCode: info.State.ExitCode,
      pid: info.State.Pid,
      startedAt: info.State.StartedAt,
      finishedAt: info.State.FinishedAt,
      oomKilled: info.State.OOMKilled,
      error: info.State.Error,
    },
    config: {
      cmd: asList(config.Cmd),
      entrypoint: asList(config.Entrypoint as string | string[] | undefined),
      env: config.Env ?? [],
      workingDir: config.WorkingDir,
      user: config.User,
      tty: config.Tty,
      openStdin: config.OpenStdin,
      labels: config.Labels ?? {},
      exposedPorts: Object.keys(config.ExposedPorts ?? {}),
      stopSignal: (config as { StopSignal?: string }).StopSignal || undefined,
      stopTimeout: (config as { StopTimeout?: number }).StopTimeout,
    },
    restartPolicy: {
      name: info.HostConfig.RestartPolicy?.Name || 'no',
      maximumRetryCount: info.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    ports,
    portBindings,
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type ?? '',
      source: m.Source,
      destination: m.Destination,
      mode: m.Mode,
      readWrite: m.RW,
    })),
    networks: Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? '',
      macAddress: n.MacAddress ?? '',
    })),
    init: Boolean((info.HostConfig as { Init?: boolean }).Init),
  };
}

/** `docker create`: returns the new container's id. */
export async function createContainer(ctx: EngineContext, spec: ContainerSpec): Promise<string> {
  const ref = parseReference(spec.image);
  if (!ref.ok)
    throw new EngineError('BadRequest', `"${spec.image}" is not a valid image name: ${ref.reason}.`);
  if (spec.name !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(spec.name)) {
    throw new EngineError(
      'BadRequest',
      `"${spec.name}" is not a valid container name: use letters, digits, "_", "." and "-", at least two characters, starting with a letter or digit.`,
    );
  }
  // Checked here too, so no caller can send a half-valid spec and leave a container behind.
  const problem =
    spec.env?.map(envProblem).find(Boolean) ?? spec.ports?.map(portBindingProblem).find(Boolean);
  if (problem) throw new EngineError('BadRequest', problem);
  const ports = toEnginePorts(spec.ports ?? []);
  const published = (spec.ports?.length ?? 0) > 0;
  const options: Docker.ContainerCreateOptions = {
    Image: spec.image,
    name: spec.name,
    Cmd: spec.cmd && spec.cmd.length > 0 ? spec.cmd : undefined,
    Entrypoint: spec.entrypoint,
    Env: spec.env,
    Labels: spec.labels,
    WorkingDir: spec.workingDir,
    User: spec.user,
    Tty: spec.tty ?? false,
    OpenStdin: spec.openStdin ?? false,
    StdinOnce: false,
    AttachStdin: spec.openStdin ?? false,
    AttachStdout: true,
    AttachStderr: true,
    StopTimeout: spec.stopTimeout,
    ExposedPorts: published ? ports.exposedPorts : undefined,
    HostConfig: {
      Init: spec.init ?? false,
      AutoRemove: spec.autoRemove ?? false,
      PortBindings: published ? ports.portBindings : undefined,
    },
  };
  const container = await ctx.call(`create a container from ${spec.image}`, () =>
    ctx.docker.createContainer(options),
  );
  return container.id;
}

/** `docker run -d`: create, then start. Returns the id. */
export async function runContainer(ctx: EngineContext, spec: ContainerSpec): Promise<string> {
  const id = await createContainer(ctx, spec);
  await startContainer(ctx, id);
  return id;
}

export async function startContainer(ctx: EngineContext, id: string): Promise<void> {
  await ctx.call(`start ${id}`, () => ctx.docker.getContainer(id).start());
}

/**
 * `docker stop -t N`: the engine sends the stop signal (SIGTERM unless the image says otherwise),
 * waits `graceSeconds`, then sends SIGKILL.
 */
export async function stopContainer(ctx: EngineContext, id: string, options: { graceSeconds?: number } = {}) {
  await ctx.call(`stop ${id}`, () => ctx.docker.getContainer(id).stop({ t: options.graceSeconds ?? 10 }));
}

export async function restartContainer(
  ctx: EngineContext,
  id: string,
  options: { graceSeconds?: number } = {},
) {
  await ctx.call(`restart ${id}`, () =>
    ctx.docker.getContainer(id).restart({ t: options.graceSeconds ?? 10 }),
  );
}

/** The signals berth offers by name; the engine accepts any name or number. */
export const SIGNALS = [
  'SIGTERM',
  'SIGKILL',
  'SIGSTOP',
  'SIGCONT',
  'SIGHUP',
  'SIGINT',
  'SIGUSR1',
  'SIGUSR2',
] as const;

/** `docker kill -s SIGNAL`: sends the signal to the container's main process. */
export async function killContainer(ctx: EngineContext, id: string, signal = 'SIGKILL') {
  await ctx.call(`send ${signal} to ${id}`, () => ctx.docker.getContainer(id).kill({ signal }));
}

/** `docker pause`: freezes every process in the container (cgroup freezer). */
export async function pauseContainer(ctx: EngineContext, id: string) {
  await ctx.call(`pause ${id}`, () => ctx.docker.getContainer(id).pause());
}

export async function unpauseContainer(ctx: EngineContext, id: string) {
  await ctx.call(`unpause ${id}`, () => ctx.docker.getContainer(id).unpause());
}

export async function removeContainer(
  ctx: EngineContext,
  id: string,
  options: { force?: boolean; volumes?: boolean } = {},
) {
  await ctx.call(`remove ${id}`, () =>
    ctx.docker.getContainer(id).remove({ force: options.force ?? false, v: options.volumes ?? false }),
  );
}

/** `docker wait`: resolves with the exit code once the container stops. */
export async function waitContainer(ctx: EngineContext, id: string): Promise<number> {
  const result = await ctx.call(`wait for ${id}`, () => ctx.docker.getContainer(id).wait());
  return (result as { StatusCode: number }).StatusCode;
}

export interface ContainerPrunePreview {
  containers: ContainerSummary[];
}

/** What `docker container prune` would remove: every container that is not running or paused. */
export async function previewContainerPrune(ctx: EngineContext): Promise<ContainerPrunePreview> {
  const all = await listContainers(ctx, { all: true });
  return {
    containers: all.filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead'),
  };
}

export interface PruneResult {
  removed: string[];
  failed: Array<{ id: string; name: string; error: EngineError }>;
}

/**
 * Removes exactly the previewed containers, not whatever has stopped since the preview: the
 * person confirmed a list, so only that list goes. One that was started meanwhile is skipped.
 */
export async function pruneContainers(
  ctx: EngineContext,
  preview: ContainerPrunePreview,
): Promise<PruneResult> {
  const result: PruneResult = { removed: [], failed: [] };
  for (const c of preview.containers) {
    try {
      await removeContainer(ctx, c.id, { force: false });
      result.removed.push(c.id);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'NotFound') continue;
      result.failed.push({ id: c.id, name: c.name, error: error as EngineError });
    }
  }
  return result;
}

export interface CommitOptions {
  repository: string;
  tag?: string;
  /** Dockerfile instructions applied to the new image, e.g. `CMD ["sh", "-c", "echo hi"]`. */
  changes?: string[];
  comment?: string;
  author?: string;
  /** Pause the container while committing (the docker default). */
  pause?: boolean;
}

/** `docker commit -c 'CMD [...]' CONTAINER repo:tag`: returns the new image id. */
export async function commitContainer(
  ctx: EngineContext,
  id: string,
  options: CommitOptions,
): Promise<string> {
  const reference = options.tag ? `${options.repository}:${options.tag}` : options.repository;
  const parsed = parseReference(reference);
  if (!parsed.ok)
    throw new EngineError('BadRequest', `"${reference}" is not a valid image name: ${parsed.reason}.`);
  // Only what is set: docker-modem sends an unset option as an empty parameter, and an empty
  // `changes` is refused ("file with no instructions").
  const query: Record<string, unknown> = {
    repo: parsed.repository,
    tag: parsed.tag ?? 'latest',
    pause: options.pause ?? true,
  };
  if (options.comment) query.comment = options.comment;
  if (options.author) query.author = options.author;
  if (options.changes && options.changes.length > 0) query.changes = options.changes;
  const result = await ctx.call(`commit ${id}`, () => ctx.docker.getContainer(id).commit(query));
  return (result as { Id: string }).Id;
}

export type ChangeKind = 'changed' | 'added' | 'deleted';

export interface FileChange {
  path: string;
  kind: ChangeKind;
}

const CHANGE_KINDS: Record<number, ChangeKind> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** `docker diff`: files changed in the container's writable layer. */
export async function diffContainer(ctx: EngineContext, id: string): Promise<FileChange[]> {
  const changes = await ctx.call(`list the file changes of ${id}`, () =>
    ctx.docker.getContainer(id).changes(),
  );
  // No changes: the engine answers `null`, which dockerode hands back as a raw Buffer.
  const list = Array.isArray(changes) ? (changes as Array<{ Path: string; Kind: number }>) : [];
  return list.map((c) => ({
    path: c.Path,
    kind: CHANGE_KINDS[c.Kind] ?? 'changed',
  }));
}

export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

/**
 * `docker top`: the container's processes. The default columns include STAT, which is the only
 * place a SIGSTOP'd process shows (state `T`): inspect still says "running".
 */
export async function topContainer(ctx: EngineContext, id: string, psArgs = '-o pid,user,stat,time,args') {
  const result = await ctx.call(`list the processes of ${id}`, () =>
    ctx.docker.getContainer(id).top({ ps_args: psArgs }),
  );
  const table = result as { Titles: string[]; Processes: string[][] | null };
  return { titles: table.Titles, processes: table.Processes ?? [] } satisfies ProcessTable;
}
