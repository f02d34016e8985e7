/** The Files tab's lines: the diff tree with each path marked A (added), C (changed), D (deleted). */
import type { FileChange } from '../../engine/engine.js';
import { fileTree } from './file-tree.js';
import { clean, type TabLine } from './tab-lines.js';

const MARK: Record<FileChange['kind'], { mark: string; tone: 'added' | 'changed' | 'deleted' }> = {
  added: { mark: 'A', tone: 'added' },
  changed: { mark: 'C', tone: 'changed' },
  deleted: { mark: 'D', tone: 'deleted' },
};

export function fileLines(changes: readonly FileChange[]): TabLine[] {
  return fileTree(changes).map((row) => {
    const kind = row.kind ? MARK[row.kind] : undefined;
    return [
      { text: kind ? `${kind.mark} ` : '  ', tone: kind?.tone, bold: true },
      { text: row.prefix, tone: 'muted' },
      { text: clean(row.name), tone: kind?.tone },
    ];
  });
}
