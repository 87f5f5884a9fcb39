import type { Atlas } from './atlas.ts';
import { fitSelection } from './fit-view.ts';
import { relabelNotice, showNotFound } from './notice.ts';
import { roundLabel } from './rounds.ts';
import { checkState, type NotFound } from './url-check.ts';

/**
 * Makes the hash the page's single source of state. Every hash the URL brings (Back, Forward, a typed hash, an
 * embed's host) is checked against the data before it is shown: what the data lacks is dropped and named in
 * a notice over the map. A hash without `map` fits the selected area, or the country. `initial` is what the
 * page's first link named that the data lacks.
 */
export function followUrl(atlas: Atlas, initial: NotFound[]): void {
  const container = atlas.map.getContainer().parentElement ?? document.body;
  const notify = (notFound: NotFound[], roundKey: string | undefined) => {
    const round = atlas.rounds.find((candidate) => candidate.key === roundKey) ?? atlas.round;
    showNotFound(container, notFound, () => roundLabel(round));
  };
  if (initial.length > 0) notify(initial, atlas.round.key);
  atlas.store.setUrlCheck(async (state) => {
    const checked = await checkState(state, atlas.dataset.id, atlas.rounds);
    return { state: checked.state, shown: () => notify(checked.notFound, checked.state.round) };
  });
  atlas.store.subscribe((state, previous, source) => {
    if (source === 'url' && !state.view) void fitSelection(atlas, false);
    // The notice speaks the page's language: switching it says the notice again (atlas has set it by now).
    if (state.lang !== previous.lang) relabelNotice(container);
  });
}
