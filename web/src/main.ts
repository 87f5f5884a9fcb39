import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type Dataset, getJson, type Legend, type Round } from './api.ts';
import { formatCount } from './format.ts';
import { levelAtZoom, renderLegend } from './legend.ts';
import { hideTooltip, showTooltip } from './tooltip.ts';

// Vite bundles maplibre-gl; its module worker is shipped as a separate asset and located here.
maplibregl.setWorkerUrl(workerUrl);

const FILL_LAYERS = ['adm1-fill', 'adm2-fill', 'adm3-fill'];

interface TileJson {
  bounds: [number, number, number, number];
}

async function start(): Promise<void> {
  const { datasets } = await getJson<{ datasets: Dataset[] }>('/api/v1/datasets');
  const dataset = datasets[0];
  if (!dataset) throw new Error('no dataset is published yet');
  const { rounds } = await getJson<{ rounds: Round[] }>(`/api/v1/datasets/${dataset.id}/rounds`);
  const round = rounds[rounds.length - 1];
  if (!round) throw new Error(`${dataset.name} has no published round`);
  setText('dataset-name', `· ${dataset.name}`);
  renderHeadline(round);

  const styleUrl = `${location.origin}/styles/${dataset.id}/${round.key}/style.json`;
  const tileJson = await getJson<TileJson>(`/tiles/${dataset.id}/${round.key}/tiles.json`);
  const map = new maplibregl.Map({
    container: 'map',
    style: styleUrl,
    bounds: tileJson.bounds,
    fitBoundsOptions: { padding: 24 },
    attributionControl: { compact: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({}), 'bottom-right');
  // A handle for embedding pages, tests and the console.
  (window as unknown as { dtmAtlas: unknown }).dtmAtlas = { map, dataset, round };

  const legendElement = document.getElementById('legend') as HTMLElement;
  const updateLegend = () => {
    const legend = (map.getStyle().metadata as Record<string, unknown> | undefined)?.['dtm-atlas:legend'] as
      | Legend
      | undefined;
    if (!legend) return;
    const level = levelAtZoom(map.getZoom());
    renderLegend(legendElement, legend, level, dataset.levelNames[level] ?? level);
  };
  map.on('style.load', updateLegend);
  map.on('zoomend', updateLegend);
  map.once('idle', () => document.body.setAttribute('data-map', 'ready'));

  let hovered: { source: string; sourceLayer: string; id: string | number } | undefined;
  const clearHover = () => {
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = undefined;
  };
  map.on('mousemove', (event) => {
    const layers = FILL_LAYERS.filter((id) => map.getLayer(id));
    const feature = map.queryRenderedFeatures(event.point, { layers })[0];
    clearHover();
    if (!feature || feature.id === undefined) {
      hideTooltip();
      map.getCanvas().style.cursor = '';
      return;
    }
    hovered = { source: feature.source, sourceLayer: feature.sourceLayer ?? '', id: feature.id };
    map.setFeatureState(hovered, { hover: true });
    map.getCanvas().style.cursor = 'pointer';
    showTooltip(event.point, feature.properties as Record<string, string | number>, dataset.levelNames);
  });
  map.getCanvas().addEventListener('mouseleave', () => {
    clearHover();
    hideTooltip();
  });
}

function renderHeadline(round: Round): void {
  const headline = document.getElementById('headline') as HTMLElement;
  const entries: Array<[string, string]> = [
    ['IDPs', formatCount(round.totals.idps_ind)],
    ['IDP households', formatCount(round.totals.idps_hh)],
    ['Returnees', formatCount(round.totals.returnees_ind)],
    [
      'Source',
      `${round.source.organisation}, ${round.number !== undefined ? `Round ${round.number}, ` : ''}${round.date}`,
    ],
  ];
  headline.replaceChildren(
    ...entries.map(([label, value]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      div.append(dt, dd);
      return div;
    }),
  );
}

function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

start().catch((error: Error) => {
  const element = document.getElementById('error') as HTMLElement;
  element.textContent = `The map could not load: ${error.message}`;
  element.hidden = false;
});
