/**
 * Sessions through the docker CLI in a pseudo-terminal: the same commands a person would type.
 */
import { formatPortSpec } from '../engine/port-spec.js';
import type { SessionOpener, SessionRequest } from '../state/sessions.js';
import { openCliSession } from './cli-session.js';

const CTRL_D = '\x04';
/** docker's default detach keys: leaves an attached container running. */
const DETACH_KEYS = '\x10\x11';

/** The docker CLI arguments for a request (after the global ones). */
export function cliArguments(request: SessionRequest): string[] {
  switch (request.kind) {
    case 'exec':
      return ['exec', '-it', request.containerId, ...request.argv];
    case 'attach':
      return ['attach', request.containerId];
    case 'start-attached':
      return ['start', '-ai', request.containerId];
    case 'run': {
      const run = request.run!;
      return [
        'run',
        '-it',
        ...(run.remove ? ['--rm'] : []),
        ...(run.name ? ['--name', run.name] : []),
        ...(run.env ?? []).flatMap((entry) => ['-e', entry]),
        ...(run.ports ?? []).flatMap((binding) => ['-p', formatPortSpec(binding)]),
        run.image,
        ...request.argv,
      ];
    }
  }
}

export function cliOpener(docker: string): SessionOpener {
  return (engine, request, size) =>
    openCliSession({
      docker,
      endpoint: engine.endpoint,
      args: cliArguments(request),
      cols: size.cols,
      rows: size.rows,
      closeWith: request.kind === 'exec' || request.kind === 'run' ? CTRL_D : DETACH_KEYS,
      containerName: request.containerName,
    });
}
