import type { StyleSpecification } from 'maplibre-gl';
import type { TileJson } from './api.ts';

/**
 * The style with the TileJSON the page already holds written into the vector source that names it: `tiles`,
 * zooms, bounds and scheme in place of `url`, so MapLibre asks for tiles in its first frame instead of fetching
 * that TileJSON again and asking two frames later (issue 15, "Measured": on this machine's software WebGL each
 * frame costs 100–250 ms). The service's style keeps `url` for GIS clients; only the page's copy changes.
 * Sources naming another address are left as they are. `tileJsonUrl` is absolute, as the style's are.
 */
export function withTileJson(
  style: StyleSpecification,
  tileJsonUrl: string,
  tileJson: TileJson,
): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const [id, source] of Object.entries(style.sources)) {
    if (source.type !== 'vector' || source.url !== tileJsonUrl) {
      sources[id] = source;
      continue;
    }
    const { url: _named, ...rest } = source;
    sources[id] = {
      ...rest,
      tiles: tileJson.tiles,
      minzoom: tileJson.minzoom,
      maxzoom: tileJson.maxzoom,
      bounds: tileJson.bounds,
      scheme: tileJson.scheme,
      attribution: rest.attribution ?? tileJson.attribution,
    };
  }
  return { ...style, sources };
}
