import type { Atlas } from './atlas.ts';

/** Every message the embed posts to its parent page carries `source: 'dtm-atlas'` (docs/embed.md). */
export interface AtlasMessage {
  source: 'dtm-atlas';
  type: 'ready' | 'area-select' | 'round-change';
  [key: string]: unknown;
}

/**
 * Posts the embed's events to the page around it: `ready` once the first choropleth is drawn, `round-change`
 * when the round shown changes, `area-select` when an area is selected or the selection is cleared. The data
 * is public, so any parent origin may listen (`targetOrigin` '*').
 */
export function postEvents(atlas: Atlas): void {
  if (window.parent === window) return;
  const post = (type: AtlasMessage['type'], detail: Record<string, unknown>) => {
    const message: AtlasMessage = { source: 'dtm-atlas', type, ...detail };
    window.parent.postMessage(message, '*');
  };
  const roundDetail = () => {
    const { key, number, date, boundarySet, totals } = atlas.round;
    return { round: { key, number, date, boundarySet, totals } };
  };
  const stateDetail = () => {
    const { round, indicator, level, area, lang } = atlas.store.state;
    return { state: { round, indicator, level, area, lang }, hash: location.hash };
  };
  atlas.map.once('idle', () =>
    post('ready', { dataset: atlas.dataset.id, ...roundDetail(), ...stateDetail() }),
  );
  atlas.store.subscribe(async (state, previous) => {
    if (state.round !== previous.round) post('round-change', { ...roundDetail(), ...stateDetail() });
    if (state.area !== previous.area) {
      const area = state.area ? (await atlas.areas()).get(state.area) : undefined;
      post('area-select', {
        area: area
          ? {
              pcode: area.pcode,
              name: area.name,
              level: area.level,
              parent: area.parent,
              status: area.status,
              idps_ind: area.idps_ind,
              idps_hh: area.idps_hh,
              returnees_ind: area.returnees_ind,
              returnees_hh: area.returnees_hh,
            }
          : null,
        ...roundDetail(),
        ...stateDetail(),
      });
    }
  });
}
