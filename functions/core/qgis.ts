import { LATEST, urls } from './routes.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from './tileset.ts';
import type { DatasetMeta, RoundMeta } from './types.ts';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );

/**
 * A QGIS vector tile connections file (Data Source Manager → Vector Tile → Load Connections), the format
 * QGIS itself exports: one connection following the newest round, and one per round, newest first. Each names
 * the XYZ template, the zoom range and a style QGIS's converter renders (`flavor=qgis`).
 */
export function qgisConnections(baseUrl: string, dataset: DatasetMeta, rounds: readonly RoundMeta[]): string {
  const entry = (name: string, roundRef: string) =>
    `  <vectortile name="${escapeXml(name)}" url="${escapeXml(urls.tileTemplate(baseUrl, dataset.id, roundRef))}" ` +
    `zmin="${TILESET_MINZOOM}" zmax="${TILESET_MAXZOOM}" serviceType="" authcfg="" username="" password="" ` +
    `styleUrl="${escapeXml(urls.style(baseUrl, dataset.id, roundRef, { flavor: 'qgis' }))}"/>`;
  const lines = [
    '<!DOCTYPE connections>',
    '<qgsVectorTileConnections version="1.0">',
    entry(`DTM Atlas – ${dataset.name} (latest round)`, LATEST),
    ...[...rounds]
      .reverse()
      .map((round) =>
        entry(`DTM Atlas – ${dataset.name} – ${round.source.title} (${round.date})`, round.key),
      ),
    '</qgsVectorTileConnections>',
    '',
  ];
  return lines.join('\n');
}
