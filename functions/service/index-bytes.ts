import type GeoJSONVT from 'geojson-vt';

/**
 * Default bound on the estimated bytes of built geometry indexes held by one process: 256 MB, sized for a
 * 1 GB Lambda. The rest of the 1,024 MB goes to the Node runtime and the bundled code (117 MB peak at the
 * first tile, bench/README.md "Cold start"), the encoded-tile cache (64 MB of gzip plus Buffer overhead), up
 * to 8 parsed boundary topologies (Mali's is ~3 MB on the heap), joined properties (up to 256 levels) and
 * figures, the index a request in flight is building (Mali's communes at z10 allocate ~8 MB), and V8's
 * headroom between collections. The estimate below is an upper bound for an index whose tiles have all been
 * cut, so the live indexes under this budget usually take less. Measured with 50 datasets
 * (`npm run bench:datasets`): 668 MB peak with this default against 828 MB unbounded.
 */
export const DEFAULT_INDEX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Bytes per point and per feature of a geojson-vt index after every tile of its zoom band over its country
 * was cut (geojson-vt keeps each tile it cuts, so an index grows with use; these are for the grown index).
 * Measured once (2026-12, geojson-vt 5.0.3, Node 20) on Mali and Haiti: each index of each level and zoom
 * band built alone in a process run with `--expose-gc`, heap plus array buffers compared after forced
 * collections before the build and after walking all of the band's tiles over the country's bounding box.
 * Area indexes took 50–410 bytes per point (most 100–330; the z9–10 bands the most), label indexes
 * 1,000–1,700 bytes per point (one point per feature, kept in a tile at every zoom). 320 per point plus
 * 1,500 per feature covers the largest indexes (Mali communes at z10: 10.8 MB measured, 14.9 MB estimated)
 * and overstates the small ones, which is the safe side for a budget.
 */
export const BYTES_PER_POINT = 320;
export const BYTES_PER_FEATURE = 1500;
/** What an index with nothing in it still costs (the instance, its options, an empty tile table). */
const EMPTY_INDEX_BYTES = 1024;

/** geojson-vt's root tile, which counts every point and feature the index was built from. */
interface RootTileCounts {
  numPoints?: number;
  numFeatures?: number;
}

/**
 * Estimated bytes of a built geojson-vt index, from the number of points and features it was built from.
 * Read from the index's root tile (z0, id 0): geojson-vt counts there every point and feature of its input,
 * so the estimate costs nothing to compute. `geojson-vt` is pinned to an exact version; a unit test fails
 * if these counts move (the estimate would then fall to the empty-index minimum).
 */
export function estimateIndexBytes(index: GeoJSONVT): number {
  const root = (index as unknown as { tiles?: Record<number, RootTileCounts | undefined> }).tiles?.[0];
  const points = root?.numPoints ?? 0;
  const features = root?.numFeatures ?? 0;
  return EMPTY_INDEX_BYTES + points * BYTES_PER_POINT + features * BYTES_PER_FEATURE;
}
