import { badRequest } from './errors.ts';
import { FIGURE_KEYS, type FigureKey } from './types.ts';

/** What the map can be coloured by, with labels in each language the service speaks. */
export const INDICATORS: Record<FigureKey, { en: string; fr: string }> = {
  idps_ind: { en: 'IDPs (individuals)', fr: 'PDI (individus)' },
  idps_hh: { en: 'IDPs (households)', fr: 'PDI (ménages)' },
  returnees_ind: { en: 'Returnees (individuals)', fr: 'Retournés (individus)' },
  returnees_hh: { en: 'Returnees (households)', fr: 'Retournés (ménages)' },
};

export const DEFAULT_INDICATOR: FigureKey = 'idps_ind';

/** Validates an `indicator` query value. */
export function parseIndicator(value: string | undefined): FigureKey {
  if (value === undefined || value === '') return DEFAULT_INDICATOR;
  if ((FIGURE_KEYS as readonly string[]).includes(value)) return value as FigureKey;
  throw badRequest(`indicator must be one of ${FIGURE_KEYS.join(', ')}`);
}

export type Language = 'en' | 'fr';

export function parseLanguage(value: string | undefined): Language {
  if (value === undefined || value === '' || value === 'en') return 'en';
  if (value === 'fr') return 'fr';
  throw badRequest('lang must be en or fr');
}
