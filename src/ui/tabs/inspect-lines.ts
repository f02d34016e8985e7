/**
 * The Inspect tab: what `docker inspect` says about a container that a person asks about most —
 * state with exit code and times, image, command, restart policy, ports, mounts, networks,
 * labels — as labelled lines. Env has its own tab.
 */
import type { ContainerDetails, PortMapping } from '../../engine/engine.js';
import { shellJoin } from '../format/docker-command.js';
import { humanDuration } from '../format/duration.js';
import { clean, type Segment, type TabLine } from './tab-lines.js';

const LABEL_WIDTH = 12;
/** The engine's zero time: the container has not started (or finished) yet. */
const NEVER = /^0001-01-01/;

function field(label: string, ...value: Segment[]): TabLine {
  return [{ text: label.padEnd(LABEL_WIDTH), tone: 'muted' }, ...value];
}

function section(title: string): TabLine {
  return [{ text: title, tone: 'accent', bold: true }];
}

function when(iso: string, now: number): string {
  if (!iso || NEVER.test(iso)) return '—';
  const time = Date.parse(iso);
  const short = iso.replace(/\.\d+Z$/, 'Z');
  return Number.isFinite(time) ? `${short} (${humanDuration(Math.max(0, now - time))} ago)` : short;
}

export function portText(p: PortMapping): string {
  const host = p.publicPort ? `${p.ip ?? '0.0.0.0'}:${p.publicPort} → ` : '';
  return `${host}${p.privatePort}/${p.type}`;
}

export function inspectLines(d: ContainerDetails, now: number): TabLine[] {
  const lines: TabLine[] = [];
  const s = d.state;
  const stateText = [s.status, s.running ? `pid ${s.pid}` : `exit code ${s.exitCode}`];
  if (s.oomKilled) stateText.push('killed: out of memory');
  lines.push(section('State'));
  lines.push(
    field('Status', {
      text: stateText.join(' · '),
      tone: s.exitCode !== 0 && !s.running ? 'error' : undefined,
    }),
  );
  if (s.error) lines.push(field('Error', { text: clean(s.error), tone: 'error' }));
  lines.push(field('Created', { text: when(d.created, now) }));
  lines.push(field('Started', { text: when(s.startedAt, now) }));
  lines.push(field('Finished', { text: when(s.finishedAt, now) }));

  lines.push([]);
  lines.push(section('Config'));
  lines.push(field('Name', { text: clean(d.name) }));
  lines.push(field('ID', { text: d.id }));
  lines.push(
    field(
      'Image',
      { text: clean(d.image) },
      { text: `  ${d.imageId.replace(/^sha256:/, '').slice(0, 12)}`, tone: 'muted' },
    ),
  );
  lines.push(field('Command', { text: d.config.cmd.length ? clean(shellJoin(d.config.cmd)) : '—' }));
  lines.push(
    field('Entrypoint', { text: d.config.entrypoint.length ? clean(shellJoin(d.config.entrypoint)) : '—' }),
  );
  if (d.config.workingDir) lines.push(field('Workdir', { text: clean(d.config.workingDir) }));
  if (d.config.user) lines.push(field('User', { text: clean(d.config.user) }));
  const flags = [
    d.config.tty && 'tty (-t)',
    d.config.openStdin && 'stdin open (-i)',
    d.init && 'init (--init)',
  ];
  if (flags.some(Boolean)) lines.push(field('Flags', { text: flags.filter(Boolean).join(' · ') }));
  const policy = d.restartPolicy;
  lines.push(
    field('Restart', {
      text:
        policy.name === 'on-failure' && policy.maximumRetryCount > 0
          ? `on-failure (at most ${policy.maximumRetryCount} retries)`
          : policy.name,
    }),
  );
  if (d.config.stopSignal || d.config.stopTimeout !== undefined) {
    const stop = [
      d.config.stopSignal && `signal ${d.config.stopSignal}`,
      d.config.stopTimeout !== undefined && `timeout ${d.config.stopTimeout} s`,
    ];
    lines.push(field('Stop', { text: stop.filter(Boolean).join(' · ') }));
  }

  lines.push([]);
  lines.push(section('Ports'));
  // A running container's bound ports; otherwise (or on an engine without a bridge) the `-p` config.
  const ports = d.ports.some((p) => p.publicPort) ? d.ports : d.portBindings;
  if (ports.length === 0 && d.config.exposedPorts.length === 0)
    lines.push(field('', { text: 'none', tone: 'muted' }));
  for (const p of ports) lines.push(field('', { text: portText(p) }));
  const published = new Set(ports.map((p) => `${p.privatePort}/${p.type}`));
  for (const e of d.config.exposedPorts)
    if (!published.has(e))
      lines.push(
        field(
          '',
          { text: `${clean(e)}`, tone: undefined },
          { text: '  exposed, not published', tone: 'muted' },
        ),
      );

  lines.push([]);
  lines.push(section('Mounts'));
  if (d.mounts.length === 0) lines.push(field('', { text: 'none', tone: 'muted' }));
  for (const m of d.mounts) {
    lines.push(
      field(
        m.type,
        { text: `${clean(m.source)} → ${clean(m.destination)}` },
        { text: m.readWrite ? '  rw' : '  ro', tone: 'muted' },
      ),
    );
  }

  lines.push([]);
  lines.push(section('Networks'));
  if (d.networks.length === 0) lines.push(field('', { text: 'none', tone: 'muted' }));
  for (const n of d.networks) {
    const parts: Segment[] = [{ text: n.ipAddress || 'no address', tone: n.ipAddress ? undefined : 'muted' }];
    if (n.gateway) parts.push({ text: `  gateway ${n.gateway}`, tone: 'muted' });
    if (n.macAddress) parts.push({ text: `  mac ${n.macAddress}`, tone: 'muted' });
    lines.push(field(clean(n.name).slice(0, LABEL_WIDTH - 1), ...parts));
  }

  const labels = Object.entries(d.config.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  lines.push([]);
  lines.push(section(`Labels (${labels.length})`));
  for (const [k, v] of labels) lines.push([{ text: clean(k), tone: 'accent' }, { text: `=${clean(v)}` }]);
  return lines;
}

/** The Env tab: each variable as `NAME=value`, in the order the engine gives them. */
export function envLines(env: readonly string[]): TabLine[] {
  return env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) return [{ text: clean(entry), tone: 'accent' }];
    return [{ text: clean(entry.slice(0, eq)), tone: 'accent' }, { text: `=${clean(entry.slice(eq + 1))}` }];
  });
}
