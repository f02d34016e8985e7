/**
 * berth's config file (YAML, like lazydocker's and k9s's): key bindings, the log buffer's size,
 * the stop grace period. A missing file is fine; a broken one is explained and the defaults used,
 * so a typo never keeps berth from starting.
 *
 *   # ~/.config/berth/config.yml  (or $XDG_CONFIG_HOME/berth/config.yml, or $BERTH_CONFIG)
 *   keys:
 *     containerStop: s          # any action from src/keys/actions.ts: a key or a list of keys
 *     quit: [q, ctrl+c]
 *   logs:
 *     bufferLines: 10000        # lines kept per followed container (a ring buffer)
 *   stop:
 *     graceSeconds: 10          # docker stop -t: SIGTERM, then SIGKILL after this long
 *   terminal:
 *     backend: auto             # exec/attach/run -it: auto (the docker CLI if on PATH), cli, or api
 *   containers:
 *     statsColumn: false        # CPU/MEM column in the list (m toggles it); reads the running rows on screen every 2 s
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_KEYMAP, type Keymap } from '../keys/bindings.js';
import { applyOverrides } from '../keys/config.js';

export interface BerthConfig {
  keymap: Keymap;
  logBufferLines: number;
  stopGraceSeconds: number;
  terminalBackend: TerminalBackend;
  /** The containers list starts with its CPU/MEM column shown. */
  containerStatsColumn: boolean;
  /** The file read, if any. */
  file?: string;
  /** One sentence per problem found in the file. */
  errors: string[];
}

export type TerminalBackend = 'auto' | 'cli' | 'api';
const BACKENDS: readonly TerminalBackend[] = ['auto', 'cli', 'api'];
const SECTIONS = ['keys', 'logs', 'stop', 'terminal', 'containers'];

export const DEFAULT_CONFIG: BerthConfig = {
  keymap: DEFAULT_KEYMAP,
  logBufferLines: 10_000,
  stopGraceSeconds: 10,
  terminalBackend: 'auto',
  containerStatsColumn: false,
  errors: [],
};

export function configPath(env: Record<string, string | undefined>, homeDir = os.homedir()): string {
  if (env.BERTH_CONFIG) return env.BERTH_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(homeDir, '.config');
  return path.join(base, 'berth', 'config.yml');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown, name: string, min: number, max: number, errors: string[]) {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  errors.push(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  return undefined;
}

/**
 * Reads the config text (pure, for tests). The YAML parser (a quarter of a megabyte) is loaded
 * only when there is a file to read: most starts have none, and the first frame waits for this.
 */
export async function parseConfig(text: string, file = 'config.yml'): Promise<BerthConfig> {
  const errors: string[] = [];
  let data: unknown;
  try {
    const { parse } = await import('yaml');
    data = parse(text);
  } catch (error) {
    return { ...DEFAULT_CONFIG, file, errors: [`${file} is not valid YAML: ${(error as Error).message}`] };
  }
  if (data == null) return { ...DEFAULT_CONFIG, file };
  if (!isRecord(data))
    return { ...DEFAULT_CONFIG, file, errors: [`${file} should hold settings (keys:, logs:, stop:).`] };
  for (const key of Object.keys(data)) {
    if (!SECTIONS.includes(key))
      errors.push(`${file}: unknown setting "${key}" (known: ${SECTIONS.join(', ')}).`);
  }
  let keymap = DEFAULT_KEYMAP;
  if (data.keys !== undefined) {
    if (isRecord(data.keys)) {
      const result = applyOverrides(DEFAULT_KEYMAP, data.keys);
      keymap = result.keymap;
      errors.push(...result.errors.map((e) => `${file}: keys: ${e}`));
    } else errors.push(`${file}: keys: should map action names to keys.`);
  }
  const logs = isRecord(data.logs) ? data.logs : {};
  const stop = isRecord(data.stop) ? data.stop : {};
  const terminal = isRecord(data.terminal) ? data.terminal : {};
  const containers = isRecord(data.containers) ? data.containers : {};
  let containerStatsColumn = DEFAULT_CONFIG.containerStatsColumn;
  if (containers.statsColumn !== undefined) {
    if (typeof containers.statsColumn === 'boolean') containerStatsColumn = containers.statsColumn;
    else
      errors.push(
        `${file}: containers.statsColumn must be true or false, not ${JSON.stringify(containers.statsColumn)}.`,
      );
  }
  let terminalBackend = DEFAULT_CONFIG.terminalBackend;
  if (terminal.backend !== undefined) {
    if (BACKENDS.includes(terminal.backend as TerminalBackend))
      terminalBackend = terminal.backend as TerminalBackend;
    else
      errors.push(
        `${file}: terminal.backend must be auto, cli or api, not ${JSON.stringify(terminal.backend)}.`,
      );
  }
  return {
    keymap,
    logBufferLines:
      positiveInteger(logs.bufferLines, `${file}: logs.bufferLines`, 100, 10_000_000, errors) ??
      DEFAULT_CONFIG.logBufferLines,
    stopGraceSeconds:
      positiveInteger(stop.graceSeconds, `${file}: stop.graceSeconds`, 0, 3600, errors) ??
      DEFAULT_CONFIG.stopGraceSeconds,
    terminalBackend,
    containerStatsColumn,
    file,
    errors,
  };
}

export async function loadConfig(
  env: Record<string, string | undefined> = process.env,
  explicit?: string,
): Promise<BerthConfig> {
  const file = explicit ?? configPath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && !explicit && !env.BERTH_CONFIG) return DEFAULT_CONFIG;
    return {
      ...DEFAULT_CONFIG,
      errors: [`Could not read the config file ${file}: ${(error as Error).message}`],
    };
  }
  return parseConfig(text, file);
}
