/** The pull (or push) view: a progress bar per layer; Esc cancels it while it runs. */
import type { PullState, PullTask } from '../../state/pull-model.js';
import { useStore } from '../hooks/use-store.js';
import { pullLines } from '../tabs/pull-lines.js';
import type { Theme } from '../theme.js';
import { StreamDialog } from './StreamDialog.js';

export interface PullDialogProps {
  title: string;
  pull: PullTask;
  /** Enter on a finished pull goes on with this (run or create what was pulled). */
  then?: { label: string; next: () => void };
  width: number;
  maxRows: number;
  theme: Theme;
  onClose: () => void;
}

function footerFor(action: 'pull' | 'push', status: PullState['status']): string {
  if (status === 'running') return `Esc cancels the ${action}`;
  if (status === 'succeeded') return action === 'pull' ? 'Pulled' : 'Pushed';
  return status === 'failed' ? 'Failed' : 'Cancelled';
}

export function PullDialog({ title, pull, then, width, maxRows, theme, onClose }: PullDialogProps) {
  const state = useStore(pull.store);
  const goesOn = then !== undefined && state.status === 'succeeded';
  return (
    <StreamDialog
      title={title}
      lines={pullLines(state, Math.max(10, Math.min(50, width - 60)))}
      isRunning={() => pull.running}
      cancel={() => pull.cancel()}
      footer={goesOn ? `Pulled · Enter ${then.label} · Esc stops here` : footerFor(pull.action, state.status)}
      onAccept={
        goesOn
          ? () => {
              onClose();
              then.next();
            }
          : undefined
      }
      failed={state.status === 'failed'}
      width={width}
      maxRows={maxRows}
      theme={theme}
      onClose={onClose}
    />
  );
}
