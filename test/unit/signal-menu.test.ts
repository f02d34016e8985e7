/**
 * Typing in a menu picks what the person named: an entry whose name matches comes before one
 * whose hint (what it does) happens to contain the word. The signal menu is the case that bit:
 * `STOP` highlighted SIGTERM, whose hint says "ask to stop", and Enter sent SIGTERM.
 */
import { describe, expect, test } from 'vitest';
import { signalMenuItems } from '../../src/ui/commands.js';
import { filterMenu } from '../../src/ui/overlays/MenuDialog.js';
import type { MenuItem } from '../../src/ui/overlays/overlay.js';

/** What Enter would pick after typing `query`: the first entry left. */
const picked = (items: MenuItem[], query: string) => filterMenu(items, query)[0]?.value;

describe('typing in the signal menu', () => {
  test.each([
    ['STOP', 'SIGSTOP'],
    ['stop', 'SIGSTOP'],
    ['SIGSTOP', 'SIGSTOP'],
    ['st', 'SIGSTOP'],
    ['term', 'SIGTERM'],
    ['kill', 'SIGKILL'],
    ['cont', 'SIGCONT'],
    ['hup', 'SIGHUP'],
    ['int', 'SIGINT'],
    ['usr2', 'SIGUSR2'],
    ['SIGUSR1', 'SIGUSR1'],
    // Only a hint says it: the hint still finds the entry.
    ['reload', 'SIGHUP'],
    ['freeze', 'SIGSTOP'],
    // Numbers, as `kill -9` takes them: 1 is SIGHUP, though SIGUSR1 (10) starts with it.
    ['9', 'SIGKILL'],
    ['15', 'SIGTERM'],
    ['19', 'SIGSTOP'],
    ['18', 'SIGCONT'],
    ['1', 'SIGHUP'],
    ['10', 'SIGUSR1'],
    ['2', 'SIGINT'],
    ['12', 'SIGUSR2'],
  ])('%s picks %s', (query, signal) => {
    expect(picked(signalMenuItems(), query)).toBe(signal);
  });

  test('an entry whose name matches comes before every entry whose hint does', () => {
    const shown = filterMenu(signalMenuItems(), 'stop').map((i) => i.value);
    // SIGTERM's hint ("ask to stop") and SIGCONT's ("a SIGSTOP-frozen process") follow SIGSTOP.
    expect(shown[0]).toBe('SIGSTOP');
    expect(shown.slice(1).sort()).toEqual(['SIGCONT', 'SIGTERM']);
  });

  test('nothing typed keeps the menu as it is; a word nothing has leaves it empty', () => {
    expect(filterMenu(signalMenuItems(), '  ')).toEqual(signalMenuItems());
    expect(filterMenu(signalMenuItems(), 'j')).toEqual([]);
  });
});

describe('the same ranking in the other menus', () => {
  // Shaped like the run, start and push menus (label, a short value, a docker command as hint).
  const run: MenuItem[] = [
    { label: 'interactive', value: 'it', hint: 'docker run -it --rm busybox  (terminal pane)' },
    { label: 'detached', value: 'd', hint: 'docker run -d busybox' },
  ];
  const start: MenuItem[] = [
    { label: 'start', value: 'start', hint: 'docker start web' },
    { label: 'start attached', value: 'attached', hint: 'docker start -ai web (in a terminal pane)' },
  ];
  const names: MenuItem[] = [
    { label: 'busybox:latest', value: 'busybox:latest', hint: 'to Docker Hub (docker.io)' },
    { label: 'myapp:1.0', value: 'myapp:1.0', hint: 'to Docker Hub (docker.io)' },
  ];

  const menus = { run, start, names };

  test.each([
    ['run', 'it', 'it'],
    ['run', 'd', 'd'],
    ['run', 'det', 'd'],
    // `-it` is in the interactive hint only.
    ['run', '-it', 'it'],
    ['start', 'start', 'start'],
    ['start', 'att', 'attached'],
    ['start', 'a', 'attached'],
    ['names', 'myapp', 'myapp:1.0'],
    ['names', '1.0', 'myapp:1.0'],
    ['names', 'latest', 'busybox:latest'],
  ] as const)('in the %s menu, %s picks %s', (menu, query, value) => {
    expect(picked(menus[menu], query)).toBe(value);
  });

  test('equal matches keep the order the menu gave them', () => {
    expect(filterMenu(names, 'docker').map((i) => i.value)).toEqual(['busybox:latest', 'myapp:1.0']);
  });
});
