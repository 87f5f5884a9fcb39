import { type AreaSeries, type FigureKey, getJson, urls } from './api.ts';
import type { Atlas } from './atlas.ts';
import { formatCount, formatDate } from './format.ts';
import { t } from './i18n.ts';
import { figureOf, reasonOf } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';
import { renderTrend, type TrendSeries } from './trend-chart.ts';

/**
 * The trend section: national totals of the indicator across every round, and the selected area's series
 * (the rounds of its boundaries) below it, on the same time axis.
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
    const series: TrendSeries[] = [
      describe(
        t('trendNational', { indicator: indicatorName }),
        atlas.dataset.name,
        indicatorName,
        atlas.rounds.map((round) => ({
          date: round.date,
          label: roundLabel(round),
          value: round.totals[figure],
        })),
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
        series.push(
          describe(
            t('trendArea', { name, indicator: indicatorName }),
            name,
            indicatorName,
            area.series.map((point) => ({
              date: point.date,
              label: roundLabel(point),
              value: point[figure],
            })),
          ),
        );
        if (area.series.length < atlas.rounds.length) notes.push(t('trendOtherBoundaries'));
      }
    }
    renderTrend(container, series, {
      dates: atlas.rounds.map((round) => round.date),
      current: atlas.round.date,
      width,
    });
    note.textContent = notes.join(' ');
  };
  atlas.onUpdate(() => void render());
  new ResizeObserver(() => void render()).observe(container);
  void render();
}

function describe(
  title: string,
  name: string,
  indicator: string,
  points: TrendSeries['points'],
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
  return { title, summary, points };
}
