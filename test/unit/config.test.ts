import { describe, expect, test } from 'vitest';
import { configPath, DEFAULT_CONFIG, loadConfig, parseConfig } from '../../src/app/config.js';

describe('the config file', async () => {
  test('an empty file gives the defaults', async () => {
    expect(await parseConfig('')).toMatchObject({ logBufferLines: 10_000, stopGraceSeconds: 10, errors: [] });
  });

  test('keys, log buffer and grace period are read', async () => {
    const config = await parseConfig(
      'keys:\n  containerStop: ctrl+t\nlogs:\n  bufferLines: 500\nstop:\n  graceSeconds: 3\n',
    );
    expect(config.keymap.containerStop).toEqual(['ctrl+t']);
    expect(config.logBufferLines).toBe(500);
    expect(config.stopGraceSeconds).toBe(3);
    expect(config.errors).toEqual([]);
  });

  test.each([
    ['logs:\n  bufferLines: -4\n', /logs\.bufferLines must be a whole number/],
    ['stop:\n  graceSeconds: soon\n', /stop\.graceSeconds must be a whole number/],
    ['colour: red\n', /unknown setting "colour"/],
    ['keys:\n  stopp: s\n', /"stopp" is not an action berth knows/],
    ['keys: [a, b]\n', /keys: should map action names to keys/],
    ['logs: [\n', /not valid YAML/],
    ['containers:\n  statsColumn: yes please\n', /containers\.statsColumn must be true or false/],
  ])('%j is explained and the default kept', async (text, message) => {
    const config = await parseConfig(text, 'berth.yml');
    expect(config.errors.join(' ')).toMatch(message);
    expect(config.logBufferLines).toBe(DEFAULT_CONFIG.logBufferLines);
    expect(config.stopGraceSeconds).toBe(DEFAULT_CONFIG.stopGraceSeconds);
  });

  test('the CPU/MEM column is off unless containers.statsColumn turns it on; terminal is a known section', async () => {
    expect((await parseConfig('')).containerStatsColumn).toBe(false);
    const config = await parseConfig('containers:\n  statsColumn: true\nterminal:\n  backend: api\n');
    expect(config.containerStatsColumn).toBe(true);
    expect(config.terminalBackend).toBe('api');
    expect(config.errors).toEqual([]);
  });

  test('the file is found through BERTH_CONFIG, then XDG_CONFIG_HOME, then ~/.config', async () => {
    expect(configPath({ BERTH_CONFIG: '/etc/b.yml' }, '/home/a')).toBe('/etc/b.yml');
    expect(configPath({ XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/berth/config.yml');
    expect(configPath({}, '/home/a')).toBe('/home/a/.config/berth/config.yml');
  });

  test('no file at the default place is fine; a missing file that was asked for is reported', async () => {
    expect((await loadConfig({ XDG_CONFIG_HOME: '/nonexistent-dir' })).errors).toEqual([]);
    expect((await loadConfig({ BERTH_CONFIG: '/nonexistent-dir/b.yml' })).errors[0]).toMatch(
      /Could not read the config file/,
    );
  });
});
