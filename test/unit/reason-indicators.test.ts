import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { joinAreaProperties } from '../../functions/core/area-properties.ts';
import { NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import { AtlasError } from '../../functions/core/errors.ts';
import { figuresCsv } from '../../functions/core/exports.ts';
import { areaRows } from '../../functions/core/parent-names.ts';
import { parseMapIndicator, roundReasons, withReasonTotals } from '../../functions/core/reason-indicators.ts';
import { buildStyle, type Legend } from '../../functions/core/style.ts';
import type { AreaFigures, AreaProperties } from '../../functions/core/types.ts';
import { STYLE_DATASET, STYLE_ROUND } from '../helpers/style-meta.ts';

/** Three made-up areas: A splits by reason, B does not (a row named no reason), C has no row. */
const AREAS: AreaProperties[] = [
  { pcode: 'XX01', name: 'Alpha', level: 1 },
  { pcode: 'XX02', name: 'Beta', level: 1 },
  { pcode: 'XX03', name: 'Gamma', level: 1 },
];
const FIGURES = new Map<string, AreaFigures>([
  [
    'XX01',
    {
      pcode: 'XX01',
      level: 1,
      idps_ind: 130,
      sourceRows: [2, 3],
      breakdown: {
        reason: [
          { label: 'Conflict', idps_ind: 100 },
          { label: 'Natural disaster', idps_ind: 30 },
        ],
      },
    },
  ],
  ['XX02', { pcode: 'XX02', level: 1, idps_ind: 50, sourceRows: [4] }],
]);
const ROUND = { key: '3', date: '2024-01-31' };

describe('IDPs by reason', () => {
  it('validates the indicator, case folded, and refuses a malformed one naming the accepted forms', () => {
    expect(parseMapIndicator('idps_ind_reason.conflict')).toBe('idps_ind_reason.conflict');
    expect(parseMapIndicator('idps_ind_reason.Natural disaster')).toBe('idps_ind_reason.natural disaster');
    expect(parseMapIndicator('returnees_hh')).toBe('returnees_hh');
    expect(parseMapIndicator(undefined)).toBe('idps_ind');
    for (const bad of ['idps_ind_reason.', 'idps_ind_reason.<script>', 'idps_ind_reason. x', 'idps']) {
      let error: unknown;
      try {
        parseMapIndicator(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(AtlasError);
      expect((error as AtlasError).kind).toBe('bad_request');
      expect((error as Error).message).toContain('idps_ind_reason.<reason>');
    }
  });

  it('gives a figure per reason only to areas whose split is complete: 0 for a reason it lacks, never 0 for unknown', () => {
    const props = joinAreaProperties(AREAS, FIGURES, ROUND);
    expect(props.get('XX01')).toMatchObject({
      'idps_ind_reason.conflict': 100,
      'idps_ind_reason.natural disaster': 30,
    });
    // Beta has IDPs but no split: no reason figure at all. Gamma has no row.
    expect(Object.keys(props.get('XX02') ?? {}).filter((k) => k.includes('reason'))).toEqual([]);
    expect(Object.keys(props.get('XX03') ?? {}).filter((k) => k.includes('reason'))).toEqual([]);
    const other = new Map(FIGURES);
    other.set('XX02', {
      ...(FIGURES.get('XX02') as AreaFigures),
      breakdown: { reason: [{ label: 'conflict', idps_ind: 50 }] },
    });
    // Beta now splits, all by conflict: natural disaster is a true 0 there.
    expect(joinAreaProperties(AREAS, other, ROUND).get('XX02')).toMatchObject({
      'idps_ind_reason.conflict': 50,
      'idps_ind_reason.natural disaster': 0,
    });
    const reasons = roundReasons(other.values());
    expect(reasons.map((r) => [r.label, r.indicator])).toEqual([
      ['Conflict', 'idps_ind_reason.conflict'],
      ['Natural disaster', 'idps_ind_reason.natural disaster'],
    ]);
    // Totals only from a level where every area with IDPs splits them.
    expect(withReasonTotals(reasons, [FIGURES.values()]).map((r) => r.idps_ind)).toEqual([
      undefined,
      undefined,
    ]);
    expect(withReasonTotals(reasons, [other.values()]).map((r) => r.idps_ind)).toEqual([150, 30]);
  });

  it('styles a reason: its title names it, the fill reads its figure and no split paints no data (web and QGIS)', () => {
    const props = joinAreaProperties(AREAS, FIGURES, ROUND);
    const values = [...props.values()].map((p) => p['idps_ind_reason.conflict'] as number | undefined);
    for (const flavor of ['maplibre', 'qgis'] as const) {
      const style = buildStyle({
        dataset: STYLE_DATASET,
        round: STYLE_ROUND,
        tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
        indicator: 'idps_ind_reason.conflict',
        reasonLabel: 'Conflict',
        lang: flavor === 'qgis' ? 'fr' : 'en',
        flavor,
        valuesByLevel: { adm1: values },
        levels: ['adm1'],
      });
      const legend = (style.metadata as Record<string, unknown>)['dtm-atlas:legend'] as Legend;
      expect(legend.title).toBe(
        flavor === 'qgis' ? 'PDI par motif\u202f: Conflict' : 'IDPs by reason: Conflict',
      );
      expect(legend.shown.adm1).toEqual({ zero: false, noData: true });
      const layers = style.layers as Array<Record<string, unknown> & { id: string }>;
      const paint = (properties: Record<string, string | number>) => {
        const feature = { type: 3, properties, geometry: [] };
        const fill = layers.filter(
          (layer) =>
            layer.type === 'fill' &&
            (!layer.filter ||
              styleSpec
                .featureFilter(layer.filter as never, `layers.${layer.id}.filter` as never)
                .filter({ zoom: 6 } as never, feature as never)),
        );
        expect(fill).toHaveLength(1);
        const only = fill[0] as Record<string, unknown>;
        const value = (only.paint as Record<string, unknown>)['fill-color'];
        const expression = styleSpec.expression.normalizePropertyExpression(
          value as never,
          'fill-color' as never,
          (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill[
            'fill-color'
          ] as never,
        ) as unknown as { evaluate(globals: object, feature: object): styleSpec.Color };
        return expression.evaluate({ zoom: 6 }, feature).toString();
      };
      const noData = (styleSpec.Color.parse(NO_DATA_COLOUR) as styleSpec.Color).toString();
      const alpha = props.get('XX01') as Record<string, string | number>;
      const beta = props.get('XX02') as Record<string, string | number>;
      expect(paint(alpha)).not.toBe(noData);
      expect(paint(beta)).toBe(noData);
    }
  });

  it('downloads a column per reason, headed by the indicator, empty where the split is unknown', () => {
    const props = joinAreaProperties(AREAS, FIGURES, ROUND);
    const rows = areaRows(props.values(), FIGURES, () => ({}));
    const csv = figuresCsv(1, rows, STYLE_DATASET, STYLE_ROUND).split('\r\n');
    const header = (csv[0] ?? '').split(',');
    const hxl = (csv[1] ?? '').split(',');
    const column = header.indexOf('idps_ind_reason.conflict');
    expect(column).toBeGreaterThan(header.indexOf('idps_ind'));
    expect(hxl[column]).toBe('#affected+idps+ind+reason_conflict');
    expect(hxl[header.indexOf('idps_ind_reason.natural disaster')]).toBe(
      '#affected+idps+ind+reason_natural_disaster',
    );
    expect(csv[2]?.split(',')[column]).toBe('100');
    expect(csv[3]?.split(',')[column]).toBe('');
  });
});
