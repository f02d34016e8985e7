/**
 * Populating the benchmark's private engine straight through the raw API (not through berth),
 * many requests at once, and watching its events.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
// The same raw request the demo containers are made with.
import { request } from '../../test/support/demo-containers.js';

export { request };

export interface ContainerPlan {
  name: string;
  cmd: string[];
  start?: boolean;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Creates (and starts, when asked) busybox containers; returns their ids in plan order. */
export async function createContainers(
  socketPath: string,
  plans: readonly ContainerPlan[],
  concurrency = 8,
): Promise<string[]> {
  const ids: string[] = new Array(plans.length);
  const indexed = plans.map((plan, index) => ({ plan, index }));
  await inParallel(indexed, concurrency, async ({ plan, index }) => {
    const created = JSON.parse(
      await request(socketPath, 'POST', `/containers/create?name=${encodeURIComponent(plan.name)}`, {
        Image: 'busybox:latest',
        Cmd: plan.cmd,
      }),
    ) as { Id: string };
    ids[index] = created.Id;
    if (plan.start) await request(socketPath, 'POST', `/containers/${created.Id}/start`);
  });
  return ids;
}

/** `count` idle containers named `prefix-0001`…, created (not started) unless `start`. */
export function idlePlans(prefix: string, count: number, from = 1, start = false): ContainerPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}-${String(from + i).padStart(4, '0')}`,
    cmd: ['sleep', '1000000'],
    start,
  }));
}

/** Waits for a container to exit; resolves with its exit code. */
export async function waitForExit(socketPath: string, id: string): Promise<number> {
  const body = JSON.parse(await request(socketPath, 'POST', `/containers/${id}/wait`)) as {
    StatusCode: number;
  };
  return body.StatusCode;
}

export interface EventWatch {
  /** performance.now() at which the `count`th matching event arrived. */
  nth(count: number): Promise<number>;
  close(): void;
}

/** Watches container events with the given action, stamping each on arrival. */
export async function watchEvents(socketPath: string, action: string): Promise<EventWatch> {
  const arrivals: number[] = [];
  const waiters = new Set<() => void>();
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: [action] }));
  let req: http.ClientRequest | undefined;
  await new Promise<void>((resolve, reject) => {
    req = http.get({ socketPath, path: `/events?filters=${filters}` }, (res) => {
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) arrivals.push(at);
        for (const waiter of [...waiters]) waiter();
      });
      resolve();
    });
    req.on('error', reject);
  });
  return {
    nth(count) {
      return new Promise((resolve) => {
        const check = () => {
          const at = arrivals[count - 1];
          if (at === undefined) return;
          waiters.delete(check);
          resolve(at);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => req?.destroy(),
  };
}
