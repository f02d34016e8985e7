import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  decodeTransferStream,
  formatProgressBar,
  isLayerDone,
  type LayerPhase,
  TransferProgressDecoder,
} from '../../src/engine/pull-progress.js';

// Captured from dockerd 20.10 (API 1.41) against Debian's docker-registry 2.8, byte for byte.
function captured(name: string): string {
  return readFileSync(new URL(`../fixtures/transfer-streams/${name}.jsonl`, import.meta.url), 'utf8');
}

const BUSYBOX_DIGEST = 'sha256:a8376a8bcbb363f9a5f00535baef650d1c0f256fae17f51dca3e45a793aec0e4';
const TWO_LAYER_DIGEST = 'sha256:2ee8f7db72e484b32177e8a9919fba5f109392155e5f8e31b3634eff8d4c51fe';

describe('decoding captured pull and push streams', () => {
  const cases: Array<{
    stream: string;
    layers: Array<[string, LayerPhase]>;
    digest: string | undefined;
    messages: string[];
    error?: string;
  }> = [
    {
      stream: 'pull-one-layer',
      layers: [['0b6ac8096370', 'complete']],
      digest: BUSYBOX_DIGEST,
      messages: [
        't1: Pulling from berth/busybox',
        `Digest: ${BUSYBOX_DIGEST}`,
        'Status: Downloaded newer image for 127.0.0.1:5055/berth/busybox:t1',
      ],
    },
    {
      stream: 'pull-up-to-date',
      layers: [],
      digest: BUSYBOX_DIGEST,
      messages: [
        't1: Pulling from berth/busybox',
        `Digest: ${BUSYBOX_DIGEST}`,
        'Status: Image is up to date for 127.0.0.1:5055/berth/busybox:t1',
      ],
    },
    {
      stream: 'pull-shared-layer',
      layers: [
        ['0b6ac8096370', 'exists'],
        ['47e6dc1cc1ef', 'complete'],
      ],
      digest: TWO_LAYER_DIGEST,
      messages: [
        '1: Pulling from berth/two',
        `Digest: ${TWO_LAYER_DIGEST}`,
        'Status: Downloaded newer image for 127.0.0.1:5055/berth/two:1',
      ],
    },
    {
      stream: 'push-one-layer',
      layers: [['2029228fd818', 'pushed']],
      digest: BUSYBOX_DIGEST,
      messages: [
        'The push refers to repository [127.0.0.1:5055/berth/busybox]',
        `t1: digest: ${BUSYBOX_DIGEST} size: 527`,
      ],
    },
    {
      stream: 'push-already-exists',
      layers: [['2029228fd818', 'exists']],
      digest: BUSYBOX_DIGEST,
      messages: [
        'The push refers to repository [127.0.0.1:5055/berth/busybox]',
        `t1: digest: ${BUSYBOX_DIGEST} size: 527`,
      ],
    },
    {
      stream: 'push-mounted',
      layers: [
        ['0f99d5476eb5', 'exists'],
        ['2029228fd818', 'exists'],
      ],
      digest: TWO_LAYER_DIGEST,
      messages: [
        'The push refers to repository [127.0.0.1:5055/other/two]',
        `1: digest: ${TWO_LAYER_DIGEST} size: 739`,
      ],
    },
    {
      stream: 'push-unauthorized',
      layers: [['2029228fd818', 'preparing']],
      digest: undefined,
      messages: ['The push refers to repository [127.0.0.1:5056/berth/busybox]'],
      error: 'no basic auth credentials',
    },
  ];

  test.each(cases)('$stream', ({ stream, layers, digest, messages, error }) => {
    const state = decodeTransferStream(captured(stream));
    expect(state.layers.map((l) => [l.id, l.phase])).toEqual(layers);
    expect(state.digest).toBe(digest);
    expect(state.messages).toEqual(messages);
    expect(state.error).toBe(error);
  });

  test('a layer goes through every pull phase in order, with byte counts while it moves', () => {
    const decoder = new TransferProgressDecoder();
    const seen: Array<[LayerPhase, number | undefined, number | undefined]> = [];
    for (const line of captured('pull-shared-layer').split('\n')) {
      decoder.push(`${line}\n`);
      const layer = decoder.snapshot().layers.find((l) => l.id === '47e6dc1cc1ef');
      const last = seen.at(-1);
      if (layer && (last?.[0] !== layer.phase || last[1] !== layer.current)) {
        seen.push([layer.phase, layer.current, layer.total]);
      }
    }
    expect(seen).toEqual([
      ['waiting', undefined, undefined],
      ['downloading', 36445, 3073232],
      ['verifying', undefined, undefined],
      ['downloaded', undefined, undefined],
      ['extracting', 32768, 3073232],
      ['extracting', 163840, 3073232],
      ['extracting', 3073232, 3073232],
      ['complete', undefined, undefined],
    ]);
  });
});

