/**
 * The API versions berth remembers per engine address (src/app/api-versions.ts), which let the
 * next start ask for its lists at once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recallApiVersion, rememberApiVersion } from '../../src/app/api-versions.js';
import { tempFolderEach } from '../support/temp-folder.js';

const folder = tempFolderEach('berth-api-versions-');

describe('remembered API versions', () => {
  it('gives back what was kept for each address, and nothing for an address never seen', () => {
    rememberApiVersion(folder.path, 'unix:///var/run/docker.sock', '1.41');
    rememberApiVersion(folder.path, 'tcp://remote:2376', '1.45');
    expect(recallApiVersion(folder.path, 'unix:///var/run/docker.sock')).toBe('1.41');
    expect(recallApiVersion(folder.path, 'tcp://remote:2376')).toBe('1.45');
    expect(recallApiVersion(folder.path, 'unix:///other.sock')).toBeUndefined();
  });

  it('keeps the newest version for an address', () => {
    rememberApiVersion(folder.path, 'unix:///var/run/docker.sock', '1.41');
    rememberApiVersion(folder.path, 'unix:///var/run/docker.sock', '1.43');
    expect(recallApiVersion(folder.path, 'unix:///var/run/docker.sock')).toBe('1.43');
    expect(JSON.parse(readFileSync(path.join(folder.path, 'api-versions.json'), 'utf8'))).toEqual({
      'unix:///var/run/docker.sock': '1.43',
    });
  });

  it('keeps the 32 addresses changed last, so that new test engines every run do not grow the file', () => {
    for (let i = 0; i < 40; i++) rememberApiVersion(folder.path, `unix:///tmp/engine-${i}.sock`, '1.41');
    const kept = Object.keys(JSON.parse(readFileSync(path.join(folder.path, 'api-versions.json'), 'utf8')));
    expect(kept).toHaveLength(32);
    expect(kept[0]).toBe('unix:///tmp/engine-8.sock');
    expect(recallApiVersion(folder.path, 'unix:///tmp/engine-39.sock')).toBe('1.41');
    expect(recallApiVersion(folder.path, 'unix:///tmp/engine-0.sock')).toBeUndefined();
  });

  it('gives nothing from a damaged file or an entry that is not a version, and writes a good one over it', () => {
    writeFileSync(path.join(folder.path, 'api-versions.json'), '{ not json');
    expect(recallApiVersion(folder.path, 'unix:///var/run/docker.sock')).toBeUndefined();
    writeFileSync(
      path.join(folder.path, 'api-versions.json'),
      JSON.stringify({ 'unix:///a.sock': 'v1; rm -rf' }),
    );
    expect(recallApiVersion(folder.path, 'unix:///a.sock')).toBeUndefined();
    rememberApiVersion(folder.path, 'unix:///a.sock', '1.41');
    expect(recallApiVersion(folder.path, 'unix:///a.sock')).toBe('1.41');
  });

  it('does nothing, and throws nothing, without a cache folder or when it cannot be written', () => {
    expect(recallApiVersion(undefined, 'unix:///a.sock')).toBeUndefined();
    expect(() => rememberApiVersion(undefined, 'unix:///a.sock', '1.41')).not.toThrow();
    const file = path.join(folder.path, 'a-file');
    writeFileSync(file, '');
    expect(() => rememberApiVersion(path.join(file, 'berth'), 'unix:///a.sock', '1.41')).not.toThrow();
  });
});
