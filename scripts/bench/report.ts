/** The benchmark's figures and the markdown table they are printed as. */

export interface Target {
  /** The figure must be at most this (same unit). */
  max?: number;
  /** The figure divided by the baseline must be at least this (rates). */
  minRatio?: number;
  /** The figure may exceed the baseline by at most this (same unit). */
  maxOverBaseline?: number;
  /** The figure divided by the baseline must be at most this (costs). */
  maxRatio?: number;
}

export interface Figure {
  name: string;
  /** null when it could not be measured (see note). */
  value: number | null;
  unit: string;
  baseline: number | null;
  baselineName: string;
  target: Target;
  note?: string;
}

export function ratioOf(f: Figure): number | null {
  return f.value === null || f.baseline === null || f.baseline === 0 ? null : f.value / f.baseline;
}

/** true / false, or null when the figure is missing. */
export function isMet(f: Figure): boolean | null {
  if (f.value === null) return null;
  const { max, minRatio, maxOverBaseline, maxRatio } = f.target;
  if (max !== undefined && f.value > max) return false;
  const ratio = ratioOf(f);
  if (minRatio !== undefined && (ratio === null || ratio < minRatio)) return false;
  if (maxRatio !== undefined && (f.baseline === null || f.value > f.baseline * maxRatio)) return false;
  if (maxOverBaseline !== undefined && (f.baseline === null || f.value > f.baseline + maxOverBaseline)) {
    return false;
  }
  return true;
}

export function targetText(f: Figure): string {
  const parts: string[] = [];
  if (f.target.max !== undefined) parts.push(`≤ ${f.target.max} ${f.unit}`);
  if (f.target.minRatio !== undefined) parts.push(`≥ ${f.target.minRatio * 100}% of baseline`);
  if (f.target.maxOverBaseline !== undefined)
    parts.push(`≤ baseline + ${f.target.maxOverBaseline} ${f.unit}`);
  if (f.target.maxRatio !== undefined)
    parts.push(f.target.maxRatio === 1 ? '≤ baseline' : `≤ ${f.target.maxRatio}× baseline`);
  return parts.join(', ');
}

function format(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${text} ${unit}`;
}

export function markdownTable(figures: readonly Figure[], machine: Record<string, unknown>): string {
  const rows = figures.map((f) => {
    const met = isMet(f);
    const ratio = ratioOf(f);
    return [
      f.name,
      format(f.value, f.unit),
      `${format(f.baseline, f.unit)} (${f.baselineName})`,
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
      targetText(f),
      met === null ? (f.note ?? 'not measured') : met ? 'met' : '**not met**',
      met === null ? '' : (f.note ?? ''),
    ];
  });
  const header = ['figure', 'berth', 'baseline', 'ratio', 'target', 'met', 'note'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const about = Object.entries(machine)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
  return `${lines.join('\n')}\n\n${about}`;
}
