/** The build view: the steps stream in; Esc cancels a running build. */
import type { BuildTask } from '../../state/build-model.js';
import { useStore } from '../hooks/use-store.js';
import { buildLines } from '../tabs/build-lines.js';
import type { Theme } from '../theme.js';
import { StreamDialog } from './StreamDialog.js';

export interface BuildDialogProps {
  title: string;
  build: BuildTask;
  width: number;
  maxRows: number;
  theme: Theme;
  onClose: () => void;
}

const ENDED = {
  running: 'Esc cancels the build',
  succeeded: 'Built',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function BuildDialog({ title, build, width, maxRows, theme, onClose }: BuildDialogProps) {
  const state = useStore(build.store);
  return (
    <StreamDialog
      title={title}
      lines={buildLines(state)}
      isRunning={() => build.running}
      cancel={() => build.cancel()}
      footer={ENDED[state.status]}
      failed={state.status === 'failed'}
      width={width}
      maxRows={maxRows}
      theme={theme}
      onClose={onClose}
    />
  );
}
