import type { LocalisedText } from './dataset-manifest.ts';
import { InputError } from './errors.ts';
import type { AdminLevel, Crosswalk } from './types.ts';

type LevelName = `adm${AdminLevel}`;

/** An area of the other set of a crosswalk, as seen from one area: `matched` or `partial` (marked). */
export interface CrosswalkLink {
  crosswalk: Crosswalk;
  /** The other boundary set. */
  boundarySet: string;
  /** The other set's areas the link takes figures from (several: their figures are summed). */
  pcodes: string[];
  kind: 'matched' | 'partial';
  note?: LocalisedText;
}

/**
 * The links of area `pcode` (of `boundarySet`, at `level`) to the other sets of the dataset's crosswalks,
 * in both directions. A marked area links `partial` from either side: the old Gao to the new Gao and Ménaka
 * summed, and the new Gao (or Ménaka) to the old Gao whole.
 */
export function crosswalkLinks(
  crosswalks: readonly Crosswalk[],
  boundarySet: string,
  level: LevelName,
  pcode: string,
): CrosswalkLink[] {
  const links: CrosswalkLink[] = [];
  for (const crosswalk of crosswalks) {
    if (crosswalk.level !== level) continue;
    const forward = crosswalk.from === boundarySet;
    if (!forward && crosswalk.to !== boundarySet) continue;
    const other = forward ? crosswalk.to : crosswalk.from;
    const base = { crosswalk, boundarySet: other };
    for (const pair of crosswalk.pairs) {
      if ((forward ? pair.from : pair.to) === pcode) {
        links.push({ ...base, pcodes: [forward ? pair.to : pair.from], kind: 'matched' });
      }
    }
    for (const marked of crosswalk.marked ?? []) {
      const hit = forward ? marked.from === pcode : marked.to.includes(pcode);
      if (hit) {
        const pcodes = forward ? [...marked.to] : [marked.from];
        links.push({ ...base, pcodes, kind: 'partial', note: marked.note });
      }
    }
  }
  return links;
}

/** The area codes of each level of each boundary set, to check a crosswalk's codes against. */
export type AreaCodes = (boundarySet: string, level: LevelName) => ReadonlySet<string> | undefined;

/**
 * Checks a manifest's crosswalks: known boundary sets and level, codes that are areas of their set at that
 * level (where `codes` knows the set), each area in at most one entry per side, and a caveat. Throws an
 * `InputError` naming the manifest file and the field (`crosswalks[0].pairs[4].to`).
 */
export function checkCrosswalks(
  crosswalks: readonly Crosswalk[] | undefined,
  file: string,
  boundarySets: readonly string[],
  codes: AreaCodes,
): void {
  (crosswalks ?? []).forEach((crosswalk, index) => {
    const at = (field: string) => `crosswalks[${index}]${field}`;
    const fail = (field: string, problem: string): never => {
      throw new InputError({ file, field: at(field) }, problem);
    };
    for (const side of ['from', 'to'] as const) {
      if (!boundarySets.includes(crosswalk[side])) {
        const known = boundarySets.join(', ');
        fail(`.${side}`, `${crosswalk[side]} is not a boundary set of the manifest (${known})`);
      }
    }
    if (!/^adm[1-3]$/.test(crosswalk.level)) fail('.level', `${crosswalk.level} is not adm1, adm2 or adm3`);
    if (!crosswalk.caveat?.en) fail('.caveat.en', 'a crosswalk needs a caveat (in English at least)');
    checkCodes(crosswalk, codes, at, fail);
  });
}

/** Every code of a crosswalk an area of its side's set (where known), and named once per side. */
function checkCodes(
  crosswalk: Crosswalk,
  codes: AreaCodes,
  at: (field: string) => string,
  fail: (field: string, problem: string) => never,
): void {
  const seen = { from: new Map<string, string>(), to: new Map<string, string>() };
  const check = (side: 'from' | 'to', code: string, field: string) => {
    const known = codes(crosswalk[side], crosswalk.level);
    if (known && !known.has(code))
      fail(field, `${code} is not an ${crosswalk.level} area of ${crosswalk[side]}`);
    const earlier = seen[side].get(code);
    if (earlier) fail(field, `${code} is already in ${at(earlier)}`);
    seen[side].set(code, field);
  };
  for (const [i, pair] of crosswalk.pairs.entries()) {
    check('from', pair.from, `.pairs[${i}].from`);
    check('to', pair.to, `.pairs[${i}].to`);
  }
  for (const [i, marked] of (crosswalk.marked ?? []).entries()) {
    check('from', marked.from, `.marked[${i}].from`);
    for (const [j, code] of marked.to.entries()) check('to', code, `.marked[${i}].to[${j}]`);
    if (!marked.note?.en) fail(`.marked[${i}].note.en`, 'a marked area needs a note saying why');
  }
}
