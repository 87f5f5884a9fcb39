import * as maplibregl from 'maplibre-gl';
import { BOUNDARIES_ONLY } from '../../functions/core/rounds.ts';
import { type Dataset, getJson, type TileJson, urls } from './api.ts';
import { byId } from './dom.ts';
import { t } from './i18n.ts';

/**
 * The dataset has no published round yet: a fresh clone, whose boundaries ship with the code and whose DTM
 * figures may not. `Atlas.start` throws it; the page then shows `showNoFigures` instead of an error.
 */
export class NoRoundsYet extends Error {
  constructor(
    readonly dataset: Dataset,
    readonly lang: string,
  ) {
    super(`${dataset.name} has no published round`);
    this.name = 'NoRoundsYet';
  }
}

/**
 * The map of the dataset's boundaries without figures (the `boundaries` tiles and style: every area in the
 * no-data grey) under a banner saying how to get figures. Marks `body[data-map="no-figures"]` once drawn.
 */
export async function showNoFigures({ dataset, lang }: NoRoundsYet): Promise<void> {
  byId('dataset-name').textContent = `· ${dataset.name}`;
  const banner = document.createElement('section');
  banner.id = 'no-figures';
  banner.setAttribute('role', 'status');
  banner.style.cssText =
    'position:absolute;top:12px;left:12px;right:56px;z-index:2;max-width:40rem;padding:0.75rem 1rem;' +
    'background:#fff8e1;border:1px solid #e0b000;border-radius:4px;box-shadow:0 1px 4px rgb(0 0 0 / 20%)';
  const title = document.createElement('h2');
  title.style.cssText = 'margin:0 0 0.25rem;font-size:1rem';
  title.textContent = t('noFiguresTitle');
  const body = document.createElement('p');
  body.style.margin = '0';
  body.textContent = t('noFiguresBody', { dataset: dataset.name });
  banner.append(title, body);
  byId('map').parentElement?.append(banner);
  const [style, tileJson] = await Promise.all([
    getJson<maplibregl.StyleSpecification>(urls.style(dataset.id, BOUNDARIES_ONLY, 'idps_ind', lang)),
    getJson<TileJson>(urls.tileJson(dataset.id, BOUNDARIES_ONLY)),
  ]);
  const map = new maplibregl.Map({
    container: 'map',
    style,
    bounds: tileJson.bounds,
    // Below the banner, so no area hides behind it.
    fitBoundsOptions: { padding: { top: banner.offsetHeight + 24, bottom: 24, left: 24, right: 24 } },
    attributionControl: { compact: true },
    maxZoom: 12,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.once('idle', () => document.body.setAttribute('data-map', 'no-figures'));
}
