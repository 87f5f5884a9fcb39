import type { Atlas } from './atlas.ts';
import { notSameBackground } from './compare-crosswalk-paint.ts';
import { onCompareChange } from './compare-state.ts';
import { el } from './dom.ts';
import { copyMap } from './export-capture.ts';
import { exportContentOf, selectedArea } from './export-content.ts';
import type { ExportContent, LegendEntry } from './export-layout.ts';
import { hatchBackground } from './no-data-pattern.ts';

/** A legend entry as the print sheet lists it: a swatch (colour, hatch or ring) and its label. */
function legendItem(entry: LegendEntry): HTMLLIElement {
  const item = el('li');
  const swatch = el('span', '', `swatch${entry.kind === 'sites' ? ' ring' : ''}`);
  if (entry.kind === 'sites') swatch.style.borderColor = entry.colour;
  else swatch.style.backgroundColor = entry.colour;
  if (entry.kind === 'not-same') swatch.style.backgroundImage = notSameBackground();
  else if (entry.hatch)
    swatch.style.backgroundImage = hatchBackground({ colour: entry.colour, hatch: entry.hatch });
  item.append(swatch, el('span', entry.label));
  return item;
}

/** The sheet's words: title and subtitle above the map's place, legend and credits below it. */
function renderSheet(sheet: HTMLElement, map: HTMLCanvasElement, content: ExportContent): void {
  const legend = el('div', '', 'print-legend');
  const list = el('ul');
  list.append(...content.legend.map(legendItem));
  legend.append(el('p', content.legendTitle, 'print-legend-title'), list);
  const credits = el('div', '', 'print-credits');
  credits.append(...content.credits.map((text) => el('p', text)));
  const foot = el('div', '', 'print-foot');
  foot.append(legend, credits);
  sheet.replaceChildren(
    el('h1', content.title),
    ...content.subtitle.map((line) => el('p', line, 'print-subtitle')),
    map,
    foot,
  );
}

/**
 * What Ctrl+P prints: a sheet laid out like the export (title, map, legend, credits, caveat, disclaimer, date,
 * link) that the print stylesheet shows instead of the interface. Its words follow the view; the map's pixels
 * are copied in `beforeprint` (a WebGL canvas does not print reliably by itself).
 */
export function setupPrint(atlas: Atlas): void {
  const sheet = el('section', '', 'print-sheet');
  sheet.id = 'print-sheet';
  const map = el('canvas', '', 'print-map');
  document.body.append(sheet);
  let area: Awaited<ReturnType<typeof selectedArea>>;
  const update = () => renderSheet(sheet, map, exportContentOf(atlas, area));
  atlas.onUpdate(() => {
    update();
    void selectedArea(atlas).then((found) => {
      area = found;
      update();
    });
  });
  // The link to the view changes with every move.
  atlas.map.on('moveend', update);
  // A comparison's figures arrive after the view names it; the sheet then takes its words.
  onCompareChange(update);
  update();
  window.addEventListener('beforeprint', () => {
    update();
    // Browsers fire this before the print layout hides the live map; should it be hidden already, the last
    // copy stays rather than a copy of an empty map.
    if (atlas.map.getContainer().clientWidth > 0) copyMap(atlas.map, map);
  });
}
