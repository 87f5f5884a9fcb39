import type { Atlas } from './atlas.ts';
import { fold } from './fold.ts';
import type { AtlasState } from './state.ts';

/**
 * Keeps the selection across rounds: the same P-code if the new round's boundaries have it, else the area of
 * the same level and name (Ségou of 2013 is Ségou of 2021), else none.
 */
export async function carryArea(atlas: Atlas, previous: AtlasState, state: AtlasState): Promise<void> {
  const pcode = state.area;
  if (!pcode || !previous.round || !state.round) return;
  const [before, after] = await Promise.all([atlas.areas(previous.round), atlas.areas(state.round)]);
  if (after.has(pcode) || atlas.store.state.area !== pcode) return;
  const old = before.get(pcode);
  const key = (area: { name: string; level: string }) => `${area.level}:${fold(area.name)}`;
  const match = old ? [...after.values()].find((area) => key(area) === key(old)) : undefined;
  atlas.store.update({ area: match?.pcode }, 'replace');
}
