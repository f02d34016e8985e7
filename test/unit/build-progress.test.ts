import { describe, expect, test } from 'vitest';
import { type BuildEvent, BuildProgressDecoder, decodeBuildStream } from '../../src/engine/build-progress.js';

// Captured from dockerd 20.10 (POST /v1.41/build, classic builder), one object per line as sent.
const FRESH_BUILD = [
  '{"stream":"Step 1/3 : FROM busybox"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e e4cd0a083760\\n"}',
  '{"stream":"Step 2/3 : RUN echo building \\u0026\\u0026 echo hello \\u003e /hello"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e Running in daa4f33363a8\\n"}',
  '{"stream":"building\\n"}',
  '{"stream":"Removing intermediate container daa4f33363a8\\n"}',
  '{"stream":" ---\\u003e 86ef962e8597\\n"}',
  '{"stream":"Step 3/3 : CMD [\\"cat\\",\\"/hello\\"]"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e Running in 6a8382cacad1\\n"}',
  '{"stream":"Removing intermediate container 6a8382cacad1\\n"}',
  '{"stream":" ---\\u003e 13e3bc70339c\\n"}',
  '{"aux":{"ID":"sha256:13e3bc70339c40bd05ea8f7e94995d2eae989ca6f5a7313bf92880b7d73a92db"}}',
  '{"stream":"Successfully built 13e3bc70339c\\n"}',
  '{"stream":"Successfully tagged exp:1\\n"}',
]
  .map((line) => `${line}\r\n`)
  .join('');

const CACHED_BUILD = [
  '{"stream":"Step 1/2 : FROM busybox"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e e4cd0a083760\\n"}',
  '{"stream":"Step 2/2 : RUN echo building"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e Using cache\\n"}',
  '{"stream":" ---\\u003e 86ef962e8597\\n"}',
  '{"aux":{"ID":"sha256:86ef962e8597b855a994bc85122512b737a11b70740d33c14c8382ac26c8e31b"}}',
  '{"stream":"Successfully built 86ef962e8597\\n"}',
].join('\n');

const FAILED_BUILD = [
  '{"stream":"Step 1/3 : FROM busybox"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e e4cd0a083760\\n"}',
  '{"stream":"Step 2/3 : RUN echo about to fail \\u0026\\u0026 exit 3"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e Running in 80d47766a2ac\\n"}',
  '{"stream":"about to fail\\n"}',
  '{"errorDetail":{"code":3,"message":"The command \'/bin/sh -c echo about to fail \\u0026\\u0026 exit 3\' returned a non-zero code: 3"},"error":"The command \'/bin/sh -c echo about to fail \\u0026\\u0026 exit 3\' returned a non-zero code: 3"}',
].join('\n');

// Output without a trailing newline, and stderr, which the engine wraps in red.
const UNTERMINATED_OUTPUT = [
  '{"stream":"Step 1/2 : FROM busybox"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e e4cd0a083760\\n"}',
  '{"stream":"Step 2/2 : RUN printf abc; printf def; echo x \\u003e\\u00262"}',
  '{"stream":"\\n"}',
  '{"stream":" ---\\u003e Running in 4dad066c6fe1\\n"}',
  '{"stream":"abc"}',
  '{"stream":"def"}',
  '{"stream":"\\u001b[91mx\\n\\u001b[0m"}',
  '{"stream":"Removing intermediate container 4dad066c6fe1\\n"}',
  '{"stream":"tail"}',
  '{"stream":" ---\\u003e e733b59d67f6\\n"}',
  '{"aux":{"ID":"sha256:e733b59d67f603815a34e7ea43d32e7dff7331ca750a218ef5f81ffaeb92b4e6"}}',
  '{"stream":"[Warning] One or more build-args [X] were not consumed\\n"}',
].join('\n');

function fakeClock() {
  let t = 0;
  return () => {
    t += 500;
    return t;
  };
}

function withoutTimes(events: BuildEvent[]) {
  return events.map((e) => (e.type === 'stepDone' ? { ...e, seconds: 0 } : e));
}

