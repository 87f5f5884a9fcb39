import { Atlas, type AtlasOptions } from './atlas.ts';
import { setupCompare } from './compare-mode.ts';
import { byId } from './dom.ts';
import { fitCountry } from './fit-view.ts';
import { t } from './i18n.ts';
import { renderLegend } from './legend.ts';
import { setupLegendToggle } from './legend-toggle.ts';
import { setupMapInteractions } from './map-interactions.ts';
import { setupNotReported } from './not-reported.ts';
import { formatHash } from './state.ts';
import { setupTimeline } from './timeline.ts';

/** What the pages expose as `window.dtmAtlas`: for tests, embedding pages' debugging and the console. */
export interface DtmAtlasHandle {
  map: Atlas['map'];
  atlas: Atlas;
  dataset: Atlas['dataset'];
  rounds: Atlas['rounds'];
}

declare global {
  interface Window {
    dtmAtlas?: DtmAtlasHandle;
  }
}

/**
 * What both pages share: the atlas and map, the legend, the round controls, hover and click on the map, the
 * oEmbed discovery link following the view, and the readiness marks (`body[data-map="ready"]` and the
 * `dtm-atlas:choropleth` performance mark at the first rendered choropleth).
 */
export async function startPage(options: AtlasOptions): Promise<Atlas> {
  const atlas = await Atlas.start(options);
  const { map } = atlas;
  window.dtmAtlas = { map, atlas, dataset: atlas.dataset, rounds: atlas.rounds };
  map.once('idle', () => {
    performance.mark('dtm-atlas:choropleth');
    document.body.dataset.round = atlas.round.key;
    document.body.setAttribute('data-map', 'ready');
  });
  // On a phone the attribution starts folded behind its (i) button, which opens it.
  if (matchMedia('(max-width: 640px)').matches) {
    map.once('load', () =>
      map
        .getContainer()
        .querySelector('.maplibregl-compact-show')
        ?.classList.remove('maplibregl-compact-show'),
    );
  }
  const legend = byId('legend');
  const oembed = document.querySelector<HTMLLinkElement>('link[type="application/json+oembed"]');
  const render = () => {
    renderLegend(legend, atlas);
    document.title = t('documentTitle', { dataset: atlas.dataset.name });
    if (oembed) {
      const url = `${location.origin}/embed/${formatHash({ ...atlas.store.state, table: false })}`;
      oembed.href = `/oembed?format=json&url=${encodeURIComponent(url)}`;
    }
  };
  atlas.onUpdate(render);
  render();
  setupNotReported(atlas);
  setupCompare(atlas);
  setupLegendToggle(legend);
  // A link without a view or an area opens on the whole country, clear of the legend, controls and attribution.
  if (!atlas.store.state.view && !atlas.store.state.area) void fitCountry(atlas, false);
  setupTimeline(atlas, { keys: true });
  setupMapInteractions(atlas, document.getElementById('tooltip') ?? undefined);
  return atlas;
}

/** Shows why the page could not start. */
export function showError(error: unknown): void {
  const element = byId('error');
  element.textContent = t('loadError', { message: error instanceof Error ? error.message : String(error) });
  element.hidden = false;
}
