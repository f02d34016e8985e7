/**
 * The images list, kept live from image events: any image event re-lists images once after a
 * short quiet period (a build or prune sends many).
 */
import type { Engine, EngineEvent, ImageSummary } from '../engine/engine.js';
import { compareNames } from './compare-names.js';
import { Store } from './store.js';

export interface ImagesState {
  loaded: boolean;
  images: readonly ImageSummary[];
}

export class ImagesStore {
  readonly store = new Store<ImagesState>({ loaded: false, images: [] });
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly quietMs = 100,
  ) {}

  async load(): Promise<void> {
    const images = await this.engine.listImages();
    this.store.set({ loaded: true, images: sortImages(images) });
  }

  handleEvent(event: EngineEvent): void {
    if (event.type !== 'image') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.load().catch(() => undefined);
    }, this.quietMs);
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Tagged images by name, dangling ones last (newest first among them). */
export function sortImages(images: readonly ImageSummary[]): ImageSummary[] {
  return [...images].sort((a, b) => {
    if (a.dangling !== b.dangling) return a.dangling ? 1 : -1;
    if (a.dangling) return b.created - a.created;
    return compareNames(a.repoTags[0] ?? '', b.repoTags[0] ?? '');
  });
}
