/**
 * The screen a person keeps open: containers and images on the left, the selected item's
 * details on the right, the status line below. Keys go through the keymap to actions; the one
 * open dialog (if any) takes every key while it is open.
 */
import { Box, Text, useApp } from 'ink';
import {
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Action, Scope } from '../keys/actions.js';
import { isActionAllowed } from '../keys/actions.js';
import type { Keymap } from '../keys/bindings.js';
import { keyHints } from '../keys/help.js';
import { actionForInk, displayKey, type InkKey } from '../keys/match.js';
import type { Actions } from '../state/actions.js';
import type { AppModel } from '../state/app-model.js';
import type { ContainersState } from '../state/containers-store.js';
import type { ImagesState } from '../state/images-store.js';
import { holdsLogsOf, type LogsModel, type LogsState } from '../state/logs-model.js';
import { containerCounts, containerRows, filterImages } from '../state/selectors.js';
import type { SessionsModel } from '../state/sessions.js';
import { SessionKeys } from '../terminal/session-keys.js';
import { type CommandContext, focusedAction, focusedCommand, runAction } from './commands.js';
import { StatusLine } from './components/StatusLine.js';
import { useAfterFirstFrame } from './hooks/use-after-first-frame.js';
import { useRawInput } from './hooks/use-raw-input.js';
import { useStableInput } from './hooks/use-stable-input.js';
import { useStore } from './hooks/use-store.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { splitKeys } from './key-chunks.js';
import { layoutFor } from './layout.js';
import { Overlays } from './overlays/Overlays.js';
import { ContainersPane } from './panes/ContainersPane.js';
import { DetailsPane } from './panes/DetailsPane.js';
import { ImagesPane } from './panes/ImagesPane.js';
import { statusText, TerminalPane, terminalSize } from './panes/TerminalPane.js';
import { initialScreenState, type ScreenEvent, type ScreenState, screenReducer } from './screen-state.js';
import { createCursor, isContainerRow, selectedContainerIndex, selectedImageIndex } from './selection.js';
import { type DetailTab, detailHints } from './tabs/detail-tabs.js';
import type { TerminalPainter } from './terminal-painter.js';
import type { Theme } from './theme.js';

export interface MainScreenProps {
  model: AppModel;
  actions: Actions;
  logs: LogsModel;
  keymap: Keymap;
  theme: Theme;
  size: TerminalSize;
  graceSeconds: number;
  copyToClipboard: (text: string) => void;
  /** Ctrl-L: the terminal cleared and the whole screen drawn again (run-app.tsx's screen writer). */
  redrawScreen?: () => void;
  logsDirectory: string;
  sessions: SessionsModel;
  /** The CPU/MEM column shown from the start (config `containers.statsColumn`); `m` toggles it. */
  statsColumn?: boolean;
  painter?: TerminalPainter;
  /**
   * The first frame draws the container list alone, in its place on the screen; the images and
   * details panes follow in the next frame, at once. For the real terminal: at start-up the first
   * frame is the one a person waits for, and those panes were ~10 ms of its ~40 ms render
   * (issue 7).
   */
  containersFirst?: boolean;
}

const HINTS: Record<string, Action[]> = {
  containers: [
    'containerStop',
    'containerStart',
    'containerKill',
    'containerPauseToggle',
    'containerSignal',
    'containerRemove',
    'filter',
    'help',
  ],
  images: [
    'imageRun',
    'imageBuild',
    'imageTag',
    'imagePull',
    'imagePush',
    'imageRemove',
    'imagePrune',
    'filter',
    'help',
  ],
  details: ['logsFollow', 'logsTimestamps', 'logsWrap', 'filter', 'logsSave', 'back', 'help'],
};

/** Readline-style editing of the filter or search line; false for a key that edits nothing. */
function editText(ctx: CommandContext, input: string, key: InkKey): boolean {
  const { dispatch } = ctx;
  const edit = (change: (text: string) => string) => dispatch({ type: 'editText', edit: change });
  if (key.escape) dispatch({ type: 'stopEditing', keep: false });
  else if (key.return) {
    dispatch({ type: 'stopEditing', keep: true });
    if (ctx.state.editing === 'search') runAction('searchPrev', ctx, { fromEnd: true });
  } else if (key.backspace || key.delete) edit((t) => t.slice(0, -1));
  else if (key.ctrl && input === 'u') edit(() => '');
  else if (key.ctrl && input === 'w') edit((t) => t.replace(/\S+\s*$/, ''));
  else if (input && !key.ctrl && !key.meta && !key.tab) edit((t) => t + input);
  else return false;
  return true;
}

