import type { Level } from './api.ts';
import { compareTooltipRows } from './compare-details.ts';
import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';
import { areaName } from './local-names.ts';
import type { MessageKey } from './messages.ts';
import type { Lang } from './state.ts';

const ROWS: Array<[string, MessageKey]> = [
  ['idps_ind', 'idps'],
  ['idps_hh', 'idpHouseholds'],
  ['returnees_ind', 'returnees'],
  ['returnees_hh', 'returneeHouseholds'],
];

/** What the tooltip needs of the page: the language and the dataset's level names in it. */
export interface TooltipContext {
  store: { state: { lang: Lang } };
  levelName(level: Level): string;
}

/**
 * Shows an area's name (in the page's language where the tiles carry it) and figures next to the pointer;
 * "No data" when the round has none for it, and "not reported" for a figure its row does not give (never 0).
 */
export function showTooltip(
  tooltip: HTMLElement,
  point: { x: number; y: number },
  props: Record<string, string | number>,
  context: TooltipContext,
): void {
  const body: HTMLElement[] = [
    el('strong', areaName(props, context.store.state.lang) || String(props.pcode)),
    el('span', `${context.levelName(String(props.level) as Level)} · ${props.pcode}`, 'muted'),
  ];
  if (props.status === 'no_data') body.push(el('p', t('tooltipNoData')));
  else {
    const table = el('table');
    for (const [key, label] of ROWS) {
      const value = props[key];
      const tr = table.insertRow();
      tr.insertCell().textContent = t(label);
      const cell = tr.insertCell();
      cell.className = typeof value === 'number' ? 'n' : 'n missing';
      cell.textContent = typeof value === 'number' ? formatCount(value) : t('notReported');
    }
    const change = props.idps_ind_change;
    if (typeof change === 'number') {
      const tr = table.insertRow();
      tr.insertCell().textContent = t('panelChange');
      const cell = tr.insertCell();
      cell.className = 'n';
      cell.textContent = formatChange(change);
    }
    body.push(table);
  }
  // Compare mode: both rounds' figures and the difference, for areas with or without a figure now.
  body.push(...compareTooltipRows(String(props.pcode), String(props.level)));
  tooltip.replaceChildren(...body);
  tooltip.hidden = false;
  const parent = tooltip.parentElement as HTMLElement;
  const x = Math.min(point.x + 14, parent.clientWidth - tooltip.offsetWidth - 4);
  const y = Math.min(point.y + 14, parent.clientHeight - tooltip.offsetHeight - 4);
  tooltip.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
}

/** Hides the tooltip. */
export function hideTooltip(tooltip: HTMLElement): void {
  tooltip.hidden = true;
}
