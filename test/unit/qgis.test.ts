import { describe, expect, it } from 'vitest';
import { qgisConnections } from '../../functions/core/qgis.ts';
import { urls } from '../../functions/core/routes.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from '../../functions/core/tileset.ts';
import type { DatasetMeta, RoundMeta } from '../../functions/core/types.ts';

const dataset: DatasetMeta = {
  id: 'xyz',
  name: 'Test & "land" <north>',
  country: 'XYZ',
  defaultBoundarySet: 'xyz-2020',
  attribution: 'IOM DTM',
  levelNames: { adm1: 'Province', adm2: 'District', adm3: 'Ward' },
};
const round = (key: string, date: string): RoundMeta => ({
  dataset: 'xyz',
  key,
  date,
  source: { title: `Round ${key}`, organisation: 'IOM DTM', file: 'r.csv', sha256: 'x' },
  boundarySet: 'xyz-2020',
  totals: {},
  status: 'published',
  version: 'v',
});
const rounds = [round('1', '2020-01-31'), round('2', '2020-02-29'), round('3', '2020-03-31')];
const base = 'https://atlas.example';

/**
 * Well-formedness as XML 1.0 asks of this file: one root, tags nested and closed, attributes quoted and
 * unique, `<` never and `&` only as an entity inside values and text. Returns the elements as found.
 */
function parseXml(xml: string): Array<{ name: string; attributes: Record<string, string> }> {
  const body = xml.replace(/^<!DOCTYPE [a-zA-Z]+>\n/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  const attribute = /\s+([A-Za-z_][\w.-]*)="([^"<]*)"/g;
  const entity = /&(?!(?:lt|gt|amp|quot|apos);)/;
  const open: string[] = [];
  const elements: Array<{ name: string; attributes: Record<string, string> }> = [];
  let roots = 0;
  for (const match of body.matchAll(token)) {
    const [, closing, name = '', attrs = '', selfClosing, text, stray] = match;
    if (stray) throw new Error(`stray < at ${match.index}`);
    if (text !== undefined) {
      if (entity.test(text)) throw new Error('bare & in text');
      if (open.length === 0 && text.trim()) throw new Error('text outside the root');
      continue;
    }
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of attrs.matchAll(attribute)) {
      if (key in attributes) throw new Error(`duplicate attribute ${key}`);
      if (entity.test(value)) throw new Error(`bare & in ${key}`);
      attributes[key] = value.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => XML_ENTITIES[e] ?? '');
    }
    if (open.length === 0) roots++;
    elements.push({ name, attributes });
    if (!selfClosing) open.push(name);
  }
  if (open.length > 0) throw new Error(`unclosed ${open.join(', ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return elements;
}
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

describe('QGIS connections file', () => {
  const xml = qgisConnections(base, dataset, rounds);
  const elements = parseXml(xml);
  const connections = elements.filter((e) => e.name === 'vectortile');

  it('is well-formed XML in the format QGIS exports, with names escaped', () => {
    expect(xml.startsWith('<!DOCTYPE connections>\n<qgsVectorTileConnections version="1.0">')).toBe(true);
    expect(elements[0]?.name).toBe('qgsVectorTileConnections');
    expect(connections[0]?.attributes.name).toBe('DTM Atlas – Test & "land" <north> (latest round)');
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
  });

  it('has one connection following the newest round, then one per round, newest first', () => {
    expect(connections).toHaveLength(rounds.length + 1);
    expect(connections.map((c) => c.attributes.name?.replace(/^.* – /, ''))).toEqual([
      'Test & "land" <north> (latest round)',
      'Round 3 (2020-03-31)',
      'Round 2 (2020-02-29)',
      'Round 1 (2020-01-31)',
    ]);
  });

  it("uses the route table's tile template and QGIS-flavoured style URL for each round", () => {
    const refs = ['latest', '3', '2', '1'];
    connections.forEach((connection, i) => {
      const ref = refs[i] ?? '';
      expect(connection.attributes.url).toBe(urls.tileTemplate(base, 'xyz', ref));
      expect(connection.attributes.styleUrl).toBe(urls.style(base, 'xyz', ref, { flavor: 'qgis' }));
      expect(connection.attributes).toMatchObject({
        zmin: String(TILESET_MINZOOM),
        zmax: String(TILESET_MAXZOOM),
      });
    });
  });
});
