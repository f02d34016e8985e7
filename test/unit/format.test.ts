import { describe, expect, test } from 'vitest';
import { humanDuration, nextChangeIn } from '../../src/ui/format/duration.js';
import { binarySize, formatG, humanSize } from '../../src/ui/format/size.js';
import { formatStatus, parseStatus, statusChangesIn } from '../../src/ui/format/status.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('humanDuration', () => {
  // go-units duration_test.go, TestHumanDuration, case for case.
  test.each([
    [450, 'Less than a second'],
    [1 * SECOND, '1 second'],
    [45 * SECOND, '45 seconds'],
    [46 * SECOND, '46 seconds'],
    [59 * SECOND, '59 seconds'],
    [60 * SECOND, 'About a minute'],
    [1 * MINUTE, 'About a minute'],
    [3 * MINUTE, '3 minutes'],
    [35 * MINUTE, '35 minutes'],
    [35 * MINUTE + 40 * SECOND, '35 minutes'],
    [45 * MINUTE, '45 minutes'],
    [45 * MINUTE + 40 * SECOND, '45 minutes'],
    [46 * MINUTE, '46 minutes'],
    [59 * MINUTE, '59 minutes'],
    [1 * HOUR, 'About an hour'],
    [1 * HOUR + 29 * MINUTE, 'About an hour'],
    [1 * HOUR + 31 * MINUTE, '2 hours'],
    [1 * HOUR + 59 * MINUTE, '2 hours'],
    [3 * HOUR, '3 hours'],
    [3 * HOUR + 29 * MINUTE, '3 hours'],
    [3 * HOUR + 31 * MINUTE, '4 hours'],
    [3 * HOUR + 59 * MINUTE, '4 hours'],
    [3 * HOUR + 60 * MINUTE, '4 hours'],
    [24 * HOUR, '24 hours'],
    [1 * DAY + 12 * HOUR, '36 hours'],
    [2 * DAY, '2 days'],
    [7 * DAY, '7 days'],
    [13 * DAY + 5 * HOUR, '13 days'],
    [2 * WEEK, '2 weeks'],
    [2 * WEEK + 4 * DAY, '2 weeks'],
    [3 * WEEK, '3 weeks'],
    [4 * WEEK, '4 weeks'],
    [4 * WEEK + 3 * DAY, '4 weeks'],
    [1 * MONTH, '4 weeks'],
    [1 * MONTH + 2 * WEEK, '6 weeks'],
    [2 * MONTH, '2 months'],
    [2 * MONTH + 2 * WEEK, '2 months'],
    [3 * MONTH, '3 months'],
    [3 * MONTH + 1 * WEEK, '3 months'],
    [5 * MONTH + 2 * WEEK, '5 months'],
    [13 * MONTH, '13 months'],
    [23 * MONTH, '23 months'],
    [24 * MONTH, '24 months'],
    [24 * MONTH + 2 * WEEK, '2 years'],
    [3 * YEAR + 2 * MONTH, '3 years'],
    [-5 * SECOND, 'Less than a second'],
  ])('%i ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('nextChangeIn', () => {
  test.each([
    [0, SECOND],
    [400, 600],
    [59 * SECOND + 1, 999],
    [90 * SECOND, 30 * SECOND],
    [59 * MINUTE, MINUTE],
    [HOUR, 30 * MINUTE],
    [3 * HOUR + 31 * MINUTE, 59 * MINUTE],
    [2 * DAY, DAY - 30 * MINUTE],
    [3 * WEEK, WEEK - 30 * MINUTE],
  ])('at %i ms the text changes in %i ms', (ms, wait) => {
    expect(nextChangeIn(ms)).toBe(wait);
  });

  // The clock must wake exactly when the words change: never late (stale text), never early
  // (a wasted render). Checked against humanDuration itself over every range.
  const samples: number[] = [];
  for (const [from, to, step] of [
    [0, 2 * MINUTE, 137],
    [0, 3 * HOUR, 7 * SECOND + 13],
    [0, 20 * DAY, 17 * MINUTE + 7],
    [0, 3 * YEAR, 9 * HOUR + 17],
    [24 * MONTH - HOUR, 24 * MONTH + 2 * WEEK, 13 * MINUTE],
  ] as const) {
    for (let ms = from; ms < to; ms += step) samples.push(ms);
  }
  test(`the text holds until exactly then, at ${samples.length} points from 0 to 3 years`, () => {
    for (const ms of samples) {
      const wait = nextChangeIn(ms);
      expect(wait, `at ${ms}`).toBeGreaterThan(0);
      expect(humanDuration(ms + wait - 1), `just before the change at ${ms}`).toBe(humanDuration(ms));
      expect(humanDuration(ms + wait), `at the change from ${ms}`).not.toBe(humanDuration(ms));
    }
  });
});

