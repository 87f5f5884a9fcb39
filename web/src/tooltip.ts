import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';

const ROWS: Array<[string, MessageKey]> = [
  ['idps_ind', 'idps'],
  ['idps_hh', 'idpHouseholds'],
  ['returnees_ind', 'returnees'],
  ['returnees_hh', 'returneeHouseholds'],
];

/**
 * Shows an area's name and figures next to the pointer; "No data" when the round has none for it, and "not
 * reported" for a figure its row does not give (never 0).
 */
export function showTooltip(
  tooltip: HTMLElement,
  point: { x: number; y: number },
  props: Record<string, string | number>,
  levelNames: Record<string, string>,
): void {
  const body: HTMLElement[] = [
    el('strong', String(props.name ?? props.pcode)),
    el('span', `${levelNames[String(props.level)] ?? props.level} · ${props.pcode}`, 'muted'),
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
