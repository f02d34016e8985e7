/**
 * The sample containers the demo tape, the end-to-end tests and `npm run dev-engine` use:
 * a chatty web server (stdout and stderr), a quiet db, a worker that exited, and a compose
 * project of two services.
 */
import http from 'node:http';

/** One raw Engine API call on a unix socket, its body as text (the bench populates its engines with it too). */
export function request(socketPath: string, method: string, path: string, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, method, path, headers: body ? { 'Content-Type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

export interface DemoContainer {
  name: string;
  cmd: string[];
  start: boolean;
  labels?: Record<string, string>;
  tty?: boolean;
}

export const DEMO_CONTAINERS: DemoContainer[] = [
  {
    name: 'web',
    cmd: [
      'sh',
      '-c',
      'i=0; while true; do i=$((i+1)); echo "GET /page/$i 200 $((i*7%50))ms"; if [ $((i%5)) -eq 0 ]; then echo "warning: slow upstream $i" >&2; fi; sleep 1; done',
    ],
    start: true,
  },
  {
    name: 'db',
    cmd: [
      'sh',
      '-c',
      'echo "database system is ready to accept connections"; trap "exit 0" TERM; while true; do sleep 1; done',
    ],
    start: true,
  },
  { name: 'worker', cmd: ['sh', '-c', 'echo "job 1 done"; echo "job 2 failed" >&2; exit 3'], start: true },
  {
    name: 'shop-api',
    cmd: ['sh', '-c', 'echo "api listening on :8080"; while true; do sleep 5; done'],
    start: true,
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api' },
  },
  {
    name: 'shop-cache',
    cmd: ['sleep', '100000'],
    start: false,
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'cache' },
  },
];

export async function createDemoContainers(socketPath: string, containers = DEMO_CONTAINERS): Promise<void> {
  for (const c of containers) {
    const created = JSON.parse(
      await request(socketPath, 'POST', `/containers/create?name=${c.name}`, {
        Image: 'busybox:latest',
        Cmd: c.cmd,
        Tty: c.tty ?? false,
        Labels: c.labels ?? {},
      }),
    ) as { Id: string };
    if (c.start) await request(socketPath, 'POST', `/containers/${created.Id}/start`);
  }
}
