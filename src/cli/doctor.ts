/** `berth doctor`: the diagnosis as plain text, no full-screen UI. Exit code 0 only when healthy. */
import { type Diagnosis, diagnose, type EngineSelection } from '../engine/diagnose.js';

export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = [];
  if (d.endpoint) {
    lines.push(`Endpoint:  ${d.endpoint.url}`);
    lines.push(`Chosen by: ${d.endpoint.source}`);
  }
  if (d.ok) {
    const { version, info } = d;
    lines.push(`Engine:    Docker Engine ${version.version} (${version.os}/${version.arch})`);
    lines.push(
      `API:       ${d.apiVersion} in use (engine speaks ${version.apiVersion}, minimum ${version.minApiVersion})`,
    );
    lines.push(
      `Containers: ${info.containers} (${info.running} running, ${info.paused} paused, ${info.stopped} stopped)`,
    );
    lines.push(`Images:    ${info.images}`);
    lines.push(`Storage:   ${info.storageDriver}${info.rootless ? ', rootless' : ''}`);
    lines.push('Status:    OK — berth can reach the engine.');
  } else {
    lines.push(`Problem:   ${d.error.kind}`);
    lines.push('');
    lines.push(d.error.message);
    if (d.error.detail) lines.push('', `(${d.error.detail})`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runDoctor(selection: EngineSelection): Promise<number> {
  const d = await diagnose(selection);
  process.stdout.write(formatDiagnosis(d));
  return d.ok ? 0 : 1;
}
