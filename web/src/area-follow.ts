import type { Atlas } from './atlas.ts';

/**
 * Moves the map to the area a hash names when the hash names no view: on first load (a pasted link or the
 * iframe's `src`) and whenever the page around an embed sets a new hash (`#area=ML05&…`). The store has
 * already taken the hash's state by the time this listener runs (it listens first); a hash with `map` keeps
 * that view.
 */
export function followHashArea(atlas: Atlas, fitFirst = true): void {
  const { area, view } = atlas.store.state;
  // `fitFirst` false (an embed fitted to the country): the first load keeps the country in view.
  if (area && !view && fitFirst) void atlas.selectArea(area, true, false);
  addEventListener('hashchange', () => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const named = params.get('area');
    if (!named || params.has('map') || named !== atlas.store.state.area) return;
    void atlas.selectArea(named, true);
  });
}
