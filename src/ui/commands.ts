/**
 * What each action does on this screen: move, focus, open a dialog, or call a state action with
 * the docker command it stands for. Kept apart from the component so the screen file stays about
 * layout.
 */
import os from 'node:os';
import path from 'node:path';
import { SIGNALS } from '../engine/containers.js';
import type { ImageSummary } from '../engine/engine.js';
import { ACTIONS, type Action, ALL_ACTIONS, isAction, isActionAllowed } from '../keys/actions.js';
import type { Actions } from '../state/actions.js';
import type { AppModel } from '../state/app-model.js';
import type { ContainerEntry } from '../state/containers-store.js';
import { holdsLogsOf, type LogsModel } from '../state/logs-model.js';
import { type ContainerRow, moveSelection } from '../state/selectors.js';
import type { SessionsModel } from '../state/sessions.js';
import { askBuild } from './build-commands.js';
import * as cli from './format/docker-command.js';
import { counted } from './format/plural.js';
import { humanSize } from './format/size.js';
import { askCommit, askRemoveImage, askTag } from './image-commands.js';
import type { Layout } from './layout.js';
import type { MenuItem } from './overlays/overlay.js';
import { containerColumns } from './panes/container-cells.js';
import { computeLogWindow } from './panes/LogsPane.js';
import { logTextSize, scrollLogs } from './panes/log-window.js';
import { askCreate, askRun, runFromPalette } from './run-commands.js';
import type { ScreenEvent, ScreenState } from './screen-state.js';
import { isContainerRow } from './selection.js';
import { askExecCommand, attach, execShell, offerStart } from './session-commands.js';
import { scrollTop, tabCommand } from './tabs/detail-tabs.js';
import { imageTabCommand } from './tabs/image-tabs.js';
import { askPull, askPush, askPushImage } from './transfer-commands.js';

export interface CommandContext {
  state: ScreenState;
  sessions: SessionsModel;
  /** The size a new session's terminal gets: the detail pane's inside. */
  terminalSize: { cols: number; rows: number };
  dispatch: (event: ScreenEvent) => void;
  model: AppModel;
  actions: Actions;
  logs: LogsModel;
  rows: readonly ContainerRow[];
  images: readonly ImageSummary[];
  selectedContainer: ContainerEntry | undefined;
  selectedImage: ImageSummary | undefined;
  graceSeconds: number;
  layout: Layout;
  copyToClipboard: (text: string) => void;
  logsDirectory: string;
  quit: () => void;
  /** Clears the terminal and draws the whole screen again (Ctrl-L). */
  redrawScreen: () => void;
  /** How far the shown tab (other than Logs) can scroll; the details pane sets it as it draws. */
  tabExtent: { maxScroll: number };
}

const SIGNAL_HINTS: Record<string, string> = {
  SIGTERM: 'ask to stop (what docker stop sends first)',
  SIGKILL: 'kill at once; cannot be caught',
  SIGSTOP: 'freeze the process; state still says running',
  SIGCONT: 'resume a SIGSTOP-frozen process',
  SIGHUP: 'hang up; many daemons reload their config',
  SIGINT: 'interrupt, like Ctrl-C',
  SIGUSR1: 'user-defined signal 1',
  SIGUSR2: 'user-defined signal 2',
};

/**
 * The signals' numbers, as `kill -9` takes them: Linux's, which is where the engine runs
 * containers (Docker Desktop included). Typed in the menu, `9` is SIGKILL and `1` SIGHUP (SIGUSR1,
 * `10`, only starts with it). Each signal's name without `SIG` (`STOP`) is a name for it too.
 */
const SIGNAL_NUMBERS: Record<string, string> = {
  SIGHUP: '1',
  SIGINT: '2',
  SIGKILL: '9',
  SIGUSR1: '10',
  SIGUSR2: '12',
  SIGTERM: '15',
  SIGCONT: '18',
  SIGSTOP: '19',
};

