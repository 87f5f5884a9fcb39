import type { Round } from './api.ts';
import { el } from './dom.ts';
import type { Lang } from './state.ts';

/**
 * The round's caveat in the page language: `text`, and the language it is written in (English when no French
 * is given, so the element can say so). Undefined for a round without a caveat, or when the service does not
 * send one.
 */
export function roundCaveat(
  round: Pick<Round, 'caveat'>,
  lang: Lang,
): { text: string; lang: Lang } | undefined {
  const caveat = round.caveat;
  if (!caveat?.en) return undefined;
  return lang === 'fr' && caveat.fr ? { text: caveat.fr, lang: 'fr' } : { text: caveat.en, lang: 'en' };
}

/** The caveat as a note (`role="note"`, `lang` set when it is not in the page language); undefined without one. */
export function caveatNote(round: Round, lang: Lang, heading: string): HTMLElement | undefined {
  const caveat = roundCaveat(round, lang);
  if (!caveat) return undefined;
  const note = el('div', '', 'caveat no-data-note');
  note.setAttribute('role', 'note');
  const text = el('p', caveat.text);
  if (caveat.lang !== lang) text.lang = caveat.lang;
  note.append(el('strong', heading), text);
  return note;
}
