// First, in this order: the API answers, asked while the map code downloads (boot.ts), then the map worker and
// the glyphs, asked as soon as that code is in (map-code-loads.ts).
import './boot.ts';
import './map-code-loads.ts';
import { setupAreaPanel } from './area-panel.ts';
import { setupContextFigure } from './context-figure.ts';
import { setupControls } from './controls.ts';
import { setupCountryPicker } from './country-picker.ts';
import { setupDataTable } from './data-table.ts';
import { byId } from './dom.ts';
import { setupDownloads } from './downloads.ts';
import { setupEmbedDialog } from './embed-code.ts';
import { setupExport } from './export-menu.ts';
import { setupPrint } from './export-print.ts';
import { renderHeadline } from './headline.ts';
import { NoRoundsYet, showNoFigures } from './no-figures.ts';
import { showError, startPage } from './page.ts';
import { setupSearch } from './search.ts';
import { setupTrend } from './trend-section.ts';

/** The map page at `/`. */
async function main(): Promise<void> {
  const atlas = await startPage({ container: 'map', embed: false });
  byId('dataset-name').textContent = `· ${atlas.dataset.name}`;
  const headline = byId('headline');
  const source = byId('source-line');
  atlas.onUpdate(() => renderHeadline(headline, source, atlas));
  renderHeadline(headline, source, atlas);
  setupContextFigure(headline, atlas);
  setupControls(atlas);
  void setupCountryPicker(byId<HTMLSelectElement>('dataset-select'), atlas);
  setupSearch(atlas);
  setupAreaPanel(byId('area-panel'), atlas);
  setupTrend(byId('trend-chart'), byId('trend-note'), atlas);
  setupDownloads(byId('downloads'), atlas);
  setupDataTable(byId('table-view'), atlas);
  setupEmbedDialog(atlas);
  setupExport(atlas);
  setupPrint(atlas);
  // A link naming an area but no view opens on that area.
  const { area, view } = atlas.store.state;
  if (area && !view) void atlas.selectArea(area, true, false);
}

main().catch((error: unknown) =>
  error instanceof NoRoundsYet ? showNoFigures(error).catch(showError) : showError(error),
);
