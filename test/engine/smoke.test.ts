import http from 'node:http';
import { expect, inject, test } from 'vitest';

test('the private engine answers and has busybox', async () => {
  const socketPath = inject('dockerHost').replace('unix://', '');
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get({ socketPath, path: '/images/json' }, (res) => {
        let b = '';
        res.on('data', (c) => {
          b += c;
        });
        res.on('end', () => resolve(b));
      })
      .on('error', reject);
  });
  expect(body).toContain('busybox:latest');
});
