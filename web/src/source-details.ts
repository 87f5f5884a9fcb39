/**
 * Where a round's figures and boundaries come from, as people read it: the source's and the boundary set's
 * titles on screen; the file name, its SHA-256, the rows and the boundary set's id (what a data manager checks)
 * folded into a "Details" disclosure (issue 15, item 9).
 */
import type { Round } from './api.ts';
import { el } from './dom.ts';
import { lang } from './i18n.ts';
import { pt } from './provenance.ts';

/** The boundary set's title, as the round's provenance gives it; its id only for a round stored without one. */
export function boundariesTitle(round: Pick<Round, 'provenance' | 'boundarySet'>): string {
  return round.provenance.boundaries?.title ?? round.boundarySet;
}

/**
 * A text written in English (the manifests' titles) inside the page: marked `lang="en"` on a French page so a
 * screen reader reads it with English rules.
 */
function english(text: string, tag: 'span' | 'p' = 'span', className = ''): HTMLElement {
  const node = el(tag, text, className);
  if (lang() !== 'en') node.lang = 'en';
  return node;
}

/** Fills the timeline's note with "Boundaries: <the set's title>". */
export function showBoundaries(note: HTMLElement, round: Round): void {
  const [before = '', after = ''] = pt('boundariesNote', { title: '\u0000' }).split('\u0000');
  note.replaceChildren(before, english(boundariesTitle(round)), after);
}

/**
 * The source of an area's figures: the source's title, then a closed "Details" disclosure with the file, the
 * rows it came from (`rows`, e.g. "36" or "11–13, 20"), the file's SHA-256 and the boundary set.
 */
export function sourceWithDetails(round: Round, rows: string): HTMLElement[] {
  const { source } = round;
  const details = el('details', '', 'source-details');
  details.append(el('summary', pt('details')));
  const list = el('dl', '', 'source-facts');
  const fact = (label: string, value: string) => {
    const dd = el('dd');
    dd.append(el('code', value));
    list.append(el('dt', label), dd);
  };
  if (source.file) fact(pt('file'), source.file);
  if (rows) fact(pt('rows'), rows);
  if (source.sha256) fact(pt('sha256'), source.sha256);
  fact(pt('boundarySet'), round.boundarySet);
  const title = round.provenance.boundaries?.title;
  if (title) {
    const dd = list.lastElementChild;
    dd?.prepend(english(title), ' (');
    dd?.append(')');
  }
  details.append(list);
  return [english(source.title, 'p', 'source'), details];
}
