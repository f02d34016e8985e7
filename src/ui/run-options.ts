/**
 * The second question of `R` (run) and `C` (create): a name and the docker CLI's own options —
 * `--name NAME` (or just NAME), `-e KEY=VALUE` and `-p [IP:]HOST:CONTAINER` (each repeatable),
 * and for run `--rm`. Split like a shell would, without one; every value is checked here, so a
 * bad one is a sentence in the prompt and nothing reaches the engine. Pure.
 */
import { envProblem, formatPortSpec, type PortBinding, parsePortSpec } from '../engine/port-spec.js';
import { splitCommand } from '../terminal/argv.js';

export interface RunOptions {
  name: string | undefined;
  env: string[];
  ports: PortBinding[];
  /** `--rm` (run only). */
  remove: boolean;
}

export type RunOptionsCheck = { ok: true; options: RunOptions } | { ok: false; reason: string };

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function containerNameProblem(name: string): string | undefined {
  if (CONTAINER_NAME.test(name)) return undefined;
  return `"${name}" is not a valid container name: letters, digits, "_", "." and "-", at least two characters, starting with a letter or digit.`;
}

/** The words of a flag with its value: `-e A=1`, `--env=A=1`, `-eA=1`. */
function flagValue(
  word: string,
  short: string,
  long: string,
  next: () => string | undefined,
): string | undefined | false {
  if (word === short || word === long) return next();
  if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
  if (word.startsWith(short) && word.length > short.length && !word.startsWith('--'))
    return word.slice(short.length);
  return false;
}

export function parseRunOptions(text: string, options: { allowRemove: boolean }): RunOptionsCheck {
  const split = splitCommand(text);
  if (!split.ok) return { ok: false, reason: `That cannot be split into words: ${split.reason}.` };
  const words = split.argv;
  const result: RunOptions = { name: undefined, env: [], ports: [], remove: false };
  const names: string[] = [];
  const supported = `--name, -e, -p${options.allowRemove ? ', --rm' : ''}`;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = () => words[++i];
    const env = flagValue(word, '-e', '--env', next);
    if (env !== false) {
      if (env === undefined) return { ok: false, reason: '-e needs KEY=VALUE after it.' };
      const problem = envProblem(env);
      if (problem) return { ok: false, reason: problem };
      result.env.push(env);
      continue;
    }
    const port = flagValue(word, '-p', '--publish', next);
    if (port !== false) {
      const checked = parsePortSpec(port ?? '');
      if (!checked.ok) return { ok: false, reason: checked.reason };
      result.ports.push(checked.binding);
      continue;
    }
    if (word === '--name' || word.startsWith('--name=')) {
      const name = word === '--name' ? next() : word.slice('--name='.length);
      if (!name) return { ok: false, reason: '--name needs the name after it.' };
      names.push(name);
    } else if (word === '--rm' && options.allowRemove) {
      result.remove = true;
    } else if (word.startsWith('-')) {
      return { ok: false, reason: `${word} is not an option berth takes here (${supported}).` };
    } else {
      names.push(word);
    }
  }
  if (names.length > 1)
    return { ok: false, reason: `Give one name, not ${names.length} (${names.join(', ')}).` };
  if (names[0] !== undefined) {
    const problem = containerNameProblem(names[0]);
    if (problem) return { ok: false, reason: problem };
    result.name = names[0];
  }
  return { ok: true, options: result };
}

/** The `-p` values to show in the docker command. */
export function portFlags(options: RunOptions): string[] {
  return options.ports.map(formatPortSpec);
}
