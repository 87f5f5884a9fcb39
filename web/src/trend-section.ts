import { type AreaSeries, type FigureKey, getJson, urls } from './api.ts';
import type { Atlas } from './atlas.ts';
import { formatCount, formatDate } from './format.ts';
import { lang, t } from './i18n.ts';
import { figureOf, reasonOf } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';
import { changeSince, changeText, type TrendPoint } from './trend-change.ts';
import { renderTrend, type TrendSeries } from './trend-chart.ts';

/**
 * The trend section: national totals of the indicator across every round, and the selected area's series
 * (the rounds of its boundaries, and across a crosswalk those of the other layout, marked) below it, on the
 * same time axis; each with the change since its first figure.
 */
export function setupTrend(container: HTMLElement, note: HTMLElement, atlas: Atlas): void {
  let drawn = '';
  const render = async () => {
    const { state } = atlas.store;
    const figure: FigureKey = figureOf(state.indicator);
    const width = container.clientWidth;
    const key = `${state.indicator}|${state.area}|${atlas.round.key}|${state.lang}|${width}`;
    if (key === drawn || width === 0) return;
    drawn = key;
    const indicatorName = t(`indicator.${figure}`);
    const current = atlas.round.date;
    const national = atlas.rounds.map((round) => ({
      date: round.date,
      label: roundLabel(round),
      value: round.totals[figure],
    }));
    const series = [
      describe(
        t('trendNational', { indicator: indicatorName }),
        atlas.dataset.name,
        indicatorName,
        national,
        current,
      ),
    ];
    const notes: string[] = [];
    if (state.indicator === 'idps_ind_change') notes.push(t('trendUsesIdps'));
    if (reasonOf(state.indicator) !== undefined) notes.push(t('reasonTrend'));
    if (state.area) {
      const [area, areas] = await Promise.all([
        getJson<AreaSeries>(urls.series(atlas.dataset.id, state.area)).catch(() => undefined),
        atlas.areas(),
      ]);
      if (drawn !== key) return;
      if (area) {
        // The series names the area in its boundary set's language; the round's areas in the page's.
        const name = areas.get(area.pcode)?.name ?? area.name;
        const points = areaPoints(area, figure);
        series.push(
          describe(t('trendArea', { name, indicator: indicatorName }), name, indicatorName, points, current),
        );
        notes.push(...areaNotes(area));
        if (area.series.length < atlas.rounds.length) notes.push(t('trendOtherBoundaries'));
      }
    }
    renderTrend(container, series, { dates: atlas.rounds.map((round) => round.date), current, width });
    note.textContent = notes.join(' ');
  };
  atlas.onUpdate(() => void render());
  new ResizeObserver(() => void render()).observe(container);
  void render();
}

/** An area's points, each with its boundary set, those across a crosswalk that is not the same ground partial. */
function areaPoints(area: AreaSeries, figure: FigureKey): TrendPoint[] {
  return area.series.map((point) => ({
    date: point.date,
    label: roundLabel(point),
    value: point[figure],
    boundarySet: point.boundarySet,
    partial: point.crosswalk === 'partial',
  }));
}

/** What the reader must know when an area's series crosses boundary sets: the break, the marking, the caveat. */
function areaNotes(area: AreaSeries): string[] {
  const words = (text: { en: string; fr?: string }) => (lang() === 'fr' && text.fr ? text.fr : text.en);
  const notes: string[] = [];
  if (new Set(area.series.map((point) => point.boundarySet)).size > 1) notes.push(t('trendLayoutChange'));
  const partial = area.series.find((point) => point.crosswalk === 'partial' && point.note);
  if (partial?.note) notes.push(t('trendPartial', { note: words(partial.note) }));
  for (const crosswalk of area.crosswalks ?? [])
    notes.push(t('trendCaveat', { caveat: words(crosswalk.caveat) }));
  return notes;
}

function describe(
  title: string,
  name: string,
  indicator: string,
  points: TrendPoint[],
  current: string,
): TrendSeries {
  const known = points.filter((p) => p.value !== undefined);
  const first = known[0];
  const last = known[known.length - 1];
  const summary =
    first && last
      ? t('trendSummary', {
          name,
          indicator,
          count: known.length,
          first: formatDate(first.date),
          last: formatDate(last.date),
          value: formatCount(last.value as number),
        })
      : `${t('withColon', { label: title })}${t('trendEmpty')}`;
  const change = first ? changeText(changeSince(points, current)) : undefined;
  return { title, summary, points, ...(change ? { change } : {}) };
}
