import type { AreaEntry, Atlas } from './atlas.ts';

/** Every message the embed posts to its parent page carries `source: 'dtm-atlas'` (docs/embed.md). */
export interface AtlasMessage {
  source: 'dtm-atlas';
  type: 'ready' | 'area-select' | 'round-change';
  [key: string]: unknown;
}

/**
 * Posts the embed's events to the page around it: `ready` once the first choropleth is drawn, `round-change`
 * when the round shown changes, `area-select` when an area is selected or the selection is cleared. The data
 * is public, so any parent origin may listen (`targetOrigin` '*'). `ready` and `area-select` carry the
 * selected area (`null` when none).
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
  const areaDetail = async (pcode: string | undefined) => {
    const entry = pcode ? (await atlas.areas()).get(pcode) : undefined;
    return { area: entry ? publicArea(entry) : null };
  };
  // `ready` carries the selected area too (a host that set `area=` learns its figures without a click).
  atlas.map.once('idle', async () =>
    post('ready', {
      dataset: atlas.dataset.id,
      ...roundDetail(),
      ...(await areaDetail(atlas.store.state.area)),
      ...stateDetail(),
    }),
  );
  atlas.store.subscribe(async (state, previous) => {
    if (state.round !== previous.round) post('round-change', { ...roundDetail(), ...stateDetail() });
    if (state.area !== previous.area)
      post('area-select', { ...(await areaDetail(state.area)), ...roundDetail(), ...stateDetail() });
  });
}

/** The fields of an area a host page receives (docs/embed.md). */
function publicArea(area: AreaEntry): Record<string, unknown> {
  const { pcode, name, level, parent, status, idps_ind, idps_hh, returnees_ind, returnees_hh } = area;
  return { pcode, name, level, parent, status, idps_ind, idps_hh, returnees_ind, returnees_hh };
}
