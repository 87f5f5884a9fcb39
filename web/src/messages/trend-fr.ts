import type { TREND_EN } from './trend-en.ts';

/** Les mots de la courbe d’évolution en français. */
export const TREND_FR: Record<keyof typeof TREND_EN, string> = {
  trendChange: '{change} depuis {since}',
  trendChangeDetail: '{to} en {toDate} contre {from} en {since}',
  trendNoChange: 'Pas de chiffre antérieur sur le même territoire à comparer.',
  trendLayoutChange:
    'Ligne pointillée\u202f: les limites ont changé\u202f; les deux découpages sont montrés.',
  trendPartial: 'Les points creux ne portent pas sur le même territoire\u202f: {note}',
  trendCaveat: 'D’un découpage à l’autre\u202f: {caveat}',
};
