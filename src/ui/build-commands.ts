/**
 * `b` (and the palette's `build DIR`): asks for the context directory — with the docker CLI's
 * `-f`, `--build-arg` and `--no-cache` if wanted — then the tag, then streams the build in a view;
 * the new image ends up selected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BuildTask } from '../state/build-model.js';
import { splitCommand } from '../terminal/argv.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';
import { checkNewReference, engineText, selectImage } from './image-commands.js';

export interface BuildLine {
  dir: string;
  /** As typed after `-f`: relative to the current directory, like the docker CLI's. */
  dockerfile: string | undefined;
  buildArgs: Record<string, string>;
  noCache: boolean;
}

/**
 * What the build prompt takes: a directory, optionally with the docker CLI's own flags —
 * `-f FILE`, `--build-arg NAME=VALUE` (repeatable), `--no-cache`. Split like a shell would,
 * without one. Pure.
 */
export function parseBuildLine(text: string): { ok: true; line: BuildLine } | { ok: false; reason: string } {
  const split = splitCommand(text);
  if (!split.ok) return { ok: false, reason: `That cannot be split into words: ${split.reason}.` };
  const line: BuildLine = { dir: '.', dockerfile: undefined, buildArgs: {}, noCache: false };
  const positional: string[] = [];
  const words = split.argv;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = () => words[++i];
    if (word === '-f' || word === '--file' || word.startsWith('--file=')) {
      const file = word.startsWith('--file=') ? word.slice('--file='.length) : value();
      if (!file) return { ok: false, reason: `${word} needs the Dockerfile's path after it.` };
      line.dockerfile = file;
    } else if (word === '--build-arg' || word.startsWith('--build-arg=')) {
      const arg = word.startsWith('--build-arg=') ? word.slice('--build-arg='.length) : value();
      const at = arg?.indexOf('=') ?? -1;
      if (!arg || at <= 0) return { ok: false, reason: '--build-arg needs NAME=VALUE after it.' };
      line.buildArgs[arg.slice(0, at)] = arg.slice(at + 1);
    } else if (word === '--no-cache') {
      line.noCache = true;
    } else if (word.startsWith('-') && word !== '-') {
      return {
        ok: false,
        reason: `${word} is not an option berth's build takes (-f, --build-arg, --no-cache).`,
      };
    } else {
      positional.push(word);
    }
  }
  if (positional.length > 1) return { ok: false, reason: `Give one directory, not ${positional.length}.` };
  if (positional[0] === '-')
    return { ok: false, reason: 'Building from standard input is not supported: give a directory.' };
  line.dir = positional[0] ?? '.';
  return { ok: true, line };
}

/** Why `line` cannot be built (a missing folder or Dockerfile), or undefined. */
export function buildContextProblem(line: BuildLine, cwd = process.cwd()): string | undefined {
  const full = path.resolve(cwd, line.dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return `There is no directory ${full}.`;
  }
  if (!stat.isDirectory()) return `${full} is a file: give the directory that holds the Dockerfile.`;
  const dockerfile = line.dockerfile ? path.resolve(cwd, line.dockerfile) : path.join(full, 'Dockerfile');
  if (!fs.existsSync(dockerfile))
    return line.dockerfile ? `There is no Dockerfile at ${dockerfile}.` : `${full} has no Dockerfile.`;
  return undefined;
}

/** `b`: asks for the context directory, then the tag (may be empty), then builds in a view. */
export function askBuild(ctx: CommandContext, initialDir = '.') {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: 'Build an image',
      label: `Directory with a Dockerfile, relative to ${process.cwd()} (also -f FILE, --build-arg A=B, --no-cache)`,
      initial: initialDir,
      onSubmit: (text) => {
        const parsed = parseBuildLine(text);
        if (!parsed.ok) return parsed.reason;
        const problem = buildContextProblem(parsed.line);
        if (problem) return problem;
        askBuildTag(ctx, parsed.line);
        return undefined;
      },
    },
  });
}

function askBuildTag(ctx: CommandContext, line: BuildLine) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `Build ${line.dir}`,
      label: 'Tag, repository[:tag], e.g. myapp:dev (empty: leave the image untagged)',
      onSubmit: (text) => {
        let tag: string | undefined;
        if (text.trim() !== '') {
          const checked = checkNewReference(text);
          if (!checked.ok) return checked.reason;
          tag = checked.reference;
        }
        startBuild(ctx, line, tag);
        return undefined;
      },
    },
  });
}

/** `docker build -t TAG -f FILE --build-arg A=B --no-cache DIR`. */
function buildCommand(line: BuildLine, tag: string | undefined): string {
  return cli.shellJoin([
    'docker',
    'build',
    ...(tag ? ['-t', tag] : []),
    ...(line.dockerfile ? ['-f', line.dockerfile] : []),
    ...Object.entries(line.buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...(line.noCache ? ['--no-cache'] : []),
    line.dir,
  ]);
}

function startBuild(ctx: CommandContext, line: BuildLine, tag: string | undefined) {
  const { model } = ctx;
  const { dir } = line;
  const command = buildCommand(line, tag);
  const engine = model.engineForChange(command);
  if (!engine) return;
  const build = new BuildTask({
    dir: path.resolve(dir),
    tag,
    dockerfile: line.dockerfile ? path.resolve(line.dockerfile) : undefined,
    buildArgs: line.buildArgs,
    noCache: line.noCache,
  });
  ctx.dispatch({ type: 'openOverlay', overlay: { kind: 'build', title: command, build } });
  model.status.show({ kind: 'progress', text: `Building ${dir}…`, command });
  void build.run(engine).then((result) => {
    const state = build.store.get();
    if (result) {
      const cached = state.steps.filter((s) => s.cached).length;
      model.status.show({
        kind: 'success',
        text: `Built ${result.imageId.replace(/^sha256:/, '').slice(0, 12)}${result.tag ? ` as ${result.tag}` : ''} (${cached} of ${state.steps.length} steps cached).`,
        command,
      });
      ctx.dispatch({ type: 'focus', focus: 'images' });
      void selectImage(ctx, result.imageId);
    } else if (state.status === 'cancelled') {
      model.status.show({ kind: 'info', text: 'Build cancelled.', command });
    } else {
      model.status.show({ kind: 'error', text: engineText(state.error ?? 'The build failed.'), command });
    }
  });
}