/** The signal menu's entries: each signal by name and number, with what it does to the process. */
export function signalMenuItems(): MenuItem[] {
  return SIGNALS.map((s) => {
    const number = SIGNAL_NUMBERS[s];
    const aliases = [s.slice('SIG'.length), ...(number ? [number] : [])];
    return { label: s, value: s, hint: SIGNAL_HINTS[s], aliases };
  });
}

function target(c: ContainerEntry) {
  return { id: c.id, label: c.name };
}

function imageLabelFor(image: ImageSummary): string {
  return image.repoTags[0] ?? image.shortId;
}

/** The docker command the focused item's most likely action stands for, for the status line. */
export function focusedCommand(ctx: CommandContext): string | undefined {
  const { state, selectedContainer: c, selectedImage: image } = ctx;
  if (state.focus === 'details' && state.lastList === 'images')
    return image ? imageTabCommand(state.imageTab, imageLabelFor(image)) : undefined;
  if (state.focus === 'images')
    return image ? cli.dockerRun(imageLabelFor(image), { interactive: true, remove: true }) : undefined;
  if (!c) return undefined;
  if (state.focus === 'details')
    return (
      tabCommand(state.tab, c.name) ??
      cli.dockerLogs(c.name, { follow: true, tail: ctx.logs.buffer.capacity })
    );
  if (c.state === 'paused') return cli.dockerUnpause(c.name);
  if (c.state === 'running' || c.state === 'restarting') return cli.dockerStop(c.name, ctx.graceSeconds);
  return cli.dockerStart(c.name);
}

/**
 * The key action behind `focusedCommand` in a list (the status line names its key, so the
 * command reads as what that key would run, not as something that ran); none for the details.
 */
export function focusedAction(ctx: CommandContext): Action | undefined {
  const { state, selectedContainer: c, selectedImage: image } = ctx;
  if (state.focus === 'details') return undefined;
  if (state.focus === 'images') return image ? 'imageRun' : undefined;
  if (!c) return undefined;
  if (c.state === 'paused') return 'containerPauseToggle';
  if (c.state === 'running' || c.state === 'restarting') return 'containerStop';
  return 'containerStart';
}

function moveList(ctx: CommandContext, delta: number | 'top' | 'bottom') {
  const { state } = ctx;
  if (state.focus === 'details' && showsInsightTab(state)) {
    const top = scrollTop(state.tabScroll, delta, ctx.tabExtent.maxScroll);
    return ctx.dispatch({ type: 'tabScroll', top });
  }
  if (state.focus === 'details') return scrollLogBy(ctx, delta);
  if (state.focus === 'containers') {
    const key = moveSelection(ctx.rows, ctx.selectedContainer?.id, delta, isContainerRow);
    ctx.dispatch({ type: 'select', list: 'containers', key });
  } else {
    const rows = ctx.images.map((i) => ({ key: i.id }));
    ctx.dispatch({ type: 'select', list: 'images', key: moveSelection(rows, ctx.selectedImage?.id, delta) });
  }
}

/** The details pane shows a scrolling tab: a container's other than Logs, or an image's. */
const showsInsightTab = (state: ScreenState) => state.lastList === 'images' || state.tab !== 'logs';

function logPaneSize(ctx: CommandContext) {
  const { search, editing } = ctx.state;
  const searchLine = editing === 'search' || search.query !== '';
  return logTextSize(ctx.layout.detailWidth, ctx.layout.detailHeight, searchLine);
}

/** The log lines on screen now. */
function shownLogWindow(ctx: CommandContext) {
  const { width, height } = logPaneSize(ctx);
  return computeLogWindow(ctx.logs.buffer, ctx.state.logView, width, height);
}

function scrollLogBy(ctx: CommandContext, delta: number | 'top' | 'bottom') {
  const { buffer } = ctx.logs;
  const { height } = logPaneSize(ctx);
  const view = ctx.state.logView;
  const window = shownLogWindow(ctx);
  const input = { firstLine: buffer.firstLineNumber, length: buffer.length, height };
  if (delta === 'bottom') return ctx.dispatch({ type: 'logView', view: { follow: true } });
  if (delta === 'top')
    return ctx.dispatch({ type: 'logView', view: { follow: false, topLine: buffer.firstLineNumber } });
  ctx.dispatch({ type: 'logView', view: scrollLogs(view, window, input, delta) });
}

