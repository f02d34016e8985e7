/**
 * `-p` and `-e` as the docker CLI takes them, checked before anything reaches the engine:
 * `-p [IP:][HOST:]CONTAINER[/PROTO]` publishes a container port on the host, and `-e KEY=VALUE`
 * sets a variable. Pure; the engine layer maps the result to ExposedPorts and PortBindings.
 */
import { isIP } from 'node:net';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortBinding {
  containerPort: number;
  protocol: PortProtocol;
  /** Where on the host: absent means every address (0.0.0.0 and ::). */
  hostIp?: string;
  /** Absent: the engine picks a free host port. */
  hostPort?: number;
}

export type PortCheck = { ok: true; binding: PortBinding } | { ok: false; reason: string };

const PROTOCOLS: readonly PortProtocol[] = ['tcp', 'udp', 'sctp'];
const EXAMPLE = 'write [IP:]HOST:CONTAINER, e.g. 8080:80 or 127.0.0.1:8080:80/tcp';

function portNumber(text: string, spec: string): number | string {
  if (/^\d+-\d+$/.test(text))
    return `"${spec}": port ranges such as ${text} are not supported here; give one -p per port`;
  if (!/^\d+$/.test(text)) return `"${spec}" is not a port mapping: ${EXAMPLE}`;
  const port = Number(text);
  if (port < 1 || port > 65535) return `"${spec}": ${text} is not a port; ports are 1 to 65535`;
  return port;
}

/** Splits `[IP:]rest`, where an IPv6 address is written in brackets: `[::1]:8080:80`. */
function splitAddress(spec: string): { ip?: string; rest: string } | string {
  if (spec.startsWith('[')) {
    const end = spec.indexOf(']');
    if (end === -1 || spec[end + 1] !== ':') return `"${spec}" is not a port mapping: ${EXAMPLE}`;
    return { ip: spec.slice(1, end), rest: spec.slice(end + 2) };
  }
  const parts = spec.split(':');
  if (parts.length === 3) return { ip: parts[0], rest: `${parts[1]}:${parts[2]}` };
  if (parts.length > 3)
    return `"${spec}" is not a port mapping: ${EXAMPLE} (an IPv6 address goes in brackets)`;
  return { rest: spec };
}

/** One `-p` value, as `docker run -p` reads it. */
export function parsePortSpec(text: string): PortCheck {
  const spec = text.trim();
  if (spec === '') return { ok: false, reason: `-p needs a port mapping after it: ${EXAMPLE}.` };
  const slash = spec.lastIndexOf('/');
  const protocol = (slash === -1 ? 'tcp' : spec.slice(slash + 1).toLowerCase()) as PortProtocol;
  if (!PROTOCOLS.includes(protocol))
    return { ok: false, reason: `"${spec}": the protocol must be tcp, udp or sctp.` };
  const address = splitAddress(slash === -1 ? spec : spec.slice(0, slash));
  if (typeof address === 'string') return { ok: false, reason: `${address}.` };
  const { ip, rest } = address;
  if (ip !== undefined && ip !== '' && isIP(ip) === 0)
    return { ok: false, reason: `"${spec}": ${ip} is not an IP address.` };
  const colon = rest.indexOf(':');
  const hostText = colon === -1 ? '' : rest.slice(0, colon);
  const container = portNumber(colon === -1 ? rest : rest.slice(colon + 1), spec);
  if (typeof container === 'string') return { ok: false, reason: `${container}.` };
  const binding: PortBinding = { containerPort: container, protocol };
  if (ip) binding.hostIp = ip;
  if (hostText !== '') {
    const host = portNumber(hostText, spec);
    if (typeof host === 'string') return { ok: false, reason: `${host}.` };
    binding.hostPort = host;
  }
  return { ok: true, binding };
}

/** The `-p` value that stands for `binding`, as a person would type it. */
export function formatPortSpec(binding: PortBinding): string {
  const ip = binding.hostIp ? (binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp) : '';
  const host = binding.hostPort === undefined ? '' : String(binding.hostPort);
  const proto = binding.protocol === 'tcp' ? '' : `/${binding.protocol}`;
  if (!ip && !host) return `${binding.containerPort}${proto}`;
  return `${ip ? `${ip}:` : ''}${host}:${binding.containerPort}${proto}`;
}

/** Why `binding` cannot be sent (a number out of range, a bad address), or undefined. */
export function portBindingProblem(binding: PortBinding): string | undefined {
  const checked = parsePortSpec(formatPortSpec(binding));
  return checked.ok ? undefined : checked.reason;
}

/** Why one `-e` value cannot be used, or undefined: it must be KEY=VALUE with a key. */
export function envProblem(entry: string): string | undefined {
  const at = entry.indexOf('=');
  if (at === -1)
    return `-e ${entry} has no value: write ${entry || 'KEY'}=VALUE (berth does not copy variables from its own environment).`;
  const key = entry.slice(0, at);
  if (key === '') return `-e ${entry} has no name before the "=": write KEY=VALUE.`;
  if (/\s/.test(key)) return `-e ${entry}: the name "${key}" cannot contain spaces.`;
  return undefined;
}

/** The engine's shape for a list of bindings: `{"80/tcp": {}}` and `{"80/tcp": [{HostIp, HostPort}]}`. */
export function toEnginePorts(bindings: readonly PortBinding[]): {
  exposedPorts: Record<string, Record<string, never>>;
  portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
} {
  const exposedPorts: Record<string, Record<string, never>> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const b of bindings) {
    const key = `${b.containerPort}/${b.protocol}`;
    exposedPorts[key] = {};
    const hostPort = b.hostPort === undefined ? '' : String(b.hostPort);
    portBindings[key] = [...(portBindings[key] ?? []), { HostIp: b.hostIp ?? '', HostPort: hostPort }];
  }
  return { exposedPorts, portBindings };
}
