/**
 * Opens the data the shown insight tab needs, for the selected container, and nothing else:
 * switching tab, container or engine closes the old reads; leaving the tabs closes them all.
 * An event that changed the container (its list entry was re-read) reads the tab again; Files
 * also hears every event of its container (an exec ending leaves no trace in the list).
 */
import { useEffect, useMemo, useRef } from 'react';
import type { Engine, EngineEvent } from '../../engine/engine.js';
import { InsightModel, type InsightOptions, type InsightTab } from '../../state/insight-model.js';

export function useInsight(
  engine: Engine | undefined,
  generation: number,
  containerId: string | undefined,
  tab: InsightTab | undefined,
  /** Changes whenever an event re-read the container (its `statusReadAt`). */
  changedAt: number | undefined,
  /** The app's event feed (AppModel.onEvent); returns the unsubscribe. */
  onEvent?: (listener: (event: EngineEvent) => void) => () => void,
  options?: InsightOptions,
): InsightModel {
  // biome-ignore lint/correctness/useExhaustiveDependencies: one model for the pane's life
  const insight = useMemo(() => new InsightModel(options), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` changes after a reconnect, which must reopen the reads
  useEffect(() => {
    if (!engine || !containerId || !tab) return;
    insight.show(engine, containerId, tab);
    return () => insight.hide();
  }, [insight, engine, generation, containerId, tab]);

  useEffect(() => onEvent?.((event) => insight.handleEvent(event)), [insight, onEvent]);

  const lastChange = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = `${containerId}@${changedAt}`;
    const previous = lastChange.current;
    lastChange.current = key;
    // Only a later change of the same container: a new selection was just opened above.
    if (previous?.startsWith(`${containerId}@`) && previous !== key) insight.refresh();
  }, [insight, containerId, changedAt]);

  return insight;
}
