import type { REASON_EN } from './reason-en.ts';

/** The cause-of-displacement and IDMC words in French: every English key, no other (checked by the type). */
export const REASON_FR: Record<keyof typeof REASON_EN, string> = {
  reasonGroup: 'PDI par motif',
  reasonIndicator: 'PDI par motif\u202f: {reason}',
  reasonTrend: 'L’évolution montre toutes les PDI\u202f: les rounds ne sont pas totalisés par motif.',
  reasonDownload: 'avec les PDI par motif ({column}\u202f: {reason})',
  notFoundIndicator:
    'Ce lien désigne «\u202f{indicator}\u202f», motif selon lequel {round} ne répartit pas ses PDI\u202f: la carte montre les PDI.',
  contextLabel: 'Estimation de l’IDMC, {year}',
  contextNote:
    'Autre source, autre méthode\u202f: total des déplacements internes (stock) selon l’IDMC pour {scope}, en fin d’année.',
  contextCredit: 'Source\u202f: {publisher}, ',
};
