import type { Legend } from './api.ts';
import { formatCount } from './format.ts';

/** Which level's classes the legend shows at a zoom (mirrors the style's fill layer ranges). */
export function levelAtZoom(zoom: number): 'adm1' | 'adm2' | 'adm3' {
  if (zoom < 5) return 'adm1';
  if (zoom < 7) return 'adm2';
  return 'adm3';
}

/**
 * Renders the legend: "zero reported", one swatch per class, then the distinct "no data" swatch. Built with
 * DOM calls (no HTML strings, no inline style attributes) so it runs under a strict CSP.
 */
export function renderLegend(element: HTMLElement, legend: Legend, level: string, levelName: string): void {
  const heading = el('h2', legend.title);
  heading.append(' ', el('span', `· ${levelName}`, 'muted'));
  const list = el('ul');
  list.append(item(legend.zero.colour, legend.zero.label, 'zero'));
  for (const entry of legend.classes[level] ?? []) {
    const label =
      entry.to !== undefined
        ? `${formatCount(entry.from)} – ${formatCount(entry.to - 1)}`
        : `${formatCount(entry.from)} +`;
    list.append(item(entry.colour, label, 'class'));
  }
  list.append(item(legend.noData.colour, legend.noData.label, 'no-data'));
  element.replaceChildren(heading, list, el('p', legend.source, 'source'));
}

function item(colour: string, label: string, kind: string): HTMLElement {
  const li = el('li');
  li.dataset.kind = kind;
  const swatch = el('span', '', 'swatch');
  swatch.style.backgroundColor = colour;
  li.append(swatch, el('span', label));
  return li;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  className = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}
