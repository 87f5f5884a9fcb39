import { type AtlasState, formatHash, type Lang, parseState, sameState } from './state.ts';

/** How a change enters the browser history: a new entry (back undoes it), the current one, or none. */
export type HistoryMode = 'push' | 'replace' | 'none';

type Listener = (state: AtlasState, previous: AtlasState) => void;

/**
 * The page's state, mirrored in the URL hash. Discrete choices (round, indicator, level, area, language,
 * table) push a history entry so the back button undoes them; camera moves replace the current entry. A
 * hash changed from outside (back button, a typed URL, the page embedding the iframe) flows back in.
 */
export class Store {
  #state: AtlasState;
  readonly #listeners: Listener[] = [];

  constructor(fallbackLang: Lang) {
    this.#state = parseState(location.hash, location.search, fallbackLang);
    const fromUrl = () => {
      const next = parseState(location.hash, location.search, this.#state.lang);
      // A hash without a view or round keeps the current ones rather than jumping back to defaults.
      next.view ??= this.#state.view;
      next.round ??= this.#state.round;
      next.dataset ??= this.#state.dataset;
      // Another dataset is another catalog of rounds, boundaries and styles: start the page afresh on it.
      if (next.dataset !== this.#state.dataset) {
        location.reload();
        return;
      }
      this.update(next, 'none', true);
    };
    addEventListener('popstate', fromUrl);
    addEventListener('hashchange', fromUrl);
  }

  get state(): AtlasState {
    return this.#state;
  }

  /** Calls `listener` after every change, with the new and previous state. */
  subscribe(listener: Listener): void {
    this.#listeners.push(listener);
  }

  /** Applies a change, writes the hash, and tells the listeners (only if something changed). */
  update(patch: Partial<AtlasState>, history: HistoryMode = 'push', replaceWhole = false): void {
    const previous = this.#state;
    const next: AtlasState = replaceWhole ? (patch as AtlasState) : { ...previous, ...patch };
    if (!replaceWhole)
      for (const key of Object.keys(patch) as (keyof AtlasState)[]) {
        if (patch[key] === undefined) delete next[key];
      }
    if (sameState(previous, next)) {
      this.#state = next;
      return;
    }
    this.#state = next;
    const hash = formatHash(next);
    if (history === 'push' && hash !== location.hash) window.history.pushState(null, '', hash);
    if (history === 'replace' && hash !== location.hash) window.history.replaceState(null, '', hash);
    for (const listener of this.#listeners) listener(next, previous);
  }

  /** Writes the current state to the URL without a history entry (after defaults are filled in). */
  writeUrl(): void {
    window.history.replaceState(null, '', formatHash(this.#state));
  }
}
