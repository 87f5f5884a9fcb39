import { LOCAL_NAME_PREFIX } from './area-properties.ts';
import type { BoundaryManifest } from './boundary-set.ts';
import type { Language } from './indicators.ts';
import { creditLine } from './provenance.ts';
import { urls } from './routes.ts';
import { AREA_LAYERS, LABELS_LAYER, SITES_LAYER, TILESET_MAXZOOM, TILESET_MINZOOM } from './tileset.ts';
import type { DatasetMeta, RoundMeta } from './types.ts';

/** Fields of every area layer, with their types (the Martin / pg_tileserv convention). */
export const AREA_FIELDS: Record<string, string> = {
  pcode: 'String',
  name: 'String',
  level: 'String',
  parent: 'String',
  round: 'String',
  date: 'String',
  status: 'String',
  idps_ind: 'Number',
  idps_hh: 'Number',
  returnees_ind: 'Number',
  returnees_hh: 'Number',
  idps_ind_change: 'Number',
};

/** Fields of the point layers. */
export const LABEL_FIELDS: Record<string, string> = {
  pcode: 'String',
  name: 'String',
  level: 'String',
  status: 'String',
  idps_ind: 'Number',
};
export const SITE_FIELDS: Record<string, string> = {
  id: 'String',
  name: 'String',
  pcode: 'String',
  type: 'String',
  precision: 'String',
  round: 'String',
  date: 'String',
  idps_ind: 'Number',
  idps_hh: 'Number',
  returnees_ind: 'Number',
  returnees_hh: 'Number',
};

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  version: string;
  attribution: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: Array<{
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    fields: Record<string, string>;
  }>;
}

/**
 * TileJSON 3.0.0 for one round of a dataset. `roundRef` is the round as the tile URLs should name it: the round
 * key (whose tiles never change for a data version), or `latest`. `languages` are those the boundary set names
 * its areas in: area and label features carry a `name_<lang>` field for each.
 */
export function buildTileJson(
  baseUrl: string,
  dataset: DatasetMeta,
  round: RoundMeta,
  roundRef: string,
  boundaries: BoundaryManifest,
  hasSites = false,
  languages: readonly string[] = [],
): TileJson {
  const [west, south, east, north] = boundaries.bbox;
  const names = Object.fromEntries(languages.map((lang) => [`${LOCAL_NAME_PREFIX}${lang}`, 'String']));
  return {
    tilejson: '3.0.0',
    name: `${dataset.name} displacement, ${round.source.title}`,
    description: `Displacement figures by administrative area (${round.date}), joined to ${boundaries.title}.`,
    version: '1.0.0',
    attribution: roundAttribution(dataset, round),
    scheme: 'xyz',
    tiles: [urls.tileTemplate(baseUrl, dataset.id, roundRef)],
    minzoom: TILESET_MINZOOM,
    maxzoom: TILESET_MAXZOOM,
    bounds: [west, south, east, north],
    center: [round6((west + east) / 2), round6((south + north) / 2), 5],
    vector_layers: [
      ...AREA_LAYERS.filter((layer) => boundaries.levels.some((l) => l.level === layer.level)).map(
        (layer) => ({
          id: layer.name,
          description: `${dataset.levelNames[layer.name]} (admin level ${layer.level}) with figures`,
          minzoom: layer.minzoom,
          maxzoom: layer.maxzoom,
          fields: { ...(layer.level === 1 ? withoutParent(AREA_FIELDS) : AREA_FIELDS), ...names },
        }),
      ),
      {
        id: LABELS_LAYER.name,
        description: 'One point per area, inside it, for labels: name, code, level and IDPs',
        minzoom: LABELS_LAYER.minzoom,
        maxzoom: LABELS_LAYER.maxzoom,
        fields: { ...LABEL_FIELDS, ...names },
      },
      ...(hasSites
        ? [
            {
              id: SITES_LAYER.name,
              description:
                'Assessed sites (precision gps) and assessed locations standing for a commune (precision admin3)',
              minzoom: SITES_LAYER.minzoom,
              maxzoom: SITES_LAYER.maxzoom,
              fields: SITE_FIELDS,
            },
          ]
        : []),
    ],
  };
}

/**
 * A round's attribution as TileJSON and style sources carry it: the round's own credit line (figures' credit
 * and organisations, then its boundary set's credit), so a 2013 round credits CMP and the 9-région layer and
 * Round 72 the 2021 COD-AB layer. The dataset's attribution only for a round stored without provenance.
 * MapLibre renders attributions as HTML, so the text is escaped. `lang`: the language of the page showing it.
 */
export function roundAttribution(
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: Pick<RoundMeta, 'provenance'>,
  lang: Language = 'en',
): string {
  return creditLine(round, dataset.attribution, lang).replace(
    /[<>&]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch] ?? ch,
  );
}

function withoutParent(fields: Record<string, string>): Record<string, string> {
  const { parent: _parent, ...rest } = fields;
  return rest;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
