/**
 * The build view's lines, like the classic builder prints them but easier to scan: each step
 * with CACHED where the cache served it and its time, the step's output indented under it, and
 * the ending — the new image, or the failing step with its exit code. Output is sanitised.
 */
import type { BuildState, BuildStepState } from '../../state/build-model.js';
import { clean, type TabLine } from './tab-lines.js';

function seconds(value: number | undefined): string {
  if (value === undefined) return '';
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

/**
 * The classic builder says nothing about the cache for FROM: it names the base image's id (after
 * pulling it if needed) and the step is neither cached nor run. So FROM is shown as the base
 * image, never as CACHED and without a time, which would suggest it was rebuilt.
 */
function isBaseImageStep(step: BuildStepState): boolean {
  return /^from\s/i.test(step.instruction);
}

function baseImageNote(step: BuildStepState): string {
  const pulled = step.output.some((line) => /Pulling from |Downloaded newer image/.test(line));
  return `  base image${step.layerId ? ` ${step.layerId}` : ''}${pulled ? ', pulled' : ''}`;
}

function stepLines(step: BuildStepState, state: BuildState): TabLine[] {
  const failed = state.status === 'failed' && state.failedStep === step.index;
  const base = isBaseImageStep(step);
  const header: TabLine = [
    {
      text: `Step ${step.index}/${step.total} : ${clean(step.instruction)}`,
      tone: failed ? 'error' : 'accent',
      bold: true,
    },
    ...(step.cached && !base ? [{ text: '  CACHED', tone: 'added' as const, bold: true }] : []),
    ...(step.done && base ? [{ text: baseImageNote(step), tone: 'muted' as const }] : []),
    ...(step.done && !base ? [{ text: `  ${seconds(step.seconds)}`, tone: 'muted' as const }] : []),
    ...(!step.done && state.status === 'running' ? [{ text: '  running…', tone: 'muted' as const }] : []),
  ];
  const lines: TabLine[] = [header];
  if (step.dropped > 0) lines.push([{ text: `  │ … ${step.dropped} earlier lines`, tone: 'muted' }]);
  for (const text of step.output) {
    lines.push([
      { text: '  │ ', tone: 'muted' },
      { text: clean(text), tone: failed ? 'error' : undefined },
    ]);
  }
  return lines;
}

export function buildLines(state: BuildState): TabLine[] {
  const lines = state.steps.flatMap((step) => stepLines(step, state));
  if (state.steps.length === 0 && state.status === 'running')
    lines.push([{ text: `Sending the build context ${clean(state.dir)} to the engine…`, tone: 'muted' }]);
  if (state.status === 'succeeded') {
    const cached = state.steps.filter((s) => s.cached).length;
    lines.push([
      {
        text: `Successfully built ${(state.imageId ?? '').replace(/^sha256:/, '').slice(0, 12)}`,
        tone: 'added',
        bold: true,
      },
      { text: `  ${cached} of ${state.steps.length} steps from the cache`, tone: 'muted' },
    ]);
    for (const tag of state.tags) lines.push([{ text: `Successfully tagged ${clean(tag)}`, tone: 'added' }]);
  } else if (state.status === 'failed') {
    if (state.exitCode !== undefined)
      lines.push([{ text: `Exit code ${state.exitCode}`, tone: 'error', bold: true }]);
    lines.push([{ text: clean(state.error ?? 'The build failed.'), tone: 'error' }]);
  } else if (state.status === 'cancelled') {
    lines.push([
      { text: 'Build cancelled: the engine stopped it and removed its step container.', tone: 'warning' },
    ]);
  }
  return lines;
}