describe('humanSize', () => {
  test.each([
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1024, '1.02kB'],
    [1_900_000, '1.9MB'],
    [4_260_000, '4.26MB'],
    [4_264_000, '4.26MB'],
    [4_265_000, '4.26MB'], // an exact tie rounds to even, as Go does
    [4_275_000, '4.28MB'],
    [4_265_001, '4.27MB'],
    [1_125, '1.12kB'],
    [999_600, '1e+03kB'], // Go's %g switches to an exponent, and so does docker
    [12_345_678, '12.3MB'],
    [123_456_789, '123MB'],
    [1_234_567_890, '1.23GB'],
    [1e15, '1PB'],
    [1e27, '1e+03YB'],
  ])('%i bytes is %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });

  test.each([
    [1_900_000, 4, '1.9MB'],
    [2_746_000, 4, '2.746MB'],
    [796_000, 4, '796kB'],
    [1_234_567, 4, '1.235MB'],
  ])('%i bytes with %i digits (go-units HumanSize) is %s', (bytes, precision, text) => {
    expect(humanSize(bytes, precision)).toBe(text);
  });

  test.each([
    [0, '0B'],
    [1023, '1023B'],
    [1024, '1KiB'],
    [1536, '1.5KiB'],
    [13_107_200, '12.5MiB'],
    [1024 ** 3, '1GiB'],
  ])('binarySize(%i) is %s', (bytes, text) => {
    expect(binarySize(bytes)).toBe(text);
  });

  test.each([
    [0.0001, 3, '0.0001'],
    [0.00001234, 3, '1.23e-05'],
    [100, 3, '100'],
    [120, 3, '120'],
    [-1.5, 3, '-1.5'],
    [2.5, 1, '2'],
    [3.5, 1, '4'],
  ])('formatG(%d, %i) is %s like Go', (value, precision, text) => {
    expect(formatG(value, precision)).toBe(text);
  });
});

describe('container status', () => {
  const t0 = Date.UTC(2026, 10, 28, 10, 0, 0);

  test.each([
    ['Up 3 minutes', { kind: 'running' }],
    ['Up 2 hours (Paused)', { kind: 'paused', paused: true }],
    ['Up About a minute (healthy)', { kind: 'running', health: 'healthy' }],
    ['Up 5 seconds (health: starting)', { kind: 'running', health: 'starting' }],
    ['Up 3 days (unhealthy)', { kind: 'running', health: 'unhealthy' }],
    ['Exited (137) 2 seconds ago', { kind: 'exited', exitCode: 137 }],
    ['Exited (0) Less than a second ago', { kind: 'exited', exitCode: 0, since: t0 }],
    ['Restarting (1) 5 seconds ago', { kind: 'restarting', exitCode: 1, since: t0 - 5 * SECOND }],
    ['Created', { kind: 'created' }],
    ['Removal In Progress', { kind: 'removing' }],
    ['Dead', { kind: 'dead' }],
    ['Up Less than a second', { kind: 'running', since: t0 }],
    ['Up 2 weeks', { kind: 'running', since: t0 - (2 * WEEK - 30 * MINUTE) }],
    ['Something new', { kind: 'unknown' }],
    ['Up forever', { kind: 'unknown' }],
  ])('%j parses', (text, expected) => {
    expect(parseStatus(text, t0)).toMatchObject({ ...expected, text });
  });

  test.each([
    'Up 3 minutes',
    'Up 2 hours (Paused)',
    'Up About a minute (healthy)',
    'Up 5 seconds (health: starting)',
    'Up About an hour',
    'Up 13 days',
    'Up 6 weeks',
    'Up 5 months',
    'Up 3 years',
    'Exited (137) 2 seconds ago',
    'Exited (0) 47 hours ago',
    'Restarting (1) 5 seconds ago',
    'Created',
    'Removal In Progress',
    'Dead',
    'Up Less than a second',
    'Something new',
  ])('%j formats back to itself at the moment it was parsed', (text) => {
    expect(formatStatus(parseStatus(text, t0), t0)).toBe(text);
  });

  test.each([
    ['Up 3 minutes', MINUTE, 'Up 4 minutes'],
    ['Up 59 seconds', SECOND, 'Up About a minute'],
    ['Up 59 minutes', MINUTE, 'Up About an hour'],
    ['Up 2 hours (Paused)', HOUR, 'Up 3 hours (Paused)'],
    ['Up About a minute (healthy)', 2 * MINUTE, 'Up 3 minutes (healthy)'],
    ['Exited (137) 2 seconds ago', 10 * SECOND, 'Exited (137) 12 seconds ago'],
    ['Restarting (1) 5 seconds ago', 55 * SECOND, 'Restarting (1) About a minute ago'],
    ['Up 47 hours', HOUR, 'Up 2 days'],
    ['Created', HOUR, 'Created'],
  ])('%j reads, %i ms later, %j', (text, later, expected) => {
    expect(formatStatus(parseStatus(text, t0), t0 + later)).toBe(expected);
  });

  test('statusChangesIn says when the rendered text changes, and never for fixed texts', () => {
    expect(statusChangesIn(parseStatus('Up 3 minutes', t0), t0)).toBe(MINUTE);
    expect(statusChangesIn(parseStatus('Up 3 minutes', t0), t0 + 20 * SECOND)).toBe(40 * SECOND);
    expect(statusChangesIn(parseStatus('Created', t0), t0)).toBeUndefined();
    expect(statusChangesIn(parseStatus('Dead', t0), t0)).toBeUndefined();
  });
});
