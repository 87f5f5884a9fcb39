/**
 * Where the table's figures come from, as columns of its CSV: the same source, credit, licence and caveat the
 * service's level CSV carries (functions/core/exports.ts, same HXL tags), the same value on every row, so a
 * table downloaded, filtered or merged keeps its credit. Headers and the credit's own words in the page's
 * language; the credits it quotes as their publishers word them.
 */
import type { Round } from './api.ts';
import { t } from './i18n.ts';
import { creditText } from './provenance.ts';
import { roundCaveat } from './round-caveat.ts';
import type { Lang } from './state.ts';
import type { CsvNote } from './table-csv.ts';

/** The round's source, credit, licence and caveat columns (a round stored without some: empty cells). */
export function creditColumns(round: Round, lang: Lang): CsvNote[] {
  const { title, organisation, file } = round.source;
  const { provenance } = round;
  const boundaries = provenance.boundaries?.licence;
  const licence = provenance.licence
    ? t('tableCsvLicence', { figures: provenance.licence, boundaries: boundaries ?? '—' })
    : '';
  return [
    { header: t('tableCsvSource'), hxl: '#meta+source', value: `${title} (${organisation}), ${file}` },
    { header: t('tableCsvCredit'), hxl: '#meta+credit', value: creditText(round) },
    { header: t('tableCsvLicenceHeader'), hxl: '#meta+licence', value: licence },
    { header: t('tableCsvCaveat'), hxl: '#meta+caveat', value: roundCaveat(round, lang)?.text ?? '' },
  ];
}
