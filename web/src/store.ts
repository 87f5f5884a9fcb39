import { reloadForDataset } from './dataset-switch.ts';
import { type AtlasState, formatHash, type Lang, parseState, sameState } from './state.ts';

/** How a change enters the browser history: a new entry (back undoes it), the current one, or none. */
export type HistoryMode = 'push' | 'replace' | 'none';

/** Where a change came from: the page's own controls, or the URL (Back, a typed hash, an embed's host). */
export type ChangeSource = 'page' | 'url';

type Listener = (state: AtlasState, previous: AtlasState, source: ChangeSource) => void;

/**
 * Checks a state read from the URL against the data the page has (does the round exist, is the area on its
 * boundaries) and returns the state to show, and what to do once it is shown (say what was not found, in the
 * state's language): the page installs it once the catalog is loaded.
 */
export type UrlCheck = (state: AtlasState) => Promise<{ state: AtlasState; shown?: () => void }>;

/**
 * The page's state, mirrored in the URL hash, which is its single source: discrete choices (round, indicator,
 * level, area, language, table) push a history entry so Back undoes them; camera moves replace the current
 * entry. A hash changed from outside (Back, a typed URL, the page embedding the iframe) is read whole: what it
 * does not say takes its default (no `map`: the page fits the area or the country), never the previous value.
 */
export class Store {
  #state: AtlasState;
  readonly #listeners: Listener[] = [];
  #check: UrlCheck | undefined;
  #urlToken = 0;

  constructor(fallbackLang: Lang) {
    this.#state = parseState(location.hash, location.search, fallbackLang);
    addEventListener('popstate', () => void this.#fromUrl());
    addEventListener('hashchange', () => void this.#fromUrl());
  }

  get state(): AtlasState {
    return this.#state;
  }

  /** Installs the check of states read from the URL (see {@link UrlCheck}). */
  setUrlCheck(check: UrlCheck): void {
    this.#check = check;
  }

  /** Calls `listener` after every change, with the new and previous state and where the change came from. */
  subscribe(listener: Listener): void {
    this.#listeners.push(listener);
  }

  /** Applies a change, writes the hash, and tells the listeners (only if something changed). */
  update(
    patch: Partial<AtlasState>,
    history: HistoryMode = 'push',
    replaceWhole = false,
    source: ChangeSource = 'page',
  ): void {
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
    for (const listener of this.#listeners) listener(next, previous, source);
  }

  /** Writes the current state to the URL without a history entry (after defaults are filled in). */
  writeUrl(): void {
    window.history.replaceState(null, '', formatHash(this.#state));
  }

  /** Reads the whole state from the URL, has it checked, and shows it. */
  async #fromUrl(): Promise<void> {
    const parsed = parseState(location.hash, location.search, this.#state.lang);
    // The dataset stays when the hash does not name one (a host's hash may leave it out).
    parsed.dataset ??= this.#state.dataset;
    // Another dataset is another catalog of rounds, boundaries and styles: start the page afresh on it,
    // keeping focus and scroll (dataset-switch.ts).
    if (parsed.dataset !== this.#state.dataset) {
      reloadForDataset();
      return;
    }
    if (sameState(parsed, this.#state)) return;
    const token = ++this.#urlToken;
    const checked = this.#check ? await this.#check(parsed) : { state: parsed };
    // A later hash change (or Back pressed twice) wins over this one.
    if (token !== this.#urlToken) return;
    this.update(checked.state, 'none', true, 'url');
    // What the check changed (an unknown round or area dropped, the default round named) goes in the URL.
    if (formatHash(this.#state) !== location.hash) this.writeUrl();
    checked.shown?.();
  }
}
