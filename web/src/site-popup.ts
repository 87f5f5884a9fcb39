import type { Level } from './api.ts';
import { el } from './dom.ts';
import { formatCount } from './format.ts';
import { t } from './i18n.ts';

/**
 * The content of a site's popup: name, whether it is an assessed site or an assessed location, its IDPs and
 * returnees, and how precise its position is (GPS, or the centre of its area, named by the dataset's word for
 * the level, when the source has no coordinates).
 */
export function sitePopupContent(
  props: Record<string, unknown>,
  levelName: (level: Level) => string,
): HTMLElement {
  const root = el('div', '', 'site-popup');
  const type = String(props.type ?? '');
  root.append(
    el('strong', String(props.name ?? props.id ?? '')),
    el('p', type === 'site' ? t('sitePopupSite') : t('sitePopupLocation'), 'muted'),
  );
  const list = el('dl', '', 'figures');
  for (const [key, label] of [
    ['idps_ind', t('idps')],
    ['idps_hh', t('idpHouseholds')],
    ['returnees_ind', t('returnees')],
  ] as const) {
    const value = props[key];
    if (typeof value === 'number') list.append(el('dt', label), el('dd', formatCount(value)));
  }
  const precision = String(props.precision ?? '');
  const level = (/^admin[123]$/.test(precision) ? precision.replace('admin', 'adm') : 'adm3') as Level;
  const where =
    precision === 'gps' ? t('precisionGps') : t('precisionArea', { level: levelName(level).toLowerCase() });
  root.append(list, el('p', where, 'precision'));
  return root;
}
