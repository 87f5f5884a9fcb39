import type { Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';

/**
 * Says over the map why compare mode was left ("Sept 2012 is on other boundaries…"), with a button that
 * dismisses it: a link or a step of the rounds never drops a comparison silently. One at a time.
 */
export function showCompareNotice(atlas: Atlas, text: string): void {
  const container = atlas.map.getContainer().parentElement ?? document.body;
  container.querySelector('.compare-notice')?.remove();
  const notice = el('div', '', 'compare-notice');
  notice.setAttribute('role', 'status');
  const dismiss = el('button', t('noticeDismiss'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => notice.remove());
  notice.append(el('p', text), dismiss);
  container.append(notice);
}
