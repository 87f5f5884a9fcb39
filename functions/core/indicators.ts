import { badRequest } from './errors.ts';
import type { FigureKey } from './types.ts';

/** What the map can be coloured by: a figure, or the change in IDPs since the previous round. */
export type Indicator = FigureKey | 'idps_ind_change';

/** Labels of each indicator in each language the service speaks. */
export const INDICATORS: Record<Indicator, { en: string; fr: string }> = {
  idps_ind: { en: 'IDPs (individuals)', fr: 'PDI (individus)' },
  idps_hh: { en: 'IDPs (households)', fr: 'PDI (ménages)' },
  returnees_ind: { en: 'Returnees (individuals)', fr: 'Retournés (individus)' },
  returnees_hh: { en: 'Returnees (households)', fr: 'Retournés (ménages)' },
  idps_ind_change: {
    en: 'Change in IDPs since the previous round',
    fr: 'Évolution des PDI depuis le round précédent',
  },
};

export const DEFAULT_INDICATOR: Indicator = 'idps_ind';

/** Validates an `indicator` query value. */
export function parseIndicator(value: string | undefined): Indicator {
  if (value === undefined || value === '') return DEFAULT_INDICATOR;
  if (Object.hasOwn(INDICATORS, value)) return value as Indicator;
  throw badRequest(`indicator must be one of ${Object.keys(INDICATORS).join(', ')}`);
}

export type Language = 'en' | 'fr';

export function parseLanguage(value: string | undefined): Language {
  if (value === undefined || value === '' || value === 'en') return 'en';
  if (value === 'fr') return 'fr';
  throw badRequest('lang must be en or fr');
}

/** `flavor=qgis` gives a style QGIS's MapLibre converter renders (legacy filters, no data expressions). */
export type StyleFlavor = 'maplibre' | 'qgis';

export function parseFlavor(value: string | undefined): StyleFlavor {
  if (value === undefined || value === '' || value === 'maplibre') return 'maplibre';
  if (value === 'qgis') return 'qgis';
  throw badRequest('flavor must be maplibre or qgis');
}
