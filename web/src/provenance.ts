/**
 * What the page says about where the figures come from: the round's caveat in the page's language, its credit
 * line and licence, and the data-licence note. The strings live here (English and French) rather than in
 * messages.ts so that provenance stays in one place.
 */
import { creditLine } from '../../functions/core/provenance.ts';
import type { Round } from './api.ts';
import { el } from './dom.ts';
import { lang } from './i18n.ts';

const COPY = {
  en: {
    caveat: 'Caveat',
    credit: 'Credit: {credit}',
    carried:
      'Each file carries the round, its date, the source file and its SHA-256, the credit line, the licence and the caveat; corrected areas name their correction.',
    licenceTitle: 'Data licence',
    figures: 'Figures: {licence}',
    boundaries: 'Boundaries ({title}): {licence}',
    code: 'The DTM Atlas code is MIT-licensed. The figures and boundaries are not the project’s: they are shown and offered for download under their publishers’ terms above, and are not redistributed with the code.',
    unstated: 'This round was stored without its licence statement: credit it as “{credit}”.',
    // Item 9: titles on screen, file names, rows and set ids in a disclosure.
    boundariesNote: 'Boundaries: {title}',
    details: 'Details',
    file: 'File',
    rows: 'Rows',
    sha256: 'SHA-256',
    boundarySet: 'Boundary set',
  },
  fr: {
    caveat: 'Mise en garde',
    credit: 'Crédit : {credit}',
    carried:
      'Chaque fichier indique le round, sa date, le fichier source et son empreinte SHA-256, la ligne de crédit, la licence et la mise en garde ; les zones corrigées nomment leur correction.',
    licenceTitle: 'Licence des données',
    figures: 'Chiffres : {licence}',
    boundaries: 'Limites ({title}) : {licence}',
    code: 'Le code de DTM Atlas est sous licence MIT. Les chiffres et les limites n’appartiennent pas au projet : ils sont affichés et téléchargeables selon les conditions de leurs éditeurs ci-dessus, et ne sont pas redistribués avec le code.',
    unstated: 'Ce round a été enregistré sans sa licence : citez-le comme « {credit} ».',
    boundariesNote: 'Limites : {title}',
    details: 'Détails',
    file: 'Fichier',
    rows: 'Lignes',
    sha256: 'SHA-256',
    boundarySet: 'Jeu de limites',
  },
} as const;

type CopyKey = keyof (typeof COPY)['en'];

/** A provenance message in the page's language, with `{name}` placeholders filled in. */
export function pt(key: CopyKey, values: Record<string, string> = {}): string {
  return COPY[lang()][key].replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/**
 * The round's credit line in the page's language: its own words ("Boundaries:", "Limites :") translated, the
 * credits it quotes as their publishers word them. The service's English line for a round stored without
 * provenance.
 */
export function creditText(round: Pick<Round, 'provenance'>): string {
  const { credit, organisations, boundaries, licence, attribution } = round.provenance;
  if (credit === undefined || organisations === undefined || !boundaries) return attribution;
  return creditLine(
    { provenance: { credit, organisations, boundaries, licence: licence ?? '' } },
    attribution,
    lang(),
  );
}

/**
 * The "Data licence" note of a round: the figures' and the boundaries' terms as the round states them, and
 * that the code's licence is not the data's. Text only, no links.
 */
export function licenceNote(round: Pick<Round, 'provenance'>): HTMLDetailsElement {
  const { provenance } = round;
  const note = el('details', '', 'gis data-licence');
  note.append(el('summary', pt('licenceTitle')));
  const line = (text: string) => el('p', text, 'source');
  if (provenance.licence) note.append(line(pt('figures', { licence: provenance.licence })));
  else note.append(line(pt('unstated', { credit: provenance.attribution })));
  if (provenance.boundaries) {
    const { title, licence } = provenance.boundaries;
    note.append(line(pt('boundaries', { title, licence })));
  }
  note.append(line(pt('code')));
  return note;
}
