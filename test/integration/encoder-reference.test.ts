import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tilesCovering } from '../../functions/core/mercator.ts';
import type { LayerSource } from '../../functions/core/tile-cut.ts';
import type { TileCoord } from '../../functions/core/tile-path.ts';
import { TILESET_MAXZOOM } from '../../functions/core/tileset.ts';
import type { RoundMeta } from '../../functions/core/types.ts';
import { DataService } from '../../functions/service/data-service.ts';
import { TileService } from '../../functions/service/tile-service.ts';
import { decodeTile } from '../helpers/decode-tile.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

/**
 * vt-pbf (the service's encoder) is the reference for the hand-written encoder measured against it in
 * `npm run bench:encoders`: every Mali tile z0–10, cut by the tile service with the layers it really serves
 * (areas, labels, sites), is also encoded by the hand-written path from the same layer sources, and both decode
 * to the same layers, features, ids, properties and geometry. So the bench compares like with like.
 */
interface Cut {
  coord: TileCoord;
  /** What the service serves: the vt-pbf path. */
  reference: Uint8Array | undefined;
  /** The hand-written encoder on the same layers. */
  own: Uint8Array | undefined;
}

const cuts = vi.hoisted(() => [] as Cut[]);

vi.mock('../../functions/core/tile-cut.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/core/tile-cut.ts')>();
  const { cutTileRaw } = await import('../../bench/raw-mvt-encoder.ts');
  return {
    ...actual,
    cutTile: (layers: readonly LayerSource[], coord: TileCoord) => {
      const reference = actual.cutTile(layers, coord);
      cuts.push({ coord, reference, own: cutTileRaw(layers, coord) });
      return reference;
    },
  };
});

let service: TestService;
let tiles: TileService;
let data: DataService;
beforeAll(async () => {
  service = await startSeededService();
  data = new DataService(service.catalog, service.boundaries);
  tiles = new TileService(data);
});
afterAll(() => service.close());

/** Cuts every tile z0–10 over the round's boundaries through the tile service; returns what was cut. */
async function cutEveryTile(round: RoundMeta): Promise<Cut[]> {
  cuts.length = 0;
  const { manifest } = await data.boundarySet(round.boundarySet);
  for (let z = 0; z <= TILESET_MAXZOOM; z++) {
    for (const [x, y] of tilesCovering(manifest.bbox, z)) {
      const served = await tiles.tile(round.dataset, round.key, { z, x, y });
      const cut = cuts[cuts.length - 1];
      expect(cut?.coord).toEqual({ z, x, y });
      // What the service serves is what the vt-pbf path wrote.
      expect(served.gzip && new Uint8Array(gunzipSync(served.gzip))).toEqual(cut?.reference);
    }
  }
  return [...cuts];
}

describe('vt-pbf tiles against the hand-written MVT encoder', () => {
  for (const roundKey of ['72', '2014-06']) {
    it(`decodes to the same tile as vt-pbf for every Mali tile of round ${roundKey}`, async () => {
      const round = await data.round('mli', roundKey);
      const cut = await cutEveryTile(round);
      expect(cut.length).toBeGreaterThan(3000);
      const layersSeen = new Set<string>();
      let features = 0;
      for (const { coord, own, reference } of cut) {
        const key = `${roundKey} ${coord.z}/${coord.x}/${coord.y}`;
        expect((own === undefined) === (reference === undefined), key).toBe(true);
        const decoded = decodeTile(reference);
        expect(decodeTile(own), key).toEqual(decoded);
        for (const [name, layer] of Object.entries(decoded ?? {})) {
          layersSeen.add(name);
          features += layer.features.length;
          // Every feature carries its numeric id in both encodings (MapLibre's feature-state needs it).
          for (const feature of layer.features) expect(feature.id, key).toBeTypeOf('number');
        }
      }
      expect(features).toBeGreaterThan(1000);
      expect([...layersSeen].sort()).toEqual(expect.arrayContaining(['adm1', 'labels']));
      if (roundKey === '72')
        expect([...layersSeen].sort()).toEqual(['adm1', 'adm2', 'adm3', 'labels', 'sites']);
    });
  }
});
