import { getJson, type Level, urls } from './api.ts';
import type { Box } from './map-fit.ts';

type Position = number[];
interface Geometry {
  type: string;
  coordinates: unknown;
}
interface FeatureCollection {
  features: { properties: { pcode: string } | null; geometry: Geometry | null }[];
}

const cache = new Map<string, Promise<Map<string, Box>>>();

/**
 * Bounding boxes of a level's areas, from the round's GeoJSON download (fetched once, when the page first
 * needs to move the map to an area found by search or named in a link).
 */
export function areaBounds(dataset: string, round: string, level: Level): Promise<Map<string, Box>> {
  const url = urls.figuresGeoJson(dataset, round, level);
  let pending = cache.get(url);
  if (!pending) {
    pending = getJson<FeatureCollection>(url).then((collection) => {
      const boxes = new Map<string, Box>();
      for (const feature of collection.features) {
        if (!feature.properties || !feature.geometry) continue;
        const box: Box = [180, 90, -180, -90];
        extend(box, feature.geometry.coordinates);
        if (box[0] <= box[2]) boxes.set(feature.properties.pcode, box);
      }
      return boxes;
    });
    cache.set(url, pending);
  }
  return pending;
}

function extend(box: Box, coordinates: unknown): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    const [x, y] = coordinates as Position;
    if (x === undefined || y === undefined) return;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
    return;
  }
  for (const part of coordinates) extend(box, part);
}
