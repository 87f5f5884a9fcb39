import type { BoundarySetSource, DatasetManifest, SourceFile } from './dataset-manifest.ts';
import type { Language } from './indicators.ts';
import type { RoundMeta, RoundProvenance } from './types.ts';

/**
 * Who a round's figures and boundaries are credited to, and on what terms: the figures' credit line and licence
 * (the dataset's `figuresLicence`), every organisation of the source, and the boundary set's own title, credit
 * and licence. Tiles, styles, the API and every download carry this, so a 2013 round credits its 9-région
 * layer and CMP, not the 2021 COD-AB layer.
 */
export function roundProvenance(
  manifest: Pick<DatasetManifest, 'figuresLicence'>,
  set: Pick<BoundarySetSource, 'title' | 'attribution' | 'licence'>,
  source: Pick<SourceFile, 'organisation'> | undefined,
  totalsOverride?: { reason: string },
): RoundProvenance {
  const { credit, text, url } = manifest.figuresLicence;
  return {
    credit,
    organisations: source?.organisation ?? 'IOM DTM',
    licence: text,
    ...(url ? { licenceUrl: url } : {}),
    boundaries: { title: set.title, attribution: set.attribution, licence: set.licence },
    ...(totalsOverride ? { totalsOverride } : {}),
  };
}

/** The credit line's own words around the credits it quotes (French puts a space before the colon). */
const BOUNDARIES_LABEL: Record<Language, string> = { en: 'Boundaries: ', fr: 'Limites : ' };

/**
 * The one-line credit of a round as maps and downloads print it: figures first, then boundaries. `lang` words
 * the line's own parts; the credits it quotes (DTM's line, the organisations, the boundary set's credit) stay as
 * their publishers word them.
 */
export function creditLine(
  round: Pick<RoundMeta, 'provenance'>,
  fallback: string,
  lang: Language = 'en',
): string {
  const provenance = round.provenance;
  if (!provenance) return fallback;
  return `${provenance.credit}; ${provenance.organisations} · ${BOUNDARIES_LABEL[lang]}${provenance.boundaries.attribution}`;
}
