import { formatCount } from './format.ts';

const ROWS: Array<[string, string]> = [
  ['idps_ind', 'IDPs'],
  ['idps_hh', 'IDP households'],
  ['returnees_ind', 'Returnees'],
  ['returnees_hh', 'Returnee households'],
];

/** Shows an area's name and figures next to the pointer; "No data" when the round has none for it. */
export function showTooltip(
  point: { x: number; y: number },
  props: Record<string, string | number>,
  levelNames: Record<string, string>,
): void {
  const tooltip = document.getElementById('tooltip') as HTMLElement;
  const title = document.createElement('strong');
  title.textContent = String(props.name ?? props.pcode);
  const sub = document.createElement('span');
  sub.className = 'muted';
  sub.textContent = `${levelNames[String(props.level)] ?? props.level} · ${props.pcode}`;
  const body: HTMLElement[] = [title, sub];
  if (props.status === 'no_data') {
    const p = document.createElement('p');
    p.textContent = 'No data for this area in this round';
    body.push(p);
  } else {
    const table = document.createElement('table');
    for (const [key, label] of ROWS) {
      const value = props[key];
      if (typeof value !== 'number') continue;
      const tr = table.insertRow();
      tr.insertCell().textContent = label;
      const cell = tr.insertCell();
      cell.className = 'n';
      cell.textContent = formatCount(value);
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

export function hideTooltip(): void {
  (document.getElementById('tooltip') as HTMLElement).hidden = true;
}
