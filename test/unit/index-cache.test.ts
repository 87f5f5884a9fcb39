import { gunzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tilesCovering } from '../../functions/core/mercator.ts';
import { buildGeometryIndex, buildLabelIndex } from '../../functions/core/tile-cut.ts';
import type { TileCoord } from '../../functions/core/tile-path.ts';
import { DataService } from '../../functions/service/data-service.ts';
import { BYTES_PER_FEATURE, estimateIndexBytes } from '../../functions/service/index-bytes.ts';
import { type EncodedTile, TileService } from '../../functions/service/tile-service.ts';
import type { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import type { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { tinyService } from '../helpers/tiny.ts';

// Counts index builds, to tell an index served from the cache from one rebuilt after eviction.
vi.mock('../../functions/core/tile-cut.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/core/tile-cut.ts')>();
  return {
    ...actual,
    buildGeometryIndex: vi.fn(actual.buildGeometryIndex),
    buildLabelIndex: vi.fn(actual.buildLabelIndex),
  };
});
const builds = () =>
  vi.mocked(buildGeometryIndex).mock.calls.length + vi.mocked(buildLabelIndex).mock.calls.length;

// The geometry-index cache of the tile service, bounded by estimated bytes, on Testland (test/fixtures/tiny)
// in the in-memory ports. Encoded tiles are not cached here (a 1-byte tile budget), so every request cuts its
// tile from the indexes and what a user receives shows whether an index came back right after eviction.
let catalog: MemoryCatalog;
let boundaries: MemoryBoundaries;
let coords: TileCoord[];
/** The largest single index of Testland, estimated. */
let largestIndex: number;

beforeAll(async () => {
  ({ catalog, boundaries } = await tinyService());
  const set = await new DataService(catalog, boundaries).boundarySet('xx-2024');
  coords = [0, 3, 5, 6, 8, 10].flatMap((z) =>
    tilesCovering(set.manifest.bbox, z).map(([x, y]) => ({ z, x, y })),
  );
  largestIndex = Math.max(
    estimateIndexBytes(buildGeometryIndex(set.topology, 'adm2', 10)),
    estimateIndexBytes(buildLabelIndex(set.topology)),
  );
});

beforeEach(() => {
  vi.mocked(buildGeometryIndex).mockClear();
  vi.mocked(buildLabelIndex).mockClear();
});

function service(indexCacheBytes?: number): TileService {
  return new TileService(new DataService(catalog, boundaries), {
    tileCacheBytes: 1,
    ...(indexCacheBytes !== undefined ? { indexCacheBytes } : {}),
  });
}

const body = (tile: EncodedTile) => (tile.gzip ? gunzipSync(tile.gzip) : Buffer.alloc(0));

/** Every tile of the walk, as bytes a client would decode. */
async function walk(tiles: TileService): Promise<Buffer[]> {
  const result = [];
  for (const coord of coords) result.push(body(await tiles.tile('xx', '1', coord)));
  return result;
}

describe('geometry index cache bounded by bytes', () => {
  it('estimates an index from the points and features it was built from', async () => {
    const set = await new DataService(catalog, boundaries).boundarySet('xx-2024');
    const regions = estimateIndexBytes(buildGeometryIndex(set.topology, 'adm1', 10));
    const districts = estimateIndexBytes(buildGeometryIndex(set.topology, 'adm2', 10));
    // Four districts against two regions: more features and points, a larger estimate; and the counts are
    // found at all (were they not, every index would be estimated at the empty minimum and never evicted).
    expect(districts).toBeGreaterThan(regions + 2 * BYTES_PER_FEATURE);
    expect(regions).toBeGreaterThan(2 * BYTES_PER_FEATURE);
  });

  it('evicts older indexes under a small budget and serves the same tiles after rebuilding them', async () => {
    const unbounded = await walk(service());
    const budget = largestIndex * 2;
    const tiles = service(budget);
    const first = await walk(tiles);
    expect(first).toEqual(unbounded);
    expect(first.some((tile) => tile.byteLength > 0)).toBe(true);
    const stats = tiles.indexCacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(budget);
    const builtOnce = builds();
    // Fewer indexes held than were built: the ones of the low zooms went first.
    expect(stats.entries).toBeLessThan(builtOnce);

    // The first tiles again: their indexes are rebuilt, and the bytes are those served before.
    const again = [];
    for (const coord of coords.filter((c) => c.z <= 3)) again.push(body(await tiles.tile('xx', '1', coord)));
    expect(builds()).toBeGreaterThan(builtOnce);
    expect(again).toEqual(first.slice(0, again.length));
  });

  it('serves an index larger than the whole budget without keeping it', async () => {
    const unbounded = await walk(service());
    const tiles = service(1);
    expect(await walk(tiles)).toEqual(unbounded);
    expect(tiles.indexCacheStats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('builds an index once for concurrent requests that need it', async () => {
    const tiles = service();
    const atZ10 = coords.filter((c) => c.z === 10);
    expect(atZ10.length).toBeGreaterThan(1);
    await Promise.all([...atZ10, ...atZ10].map((coord) => tiles.tile('xx', '1', coord)));
    // z10: adm1, adm2 and labels (Testland has no adm3), each built once for all the requests.
    expect(
      vi
        .mocked(buildGeometryIndex)
        .mock.calls.map((call) => call[1])
        .sort(),
    ).toEqual(['adm1', 'adm2']);
    expect(vi.mocked(buildLabelIndex)).toHaveBeenCalledTimes(1);
  });
});
