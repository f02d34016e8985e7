/**
 * The text tabs (Inspect, Env, Top, Files) as plain lines of styled segments, built by pure
 * functions and drawn by TabLines: only the lines in view are rendered, however many there are.
 */
import { sanitizeForTerminal } from '../../terminal/sanitize.js';

export type Tone = 'muted' | 'accent' | 'added' | 'changed' | 'deleted' | 'warning' | 'error';

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export type TabLine = readonly Segment[];

/** Container-provided text on one line: escape sequences gone, line breaks shown as `⏎`. */
export function clean(text: string): string {
  return sanitizeForTerminal(text, { keepColors: false }).replace(/\r?\n|\r/g, '⏎');
}

export function plainText(line: TabLine): string {
  return line.map((s) => s.text).join('');
}
