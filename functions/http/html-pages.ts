/**
 * Small HTML pages for a person who opens a service address in a browser: the tile catalog (`/tiles`) and
 * error answers (a 404 above all). Machines keep the JSON: a page is answered only when the request's Accept
 * header prefers HTML over JSON (a browser's navigation), never for `*∕*` alone. No script, no inline style
 * (the CSP allows neither): plain, semantic HTML that a screen reader and a narrow screen handle as it is.
 */
import type { CatalogResponse } from '../core/api-types.ts';
import { LATEST, urls } from '../core/routes.ts';

/** One media range of an Accept header: its type, its weight and where it was listed. */
interface MediaRange {
  type: string;
  q: number;
  order: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').map((part, order) => {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    return { type, q: Number.isFinite(weight) ? weight : 0, order };
  });
}

/** The best match for `type` among the ranges (exact, then `text/*`, then `*∕*`), or undefined. */
function bestMatch(ranges: readonly MediaRange[], type: string): MediaRange | undefined {
  const family = `${type.split('/')[0]}/*`;
  return (
    ranges.find((range) => range.type === type) ??
    ranges.find((range) => range.type === family) ??
    ranges.find((range) => range.type === '*/*')
  );
}

/**
 * Whether a request asks for HTML rather than JSON: `text/html` named explicitly, weighted above JSON (or as
 * high and listed first). Browsers navigating send `text/html,…,*∕*;q=0.8`; `fetch`, curl and GIS clients
 * send `*∕*` or JSON and keep getting JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = mediaRanges(accept);
  const html = ranges.find((range) => range.type === 'text/html' || range.type === 'application/xhtml+xml');
  if (!html || html.q <= 0) return false;
  const json = bestMatch(ranges, 'application/json');
  if (!json || json.q < html.q) return true;
  return json.q === html.q && html.order < json.order;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

/** Credit lines come HTML-escaped (MapLibre renders them as HTML); back to text before escaping once. */
function creditText(escaped: string): string {
  return escaped.replace(
    /&lt;|&gt;|&amp;/g,
    (entity) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&' })[entity] ?? entity,
  );
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** A whole page: language, title, viewport, one `main` with the body, and the service's links at the foot. */
function htmlDocument(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · DTM Atlas</title>`,
    '</head>',
    '<body>',
    `<main>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</main>`,
    '<footer><nav aria-label="DTM Atlas"><ul>',
    `<li>${link('/', 'The map')}</li>`,
    `<li>${link('/tiles', 'Tile catalog')}</li>`,
    `<li>${link(urls.datasets(''), 'API: datasets (JSON)')}</li>`,
    '</ul></nav></footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The error page: what went wrong in words (the same message the JSON answer carries), the status, and the
 * request id to quote when reporting it.
 */
export function errorPage(status: number, message: string, requestId?: string): string {
  const title = status === 404 ? 'Not found' : status === 503 ? 'Not available yet' : `Error ${status}`;
  const lines = [
    `<p>${escapeHtml(message)}.</p>`,
    `<p>HTTP status ${status}${requestId ? `; request id <code>${escapeHtml(requestId)}</code>` : ''}.</p>`,
  ];
  if (status === 404)
    lines.push(
      '<p>The map, the tile catalog and the API are linked below; the catalog lists every dataset.</p>',
    );
  if (status === 503)
    lines.push('<p>The service is starting or a store is busy: try again in a few seconds.</p>');
  return htmlDocument(title, lines.join('\n'));
}

type CatalogDataset = CatalogResponse['datasets'][number];

/** One dataset of the catalog: the map, TileJSON, XYZ template and QGIS file of its latest round, then rounds. */
function datasetSection(base: string, dataset: CatalogDataset): string {
  const heading = `${dataset.name} (${dataset.country})`;
  const id = `dataset-${dataset.id}`;
  const status = dataset.operationStatus === 'unknown' ? '' : `, DTM operation ${dataset.operationStatus}`;
  const rows = [...dataset.rounds]
    .reverse()
    .map(
      (round) =>
        `<tr><th scope="row">${escapeHtml(round.key)}</th><td>${escapeHtml(round.date)}</td>` +
        `<td>${link(round.tilejson, 'TileJSON')}</td><td>${link(round.style, 'Style')}</td>` +
        `<td>${escapeHtml(creditText(round.attribution))}</td></tr>`,
    );
  return [
    `<section aria-labelledby="${escapeHtml(id)}">`,
    `<h2 id="${escapeHtml(id)}">${escapeHtml(heading)}</h2>`,
    `<p>Dataset <code>${escapeHtml(dataset.id)}</code>${escapeHtml(status)}. ${escapeHtml(creditText(dataset.attribution))}</p>`,
    '<ul>',
    `<li>${link(`/#dataset=${encodeURIComponent(dataset.id)}`, `${dataset.name} on the map`)}</li>`,
    `<li>${link(dataset.tilejson, 'TileJSON, following the latest round')}</li>`,
    `<li>${link(dataset.qgis, 'QGIS connections file')} (Data Source Manager → Vector Tile → Load Connections)</li>`,
    `<li>XYZ tiles, following the latest round: <code>${escapeHtml(urls.tileTemplate(base, dataset.id, LATEST))}</code></li>`,
    '</ul>',
    rows.length === 0
      ? '<p>No round is published yet.</p>'
      : [
          '<table>',
          `<caption>Rounds of ${escapeHtml(dataset.name)}, newest first</caption>`,
          '<thead><tr><th scope="col">Round</th><th scope="col">Date</th><th scope="col">TileJSON</th>',
          '<th scope="col">MapLibre style</th><th scope="col">Credit</th></tr></thead>',
          `<tbody>\n${rows.join('\n')}\n</tbody>`,
          '</table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

/**
 * The tile catalog as a page: every dataset with links to its map, TileJSON, QGIS file and rounds. `base` is
 * the public origin the JSON catalog names.
 */
export function catalogPage(base: string, catalog: CatalogResponse): string {
  const intro =
    '<p>Vector tiles (MVT) of IOM DTM displacement figures by administrative area. ' +
    'Send <code>Accept: application/json</code> for this catalog as JSON.</p>';
  const sections = catalog.datasets.map((dataset) => datasetSection(base, dataset));
  return htmlDocument(
    'Tile catalog',
    [intro, ...(sections.length ? sections : ['<p>No dataset is stored yet.</p>'])].join('\n'),
  );
}
