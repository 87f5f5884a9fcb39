import type { Atlas } from './atlas.ts';

/**
 * Where focus goes when the area panel's close button empties it: back to what opened the panel (a search
 * result's box, a table's name, the map), else the search box, never the top of the page. The opener is what
 * had focus, outside the panel, when an area was selected.
 */
export function panelOpener(panel: HTMLElement, atlas: Atlas): () => void {
  let opener: HTMLElement | undefined;
  atlas.store.subscribe((state, previous) => {
    if (!state.area || state.area === previous.area) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !panel.contains(active)) opener = active;
  });
  return () => {
    const target =
      opener?.isConnected && opener.getClientRects().length > 0
        ? opener
        : document.getElementById('search-input');
    target?.focus();
  };
}