/**
 * Remembers the last result for the same inputs: a cursor move changes the screen state but not
 * the list, and sorting 2,000 containers again on every key was most of a move's cost.
 */
function lastResult<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A) => {
    if (last && args.every((a, i) => Object.is(a, last!.args[i]))) return last.result;
    last = { args, result: compute(...args) };
    return last.result;
  };
}

const listedContainers = lastResult((containers: ContainersState, showAll: boolean, filter: string) =>
  containerRows(containers.byId.values(), { showAll, filter }),
);
const listedImages = lastResult((images: ImagesState, filter: string) => filterImages(images.images, filter));

/** What the lists show for a screen state: derived, never stored, so it cannot go stale. */
export function deriveView(state: ScreenState, containers: ContainersState, images: ImagesState) {
  const rows = listedContainers(containers, state.showAll, state.filters.containers);
  const shownImages = listedImages(images, state.filters.images);
  const selectedRow = rows[selectedContainerIndex(rows, state.selected.containers)];
  return {
    rows,
    images: shownImages,
    selectedContainer: selectedRow?.kind === 'container' ? selectedRow.container : undefined,
    selectedImage: shownImages[selectedImageIndex(shownImages, state.selected.images)],
  };
}

/** The first key bound to `action`, as the help writes it. */
function keyOf(keymap: Keymap, action: Action | undefined): string | undefined {
  const spec = action ? keymap[action]?.[0] : undefined;
  return spec ? displayKey(spec) : undefined;
}

function scopesFor(focus: ScreenState['focus'], tab: DetailTab = 'logs'): Scope[] {
  // The log keys (f, t, w, /, n…) belong to the Logs tab only; the list keys (j, k, g, G, PgDn)
  // scroll whichever tab is shown.
  if (focus === 'details')
    return tab === 'logs' ? ['logs', 'details', 'lists', 'global'] : ['details', 'lists', 'global'];
  return focus === 'containers' ? ['containers', 'lists', 'global'] : ['images', 'lists', 'global'];
}

/** The Logs tab's state while the buffer holds no lines of the selected container to show. */
const NO_LOGS: LogsState = Object.freeze({ version: -1, streaming: false });

function logsFor(state: LogsState, containerId: string | undefined): LogsState {
  // A stream just opened (`opening`) has nothing to show yet either: its lines come a few ms later.
  return holdsLogsOf(state, containerId) && !state.opening ? state : NO_LOGS;
}

