/**
 * `docker diff` as a tree: the paths the container added, changed or deleted in its writable
 * layer, nested under their directories, with the tree drawn in box characters.
 */
import type { FileChange } from '../../engine/engine.js';

export interface FileTreeRow {
  /** `├─ `, `│  └─ ` … : the branches before the name. */
  prefix: string;
  name: string;
  path: string;
  /** Undefined for a directory docker did not list itself (only something under it changed). */
  kind: FileChange['kind'] | undefined;
}

interface Node {
  name: string;
  path: string;
  kind: FileChange['kind'] | undefined;
  children: Map<string, Node>;
}

export function fileTree(changes: readonly FileChange[]): FileTreeRow[] {
  const root: Node = { name: '/', path: '/', kind: undefined, children: new Map() };
  for (const change of changes) {
    let node = root;
    let path = '';
    for (const part of change.path.split('/').filter(Boolean)) {
      path += `/${part}`;
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, path, kind: undefined, children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    if (node !== root) node.kind = change.kind;
  }
  const rows: FileTreeRow[] = [];
  const walk = (node: Node, indent: string) => {
    const children = [...node.children.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      rows.push({
        prefix: `${indent}${last ? '└─ ' : '├─ '}`,
        name: child.name,
        path: child.path,
        kind: child.kind,
      });
      walk(child, `${indent}${last ? '   ' : '│  '}`);
    });
  };
  walk(root, '');
  return rows;
}

export function countChanges(changes: readonly FileChange[]): Record<FileChange['kind'], number> {
  const counts = { added: 0, changed: 0, deleted: 0 };
  for (const c of changes) counts[c.kind]++;
  return counts;
}
