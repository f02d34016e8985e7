/** A new empty folder under the system's temporary folder for each test of a file, removed after it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** `path` is the current test's folder (read it inside a test or a hook, not at load). */
export function tempFolderEach(prefix: string): { readonly path: string } {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(current, { recursive: true, force: true }));
  return {
    get path() {
      return current;
    },
  };
}
