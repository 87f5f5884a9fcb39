import { FIGURE_KEYS, type Figures } from './types.ts';

/**
 * Adds `b` into `a` in place. A figure stays absent while no addend has it, so a sum of unknowns is unknown,
 * not zero.
 */
export function addFigures(a: Figures, b: Figures): void {
  for (const key of FIGURE_KEYS) {
    const value = b[key];
    if (value !== undefined) a[key] = (a[key] ?? 0) + value;
  }
}

/** Only the figure keys of an object that carries other fields too. */
export function pickFigures(source: Figures): Figures {
  const result: Figures = {};
  for (const key of FIGURE_KEYS) {
    const value = source[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** The sum of a list of figures. */
export function sumFigures(items: Iterable<Figures>): Figures {
  const total: Figures = {};
  for (const item of items) addFigures(total, item);
  return total;
}