function pageSize(ctx: CommandContext): number {
  const { state, layout } = ctx;
  if (state.focus === 'details') return Math.max(1, layout.detailHeight - 4);
  return Math.max(1, (state.focus === 'containers' ? layout.containersHeight : layout.imagesHeight) - 3);
}

function needContainer(ctx: CommandContext): ContainerEntry | undefined {
  if (!ctx.selectedContainer) ctx.model.status.show({ kind: 'info', text: 'No container selected.' });
  return ctx.selectedContainer;
}

function needImage(ctx: CommandContext): ImageSummary | undefined {
  if (!ctx.selectedImage) ctx.model.status.show({ kind: 'info', text: 'No image selected.' });
  return ctx.selectedImage;
}

function jumpToMatch(ctx: CommandContext, matchIndex: number | undefined) {
  const { buffer } = ctx.logs;
  ctx.dispatch({ type: 'searchMatch', matchIndex });
  if (matchIndex === undefined) {
    ctx.model.status.show({ kind: 'info', text: `No line matches "${ctx.state.search.query}".` });
    return;
  }
  const { height } = logPaneSize(ctx);
  const top = Math.max(buffer.firstLineNumber, buffer.firstLineNumber + matchIndex - Math.floor(height / 2));
  ctx.dispatch({ type: 'logView', view: { follow: false, topLine: top } });
}

