/**
 * The engine's container status text ("Up 3 minutes", "Exited (137) 2 seconds ago"), parsed into
 * parts so berth can colour it and keep it current: the list API sends the text once, worded at
 * that moment, and re-rendering it later must move the clock on exactly as `docker ps` would.
 * The engine words it in daemon/container/state.go with go-units' HumanDuration.
 */
import { humanDuration, nextChangeIn } from './duration.js';

/** The engine's container states (the list API's `State` field), as the status text tells them. */
export type StatusKind =
  | 'running'
  | 'paused'
  | 'restarting'
  | 'exited'
  | 'created'
  | 'removing'
  | 'dead'
  | 'unknown';

export interface ParsedStatus {
  kind: StatusKind;
  /**
   * Approximate epoch ms the container started (Up, Paused) or finished (Exited, Restarting):
   * the earliest moment the text was true of, so that it reads the same when formatted at once.
   */
  since?: number;
  exitCode?: number;
  paused?: true;
  /** `starting`, `healthy` or `unhealthy` when the container has a health check. */
  health?: string;
  /** The text as the engine sent it; formatted back as is when it could not be parsed. */
  text: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const UP = /^Up (.+?)(?: \(([^()]+)\))?$/;
const EXITED = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/;

/** Parses a status text received at `now` (epoch ms). */
export function parseStatus(status: string, now: number): ParsedStatus {
  const text = status.trim();
  if (text === 'Created') return { kind: 'created', text };
  if (text === 'Removal In Progress') return { kind: 'removing', text };
  if (text === 'Dead') return { kind: 'dead', text };

  const up = UP.exec(text);
  if (up) {
    const elapsed = durationFromText(up[1] ?? '');
    if (elapsed === undefined) return { kind: 'unknown', text };
    const parsed: ParsedStatus = { kind: 'running', since: now - elapsed, text };
    const note = up[2];
    if (note === 'Paused') {
      parsed.kind = 'paused';
      parsed.paused = true;
    } else if (note !== undefined) {
      parsed.health = note.replace(/^health: /, '');
    }
    return parsed;
  }

  const ended = EXITED.exec(text);
  if (ended) {
    const elapsed = durationFromText(ended[3] ?? '');
    if (elapsed === undefined) return { kind: 'unknown', text };
    return {
      kind: ended[1] === 'Exited' ? 'exited' : 'restarting',
      exitCode: Number(ended[2]),
      since: now - elapsed,
      text,
    };
  }
  return { kind: 'unknown', text };
}

/** The status text as the engine would word it at `now`. */
export function formatStatus(status: ParsedStatus, now: number): string {
  const { since } = status;
  switch (status.kind) {
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'running':
    case 'paused': {
      if (since === undefined) return status.text;
      const up = `Up ${humanDuration(now - since)}`;
      if (status.paused) return `${up} (Paused)`;
      if (status.health === undefined) return up;
      return `${up} (${status.health === 'starting' ? 'health: starting' : status.health})`;
    }
    case 'exited':
    case 'restarting': {
      if (since === undefined) return status.text;
      const word = status.kind === 'exited' ? 'Exited' : 'Restarting';
      return `${word} (${status.exitCode ?? 0}) ${humanDuration(now - since)} ago`;
    }
    default:
      return status.text;
  }
}

/** Milliseconds until `formatStatus` gives another text, or undefined if it never changes. */
export function statusChangesIn(status: ParsedStatus, now: number): number | undefined {
  return status.since === undefined ? undefined : nextChangeIn(now - status.since);
}

/**
 * The shortest duration HumanDuration words as `text` (see duration.ts for the thresholds), or
 * undefined for text it never produces.
 */
export function durationFromText(text: string): number | undefined {
  if (text === 'Less than a second') return 0;
  if (text === 'About a minute') return MINUTE;
  if (text === 'About an hour') return HOUR;
  const match = /^(\d+) (second|seconds|minutes|hours|days|weeks|months|years)$/.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]);
  // Hours are rounded half up, so N hours (and days, weeks, months of them) begin at N - 0.5.
  switch (match[2]) {
    case 'second':
    case 'seconds':
      return n * SECOND;
    case 'minutes':
      return n * MINUTE;
    case 'hours':
      return (n - 0.5) * HOUR;
    case 'days':
      return (n * 24 - 0.5) * HOUR;
    case 'weeks':
      return (n * 24 * 7 - 0.5) * HOUR;
    case 'months':
      return (n * 24 * 30 - 0.5) * HOUR;
    default:
      // Years count whole hours; "1 years" only exists in the half hour before two years.
      return Math.max(n * 24 * 365, 24 * 365 * 2 - 0.5) * HOUR;
  }
}
