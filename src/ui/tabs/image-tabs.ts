/**
 * The detail pane's tabs for an image — History (a layer per Dockerfile step), Inspect (the
 * config a container starts with), Containers (who uses it) — as pure line builders, with the
 * docker command each one stands for. Image text is sanitised like container text.
 */
import type { ImageDetails, ImageLayer } from '../../engine/images.js';
import { shellJoin } from '../format/docker-command.js';
import { humanDuration } from '../format/duration.js';
import { humanSize } from '../format/size.js';
import { clean, type Segment, type TabLine } from './tab-lines.js';

export const IMAGE_TABS = ['history', 'inspect', 'containers'] as const;
export type ImageTab = (typeof IMAGE_TABS)[number];

export const IMAGE_TAB_TITLES: Record<ImageTab, string> = {
  history: 'History',
  inspect: 'Inspect',
  containers: 'Containers',
};

/** The tab `delta` steps away, wrapping round at either end. */
export function stepImageTab(tab: ImageTab, delta: number): ImageTab {
  const count = IMAGE_TABS.length;
  return IMAGE_TABS[(((IMAGE_TABS.indexOf(tab) + delta) % count) + count) % count]!;
}

export function imageTabCommand(tab: ImageTab, image: string): string {
  switch (tab) {
    case 'history':
      return shellJoin(['docker', 'history', image]);
    case 'inspect':
      return shellJoin(['docker', 'image', 'inspect', image]);
    case 'containers':
      return shellJoin(['docker', 'ps', '-a', '--filter', `ancestor=${image}`]);
  }
}

const SIZE_WIDTH = 9;
/** The longest age Go's HumanDuration gives, as `docker history` prints it, and a space. */
const AGE_WIDTH = 'Less than a second ago '.length;

/**
 * `docker history`, oldest step first (the order the Dockerfile has them): the instruction, the
 * size the step added, and how long ago it ran.
 */
export function historyLines(layers: readonly ImageLayer[], now: number): TabLine[] {
  const header: TabLine = [
    { text: `${'#'.padEnd(4)}${'SIZE'.padEnd(SIZE_WIDTH)}${'CREATED'.padEnd(AGE_WIDTH)}STEP`, tone: 'muted' },
  ];
  const rows = [...layers].reverse().map((layer, i): TabLine => {
    const age = `${humanDuration(Math.max(0, now - layer.created * 1000))} ago`;
    const instruction = clean(layer.createdBy) || clean(layer.comment) || '—';
    return [
      { text: String(i + 1).padEnd(4), tone: 'muted' },
      { text: humanSize(layer.size).padEnd(SIZE_WIDTH), tone: layer.size > 0 ? undefined : 'muted' },
      { text: `${age} `.padEnd(AGE_WIDTH), tone: 'muted' },
      { text: instruction, tone: /^(RUN|COPY|ADD)\b/.test(instruction) ? 'accent' : undefined },
    ];
  });
  return [header, ...rows];
}

const LABEL_WIDTH = 12;

function field(label: string, ...value: Segment[]): TabLine {
  return [{ text: label.padEnd(LABEL_WIDTH), tone: 'muted' }, ...value];
}

function section(title: string): TabLine {
  return [{ text: title, tone: 'accent', bold: true }];
}

/** An argv as the Dockerfile's exec form would write it, or a dash for none. */
function argvText(argv: readonly string[]): Segment {
  return argv.length ? { text: clean(JSON.stringify(argv)) } : { text: '—', tone: 'muted' };
}

/** What a container made from this image starts with, and where the image came from. */
export function imageInspectLines(d: ImageDetails): TabLine[] {
  const c = d.config;
  const lines: TabLine[] = [section('Config')];
  lines.push(field('Cmd', argvText(c.cmd)));
  lines.push(field('Entrypoint', argvText(c.entrypoint)));
  lines.push(
    field('WorkingDir', c.workingDir ? { text: clean(c.workingDir) } : { text: '—', tone: 'muted' }),
  );
  lines.push(field('User', c.user ? { text: clean(c.user) } : { text: '—', tone: 'muted' }));
  lines.push(field('Ports', { text: c.exposedPorts.length ? c.exposedPorts.map(clean).join(', ') : '—' }));
  lines.push([]);
  lines.push(section(`Env (${c.env.length})`));
  for (const entry of c.env) {
    const at = entry.indexOf('=');
    const name = at === -1 ? entry : entry.slice(0, at);
    lines.push([
      { text: clean(name), bold: true },
      { text: at === -1 ? '' : `=${clean(entry.slice(at + 1))}` },
    ]);
  }
  const labels = Object.entries(c.labels);
  lines.push([]);
  lines.push(section(`Labels (${labels.length})`));
  for (const [key, value] of labels)
    lines.push([{ text: clean(key), bold: true }, { text: `=${clean(value)}` }]);
  lines.push([]);
  lines.push(section('Image'));
  lines.push(field('ID', { text: d.id }));
  lines.push(field('Tags', { text: d.repoTags.length ? d.repoTags.map(clean).join(', ') : '<none>' }));
  if (d.repoDigests.length) lines.push(field('Digests', { text: d.repoDigests.map(clean).join(', ') }));
  lines.push(field('Created', { text: clean(d.created.replace(/\.\d+Z$/, 'Z')) }));
  lines.push(field('Platform', { text: clean(`${d.os}/${d.architecture}`) }));
  lines.push(field('Size', { text: humanSize(d.size) }));
  if (d.author) lines.push(field('Author', { text: clean(d.author) }));
  if (d.comment) lines.push(field('Comment', { text: clean(d.comment) }));
  return lines;
}

/** The containers made from the image, by name; removing the image needs them gone (or force). */
export function imageContainersLines(names: readonly string[], image: string): TabLine[] {
  if (names.length === 0) return [[{ text: `No container uses ${clean(image)}.`, tone: 'muted' }]];
  return names.map((name) => [{ text: clean(name) }]);
}
