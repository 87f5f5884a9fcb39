import { SITES_LAYER } from '../../functions/core/tileset.ts';
import type { Legend } from './api.ts';
import type { Atlas } from './atlas.ts';
import { el } from './dom.ts';
import type { LegendEntry } from './export-layout.ts';
import { finestCaveat } from './finest-level.ts';
import { t } from './i18n.ts';
import { classLabel, legendEntries } from './legend-entries.ts';
import { hatchBackground } from './no-data-pattern.ts';

/**
 * Renders the legend of the level coloured: "zero reported", one swatch per class, then "no data" in the map's
 * hatch, the sites' ring when they are on the map, the source, and the caveat of a level finer than the round's
 * figures are meant for. Zero and no data are listed when some area of the level has them (the style's
 * `shown`); a round without the chosen figure at all lists one entry saying so (the style's `notReported`).
 * Built with DOM calls (colours through the CSSOM, no style attributes) so it runs under the strict CSP.
 */
export function renderLegend(element: HTMLElement, atlas: Atlas): void {
  const legend = atlas.legend;
  if (!legend) return;
  followZoom(element, atlas);
  if (override?.(element, atlas)) return;
  const level = atlas.levelShown();
  const pinned = atlas.store.state.level !== 'auto';
  const sites = atlas.sitesVisible && atlas.map.getZoom() >= SITES_LAYER.minzoom;
  const entries = legendEntries(legend, level, sites);
  const caveat = finestCaveat(atlas, level);
  const levelName = atlas.levelName(level);
  const key = `${legend.title}|${legend.source}|${levelName}|${pinned}|${caveat}|${JSON.stringify(entries)}`;
  if (element.dataset.key === key) return;
  element.dataset.key = key;
  const heading = el('h2', legend.title);
  heading.append(' ', el('span', `· ${levelName}${pinned ? ` (${t('legendPinned')})` : ''}`, 'muted'));
  const list = el('ul');
  list.append(...entries.map((entry) => entryItem(legend, entry)));
  const parts: HTMLElement[] = [heading, list, el('p', legend.source, 'source')];
  if (caveat) {
    const note = el('p', caveat, 'finest-caveat');
    note.setAttribute('role', 'note');
    parts.push(note);
  }
  element.replaceChildren(...parts);
}

/** One legend line as a list item: no data in the map's hatch, the sites as a ring, the rest a swatch. */
function entryItem(legend: Legend, entry: LegendEntry): HTMLElement {
  if (entry.kind === 'no-data') return noDataItem(legend, entry.label);
  if (entry.kind === 'sites' && legend.sites) return siteItem(legend.sites);
  return legendItem(entry.colour, entry.label, entry.kind);
}

/** The sites' entry: a hollow ring as the map draws them, its area saying how many IDPs. */
function siteItem(sites: NonNullable<Legend['sites']>): HTMLElement {
  const li = legendItem('transparent', `${sites.label} (${t('sitesRing')})`, 'sites');
  const swatch = li.firstElementChild as HTMLElement;
  swatch.classList.add('ring');
  swatch.style.borderColor = sites.colour;
  return li;
}

/** No data in the map's hatch (the same pixels, `no-data-pattern.ts`). */
function noDataItem(legend: Legend, label: string): HTMLElement {
  const li = legendItem(legend.noData.colour, label, 'no-data');
  if (legend.noData.hatch) {
    (li.firstElementChild as HTMLElement).style.backgroundImage = hatchBackground(legend.noData);
  }
  return li;
}

/** A mode drawing a legend of its own (compare mode): returns true when it drew one. */
type LegendOverride = (element: HTMLElement, atlas: Atlas) => boolean;
let override: LegendOverride | undefined;

// compare-legend.ts draws its change classes with the same labels.
export { classLabel };

/** Lets a mode draw the legend instead (registered, so this file imports no mode). */
export function overrideLegend(render: LegendOverride): void {
  override = render;
}

const following = new WeakSet<HTMLElement>();

/** Re-renders when a zoom change brings the sites in or out of view (the level may stay the same). */
function followZoom(element: HTMLElement, atlas: Atlas): void {
  if (following.has(element)) return;
  following.add(element);
  atlas.map.on('zoomend', () => renderLegend(element, atlas));
}

/** One line of a legend: a swatch of `colour` (hidden from screen readers) and its label; `kind` for styling. */
export function legendItem(colour: string, label: string, kind: string): HTMLElement {
  const li = el('li');
  li.dataset.kind = kind;
  const swatch = el('span', '', 'swatch');
  swatch.style.backgroundColor = colour;
  swatch.setAttribute('aria-hidden', 'true');
  li.append(swatch, el('span', label));
  return li;
}
