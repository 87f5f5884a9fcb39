import { kinks } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError, type InputLocation } from '../functions/core/errors.ts';

/**
 * Checks one feature's geometry: a Polygon or MultiPolygon whose rings are closed, have four or more
 * positions, are longitude/latitude (projected coordinates are named as such) and do not cross themselves.
 */
export function checkGeometry(
  geometry: Feature['geometry'] | null | undefined,
  location: InputLocation,
): Polygon | MultiPolygon {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    throw new InputError(
      location,
      `expected Polygon or MultiPolygon, found ${geometry?.type ?? 'no geometry'}`,
    );
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) throw new InputError(location, 'empty geometry');
  for (const [p, rings] of polygons.entries()) {
    if (!Array.isArray(rings) || rings.length === 0)
      throw new InputError(location, `polygon ${p + 1} has no rings`);
    for (const [r, ring] of rings.entries()) checkRing(ring, location, `polygon ${p + 1}, ring ${r + 1}`);
  }
  const crossing = kinks(geometry).features[0];
  if (crossing) {
    throw new InputError(
      location,
      `ring crosses itself near ${crossing.geometry.coordinates.map((v) => v.toFixed(5)).join(', ')}`,
    );
  }
  return geometry;
}

function checkRing(ring: Position[], location: InputLocation, where: string): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    const count = Array.isArray(ring) ? ring.length : 0;
    throw new InputError(location, `${where} has ${count} positions; a ring needs at least 4`);
  }
  for (const position of ring) {
    const [lon, lat] = Array.isArray(position) ? position : [];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
      throw new InputError(
        location,
        `${where} has a position that is not two numbers: ${JSON.stringify(position)}`,
      );
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      // Metres (UTM, Web Mercator) run to the hundreds of thousands: say so rather than only "out of range".
      const hint =
        Math.abs(lon) > 1000 || Math.abs(lat) > 1000
          ? '; the file looks projected (metres?): reproject it to longitude/latitude (EPSG:4326)'
          : '';
      throw new InputError(
        location,
        `${where} has a position outside longitude/latitude range: ${JSON.stringify(position)}${hint}`,
      );
    }
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    throw new InputError(location, `${where} is not closed (first and last positions differ)`);
  }
}
