import type { LegendClass } from './api.ts';
import type { Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';

/**
 * Renders the legend of the level coloured: "zero reported", one swatch per class, then the distinct "no
 * data" swatch, with the source. Zero and no data are listed when some area of the level has them (the
 * style's `shown`), so a round without the chosen figure shows the no-data entry alone. Built with DOM calls (colours through the CSSOM, no style attributes) so it
 * runs under the strict CSP.
 */
export function renderLegend(element: HTMLElement, atlas: Atlas): void {
  const legend = atlas.legend;
  if (!legend) return;
  const level = atlas.levelShown();
  const pinned = atlas.store.state.level !== 'auto';
  const shown = legend.shown?.[level] ?? { zero: true, noData: true };
  const key = `${legend.title}|${legend.source}|${atlas.levelName(level)}|${pinned}|${JSON.stringify([legend.classes[level], shown])}`;
  if (element.dataset.key === key) return;
  element.dataset.key = key;
  const levelName = atlas.levelName(level);
  const heading = el('h2', legend.title);
  heading.append(' ', el('span', `· ${levelName}${pinned ? ` (${t('legendPinned')})` : ''}`, 'muted'));
  const change = legend.indicator === 'idps_ind_change';
  const classes = legend.classes[level] ?? [];
  const list = el('ul');
  if (shown.zero && !(change && classes.some((entry) => entry.from === 0))) {
    list.append(item(legend.zero.colour, legend.zero.label, 'zero'));
  }
  for (const entry of classes) {
    const zeroClass = change && entry.from === 0 && entry.to === 1;
    list.append(item(entry.colour, zeroClass ? legend.zero.label : classLabel(entry, change), 'class'));
  }
  if (shown.noData) list.append(item(legend.noData.colour, legend.noData.label, 'no-data'));
  element.replaceChildren(heading, list, el('p', legend.source, 'source'));
}

/** "1 – 3,499", "≥ 98,000", "≤ −31,000" (classes run from `from` up to, not including, `to`). */
export function classLabel(entry: LegendClass, change: boolean): string {
  const format = change ? formatChange : formatCount;
  if (entry.from === undefined && entry.to !== undefined) return `≤ ${format(entry.to - 1)}`;
  if (entry.to === undefined && entry.from !== undefined) return `≥ ${format(entry.from)}`;
  if (entry.from === undefined || entry.to === undefined) return '';
  if (entry.to - 1 === entry.from) return format(entry.from);
  return `${format(entry.from)} – ${format(entry.to - 1)}`;
}

function item(colour: string, label: string, kind: string): HTMLElement {
  const li = el('li');
  li.dataset.kind = kind;
  const swatch = el('span', '', 'swatch');
  swatch.style.backgroundColor = colour;
  swatch.setAttribute('aria-hidden', 'true');
  li.append(swatch, el('span', label));
  return li;
}
