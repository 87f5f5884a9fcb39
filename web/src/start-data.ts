import type { StyleSpecification } from 'maplibre-gl';
import { type Dataset, getJson, type Round, type TileJson, urls } from './api.ts';
import type { AtlasState } from './state.ts';
import { type CheckedState, checkState } from './url-check.ts';

/** What the map needs before it can be created, read from the service for one state of the page. */
export interface StartData {
  dataset: Dataset;
  /** The dataset's rounds, oldest first; empty when it has no figures yet. */
  rounds: Round[];
  /** The state to show (dataset and round filled in, unknown ones replaced) and what was not found. */
  checked: CheckedState;
  /** The round's style and TileJSON; absent when the dataset has no rounds. */
  style?: StyleSpecification;
  tileJson?: TileJson;
}

/**
 * Reads what the map starts from, for a state read from the URL: the catalog, the dataset the link names
 * (else the catalog's first), its rounds, the state checked against them (url-check.ts), then the round's
 * style and TileJSON. Every answer goes through `getJson`'s cache, so the page's boot script
 * (boot.ts) and the atlas (atlas.ts) calling this with the same state send each request once: the boot
 * script, which needs no map code, starts them while the map code downloads.
 */
export async function loadStartData(state: AtlasState): Promise<StartData> {
  const { datasets } = await getJson<{ datasets: Dataset[] }>(urls.datasets());
  const dataset = datasets.find((candidate) => candidate.id === state.dataset) ?? datasets[0];
  if (!dataset) throw new Error('no dataset is published yet');
  const { rounds } = await getJson<{ rounds: Round[] }>(urls.rounds(dataset.id));
  const named = { ...state, dataset: dataset.id };
  if (rounds.length === 0) return { dataset, rounds, checked: { state: named, notFound: [] } };
  // A round or area the data lacks gives way to the latest round, no area, and a notice (url-follow.ts).
  const checked = await checkState(named, dataset.id, rounds);
  const { round, indicator, lang } = checked.state;
  const [style, tileJson] = await Promise.all([
    getJson<StyleSpecification>(urls.style(dataset.id, round as string, indicator, lang)),
    getJson<TileJson>(urls.tileJson(dataset.id, round as string)),
  ]);
  return { dataset, rounds, checked, style, tileJson };
}
