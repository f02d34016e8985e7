/**
 * The detail pane's tabs for a container, in the order `[` and `]` walk them, with the docker
 * command each one stands for and the keys worth hinting while it is shown.
 */
import type { Action } from '../../keys/actions.js';
import { TOP_PS_ARGS } from '../../state/insight-model.js';
import * as cli from '../format/docker-command.js';

export const DETAIL_TABS = ['logs', 'inspect', 'env', 'stats', 'top', 'files'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export const TAB_TITLES: Record<DetailTab, string> = {
  logs: 'Logs',
  inspect: 'Inspect',
  env: 'Env',
  stats: 'Stats',
  top: 'Top',
  files: 'Files',
};

/** The tab `delta` steps away, wrapping round at either end. */
export function stepTab(tab: DetailTab, delta: number): DetailTab {
  const count = DETAIL_TABS.length;
  const index = DETAIL_TABS.indexOf(tab);
  return DETAIL_TABS[(((index + delta) % count) + count) % count]!;
}

/** The docker command a tab shows the result of, for the status line (and `y`). */
export function tabCommand(tab: DetailTab, container: string): string | undefined {
  switch (tab) {
    case 'logs':
      return undefined;
    case 'inspect':
      return cli.dockerInspect(container);
    case 'env':
      return cli.shellJoin([
        'docker',
        'inspect',
        '--format',
        '{{range .Config.Env}}{{println .}}{{end}}',
        container,
      ]);
    case 'stats':
      return cli.dockerStats(container);
    case 'top':
      return cli.shellJoin(['docker', 'top', container, ...TOP_PS_ARGS.split(' ')]);
    case 'files':
      return cli.dockerDiff(container);
  }
}

const LOGS_HINTS: Action[] = [
  'logsFollow',
  'logsTimestamps',
  'logsWrap',
  'filter',
  'logsSave',
  'nextTab',
  'back',
  'help',
];
const SCROLLING_HINTS: Action[] = ['cursorDown', 'cursorUp', 'prevTab', 'nextTab', 'back', 'help'];
const STILL_HINTS: Action[] = ['prevTab', 'nextTab', 'back', 'help'];

/** The status-line hints for the focused detail pane. */
export function detailHints(list: 'containers' | 'images', tab: DetailTab): Action[] {
  if (list === 'images') return SCROLLING_HINTS;
  if (tab === 'logs') return LOGS_HINTS;
  return tab === 'stats' ? STILL_HINTS : SCROLLING_HINTS;
}

/** The first line shown after scrolling `delta` lines (or a page) from `top`, kept in range. */
export function scrollTop(top: number, delta: number | 'top' | 'bottom', maxTop: number): number {
  if (delta === 'top') return 0;
  if (delta === 'bottom') return Math.max(0, maxTop);
  return Math.max(0, Math.min(maxTop, top + delta));
}
