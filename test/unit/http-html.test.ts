import { beforeAll, describe, expect, it } from 'vitest';
import { errorPage, prefersHtml } from '../../functions/http/html-pages.ts';
import { tinyService } from '../helpers/tiny.ts';

// A person opening /tiles or a wrong address in a browser gets a page with links; every program keeps JSON.
let app: Awaited<ReturnType<typeof tinyService>>['app'];

beforeAll(async () => {
  ({ app } = await tinyService());
});

/** What Chromium sends when the address bar opens a page. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const get = (path: string, accept?: string) =>
  app.request(`http://atlas.test${path}`, accept ? { headers: { Accept: accept } } : {});

/** The href of every link on a page. */
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

describe('HTML for a browser, JSON for programs', () => {
  it('answers /tiles to a browser as a page linking the map, TileJSON, QGIS file and each round', async () => {
    const response = await get('/tiles', BROWSER);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<h1>Tile catalog</h1>');
    expect(html).toContain('Testland (XXX)');
    const links = hrefs(html);
    expect(links).toEqual(
      expect.arrayContaining([
        '/#dataset=xx',
        'http://atlas.test/tiles/xx/latest/tiles.json',
        'http://atlas.test/qgis/xx.xml',
        'http://atlas.test/tiles/xx/1/tiles.json',
        '/api/v1/datasets',
      ]),
    );
    expect(html).toContain('http://atlas.test/tiles/xx/latest/{z}/{x}/{y}.mvt');
    // Each round's row is a table row headed by its key, with a caption naming the dataset.
    expect(html).toMatch(/<th scope="row">1<\/th><td>2024-01-31<\/td>/);
    expect(html).toMatch(/<caption>Rounds of Testland/);
  });

  it('keeps /tiles as JSON for fetch, curl and GIS clients', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html']) {
      const response = await get('/tiles', accept);
      expect(response.headers.get('content-type'), String(accept)).toMatch(/^application\/json/);
      const body = (await response.json()) as { datasets: Array<{ id: string }> };
      expect(body.datasets.map((dataset) => dataset.id)).toEqual(['xx']);
    }
  });

  it('answers a 404 to a browser as a page saying what is missing, with links back', async () => {
    for (const path of ['/nowhere', '/tiles/nope/1/tiles.json', '/api/v1/datasets/xx/rounds/9/figures']) {
      const response = await get(path, BROWSER);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<h1>Not found</h1>');
      expect(hrefs(html)).toEqual(['/', '/tiles', '/api/v1/datasets']);
    }
    const html = await (await get('/nowhere', BROWSER)).text();
    expect(html).toContain('no resource at /nowhere');
  });

  it('escapes what a message carries into the page', () => {
    const html = errorPage(404, 'no dataset "<script>alert(1)</script>"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('no dataset &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  });

  it('keeps 404s as JSON for programs', async () => {
    const response = await get('/nowhere', '*/*');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { status: 404, code: 'not_found' } });
    const tile = await get('/tiles/nope/1/0/0/0.mvt', 'application/vnd.mapbox-vector-tile,*/*;q=0.5');
    expect(tile.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('prefersHtml', () => {
  it('wants text/html named and weighted above JSON', () => {
    expect(prefersHtml(BROWSER)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('application/json;q=0.5, text/html')).toBe(true);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('text/*')).toBe(false);
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html;q=0, */*')).toBe(false);
  });
});

describe('the map credit in the page language', () => {
  it('words the credit line’s own parts in French for a French style, quoting the credits as written', async () => {
    const style = async (lang: string): Promise<any> =>
      (await get(`/styles/xx/1/style.json?lang=${lang}`)).json();
    const en = (await style('en')).sources.dtm.attribution as string;
    const fr = (await style('fr')).sources.dtm.attribution as string;
    expect(en).toContain(' · Boundaries: ');
    expect(fr).toContain(' · Limites : ');
    expect(fr).not.toContain('Boundaries');
    // DTM's credit and the boundary set's credit are the same words in both.
    expect(fr.split(' · ')[0]).toBe(en.split(' · ')[0]);
    expect(fr.split(' : ').at(-1)).toBe(en.split(': ').at(-1));
  });
});