export function MainScreen(props: MainScreenProps) {
  const { model, actions, logs, keymap, theme, size } = props;
  const { exit } = useApp();
  const [state, dispatchToReact] = useReducer(screenReducer, props.statsColumn, (statsColumn) => ({
    ...initialScreenState,
    statsColumn: statsColumn ?? false,
  }));
  // Keys can arrive faster than React renders (`2` then `j` in one frame). The ref holds the
  // state with every event applied so far, so each key acts on what the previous one did.
  const latestState = useRef(state);
  const [cursor] = useState(() => createCursor(state.selected));
  const dispatch = useCallback(
    (event: ScreenEvent) => {
      const before = latestState.current;
      latestState.current = screenReducer(before, event);
      if (latestState.current.selected === before.selected) return dispatchToReact(event);
      // A cursor move. The list draws it at once: it reads `cursor` itself, so the key's frame
      // renders the list and its two changed rows. The rest of the screen (the details pane, the
      // status line's hint) follows in a transition, rendered right after (keys faster than that
      // render skip it: it is drawn where the cursor rests). Until it commits the hint names the
      // row left, for a frame; keys act on `latestState`, the row the bar is on.
      cursor.set(latestState.current.selected);
      startTransition(() => dispatchToReact(event));
    },
    [cursor],
  );
  const containersState = useStore(model.containers!.store);
  const imagesState = useStore(model.images!.store);
  const status = useStore(model.status.store);
  const connection = useStore(model.connection);
  const generation = useStore(model.engineGeneration);
  const sessions = props.sessions;
  const sessionsState = useStore(sessions.store);
  const activeEntry = sessionsState.active ? sessions.get(sessionsState.active) : undefined;
  const withSessions = useMemo(
    () =>
      new Set(sessionsState.sessions.filter((e) => e.status !== 'exited').map((e) => e.request.containerId)),
    [sessionsState.sessions],
  );

  const view = useMemo(
    () => deriveView(state, containersState, imagesState),
    [state, containersState, imagesState],
  );
  const { rows, images, selectedContainer, selectedImage } = view;
  // The details pane (and the logs it shows) follows the selection one render behind the lists.
  // A cursor move reaches this screen in a transition (see `dispatch`), which renders the pane at
  // once; a selection that changes in an urgent render (the list filtered as a person types, the
  // selected container changing state) is handed to the pane in a render right after it, so the
  // list's frame does not wait for the pane (issue 7). Keys act on `selectedContainer`, the row
  // the list shows, never on this.
  const detailsContainer = useDeferredValue(selectedContainer);
  const detailsImage = useDeferredValue(selectedImage);

  // The lost-connection banner takes a row: the panes are laid out in the rows left, so the frame
  // stays a row short of the terminal (a frame as tall as the terminal makes Ink clear and write
  // the whole screen itself, and the status line was pushed off the bottom).
  const bannerRows = connection.state === 'lost' ? 1 : 0;
  const bodySize = useMemo(
    () => ({ cols: size.cols, rows: size.rows - bannerRows }),
    [size.cols, size.rows, bannerRows],
  );
  const layout = layoutFor(bodySize, state.focus);

  // The Logs tab follows the selected container; a new selection cancels the old stream. It is
  // opened once the cursor rests (running through a list opens no stream per row), and again
  // when the container starts running (its old stream ended when it stopped).
  // A stopped container is read to its end, not followed; timestamps are asked for only while shown.
  const followedId = detailsContainer?.id;
  const followedRunning = detailsContainer?.state === 'running';
  // The logs as they concern the pane's container: another container's (the buffer still holds
  // the last one's lines until the effect below resets it) are NO_LOGS, so the pane's first frame
  // for a new container shows none of them, and the reset, which then changes nothing on screen,
  // renders nothing: the same snapshot. It rendered the screen a second time on every move.
  const logsState = useSyncExternalStore(logs.store.subscribe, () => logsFor(logs.store.get(), followedId));
  const logsShownFor = useRef(followedId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` (a reconnect) and `followedRunning` (a start) must reopen the stream
  useEffect(() => {
    logs.reset();
    // Another container's logs start at their end, following, whatever the scroll was on the last one.
    if (logsShownFor.current !== followedId) {
      logsShownFor.current = followedId;
      if (!latestState.current.logView.follow) dispatch({ type: 'logView', view: { follow: true } });
    }
    if (!followedId || !model.engine) return;
    const engine = model.engine;
    const timer = setTimeout(() => {
      const { timestamps } = latestState.current.logView;
      void logs.open(engine, followedId, { follow: followedRunning, timestamps });
    }, 80);
    return () => {
      clearTimeout(timer);
      logs.close();
    };
  }, [followedId, followedRunning, generation, logs, model, dispatch]);

  const tabExtent = useRef({ maxScroll: 0 }).current;
  // What a session opened from the lists gets: the details pane's size, whichever pane has focus.
  const detailsLayout = layoutFor(bodySize, 'details');
  const detailsTerminalSize = terminalSize(detailsLayout.detailWidth, detailsLayout.detailHeight);
  const contextFor = (current: ScreenState, derived: ReturnType<typeof deriveView>): CommandContext => ({
    state: current,
    dispatch,
    model,
    actions,
    logs,
    ...derived,
    graceSeconds: props.graceSeconds,
    layout: layoutFor(bodySize, current.focus),
    copyToClipboard: props.copyToClipboard,
    redrawScreen: props.redrawScreen ?? (() => undefined),
    logsDirectory: props.logsDirectory,
    quit: exit,
    tabExtent,
    sessions: props.sessions,
    terminalSize: detailsTerminalSize,
  });
  const context = contextFor(state, view);
  const rendered = useRef({ state, view, contextFor });
  rendered.current = { state, view, contextFor };
  /** The context for a key: the rendered one, or one derived from events not yet rendered. */
  const currentContext = () => {
    const { state: shown, view: shownView, contextFor: make } = rendered.current;
    const latest = latestState.current;
    if (latest === shown) return make(shown, shownView);
    return make(latest, deriveView(latest, model.containers!.store.get(), model.images!.store.get()));
  };

  const scopes = scopesFor(state.focus, state.tab);

  // Keys outside the terminal pane. While a session is shown its raw listener below takes the
  // keys instead; an open dialog has its own handler. Decided per key from the latest state.
  // `keyUsed` tells the session's listener that this key was not its: the `e` that returns to a
  // session, or the `n` that closes a dialog over it, must not be typed into the session.
  const keyUsed = useRef(false);
  useStableInput((input, key) => {
    if (sessions.store.get().active && !latestState.current.overlay) return;
    keyUsed.current = true;
    if (latestState.current.overlay) return;
    // Keys typed quickly (or over a slow ssh link) can arrive as one chunk: take them one by one,
    // so `/idle⏎S` filters, closes the filter line, then starts the container.
    for (const next of splitKeys(input, key)) {
      const ctx = currentContext();
      // A dialog that one of these keys opened takes the keys after it; this handler is not its.
      if (ctx.state.overlay) return;
      if (ctx.state.editing) {
        // Ctrl-L redraws here too, as in readline (whatever key it is mapped to, if not an edit).
        const edited = editText(ctx, next.input, next.key);
        if (!edited && actionForInk(next.input, next.key, ['global'], keymap) === 'redraw')
          runAction('redraw', ctx);
        continue;
      }
      const action = actionForInk(next.input, next.key, scopesFor(ctx.state.focus, ctx.state.tab), keymap);
      // `[` and `]` switch the detail tabs from the lists too, as in lazydocker.
      const tabAction = action ? undefined : actionForInk(next.input, next.key, ['details'], keymap);
      if (tabAction === 'prevTab' || tabAction === 'nextTab') {
        runAction(tabAction, ctx);
        continue;
      }
      if (!action) {
        // Esc on a list clears the filter it keeps, as the filter line promised.
        const focus = ctx.state.focus;
        if (next.key.escape && focus !== 'details' && ctx.state.filters[focus]) {
          dispatch({ type: 'clearFilter', list: focus });
        }
        continue;
      }
      if (!isActionAllowed(action, model.readOnly)) {
        model.status.show({
          kind: 'error',
          text: 'berth is in read-only mode (--read-only): that would change the engine.',
        });
        continue;
      }
      runAction(action, ctx);
    }
  });

  // While a session is shown, every key goes to it as the terminal sent it (session-keys.ts).
  const sessionKeys = useRef(new SessionKeys()).current;
  useRawInput((raw) => {
    // Decided once every listener has seen the key (they are called in turn, in whatever order
    // they subscribed): by then `keyUsed` says whether the lists or a dialog took it.
    queueMicrotask(() => {
      if (keyUsed.current) {
        keyUsed.current = false;
        return;
      }
      sendToSession(raw);
    });
  });
  const sendToSession = (raw: string) => {
    if (latestState.current.overlay) return;
    const current = sessions.get(sessions.store.get().active);
    if (!current) return;
    if (current.status === 'exited') {
      // The pane said "any key returns": forget the ended session.
      void sessions.close(current.key);
      return;
    }
    const result = sessionKeys.handle(raw, current.emulator.applicationCursorKeys);
    switch (result.kind) {
      case 'send':
        return sessions.write(current.key, result.data);
      case 'detach':
        sessions.detach();
        model.status.show({
          kind: 'info',
          text: `Detached: ${current.request.command} keeps running; ${current.request.kind === 'attach' ? 'a' : 'e'} returns to it.`,
        });
        return;
      case 'fullScreen':
        return sessions.toggleFullScreen();
      case 'scroll':
        return current.emulator.scrollBy(result.pages * Math.max(1, current.emulator.terminal.rows - 1));
      case 'none':
        return;
    }
  };

  // The pane's size goes to the emulator and the session whenever the pane or the terminal changes.
  const paneSize = sessionsState.fullScreen
    ? terminalSize(size.cols, layout.bodyHeight)
    : terminalSize(layout.detailWidth, layout.detailHeight);
  const { cols: paneCols, rows: paneRows } = paneSize;
  useEffect(() => {
    if (activeEntry) sessions.resize(activeEntry.key, { cols: paneCols, rows: paneRows });
  }, [activeEntry, paneCols, paneRows, sessions]);

  // Counted once per change of the containers or the list, not on every cursor move.
  const counts = useMemo(() => containerCounts(containersState), [containersState]);
  const shownCount = useMemo(() => rows.filter(isContainerRow).length, [rows]);
  // One object while the counts stay: the containers pane is memoised, and a log line that
  // arrives (a render of this screen) then leaves its 2,000 rows alone.
  const paneCounts = useMemo(() => ({ shown: shownCount, total: counts.total }), [shownCount, counts.total]);
  const hintActions = state.focus === 'details' ? detailHints(state.lastList, state.tab) : HINTS[state.focus];
  const hint = keyHints(keymap, hintActions ?? [], model.readOnly);
  const sessionHasKeys = activeEntry !== undefined && state.overlay === undefined;
  const otherPanes = useAfterFirstFrame(props.containersFirst ?? false);

  return (
    <Box flexDirection="column" width={size.cols} height={size.rows - 1}>
      {connection.state === 'lost' ? (
        <Box height={1} width={size.cols}>
          <Text color={theme.status.error} inverse wrap="truncate-end">
            {` Engine connection lost — reconnecting… ${connection.error.message} `.padEnd(size.cols)}
          </Text>
        </Box>
      ) : null}
      {activeEntry && sessionsState.fullScreen ? (
        <TerminalPane
          entry={activeEntry}
          version={sessionsState.version}
          width={size.cols}
          height={layout.bodyHeight}
          focused={state.overlay === undefined}
          fullScreen
          theme={theme}
          painter={props.painter}
        />
      ) : (
        <Box flexDirection={layout.stacked ? 'column' : 'row'} height={layout.bodyHeight}>
          <Box flexDirection="column" width={layout.listWidth}>
            <ContainersPane
              rows={rows}
              cursor={cursor}
              focused={state.focus === 'containers'}
              width={layout.listWidth}
              height={layout.containersHeight}
              theme={theme}
              showAll={state.showAll}
              counts={paneCounts}
              filter={state.filters.containers}
              filterEditing={state.editing === 'containers'}
              withSessions={withSessions}
              statsColumn={state.statsColumn}
              engine={connection.state === 'ready' ? model.engine : undefined}
            />
            {otherPanes ? (
              <ImagesPane
                images={images}
                cursor={cursor}
                focused={state.focus === 'images'}
                width={layout.listWidth}
                height={layout.imagesHeight}
                theme={theme}
                filter={state.filters.images}
                filterEditing={state.editing === 'images'}
                total={imagesState.images.length}
              />
            ) : (
              <Box height={layout.imagesHeight} />
            )}
          </Box>
          {activeEntry ? (
            <TerminalPane
              entry={activeEntry}
              version={sessionsState.version}
              width={layout.detailWidth}
              height={layout.detailHeight}
              focused={state.overlay === undefined}
              fullScreen={false}
              theme={theme}
              painter={props.painter}
            />
          ) : !otherPanes ? (
            <Box width={layout.detailWidth} height={layout.detailHeight} />
          ) : (
            <DetailsPane
              mode={state.lastList}
              container={detailsContainer}
              image={detailsImage}
              logs={logs}
              logsState={logsState}
              view={state.logView}
              search={state.search}
              searching={state.editing === 'search'}
              focused={state.focus === 'details'}
              width={layout.detailWidth}
              height={layout.detailHeight}
              theme={theme}
              tab={state.tab}
              imageTab={state.imageTab}
              tabScroll={state.tabScroll}
              tabExtent={tabExtent}
              engine={connection.state === 'ready' ? model.engine : undefined}
              generation={generation}
              onEvent={model.onEvent}
            />
          )}
        </Box>
      )}
      <StatusLine
        width={size.cols}
        status={status}
        // While a session has every key, the lists' keys would be a false offer: its own instead.
        hintCommand={sessionHasKeys ? activeEntry.request.command : focusedCommand(context)}
        hintKey={sessionHasKeys ? undefined : keyOf(keymap, focusedAction(context))}
        keysHint={sessionHasKeys ? statusText(activeEntry) : hint}
        theme={theme}
      />
      <Overlays
        overlay={state.overlay}
        keymap={keymap}
        scopes={scopes}
        readOnly={model.readOnly}
        size={size}
        theme={theme}
        onClose={() => dispatch({ type: 'closeOverlay', overlay: state.overlay })}
      />
    </Box>
  );
}
