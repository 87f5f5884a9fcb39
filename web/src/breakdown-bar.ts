import type { AreaEntry } from './atlas.ts';
import { el, svg } from './dom.ts';
import { formatCount } from './format.ts';
import { t } from './i18n.ts';

/** Up to this many parts get their own colour; more are listed, drawn in the last colour. */
const PART_COLOURS = ['#1f5f8b', '#e07b39', '#5b9a4a', '#8d5a97', '#b8a33b', '#7a7a7a'];

type Part = { label: string; value: number };

/**
 * The parts of the area's IDP figure as the source gives them (the DTM feed: by displacement reason, by
 * assessment type, by sex): for each split, a small stacked bar (SVG: the page's CSP allows no inline style)
 * and the same parts as a list a screen reader reads, each with its count and share. Nothing when the
 * source gives no parts. The parts always sum to the figure (checked at ingest, `core/breakdown.ts`).
 */
export function breakdownNodes(area: AreaEntry): HTMLElement[] {
  const breakdown = area.breakdown;
  if (!breakdown) return [];
  const splits: Array<{ title: string; parts: Part[] }> = [];
  const parts = (list: Array<{ label: string; idps_ind: number }> | undefined) =>
    (list ?? []).map(({ label, idps_ind }) => ({ label, value: idps_ind }));
  if (breakdown.reason?.length) splits.push({ title: t('breakdownReason'), parts: parts(breakdown.reason) });
  if (breakdown.assessmentType?.length)
    splits.push({ title: t('breakdownAssessment'), parts: parts(breakdown.assessmentType) });
  if (breakdown.sex) {
    splits.push({
      title: t('breakdownSex'),
      parts: [
        { label: t('breakdownFemales'), value: breakdown.sex.females },
        { label: t('breakdownMales'), value: breakdown.sex.males },
      ],
    });
  }
  if (splits.length === 0) return [];
  const section = el('section', '', 'breakdown');
  section.append(el('h3', t('breakdownTitle')));
  for (const split of splits) section.append(splitNode(split.title, split.parts));
  return [section];
}

function splitNode(title: string, parts: Part[]): HTMLElement {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const figure = el('figure', '', 'breakdown-split');
  figure.append(el('figcaption', title));
  const bar = svg('svg', { viewBox: '0 0 100 6', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  let x = 0;
  const list = el('ul', '', 'breakdown-parts');
  parts.forEach((part, i) => {
    const colour = PART_COLOURS[Math.min(i, PART_COLOURS.length - 1)] as string;
    const width = total > 0 ? (part.value / total) * 100 : 0;
    bar.append(svg('rect', { x, y: 0, width, height: 6, fill: colour }));
    x += width;
    const item = el('li');
    const key = svg('svg', { viewBox: '0 0 10 10', class: 'breakdown-key', 'aria-hidden': 'true' });
    key.append(svg('rect', { width: 10, height: 10, fill: colour }));
    const share = total > 0 ? Math.round((part.value / total) * 100) : 0;
    item.append(key, `${t('withColon', { label: part.label })}${formatCount(part.value)} (${share} %)`);
    list.append(item);
  });
  figure.append(bar, list);
  return figure;
}
