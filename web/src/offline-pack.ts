import { urls as routeUrls } from '../../functions/core/routes.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';

/**
 * The "Offline pack" group of the For-GIS panel (`panel`): plain links to the round's MBTiles and PMTiles,
 * each with its size once known. The size comes from a HEAD request, which also has the server build the pack
 * if it has not yet, so the download that follows is served from its cache. It is asked only once the panel
 * is open: a build takes the server seconds of CPU, which every page view would otherwise cost it (and the
 * map's own tiles would wait behind it on the local server).
 */
export function offlinePackGroup(dataset: string, roundKey: string, panel: HTMLDetailsElement): HTMLElement {
  const group = el('section', '', 'gis-group offline-pack');
  group.append(el('h3', t('packTitle')), el('p', t('packHint'), 'muted'));
  const list = el('ul', '', 'files');
  const sizes: Array<() => void> = [];
  for (const [format, label] of [
    ['mbtiles', t('packMbtiles')],
    ['pmtiles', t('packPmtiles')],
  ] as const) {
    const href = routeUrls.pack('', dataset, roundKey, format);
    const link = el('a', label);
    link.href = href;
    link.download = `dtm-atlas-${dataset}-${roundKey}.${format}`;
    const size = el('span', '', 'muted');
    const item = el('li');
    item.append(link, size);
    list.append(item);
    sizes.push(() => showSize(href, size));
  }
  group.append(list);
  // `toggle` also fires when a re-render restores the panel open, so an open panel gets its sizes.
  const ask = () => {
    if (!panel.open) return;
    panel.removeEventListener('toggle', ask);
    for (const size of sizes) size();
  };
  panel.addEventListener('toggle', ask);
  return group;
}

function showSize(href: string, size: HTMLElement): void {
  void fetch(href, { method: 'HEAD' })
    .then((response) => Number(response.headers.get('content-length')))
    .then((bytes) => {
      if (bytes > 0) size.textContent = ` · ${t('packSize', { size: (bytes / 1e6).toFixed(1) })}`;
    })
    .catch(() => {});
}