function timestampForFile(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** The palette words that take an argument, and the action each stands for. */
const PALETTE_WORDS: Record<string, Action> = {
  run: 'imageRun',
  create: 'imageCreate',
  build: 'imageBuild',
  pull: 'imagePull',
  push: 'imagePush',
};

/**
 * `build DIR`, `pull NAME`, `push NAME`, `run IMAGE [CMD…]` and `create IMAGE [CMD…]` typed in
 * the palette: the action, already given its argument (in read-only mode: why not).
 */
function paletteCommand(text: string, ctx: CommandContext): (() => void) | undefined {
  const [word = '', ...rest] = text.split(/\s+/);
  const argument = rest.join(' ');
  // The action's own name works too: `imageRun busybox sh`.
  const named = isAction(word) && Object.values(PALETTE_WORDS).includes(word) ? word : undefined;
  const action = PALETTE_WORDS[word] ?? named;
  if (!argument || action === undefined) return undefined;
  if (!isActionAllowed(action, ctx.model.readOnly))
    return () =>
      ctx.model.status.show({
        kind: 'error',
        text: `berth is in read-only mode (--read-only): ${ACTIONS[action].label} would change the engine.`,
      });
  // The command after the image is split like a shell would, so keep its quotes: the text as typed.
  const afterWord = text.slice(word.length).trim();
  switch (action) {
    case 'imageRun':
      return () => runFromPalette(ctx, 'run', afterWord);
    case 'imageCreate':
      return () => runFromPalette(ctx, 'create', afterWord);
    case 'imageBuild':
      return () => askBuild(ctx, argument);
    case 'imagePull':
      return () => askPull(ctx, argument);
    default:
      return () => askPush(ctx, argument);
  }
}

export function runAction(action: Action, ctx: CommandContext, options: { fromEnd?: boolean } = {}): void {
  const { state, dispatch, model, actions } = ctx;
  const c = ctx.selectedContainer;
  switch (action) {
    case 'quit': {
      const live = ctx.sessions.liveCount();
      if (live === 0) return ctx.quit();
      return dispatch({
        type: 'openOverlay',
        overlay: {
          kind: 'confirm',
          title: `Quit with ${counted(live, 'interactive session')} open?`,
          lines: ['Each is ended with Ctrl-D (a shell exits); attached containers keep running.'],
          yesLabel: 'quit',
          tone: 'danger',
          onYes: () => ctx.quit(),
        },
      });
    }
    case 'help':
      return dispatch({ type: 'openOverlay', overlay: { kind: 'help' } });
    case 'redraw':
      return ctx.redrawScreen();
    case 'focusNext':
      return dispatch({ type: 'focusNext' });
    case 'focusPrev':
      return dispatch({ type: 'focusPrev' });
    case 'focusContainers':
      return dispatch({ type: 'focus', focus: 'containers' });
    case 'focusImages':
      return dispatch({ type: 'focus', focus: 'images' });
    case 'openDetails':
      return dispatch({ type: 'focus', focus: 'details' });
    case 'back':
      return dispatch({ type: 'focus', focus: state.lastList });
    case 'filter':
      if (state.focus === 'details' && showsInsightTab(state)) return;
      if (state.focus === 'details') return dispatch({ type: 'startEditing', target: 'search' });
      return dispatch({ type: 'startEditing', target: state.focus });
    case 'cursorDown':
      return moveList(ctx, 1);
    case 'cursorUp':
      return moveList(ctx, -1);
    case 'cursorTop':
      return moveList(ctx, 'top');
    case 'cursorBottom':
      return moveList(ctx, 'bottom');
    case 'pageDown':
      return moveList(ctx, pageSize(ctx));
    case 'pageUp':
      return moveList(ctx, -pageSize(ctx));
    case 'toggleAll':
      return dispatch({ type: 'toggleAll' });
    case 'toggleStatsColumn': {
      dispatch({ type: 'toggleStatsColumn' });
      const on = !state.statsColumn;
      const fits = containerColumns(ctx.layout.listWidth - 2, { stats: true }).cpu > 0;
      return model.status.show({
        kind: 'info',
        text: !on
          ? 'CPU/MEM column off: no stats are read.'
          : fits
            ? 'CPU/MEM column on: the running containers on screen are read every 2 s, as docker stats --no-stream reads them.'
            : 'CPU/MEM column on, but the list is too narrow to show it (it needs 44 columns).',
      });
    }
    case 'palette':
      return dispatch({
        type: 'openOverlay',
        overlay: {
          kind: 'menu',
          title: 'Command palette',
          items: ALL_ACTIONS.filter(
            (a) =>
              ACTIONS[a].scope !== 'dialog' &&
              ACTIONS[a].scope !== 'terminal' &&
              isActionAllowed(a, model.readOnly),
          ).map((a) => ({ label: a, value: a, hint: ACTIONS[a].description })),
          onPick: (value) => runAction(value as Action, ctx),
          onText: (text) => paletteCommand(text, ctx),
        },
      });
    case 'copyCommand': {
      const command = model.status.store.get()?.command ?? focusedCommand(ctx);
      if (!command) return;
      ctx.copyToClipboard(command);
      model.status.show({
        kind: 'info',
        text: 'Copied to the clipboard (OSC 52, where the terminal allows it).',
        command,
      });
      return;
    }

    case 'containerStart': {
      const t = needContainer(ctx);
      if (t) offerStart(ctx, t, () => void actions.start(target(t), cli.dockerStart(t.name)));
      return;
    }
    case 'containerExec': {
      const t = needContainer(ctx);
      if (t) execShell(ctx, t);
      return;
    }
    case 'containerExecCommand': {
      const t = needContainer(ctx);
      if (t) askExecCommand(ctx, t);
      return;
    }
    case 'containerAttach': {
      const t = needContainer(ctx);
      if (t) attach(ctx, t);
      return;
    }
    case 'imageRun': {
      const image = needImage(ctx);
      if (image) askRun(ctx, image);
      return;
    }
    case 'imageBuild':
      return askBuild(ctx);
    case 'imagePull':
      return askPull(ctx);
    case 'imagePush': {
      const image = needImage(ctx);
      if (image) askPushImage(ctx, image);
      return;
    }
    case 'imageCreate': {
      const image = needImage(ctx);
      if (image) askCreate(ctx, image);
      return;
    }
    case 'imageTag': {
      const image = needImage(ctx);
      if (image) askTag(ctx, image);
      return;
    }
    case 'containerCommit': {
      const t = needContainer(ctx);
      if (t) askCommit(ctx, t);
      return;
    }
    case 'containerStop': {
      const t = needContainer(ctx);
      if (t) void actions.stop(target(t), ctx.graceSeconds, cli.dockerStop(t.name, ctx.graceSeconds));
      return;
    }
    case 'containerRestart': {
      const t = needContainer(ctx);
      if (!t) return;
      const command = cli.dockerRestart(t.name, ctx.graceSeconds);
      // A stopped container has nothing to stop: no countdown to a SIGKILL that never comes.
      void actions.restart(target(t), ctx.graceSeconds, command, {
        running: t.state === 'running' || t.state === 'paused',
      });
      return;
    }
    case 'containerPauseToggle': {
      const t = needContainer(ctx);
      if (!t) return;
      if (t.state === 'paused') void actions.unpause(target(t), cli.dockerUnpause(t.name));
      else void actions.pause(target(t), cli.dockerPause(t.name));
      return;
    }
    case 'containerKill': {
      const t = needContainer(ctx);
      if (!t) return;
      return dispatch({
        type: 'openOverlay',
        overlay: {
          kind: 'confirm',
          title: `Kill ${t.name}?`,
          lines: [
            'Sends SIGKILL to the main process: it stops at once and cannot clean up.',
            `Equivalent: ${cli.dockerKill(t.name, 'SIGKILL')}`,
          ],
          yesLabel: 'kill',
          tone: 'danger',
          onYes: () => void actions.kill(target(t), 'SIGKILL', cli.dockerKill(t.name, 'SIGKILL')),
        },
      });
    }
    case 'containerSignal': {
      const t = needContainer(ctx);
      if (!t) return;
      return dispatch({
        type: 'openOverlay',
        overlay: {
          kind: 'menu',
          title: `Send a signal to ${t.name}'s main process`,
          note:
            t.state === 'paused'
              ? `${t.name} is paused: on Docker Engine 20.10 any signal also unpauses it.`
              : undefined,
          items: signalMenuItems(),
          onPick: (signal) => void actions.kill(target(t), signal, cli.dockerKill(t.name, signal)),
        },
      });
    }
    case 'containerRemove': {
      const t = needContainer(ctx);
      if (!t) return;
      const running = t.state === 'running' || t.state === 'paused' || t.state === 'restarting';
      return dispatch({
        type: 'openOverlay',
        overlay: {
          kind: 'confirm',
          title: `Remove ${t.name}?`,
          lines: [
            `${t.name} (${t.id.slice(0, 12)}, ${t.image}) and its writable layer will be deleted.`,
            running ? `It is ${t.state}: removing it needs force, which kills it first.` : '',
          ].filter(Boolean),
          yesLabel: 'remove',
          tone: 'danger',
          toggles: [
            { key: 'f', label: 'force (kill it if running)', on: running, locked: running },
            { key: 'v', label: 'also remove its anonymous volumes', on: false },
          ],
          onYes: (toggles) => {
            const options = { force: toggles.f ?? false, volumes: toggles.v ?? false };
            void actions.remove(target(t), options, cli.dockerRm(t.name, options));
          },
        },
      });
    }
    case 'containerPrune':
      void (async () => {
        const preview = await actions.preview((e) => e.previewContainerPrune());
        if (!preview) return;
        if (preview.containers.length === 0) {
          model.status.show({
            kind: 'info',
            text: 'No stopped containers to prune.',
            command: cli.dockerContainerPrune(),
          });
          return;
        }
        dispatch({
          type: 'openOverlay',
          overlay: {
            kind: 'confirm',
            title: `Remove ${counted(preview.containers.length, 'stopped container')}?`,
            lines: preview.containers.map((p) => `${p.name}  ${p.state}  ${p.image}  ${p.status}`),
            yesLabel: preview.containers.length === 1 ? 'remove it' : 'remove them',
            tone: 'danger',
            onYes: () => void actions.pruneContainers(preview, cli.dockerContainerPrune()),
          },
        });
      })();
      return;

    case 'imageRemove': {
      const image = needImage(ctx);
      if (image) void askRemoveImage(ctx, image);
      return;
    }
    case 'imagePrune':
      void (async () => {
        const preview = await actions.preview((e) => e.previewImagePrune());
        if (!preview) return;
        if (preview.images.length === 0) {
          model.status.show({
            kind: 'info',
            text: 'No dangling images to prune.',
            command: cli.dockerImagePrune(),
          });
          return;
        }
        dispatch({
          type: 'openOverlay',
          overlay: {
            kind: 'confirm',
            title: `Remove ${counted(preview.images.length, 'dangling image')}, reclaiming ${humanSize(preview.totalSize)}?`,
            lines: preview.images.map((i) => `${i.shortId}  ${humanSize(i.size)}`),
            yesLabel: preview.images.length === 1 ? 'remove it' : 'remove them',
            tone: 'danger',
            onYes: () => void actions.pruneImages(preview, cli.dockerImagePrune(), humanSize),
          },
        });
      })();
      return;

    case 'logsFollow':
      if (!state.logView.follow) return dispatch({ type: 'logView', view: { follow: true } });
      // Paused on the lines on screen, not on a line number left from an earlier pause.
      return dispatch({ type: 'logView', view: { follow: false, topLine: shownLogWindow(ctx).topLine } });
    case 'logsEnd':
      return dispatch({ type: 'logView', view: { follow: true } });
    case 'logsTimestamps': {
      const timestamps = !state.logView.timestamps;
      // The engine's timestamps are asked for only while shown: reads the lines again with them.
      if (timestamps) void ctx.logs.showTimestamps();
      return dispatch({ type: 'logView', view: { timestamps } });
    }
    case 'logsWrap':
      return dispatch({ type: 'logView', view: { wrap: !state.logView.wrap } });
    case 'searchNext':
    case 'searchPrev': {
      const query = state.search.query;
      if (!query || !holdsLogsOf(ctx.logs.store.get(), c?.id)) return;
      const from = options.fromEnd ? undefined : state.search.matchIndex;
      const direction = action === 'searchNext' ? 'forward' : 'backward';
      return jumpToMatch(ctx, ctx.logs.buffer.search(query, { from, direction }));
    }
    case 'logsSave': {
      if (!c) return;
      if (!holdsLogsOf(ctx.logs.store.get(), c?.id)) {
        // The pane still shows the last container's lines (it follows the cursor a frame behind)
        // or none yet: saving now would name one container's file after another's lines.
        model.status.show({ kind: 'info', text: `The logs of ${c.name} are not shown yet: nothing saved.` });
        return;
      }
      const file = path.join(ctx.logsDirectory, `berth-${c.name}-${timestampForFile(new Date())}.log`);
      // What is shown is saved: timestamps only while they are on.
      const { timestamps } = state.logView;
      ctx.logs.save(file, { timestamps }).then(
        (count) =>
          model.status.show({
            kind: 'success',
            text: `Saved ${count} lines to ${file}.`,
            command: `${cli.dockerLogs(c.name, { timestamps })} > ${file}`,
          }),
        (error: Error) =>
          model.status.show({ kind: 'error', text: `Could not save the log: ${error.message}` }),
      );
      return;
    }

    case 'prevTab':
    case 'nextTab':
      if (state.lastList === 'images')
        return dispatch({ type: 'switchImageTab', delta: action === 'nextTab' ? 1 : -1 });
      return dispatch({ type: 'switchTab', delta: action === 'nextTab' ? 1 : -1 });
    default:
      model.status.show({
        kind: 'info',
        text: `${ACTIONS[action].label}: not available in this version yet.`,
      });
  }
}

export const DEFAULT_LOGS_DIRECTORY = os.homedir();
