import type { Atlas } from './atlas.ts';

/**
 * Moves the map to the area a hash names when the hash names no view: on first load (a pasted link or the
 * iframe's `src`) and whenever the page around an embed sets a new hash (`#area=ML05&…`). The store has
 * already taken the hash's state by the time this listener runs (it listens first); a hash with `map` keeps
 * that view.
 */
export function followHashArea(atlas: Atlas): void {
  const { area, view } = atlas.store.state;
  if (area && !view) void atlas.selectArea(area, true, false);
  addEventListener('hashchange', () => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const named = params.get('area');
    if (!named || params.has('map') || named !== atlas.store.state.area) return;
    void atlas.selectArea(named, true);
  });
}
