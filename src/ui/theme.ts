/**
 * Semantic colour tokens: components ask for `state.running` or `text.muted`, never for
 * "green". NO_COLOR (https://no-color.org) turns every colour off; inverse and bold remain so
 * the selection and focus stay visible.
 */
import type { ContainerState } from '../engine/engine.js';

export interface Theme {
  color: boolean;
  text: { primary?: string; muted?: string; accent?: string };
  border: { focused?: string; normal?: string };
  status: { error?: string; success?: string; progress?: string; info?: string; warning?: string };
  state: Record<ContainerState, string | undefined>;
  log: { stderr?: string; timestamp?: string; match?: string };
}

const COLOR_THEME: Theme = {
  color: true,
  text: { primary: undefined, muted: 'gray', accent: 'cyan' },
  border: { focused: 'cyan', normal: 'gray' },
  status: { error: 'red', success: 'green', progress: 'yellow', info: 'cyan', warning: 'yellow' },
  state: {
    running: 'green',
    restarting: 'yellow',
    paused: 'yellow',
    created: 'blue',
    removing: 'magenta',
    exited: 'gray',
    dead: 'red',
  },
  log: { stderr: 'red', timestamp: 'gray', match: 'yellow' },
};

const PLAIN_THEME: Theme = {
  color: false,
  text: {},
  border: {},
  status: {},
  state: {
    running: undefined,
    restarting: undefined,
    paused: undefined,
    created: undefined,
    removing: undefined,
    exited: undefined,
    dead: undefined,
  },
  log: {},
};

/** NO_COLOR set to any non-empty value disables colour. */
export function themeFor(env: Record<string, string | undefined>): Theme {
  return env.NO_COLOR ? PLAIN_THEME : COLOR_THEME;
}