describe('decoding the classic builder stream', () => {
  test('a fresh build gives its steps, their output and layers, the tag and the image id', () => {
    const events = decodeBuildStream([FRESH_BUILD], { now: fakeClock() });
    expect(events).toEqual([
      { type: 'step', index: 1, total: 3, instruction: 'FROM busybox' },
      { type: 'stepDone', step: 1, layerId: 'e4cd0a083760', seconds: 0.5, cached: false },
      { type: 'step', index: 2, total: 3, instruction: 'RUN echo building && echo hello > /hello' },
      { type: 'output', step: 2, text: 'building' },
      { type: 'stepDone', step: 2, layerId: '86ef962e8597', seconds: 0.5, cached: false },
      { type: 'step', index: 3, total: 3, instruction: 'CMD ["cat","/hello"]' },
      { type: 'stepDone', step: 3, layerId: '13e3bc70339c', seconds: 0.5, cached: false },
      { type: 'tagged', step: 3, tag: 'exp:1' },
      { type: 'done', imageId: 'sha256:13e3bc70339c40bd05ea8f7e94995d2eae989ca6f5a7313bf92880b7d73a92db' },
    ]);
  });

  test('a step served from the cache is marked cached', () => {
    const events = decodeBuildStream([CACHED_BUILD]);
    expect(events.filter((e) => e.type === 'cached')).toEqual([{ type: 'cached', step: 2 }]);
    expect(events.find((e) => e.type === 'stepDone' && e.step === 2)).toMatchObject({ cached: true });
    expect(events.find((e) => e.type === 'stepDone' && e.step === 1)).toMatchObject({ cached: false });
  });

  test('a failing RUN gives an error naming its step with the exit code, and no done', () => {
    const events = decodeBuildStream([FAILED_BUILD]);
    expect(events.slice(-2)).toEqual([
      { type: 'output', step: 2, text: 'about to fail' },
      {
        type: 'error',
        step: 2,
        exitCode: 3,
        message: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3",
      },
    ]);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  test('the exit code is read from the sentence when errorDetail has no code', () => {
    const events = decodeBuildStream([
      '{"stream":"Step 1/1 : RUN false\\n"}{"error":"The command \'/bin/sh -c false\' returned a non-zero code: 1"}',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'error',
      step: 1,
      exitCode: 1,
      message: "The command '/bin/sh -c false' returned a non-zero code: 1",
    });
  });

  test('an error before any step has no step and no exit code', () => {
    expect(
      decodeBuildStream(['{"errorDetail":{"message":"no space left"},"error":"no space left"}']),
    ).toEqual([{ type: 'error', step: undefined, exitCode: undefined, message: 'no space left' }]);
  });

  test('output without a newline is split from the marker it runs into, and stderr loses its colour', () => {
    const events = decodeBuildStream([UNTERMINATED_OUTPUT]);
    expect(events.filter((e) => e.type === 'output')).toEqual([
      { type: 'output', step: 2, text: 'abcdefx' },
      { type: 'output', step: 2, text: 'tail' },
      { type: 'output', step: 2, text: '[Warning] One or more build-args [X] were not consumed' },
    ]);
    expect(events.at(-1)).toEqual({
      type: 'done',
      imageId: 'sha256:e733b59d67f603815a34e7ea43d32e7dff7331ca750a218ef5f81ffaeb92b4e6',
    });
  });

  test('without an aux id the short id from "Successfully built" is the image', () => {
    const events = decodeBuildStream(['{"stream":"Successfully built 13e3bc70339c\\n"}']);
    expect(events).toEqual([{ type: 'done', imageId: '13e3bc70339c' }]);
  });

  test('pull progress lines with a progress bar are dropped, plain status lines kept', () => {
    const events = decodeBuildStream([
      '{"status":"Pulling from library/alpine","id":"latest"}\n',
      '{"status":"Downloading","progressDetail":{"current":1,"total":2},"id":"abc"}\n',
    ]);
    expect(events).toEqual([{ type: 'output', step: 0, text: 'latest: Pulling from library/alpine' }]);
  });
});

describe('chunking does not change the events', () => {
  const streams = { FRESH_BUILD, CACHED_BUILD, FAILED_BUILD, UNTERMINATED_OUTPUT };

  test.each(Object.entries(streams))('%s split at every position', (_name, stream) => {
    const whole = withoutTimes(decodeBuildStream([stream]));
    for (let at = 1; at < stream.length; at++) {
      expect(withoutTimes(decodeBuildStream([stream.slice(0, at), stream.slice(at)]))).toEqual(whole);
    }
  });

  test.each(Object.entries(streams))('%s fed one byte at a time', (_name, stream) => {
    const bytes = Buffer.from(stream);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(withoutTimes(decodeBuildStream(chunks))).toEqual(withoutTimes(decodeBuildStream([stream])));
  });

  test('several objects in one chunk without newlines between them', () => {
    const glued = FRESH_BUILD.replace(/\r\n/g, '');
    expect(withoutTimes(decodeBuildStream([glued]))).toEqual(withoutTimes(decodeBuildStream([FRESH_BUILD])));
  });

  test('a multi-byte character split between chunks arrives whole', () => {
    const line = Buffer.from('{"stream":"Step 1/1 : RUN echo héllo ✓\\n"}');
    const at = line.indexOf(Buffer.from('✓')) + 1;
    const decoder = new BuildProgressDecoder();
    const events = [
      ...decoder.push(line.subarray(0, at)),
      ...decoder.push(line.subarray(at)),
      ...decoder.end(),
    ];
    expect(events).toEqual([{ type: 'step', index: 1, total: 1, instruction: 'RUN echo héllo ✓' }]);
  });

  test('braces and escaped quotes inside strings do not confuse the object boundaries', () => {
    const events = decodeBuildStream([
      '{"stream":"Step 1/1 : RUN echo \\"}{\\" \\\\"}',
      '\n{"stream":"\\n"}',
    ]);
    expect(events).toEqual([{ type: 'step', index: 1, total: 1, instruction: 'RUN echo "}{" \\' }]);
  });
});
