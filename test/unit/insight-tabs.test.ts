import { describe, expect, test } from 'vitest';
import type { StatsSample } from '../../src/engine/engine.js';
import { ratesOf } from '../../src/state/stats-model.js';
import { borderInfo, tabLabels } from '../../src/ui/components/TabbedPanel.js';
import { scrollTop, stepTab } from '../../src/ui/tabs/detail-tabs.js';
import { fileTree } from '../../src/ui/tabs/file-tree.js';
import { areaGraph, niceMax, sparkline } from '../../src/ui/tabs/graph.js';
import { topSummary } from '../../src/ui/tabs/top-lines.js';

describe('areaGraph', () => {
  test.each([
    { values: [0, 4, 8], width: 3, height: 1, max: 8, rows: [' ▄█'] },
    { values: [8, 16], width: 2, height: 2, max: 16, rows: [' █', '██'] },
    { values: [12], width: 3, height: 2, max: 16, rows: ['  ▄', '  █'] },
    { values: [1, 2, 3, 4], width: 2, height: 1, max: 4, rows: ['▆█'] },
    { values: [0.001], width: 1, height: 1, max: 100, rows: ['▁'] },
    { values: [200], width: 1, height: 1, max: 100, rows: ['█'] },
    { values: [], width: 2, height: 1, max: 1, rows: ['  '] },
  ])('$values in $width×$height up to $max', ({ values, width, height, max, rows }) => {
    expect(areaGraph(values, width, height, max)).toEqual(rows);
  });

  test('a sparkline is one row', () => {
    expect(sparkline([0, 1, 2], 3, 2)).toBe(' ▄█');
  });

  test.each([
    { values: [], floor: 0, max: 1 },
    { values: [3], floor: 100, max: 100 },
    { values: [130], floor: 100, max: 200 },
    { values: [3100], floor: 0, max: 5000 },
    { values: [0.4], floor: 0, max: 0.5 },
  ])('niceMax($values, $floor) is $max', ({ values, floor, max }) => {
    expect(niceMax(values, floor)).toBeCloseTo(max);
  });
});

describe('fileTree', () => {
  test('nests paths under their directories, sorted, with branches drawn', () => {
    const rows = fileTree([
      { path: '/tmp', kind: 'changed' },
      { path: '/tmp/b', kind: 'added' },
      { path: '/tmp/a', kind: 'deleted' },
      { path: '/new.txt', kind: 'added' },
      { path: '/var/lib/x', kind: 'added' },
    ]);
    expect(rows.map((r) => `${r.kind?.[0] ?? ' '} ${r.prefix}${r.name}`)).toEqual([
      'a ├─ new.txt',
      'c ├─ tmp',
      'd │  ├─ a',
      'a │  └─ b',
      '  └─ var',
      '     └─ lib',
      'a       └─ x',
    ]);
  });
});

describe('tabs', () => {
  test.each([
    { from: 'logs', delta: 1, to: 'inspect' },
    { from: 'logs', delta: -1, to: 'files' },
    { from: 'files', delta: 1, to: 'logs' },
    { from: 'stats', delta: 2, to: 'files' },
  ] as const)('$from stepped $delta is $to', ({ from, delta, to }) => {
    expect(stepTab(from, delta)).toBe(to);
  });

  const tabs = ['Logs', 'Inspect', 'Env', 'Stats', 'Top', 'Files'];
  test.each([
    { room: 60, labels: tabs },
    { room: 30, labels: ['L', 'I', 'E', 'Stats', 'T', 'F'] },
    { room: 10, labels: ['‹ Stats ›'] },
  ])('in $room columns the tab bar reads $labels', ({ room, labels }) => {
    expect(tabLabels(tabs, 3, room)).toEqual(labels);
  });

  test.each([
    { room: 60, info: 'following · timestamps · 1828136 older lines dropped' },
    { room: 38, info: 'following · timestamps' },
    { room: 9, info: 'following' },
    { room: 8, info: '' },
  ])('in $room columns the border keeps "$info" of the log flags', ({ room, info }) => {
    const flags = ['following', '', 'timestamps', '1828136 older lines dropped'];
    expect(borderInfo(flags, room)).toBe(info);
  });

  test('a single info text is kept whole or dropped', () => {
    expect(borderInfo('A: all', 6)).toBe('A: all');
    expect(borderInfo('A: all', 5)).toBe('');
    expect(borderInfo(undefined, 20)).toBe('');
  });

  test.each([
    { top: 0, delta: -1, max: 10, next: 0 },
    { top: 9, delta: 5, max: 10, next: 10 },
    { top: 4, delta: 'top' as const, max: 10, next: 0 },
    { top: 4, delta: 'bottom' as const, max: 10, next: 10 },
    { top: 0, delta: 1, max: 0, next: 0 },
  ])('scrolling $delta from $top (at most $max) shows $next first', ({ top, delta, max, next }) => {
    expect(scrollTop(top, delta, max)).toBe(next);
  });
});

describe('ratesOf', () => {
  const at = (time: number, netRx: number) => ({ time, netRx }) as StatsSample;
  test('bytes a second between samples; a counter that restarts counts from zero', () => {
    expect(ratesOf([at(0, 0), at(1000, 500), at(3000, 1500), at(4000, 100)], (s) => s.netRx)).toEqual([
      500, 500, 100,
    ]);
  });
});

describe('topSummary', () => {
  test('counts the processes and explains the states present', () => {
    expect(
      topSummary({
        titles: ['PID', 'USER', 'STAT', 'TIME', 'COMMAND'],
        processes: [
          ['1', 'root', 'Ts', '0:00', 'sleep 1000'],
          ['7', 'root', 'S+', '0:00', 'sh'],
        ],
      }),
    ).toBe('2 processes · S sleeping · T stopped (SIGSTOP)');
  });
});