describe('objects split across chunks', () => {
  test.each([1, 2, 7, 64, 1000])('fed %i bytes at a time, the state is the same as whole', (size) => {
    const bytes = Buffer.from(captured('pull-shared-layer'));
    const decoder = new TransferProgressDecoder();
    for (let at = 0; at < bytes.length; at += size) decoder.push(bytes.subarray(at, at + size));
    decoder.end();
    expect(decoder.snapshot()).toEqual(decodeTransferStream(bytes.toString('utf8')));
  });

  test('push reports whether anything changed; a half object changes nothing yet', () => {
    const decoder = new TransferProgressDecoder();
    expect(decoder.push('{"status":"Pulling fs la')).toBe(false);
    expect(decoder.push('yer","progressDetail":{},"id":"abc"}\r\n')).toBe(true);
    expect(decoder.snapshot().layers).toEqual([
      { id: 'abc', phase: 'waiting', status: 'Pulling fs layer', current: undefined, total: undefined },
    ]);
  });

  test('a last object without a line end is taken at the end', () => {
    const decoder = new TransferProgressDecoder();
    decoder.push(`{"status":"Digest: sha256:${'a'.repeat(64)}"}`);
    expect(decoder.snapshot().digest).toBeUndefined();
    decoder.end();
    expect(decoder.snapshot().digest).toBe(`sha256:${'a'.repeat(64)}`);
  });

  test('a multi-byte character split between chunks survives', () => {
    const bytes = Buffer.from('{"status":"Status: é"}\n');
    const decoder = new TransferProgressDecoder();
    decoder.push(bytes.subarray(0, 20));
    decoder.push(bytes.subarray(20));
    expect(decoder.snapshot().messages).toEqual(['Status: é']);
  });
});

describe('layers that need nothing more', () => {
  test.each<[LayerPhase, boolean]>([
    ['complete', true],
    ['pushed', true],
    ['exists', true],
    ['downloading', false],
    ['extracting', false],
    ['waiting', false],
  ])('%s → done %s', (phase, done) => {
    expect(isLayerDone({ id: 'x', phase, status: '', current: undefined, total: undefined })).toBe(done);
  });
});

describe('progress bars like the docker CLI', () => {
  test('at width 50 every bar matches the text the engine itself sent', () => {
    let compared = 0;
    for (const name of ['pull-one-layer', 'pull-shared-layer', 'push-one-layer']) {
      for (const line of captured(name).split('\n')) {
        if (!line.includes('"progress"')) continue;
        const message = JSON.parse(line) as {
          progress: string;
          progressDetail: { current: number; total: number };
        };
        expect(formatProgressBar(message.progressDetail, 50)).toBe(message.progress);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
  });

  test.each([
    [{ current: undefined, total: undefined }, 10, ''],
    [{ current: 0, total: 0 }, 10, ''],
    [{ current: 1_200_000, total: undefined }, 10, '   1.2MB'],
    [{ current: 0, total: 4_300_000 }, 10, '[>          ]       0B/4.3MB'],
    [{ current: 1_200_000, total: 4_300_000 }, 10, '[==>        ]    1.2MB/4.3MB'],
    [{ current: 4_300_000, total: 4_300_000 }, 10, '[==========>]    4.3MB/4.3MB'],
    [{ current: 5_000_000, total: 4_300_000 }, 10, '[==========>]      5MB'],
  ])('%o at width %i → %j', (layer, width, text) => {
    expect(formatProgressBar(layer, width)).toBe(text);
  });
});
