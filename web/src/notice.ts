import { el } from './dom.ts';
import { t } from './i18n.ts';
import type { NotFound } from './url-check.ts';

/**
 * Says, over the map, what a link named that the data does not have ("There is no round 99…"), with a button
 * that dismisses it. One notice at a time: a newer link's replaces it, a link with nothing missing removes it.
 */
export function showNotFound(container: HTMLElement, notFound: NotFound[], shownRound: string): void {
  container.querySelector('.state-notice')?.remove();
  if (notFound.length === 0) return;
  const notice = el('div', '', 'state-notice');
  // An alert: it appears without the user's asking, in answer to the link they followed.
  notice.setAttribute('role', 'alert');
  const text = el('p');
  text.append(
    notFound
      .map((missing) =>
        missing.kind === 'round'
          ? t('notFoundRound', { round: missing.value, shown: shownRound })
          : t('notFoundArea', { area: missing.value }),
      )
      .join(' '),
  );
  const dismiss = el('button', t('noticeDismiss'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => notice.remove());
  notice.append(text, dismiss);
  container.append(notice);
}
