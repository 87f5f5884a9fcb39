import type { DatasetContext } from '../../functions/core/context-figures.ts';
import { urls as routeUrls } from '../../functions/core/routes.ts';
import { getJson } from './api.ts';
import type { Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { formatCount } from './format.ts';
import { lang, t } from './i18n.ts';

/**
 * Another publisher's national figure beside DTM's headline: IDMC's total internal displacement (stock) for
 * the round's year, where the dataset has context stored (`/api/v1/datasets/{dataset}/context`). Marked as a
 * different source and method and credited to its publisher; nothing at all without context for the year.
 */
export function setupContextFigure(headline: HTMLElement, atlas: Atlas): void {
  const box = el('div', '', 'context-figure');
  box.hidden = true;
  headline.after(box);
  let drawn = '';
  const render = async () => {
    const year = Number(atlas.round.date.slice(0, 4));
    const key = `${atlas.dataset.id}|${year}|${lang()}`;
    if (key === drawn) return;
    drawn = key;
    const context = await getJson<DatasetContext>(routeUrls.context('', atlas.dataset.id)).catch(
      () => undefined,
    );
    if (drawn !== key) return;
    const found = figureFor(context, year);
    box.hidden = found === undefined;
    box.replaceChildren();
    if (!found) return;
    const { source, total } = found;
    const figure = el('p', '', 'context-value');
    figure.append(el('strong', t('withColon', { label: t('contextLabel', { year }) })), formatCount(total));
    const scope = (lang() === 'fr' ? source.scope?.fr : undefined) ?? source.scope?.en ?? atlas.dataset.name;
    const credit = el('p', '', 'context-credit');
    const title = source.url ? el('a', source.title) : el('cite', source.title);
    if (title instanceof HTMLAnchorElement && source.url) title.href = source.url;
    credit.append(t('contextCredit', { publisher: source.publisher }), title);
    box.append(figure, el('p', t('contextNote', { scope }), 'context-note'), credit);
  };
  atlas.onUpdate(() => void render());
  void render();
}

/** The first source's total displacement for the year; `undefined` when none gives one. */
function figureFor(
  context: DatasetContext | undefined,
  year: number,
): { source: DatasetContext['sources'][number]; total: number } | undefined {
  for (const source of context?.sources ?? []) {
    const total = source.years.find((entry) => entry.year === year)?.totalDisplacement;
    if (total !== undefined) return { source, total };
  }
  return undefined;
}
