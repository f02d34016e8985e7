/**
 * The pull view's lines, like the docker CLI's: the engine's messages, then a row per layer with
 * its phase and a progress bar, then the digest or the registry's refusal. Sanitised: a registry
 * chooses some of this text.
 */
import { formatProgressBar } from '../../engine/engine.js';
import type { PullState } from '../../state/pull-model.js';
import { clean, type TabLine } from './tab-lines.js';

export function pullLines(state: PullState, barWidth = 30): TabLine[] {
  const { transfer } = state;
  const lines: TabLine[] = transfer.messages.map((m) => [{ text: clean(m), tone: 'muted' }]);
  for (const layer of transfer.layers) {
    const done = layer.phase === 'complete' || layer.phase === 'exists' || layer.phase === 'pushed';
    lines.push([
      { text: `${clean(layer.id)}: `, tone: 'muted' },
      { text: clean(layer.status).padEnd(20), tone: done ? 'added' : undefined },
      { text: formatProgressBar(layer, barWidth), tone: 'accent' },
    ]);
  }
  if (state.status === 'running' && transfer.layers.length === 0 && transfer.messages.length === 0)
    lines.push([{ text: `Asking the registry for ${clean(state.reference)}…`, tone: 'muted' }]);
  if (state.status === 'succeeded' && state.digest)
    lines.push([{ text: `Digest: ${clean(state.digest)}`, tone: 'added' }]);
  for (const warning of state.warnings) lines.push([{ text: clean(warning), tone: 'warning' }]);
  if (state.status === 'failed')
    lines.push([{ text: clean(state.error ?? 'The transfer failed.'), tone: 'error' }]);
  if (state.status === 'cancelled') lines.push([{ text: 'Cancelled.', tone: 'warning' }]);
  return lines;
}
