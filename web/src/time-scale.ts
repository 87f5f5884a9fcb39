/** A time axis over the rounds' dates, with long gaps broken. */
export interface TimeScale {
  /** x of a date (ISO) inside the axis; dates between rounds are interpolated, outside are clamped. */
  x(date: string): number;
  /** x of the middle of each broken gap, where a break mark is drawn. */
  breaks: number[];
}

/**
 * A broken time axis: distance is proportional to time, except that a gap longer than twice the usual step
 * between rounds (2014 to 2021 in Mali) is drawn one step wide, with a break mark. Monthly rounds then sit at
 * even intervals, which is also where a slider over the rounds puts them.
 */
export function timeScale(dates: readonly string[], range: [number, number]): TimeScale {
  const times = dates.map((date) => Date.parse(date.slice(0, 10)));
  const gaps = times.slice(1).map((time, i) => time - (times[i] as number));
  const step = median(gaps) || 1;
  const positions = [0];
  const breaks: number[] = [];
  gaps.forEach((gap, i) => {
    const previous = positions[i] as number;
    const broken = gap > 2 * step;
    positions.push(previous + (broken ? step : gap));
    if (broken) breaks.push(previous + step / 2);
  });
  const span = (positions[positions.length - 1] as number) || 1;
  const [x0, x1] = range;
  const toX = (position: number) => (times.length > 1 ? x0 + ((x1 - x0) * position) / span : (x0 + x1) / 2);
  return {
    x(date: string) {
      const time = Date.parse(date.slice(0, 10));
      const i = times.findIndex((t) => t >= time);
      if (i <= 0) return toX(i === 0 ? 0 : span);
      const t0 = times[i - 1] as number;
      const t1 = times[i] as number;
      const p0 = positions[i - 1] as number;
      const p1 = positions[i] as number;
      return toX(p0 + ((p1 - p0) * (time - t0)) / (t1 - t0));
    },
    breaks: breaks.map(toX),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
