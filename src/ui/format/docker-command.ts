/**
 * The docker CLI command each berth action stands for, shown in the status line and copied with
 * `y`, so people learn the CLI while they use berth. Display only: berth itself calls the API
 * and never hands a string to a shell. Arguments are quoted as a POSIX shell needs them, so a
 * copied command pastes and runs as shown.
 */

/** Characters a POSIX shell takes literally anywhere in a word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell: `it's` → `'it'\''s'`; safe words stay bare. */
export function shellQuote(arg: string): string {
  if (SAFE_WORD.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Joins an argv into one command line a POSIX shell splits back into the same argv. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

const docker = (...args: Array<string | false | undefined>): string =>
  shellJoin(['docker', ...args.filter((a): a is string => typeof a === 'string')]);

/** `-t N` when a grace period is given. */
const graceFlag = (seconds: number | undefined) => (seconds === undefined ? [] : ['-t', String(seconds)]);

/** `docker stop -t 10 web`: SIGTERM, then SIGKILL after the grace period (seconds). */
export function dockerStop(container: string, graceSeconds?: number): string {
  return docker('stop', ...graceFlag(graceSeconds), container);
}

export interface StartCommandOptions {
  /** `-a`: attach to the output (`start -a`). */
  attach?: boolean;
  /** `-i`: attach the input too. */
  interactive?: boolean;
}

export function dockerStart(container: string, options: StartCommandOptions = {}): string {
  return docker('start', options.attach && '-a', options.interactive && '-i', container);
}

/** `docker kill web` sends SIGKILL; any other signal is named: `docker kill -s SIGHUP web`. */
export function dockerKill(container: string, signal = 'SIGKILL'): string {
  const name = signal.toUpperCase();
  const isKill = name === 'SIGKILL' || name === 'KILL' || name === '9';
  return isKill ? docker('kill', container) : docker('kill', '-s', signal, container);
}

export function dockerPause(container: string): string {
  return docker('pause', container);
}

export function dockerUnpause(container: string): string {
  return docker('unpause', container);
}

export function dockerRestart(container: string, graceSeconds?: number): string {
  return docker('restart', ...graceFlag(graceSeconds), container);
}

export interface RemoveCommandOptions {
  /** `-f`: kill it first if it runs. */
  force?: boolean;
  /** `-v`: remove its anonymous volumes too. */
  volumes?: boolean;
}

export function dockerRm(container: string, options: RemoveCommandOptions = {}): string {
  return docker('rm', options.force && '-f', options.volumes && '-v', container);
}

/**
 * The closest CLI command to berth's prune. berth removes exactly the stopped containers its
 * preview listed (one by one), while `docker container prune` removes whatever is stopped when it
 * runs, including containers that stopped after the preview.
 */
export function dockerContainerPrune(): string {
  return docker('container', 'prune', '-f');
}

export interface LogsCommandOptions {
  follow?: boolean;
  /** Lines from the end: `--tail 100`. */
  tail?: number | 'all';
  timestamps?: boolean;
  /** As docker takes it: `10m`, `2026-11-28T10:00:00Z`, a Unix time. */
  since?: string;
}

export function dockerLogs(container: string, options: LogsCommandOptions = {}): string {
  return docker(
    'logs',
    options.follow && '-f',
    ...(options.tail === undefined ? [] : ['--tail', String(options.tail)]),
    options.timestamps && '-t',
    ...(options.since === undefined ? [] : ['--since', options.since]),
    container,
  );
}

export interface ExecCommandOptions {
  /** `-i` and `-t` (on by default, as for berth's embedded terminal). */
  interactive?: boolean;
  tty?: boolean;
  user?: string;
  workdir?: string;
  env?: readonly string[];
}

/** `docker exec -it web sh`. */
export function dockerExec(
  container: string,
  command: readonly string[] = ['sh'],
  options: ExecCommandOptions = {},
): string {
  return docker(
    'exec',
    interactiveFlags(options.interactive ?? true, options.tty ?? true),
    ...(options.user ? ['-u', options.user] : []),
    ...(options.workdir ? ['-w', options.workdir] : []),
    ...(options.env ?? []).flatMap((e) => ['-e', e]),
    container,
    ...command,
  );
}

export interface RunCommandOptions {
  /** Overrides the image's CMD; none keeps it. */
  command?: readonly string[];
  name?: string;
  /** `-d`: run in the background (then -i and -t are off unless asked for). */
  detach?: boolean;
  interactive?: boolean;
  tty?: boolean;
  /** `--rm`: remove the container when it exits. */
  remove?: boolean;
  env?: readonly string[];
  /** `-p` values as typed, e.g. `127.0.0.1:8080:80`. */
  ports?: readonly string[];
}

/** `docker run -it --rm --name n -e A=1 -p 8080:80 busybox sh -c '…'`. */
export function dockerRun(image: string, options: RunCommandOptions = {}): string {
  return docker('run', ...containerFlags(options), image, ...(options.command ?? []));
}

/** `docker create`: like run without starting, so no -d, --rm, and no -it unless asked for. */
export function dockerCreate(
  image: string,
  options: Omit<RunCommandOptions, 'detach' | 'remove'> = {},
): string {
  const flags = containerFlags({
    ...options,
    detach: false,
    interactive: options.interactive ?? false,
    tty: options.tty ?? false,
  });
  return docker('create', ...flags, image, ...(options.command ?? []));
}

export function dockerAttach(container: string, detachKeys?: string): string {
  return docker('attach', ...(detachKeys ? ['--detach-keys', detachKeys] : []), container);
}

export interface CommitCommandOptions {
  /** New CMD, as an exec-form array: `-c 'CMD ["sh"]'`. */
  cmd?: readonly string[];
  /** Other Dockerfile instructions to apply, e.g. `ENV A=1`. */
  changes?: readonly string[];
  message?: string;
}

/** `docker commit -c 'CMD ["sh"]' web repo:tag`. */
export function dockerCommit(
  container: string,
  reference?: string,
  options: CommitCommandOptions = {},
): string {
  const changes = [
    ...(options.cmd ? [`CMD ${JSON.stringify(options.cmd)}`] : []),
    ...(options.changes ?? []),
  ];
  return docker(
    'commit',
    ...changes.flatMap((c) => ['-c', c]),
    ...(options.message ? ['-m', options.message] : []),
    container,
    reference,
  );
}

export function dockerTag(source: string, target: string): string {
  return docker('tag', source, target);
}

export function dockerRmi(image: string, options: { force?: boolean } = {}): string {
  return docker('rmi', options.force && '-f', image);
}

/** Dangling images only, as berth's prune; berth removes exactly the previewed list. */
export function dockerImagePrune(): string {
  return docker('image', 'prune', '-f');
}

export interface BuildCommandOptions {
  tag?: string;
  /** `-f path` when the Dockerfile is not `<context>/Dockerfile`. */
  dockerfile?: string;
  noCache?: boolean;
}

/** `docker build -t tag -f path dir`. */
export function dockerBuild(contextDir: string, options: BuildCommandOptions = {}): string {
  return docker(
    'build',
    ...(options.tag ? ['-t', options.tag] : []),
    ...(options.dockerfile ? ['-f', options.dockerfile] : []),
    options.noCache && '--no-cache',
    contextDir,
  );
}

export function dockerInspect(target: string): string {
  return docker('inspect', target);
}

export function dockerTop(container: string): string {
  return docker('top', container);
}

export function dockerDiff(container: string): string {
  return docker('diff', container);
}

export function dockerStats(container?: string, options: { noStream?: boolean } = {}): string {
  return docker('stats', options.noStream && '--no-stream', container);
}

export function dockerHistory(image: string): string {
  return docker('history', image);
}

export function dockerPs(options: { all?: boolean } = {}): string {
  return docker('ps', options.all && '-a');
}

export function dockerImages(): string {
  return docker('images');
}

function interactiveFlags(interactive: boolean, tty: boolean): string | undefined {
  if (interactive && tty) return '-it';
  if (interactive) return '-i';
  if (tty) return '-t';
  return undefined;
}

function containerFlags(options: RunCommandOptions): string[] {
  const detach = options.detach ?? false;
  const flags = [
    detach ? '-d' : undefined,
    interactiveFlags(options.interactive ?? !detach, options.tty ?? !detach),
    options.remove ? '--rm' : undefined,
    ...(options.name ? ['--name', options.name] : []),
    ...(options.env ?? []).flatMap((e) => ['-e', e]),
    ...(options.ports ?? []).flatMap((p) => ['-p', p]),
  ];
  return flags.filter((f): f is string => f !== undefined);
}
