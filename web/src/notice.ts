import { el } from './dom.ts';
import { t } from './i18n.ts';
import { reasonOf } from './reason-indicator.ts';
import type { NotFound } from './url-check.ts';

/** What a notice says, kept so it can be said again in another language. */
interface NoticeContent {
  notFound: NotFound[];
  /** The round shown, named in the page's language at the time of asking. */
  shownRound: () => string;
}

const shown = new WeakMap<HTMLElement, NoticeContent>();

/**
 * Says, over the map, what a link named that the data does not have ("There is no round 99…"), with a button
 * that dismisses it. One notice at a time: a newer link's replaces it, a link with nothing missing removes it.
 */
export function showNotFound(container: HTMLElement, notFound: NotFound[], shownRound: () => string): void {
  container.querySelector('.state-notice')?.remove();
  if (notFound.length === 0) return;
  const notice = el('div', '', 'state-notice');
  // An alert: it appears without the user's asking, in answer to the link they followed.
  notice.setAttribute('role', 'alert');
  const dismiss = el('button', t('noticeDismiss'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => notice.remove());
  notice.append(el('p', noticeText(notFound, shownRound())), dismiss);
  shown.set(notice, { notFound, shownRound });
  container.append(notice);
}

/** Says the notice shown in `container` (if any) again in the page's current language, where it stands. */
export function relabelNotice(container: HTMLElement): void {
  const notice = container.querySelector<HTMLElement>('.state-notice');
  const content = notice && shown.get(notice);
  if (!notice || !content) return;
  const text = notice.querySelector('p');
  if (text) text.textContent = noticeText(content.notFound, content.shownRound());
  const dismiss = notice.querySelector('button');
  if (dismiss) dismiss.textContent = t('noticeDismiss');
}

function noticeText(notFound: NotFound[], shownRound: string): string {
  return notFound
    .map((missing) => {
      if (missing.kind === 'round') return t('notFoundRound', { round: missing.value, shown: shownRound });
      if (missing.kind === 'indicator')
        return t('notFoundIndicator', {
          indicator: reasonOf(missing.value) ?? missing.value,
          round: shownRound,
        });
      return t('notFoundArea', { area: missing.value });
    })
    .join(' ');
}
