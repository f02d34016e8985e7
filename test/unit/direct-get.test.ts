/**
 * berth's own HTTP reading for the log stream and the JSON answers a start asks for, against a socket server that answers with fixed
 * bytes: statuses, body framings and a cut connection that the engine cannot be made to send.
 * (The log stream itself is tested against the private engine in test/engine/logs.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Endpoint } from '../../src/engine/connection.js';
import { getDirectly, readJson } from '../../src/engine/direct-get.js';
import { classifyError } from '../../src/engine/errors.js';

const servers: Array<{ server: net.Server; dir: string }> = [];
afterEach(() => {
  for (const { server, dir } of servers.splice(0)) {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A server writing `pieces` (a pause between them) once it has read a request; ends unless `hold`.
 * Each piece is written byte for byte (latin1), so a test can cut a UTF-8 character in two.
 */
async function serve(pieces: string[], options: { hold?: boolean } = {}): Promise<Endpoint> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-direct-'));
  const socketPath = path.join(dir, 's.sock');
  const server = net.createServer((socket) => {
    socket.once('data', async () => {
      for (const piece of pieces) {
        socket.write(Buffer.from(piece, 'latin1'));
        await new Promise((r) => setTimeout(r, 5));
      }
      if (options.hold) socket.destroy();
      else socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  servers.push({ server, dir });
  return { protocol: 'unix', url: `unix://${socketPath}`, socketPath, source: 'test' };
}

/** GETs and collects the body; resolves with how the response ended. */
async function read(endpoint: Endpoint) {
  let body = '';
  const response = await getDirectly(endpoint, '/logs', (bytes, start, end) => {
    body += bytes.toString('utf8', start, end);
  });
  const ended = await new Promise<string>((resolve) => {
    let how = '';
    response.on('end', () => {
      how = 'end';
    });
    response.on('error', () => undefined);
    response.on('close', () => resolve(`${how}${how ? ' ' : ''}close`));
  });
  return { status: response.statusCode, body, ended, complete: response.complete };
}

const OK_CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';

describe('getDirectly', () => {
  test('a chunked body arrives whole, headers and body cut anywhere, and ends complete', async () => {
    const endpoint = await serve([
      'HTTP/1.1 200 OK\r\nTransfer-Enc',
      'oding: chunked\r\n\r\n3\r\nab',
      'c\r\n0\r\n\r\n',
    ]);
    expect(await read(endpoint)).toEqual({ status: 200, body: 'abc', ended: 'end close', complete: true });
  });

  test('a connection cut inside a chunked body closes without end', async () => {
    const endpoint = await serve([OK_CHUNKED, '5\r\nhel'], { hold: true });
    expect(await read(endpoint)).toEqual({ status: 200, body: 'hel', ended: 'close', complete: false });
  });

  test('a body with a length, and one that lasts until the connection ends', async () => {
    const sized = await serve(['HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody']);
    expect(await read(sized)).toMatchObject({ body: 'body', ended: 'end close', complete: true });
    const untilClose = await serve(['HTTP/1.1 200 OK\r\n\r\nraw ', 'bytes']);
    expect(await read(untilClose)).toMatchObject({ body: 'raw bytes', ended: 'end close', complete: true });
  });

  test("an error status rejects with the engine's message, read like dockerode's errors", async () => {
    const json = '{"message":"No such container: nope"}';
    const endpoint = await serve([
      `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n`,
      json,
    ]);
    const error = await getDirectly(endpoint, '/logs', () => undefined).catch((e: unknown) => e);
    const classified = classifyError(error, { action: 'read the logs of nope' });
    expect(classified.kind).toBe('NotFound');
    expect(classified.message).toBe('Could not read the logs of nope: No such container: nope');
  });

  test('an answer that is not HTTP, and a missing socket, reject', async () => {
    const garbage = await serve(['SSH-2.0-OpenSSH\r\n\r\n']);
    await expect(getDirectly(garbage, '/', () => undefined)).rejects.toThrow(/other than HTTP/);
    const missing: Endpoint = {
      protocol: 'unix',
      url: 'unix:///nonexistent',
      socketPath: '/nonexistent/x.sock',
      source: 'test',
    };
    const error = await getDirectly(missing, '/', () => undefined).catch((e: unknown) => e);
    expect(classifyError(error, { endpoint: missing.url }).kind).toBe('EngineUnreachable');
  });
});

describe('readJson', () => {
  test('parses a sized body and a chunked one, a character split across chunks kept whole', async () => {
    const json = JSON.stringify([{ Id: 'abc', Names: ['/web'] }]);
    const sized = await serve([`HTTP/1.1 200 OK\r\nContent-Length: ${json.length}\r\n\r\n`, json]);
    expect(await readJson(sized, '/containers/json')).toEqual([{ Id: 'abc', Names: ['/web'] }]);
    const bytes = Buffer.from('{"Name":"caf\u00e9"}');
    const cut = bytes.indexOf(0xa9);
    const chunk = (part: Buffer) => `${part.length.toString(16)}\r\n${part.toString('latin1')}\r\n`;
    const chunked = await serve([
      OK_CHUNKED,
      chunk(bytes.subarray(0, cut)),
      chunk(bytes.subarray(cut)),
      '0\r\n\r\n',
    ]);
    expect(await readJson(chunked, '/info')).toEqual({ Name: 'caf\u00e9' });
  });

  test("an error status rejects with the engine's message", async () => {
    const json = '{"message":"client version 1.99 is too new"}';
    const endpoint = await serve([
      `HTTP/1.1 400 Bad Request\r\nContent-Length: ${json.length}\r\n\r\n`,
      json,
    ]);
    const error = await readJson(endpoint, '/v1.99/version').catch((e: unknown) => e);
    expect(classifyError(error, { action: 'read the engine version' }).message).toMatch(
      /client version 1.99 is too new/,
    );
  });

  test("a chunked error body (a proxy's) gives the engine's message, not its framing", async () => {
    const json = '{"message":"page not found"}';
    const endpoint = await serve([
      'HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`,
    ]);
    const error = await readJson(endpoint, '/info').catch((e: unknown) => e);
    expect(classifyError(error, { action: 'read the engine information' }).message).toBe(
      'Could not read the engine information: page not found',
    );
  });

  test('a body cut short, or not JSON, rejects', async () => {
    const cut = await serve([OK_CHUNKED, '5\r\n[1,2,'], { hold: true });
    await expect(readJson(cut, '/containers/json')).rejects.toMatchObject({ code: 'ECONNRESET' });
    const notJson = await serve(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK']);
    await expect(readJson(notJson, '/_ping')).rejects.toThrow(SyntaxError);
  });
});
