import type { Feature, FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { BoundaryLevelSource } from '../functions/core/dataset-manifest.ts';
import { InputError } from '../functions/core/errors.ts';

/** Parses the bytes of a boundary file (a UTF-8 BOM is allowed) and returns its features. */
export function parseBoundaryFile(
  bytes: Uint8Array,
  source: Pick<BoundaryLevelSource, 'file' | 'object'>,
): FeatureCollection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      Buffer.from(bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch (error) {
    throw new InputError({ file: source.file }, `not valid JSON (${(error as Error).message})`);
  }
  return toFeatureCollection(parsed, source);
}

/**
 * The features of a parsed boundary file: a GeoJSON FeatureCollection as it is, or one object of a TopoJSON
 * Topology (the manifest's `object`, else the only one) decoded with topojson-client. Anything else, and a
 * GeoJSON `crs` that is not longitude/latitude, is refused with the file (and object) named.
 */
export function toFeatureCollection(
  parsed: unknown,
  source: Pick<BoundaryLevelSource, 'file' | 'object'>,
): FeatureCollection {
  const file = source.file;
  const type =
    typeof parsed === 'object' && parsed !== null ? (parsed as { type?: unknown }).type : undefined;
  if (type === 'Topology') return topologyObject(parsed as Topology, source);
  if (type === 'FeatureCollection' && Array.isArray((parsed as { features?: unknown }).features)) {
    checkCrs(parsed as { crs?: unknown }, file);
    return parsed as FeatureCollection;
  }
  const found = typeof type === 'string' ? `type "${type}"` : 'no "type"';
  throw new InputError(
    { file },
    `not a GeoJSON FeatureCollection nor a TopoJSON Topology (${Array.isArray(parsed) ? 'an array' : found})`,
  );
}

function topologyObject(topology: Topology, source: Pick<BoundaryLevelSource, 'file' | 'object'>) {
  const file = source.file;
  const objects =
    typeof topology.objects === 'object' && topology.objects !== null ? Object.keys(topology.objects) : [];
  if (!Array.isArray(topology.arcs) || objects.length === 0)
    throw new InputError({ file }, 'not a valid TopoJSON Topology (no "objects" or no "arcs")');
  const listed = `objects in the file: ${objects.join(', ')}`;
  const name = source.object ?? (objects.length === 1 ? objects[0] : undefined);
  if (name === undefined) {
    throw new InputError(
      { file, field: 'object' },
      `the topology has several objects; name one in the manifest (${listed})`,
    );
  }
  const object = topology.objects[name];
  if (!object) throw new InputError({ file, field: `objects.${name}` }, `no such object (${listed})`);
  let decoded: Feature | FeatureCollection;
  try {
    decoded = feature(topology, object) as Feature | FeatureCollection;
  } catch (error) {
    throw new InputError(
      { file, field: `objects.${name}` },
      `cannot decode the TopoJSON object (${(error as Error).message})`,
    );
  }
  return decoded.type === 'FeatureCollection'
    ? decoded
    : { type: 'FeatureCollection' as const, features: [decoded] };
}

/**
 * RFC 7946 GeoJSON is always longitude/latitude (WGS 84), but files written with the 2008 `crs` member may
 * say they are projected: refuse those up front rather than drawing them off the map.
 */
function checkCrs(collection: { crs?: unknown }, file: string): void {
  const name = (collection.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return;
  if (/CRS84|EPSG:+(4326|4979)\b/i.test(name)) return;
  throw new InputError(
    { file, field: 'crs' },
    `coordinates are in ${name}, not longitude/latitude (WGS 84); reproject the file to EPSG:4326`,
  );
}
