/**
 * The build context: the directory packed as a tar stream for `POST /build`, without what
 * `.dockerignore` excludes. dockerode's own packer hands the ignore filter absolute paths, so
 * patterns never match; this one filters by the path relative to the context, as the CLI does.
 */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import tar from 'tar-fs';
import { EngineError } from './errors.js';

export interface BuildContext {
  /** The tar stream of the context; read it once. */
  stream: Readable;
  /** The Dockerfile's path inside the context, with `/` separators, for the `dockerfile` query. */
  dockerfile: string;
  /** The context directory, absolute. */
  dir: string;
}

/** `dir` joined with `file` as the person wrote it, for sentences: `./app/Dockerfile`. */
function shown(dir: string, file?: string): string {
  const base = dir.replace(/\/+$/, '') || '/';
  return file === undefined ? base : `${base === '/' ? '' : base}/${file}`;
}

function badRequest(message: string): EngineError {
  return new EngineError('BadRequest', message, message);
}

/** Reads `.dockerignore` as the CLI does: one pattern a line, `#` comments and blanks skipped. */
export function readDockerignore(dir: string): string[] {
  const file = path.join(dir, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * A predicate on paths relative to the context (`/` separators): true when the file is left out.
 * The Dockerfile and `.dockerignore` always go, so the engine can read them. An excluded
 * directory is still entered when an exception (`!dir/keep`) may match inside it.
 */
export function contextExcludes(
  patterns: string[],
  dockerfile: string,
): (relative: string, isDir: boolean) => boolean {
  const always = [`!${dockerfile}`, '!.dockerignore'];
  // A CommonJS module whose types declare an ES default: `.default` is the factory both ways.
  const rules = dockerignore.default({ ignorecase: false }).add([...patterns, ...always]);
  const exceptions = [
    ...patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
    ...always.map((p) => p.slice(1)),
  ].map((p) => p.replace(/^\/+/, ''));
  return (relative, isDir) => {
    if (!rules.ignores(relative)) return false;
    if (!isDir) return true;
    const dirSlash = `${relative}/`;
    return !exceptions.some((exception) => `${exception}/`.startsWith(dirSlash));
  };
}

/**
 * Checks the directory and Dockerfile, then packs the context. Throws EngineError BadRequest with
 * a sentence before anything is sent when the directory or the Dockerfile is missing.
 */
export function buildContext(dir: string, options: { dockerfile?: string } = {}): BuildContext {
  const root = path.resolve(dir);
  if (!existsSync(root)) throw badRequest(`There is no directory ${shown(dir)} to build from.`);
  if (!statSync(root).isDirectory())
    throw badRequest(`${shown(dir)} is not a directory: build from a directory.`);

  const given = options.dockerfile ?? 'Dockerfile';
  const dockerfilePath = path.resolve(root, given);
  const inside = path.relative(root, dockerfilePath);
  const dockerfileShown = path.isAbsolute(given) ? given : shown(dir, given.replace(/^\.\//, ''));
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    throw badRequest(`The Dockerfile ${given} is outside the build context ${shown(dir)}; move it inside.`);
  }
  if (!existsSync(dockerfilePath) || !statSync(dockerfilePath).isFile()) {
    throw badRequest(`There is no Dockerfile at ${dockerfileShown}.`);
  }

  const dockerfile = inside.split(path.sep).join('/');
  const excluded = contextExcludes(readDockerignore(root), dockerfile);
  const stream = tar.pack(root, {
    ignore: (name: string) => {
      const relative = path.relative(root, name).split(path.sep).join('/');
      return excluded(relative, lstatSync(name).isDirectory());
    },
    // Owned by root, as the CLI sends it, so the cache does not depend on who packs the context.
    map: (header) => ({ ...header, uid: 0, gid: 0, uname: 'root', gname: 'root' }),
  });
  return { stream, dockerfile, dir: root };
}
