import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import GeoJSONVT from 'geojson-vt';
import { describe, expect, it } from 'vitest';
import { joinAreaProperties, nameLanguages } from '../../functions/core/area-properties.ts';
import type { BoundaryManifest } from '../../functions/core/boundary-set.ts';
import { buildStyle } from '../../functions/core/style.ts';
import { cutTile, labelProperties } from '../../functions/core/tile-cut.ts';
import { buildTileJson } from '../../functions/core/tilejson.ts';
import { TILE_BUFFER, TILE_EXTENT } from '../../functions/core/tileset.ts';
import type { AreaFigures, AreaProperties } from '../../functions/core/types.ts';
import { decodeTile } from '../helpers/decode-tile.ts';
import { STYLE_DATASET, STYLE_ROUND } from '../helpers/style-meta.ts';

/**
 * Area names in the reader's language: boundaries named in several languages (made-up areas shaped like a
 * COD-AB with ADMn_EN / ADMn_FR / ADMn_HT) put a `name_<lang>` per language into the tiles, and the web style
 * labels an area in the style's language, falling back to `name` where the boundaries have no such name.
 */

/** Two made-up areas: one named in three languages, one in its set's language only. */
const AREAS: AreaProperties[] = [
  { pcode: 'XX01', name: 'Nord-Est', names: { en: 'North-East', fr: 'Nord-Est', ht: 'Nòdès' }, level: 1 },
  { pcode: 'XX02', name: 'Plateau', level: 1 },
];
const ROUND = { key: '3', date: '2020-01-31' };
const FIGURE: AreaFigures = { pcode: 'XX01', level: 1, sourceRows: [2], idps_ind: 40 };

describe('area names per language in the tiles', () => {
  const joined = joinAreaProperties(AREAS, new Map([['XX01', FIGURE]]), ROUND);

  it('gives an area a name_<lang> for each language its boundaries name it in, and no other', () => {
    expect(joined.get('XX01')).toMatchObject({
      name: 'Nord-Est',
      name_en: 'North-East',
      name_fr: 'Nord-Est',
      name_ht: 'Nòdès',
    });
    expect(Object.keys(joined.get('XX02') ?? {}).filter((key) => key.startsWith('name_'))).toEqual([]);
    expect(nameLanguages(AREAS)).toEqual(['en', 'fr', 'ht']);
  });

  it('carries the names into the area and label features of a cut tile', () => {
    const square = [
      [-60, -45],
      [60, -45],
      [60, 45],
      [-60, 45],
      [-60, -45],
    ];
    const index = new GeoJSONVT(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 1,
            geometry: { type: 'Polygon', coordinates: [square] },
            properties: { pcode: 'XX01' },
          },
        ],
      },
      { maxZoom: 2, tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER },
    );
    const labels = new Map([...joined].map(([pcode, props]) => [pcode, labelProperties(pcode, props)]));
    const tile = decodeTile(
      cutTile(
        [
          { name: 'adm1', index, properties: joined },
          { name: 'labels', index, properties: labels },
        ],
        { z: 0, x: 0, y: 0 },
      ),
    );
    for (const layer of ['adm1', 'labels']) {
      expect(tile?.[layer]?.features[0]?.properties, layer).toMatchObject({
        name: 'Nord-Est',
        name_en: 'North-East',
        name_fr: 'Nord-Est',
        name_ht: 'Nòdès',
      });
    }
  });

  it('declares the name fields of the set’s languages in TileJSON', () => {
    const manifest: BoundaryManifest = {
      ...{ id: 'xyz-2020', title: 'Testland', version: 'b1', bbox: [-1, -1, 1, 1], sources: [] },
      ...{ levels: [{ level: 1, object: 'adm1', count: 2 }], attribution: 'OCHA' },
    };
    const round = { ...STYLE_ROUND };
    const [adm1, labels] = buildTileJson('http://x.test', STYLE_DATASET, round, '3', manifest, false, [
      'en',
      'fr',
    ]).vector_layers;
    for (const layer of [adm1, labels]) {
      expect(layer?.fields).toMatchObject({ name: 'String', name_en: 'String', name_fr: 'String' });
      expect(layer?.fields).not.toHaveProperty('name_ht');
    }
    const plain = buildTileJson('http://x.test', STYLE_DATASET, round, '3', manifest).vector_layers[0];
    expect(Object.keys(plain?.fields ?? {}).filter((key) => key.startsWith('name_'))).toEqual([]);
  });
});

describe('the labels layer names areas in the style’s language', () => {
  const style = (lang: 'en' | 'fr', flavor?: 'qgis') =>
    buildStyle({
      dataset: STYLE_DATASET,
      round: STYLE_ROUND,
      tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
      indicator: 'idps_ind',
      lang,
      flavor,
      valuesByLevel: { adm1: [40, undefined] },
      levels: ['adm1'],
      glyphsUrl: 'http://127.0.0.1:8080/fonts/{fontstack}/{range}.pbf',
    });
  /** The labels layer's `text-field`. */
  const textField = (lang: 'en' | 'fr', flavor?: 'qgis') => {
    const labels = (style(lang, flavor).layers as Array<Record<string, unknown>>).find(
      (l) => l.id === 'labels',
    );
    return ((labels?.layout ?? {}) as Record<string, unknown>)['text-field'];
  };
  /** The text MapLibre draws for a label with these properties, evaluated by MapLibre's style-spec. */
  const labelText = (lang: 'en' | 'fr', properties: Record<string, string>) => {
    const expression = styleSpec.expression.normalizePropertyExpression(
      textField(lang) as never,
      'layers.labels.layout.text-field' as never,
      (styleSpec.latest as unknown as { layout_symbol: Record<string, never> }).layout_symbol[
        'text-field'
      ] as never,
    ) as unknown as { evaluate(globals: object, feature: object): unknown };
    return String(expression.evaluate({ zoom: 4 }, { type: 1, properties, geometry: [] }));
  };
  const west = { name: 'Ouest', name_en: 'West', name_fr: 'Ouest', name_ht: 'Lwès' };

  it('draws "West" on an English map and "Ouest" on a French one', () => {
    expect(labelText('en', west)).toBe('West');
    expect(labelText('fr', west)).toBe('Ouest');
  });

  it('falls back to the boundary set’s own name where the boundaries lack the language', () => {
    expect(labelText('en', { name: 'Kayes', name_fr: 'Kayes' })).toBe('Kayes');
    expect(labelText('fr', { name: 'Plateau' })).toBe('Plateau');
  });

  it('keeps the QGIS style on the name field its converter reads', () => {
    expect(textField('en', 'qgis')).toBe('{name}');
  });
});
