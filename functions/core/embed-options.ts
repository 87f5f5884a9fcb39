/**
 * How an embed presents itself, as the Embed builder writes it into the embed page's query (docs/embed.md):
 * `lock=round,indicator` (the control is hidden and the value kept), `legend=collapsed`, `controls=0` (no
 * buttons over the map), `fit=area|country` (the view fitted rather than the hash's `map`) and `ratio=4:3` (the
 * frame's shape, for oEmbed). The map's state (round, indicator, level, area, lang, map, dataset) stays in the
 * hash, where the host page may change it without reloading the frame. Pure: the web page and oEmbed share it.
 */

/** The controls a builder may lock. */
export const LOCKABLE = ['round', 'indicator'] as const;
export type Lockable = (typeof LOCKABLE)[number];

/** A frame's shape, width to height (`16:9`). */
export interface Ratio {
  width: number;
  height: number;
}

/** The shape oEmbed answers in when the URL names none (the embed code's historic 800 × 500 box). */
export const DEFAULT_RATIO: Ratio = { width: 16, height: 10 };

export interface EmbedOptions {
  /** Controls hidden, their values kept. */
  lock: Lockable[];
  legend: 'open' | 'collapsed';
  /** Whether the buttons over the map (zoom, round and indicator controls, the legend button) show. */
  controls: boolean;
  /** The view: fitted to the selected area, to the country, or (absent) the hash's `map` as given. */
  fit?: 'area' | 'country';
  /** The frame's shape; absent means the default (16:10). */
  ratio?: Ratio;
}

/** The options of an embed that names none: everything free, legend open, controls shown. */
export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { lock: [], legend: 'open', controls: true };

/**
 * Reads a ratio `W:H` (or `W/H`, `WxH`) of whole numbers 1–10000; undefined for anything else, so a
 * malformed ratio falls back to the default rather than failing a pasted link.
 */
export function parseRatio(value: string | null | undefined): Ratio | undefined {
  const match = /^([1-9][0-9]{0,4})[:/x]([1-9][0-9]{0,4})$/.exec(value ?? '');
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width <= 10_000 && height <= 10_000 ? { width, height } : undefined;
}

/** Writes a ratio as URLs carry it (`4:3`). */
export function formatRatio(ratio: Ratio): string {
  return `${ratio.width}:${ratio.height}`;
}

/** Reads the options from a query string; unknown values take the defaults (a pasted link never fails). */
export function parseEmbedOptions(query: URLSearchParams): EmbedOptions {
  const lock = (query.get('lock') ?? '')
    .split(',')
    .filter((name): name is Lockable => (LOCKABLE as readonly string[]).includes(name));
  const options: EmbedOptions = {
    lock: LOCKABLE.filter((name) => lock.includes(name)),
    legend: query.get('legend') === 'collapsed' ? 'collapsed' : 'open',
    controls: query.get('controls') !== '0',
  };
  const fit = query.get('fit');
  if (fit === 'area' || fit === 'country') options.fit = fit;
  const ratio = parseRatio(query.get('ratio'));
  if (ratio) options.ratio = ratio;
  return options;
}

/** Writes the options as query parameters, leaving out defaults (the default embed has no query at all). */
export function embedQuery(options: EmbedOptions): URLSearchParams {
  const query = new URLSearchParams();
  const lock = LOCKABLE.filter((name) => options.lock.includes(name));
  if (lock.length > 0) query.set('lock', lock.join(','));
  if (options.legend === 'collapsed') query.set('legend', 'collapsed');
  if (!options.controls) query.set('controls', '0');
  if (options.fit) query.set('fit', options.fit);
  if (options.ratio) query.set('ratio', formatRatio(options.ratio));
  // `,` and `:` stay readable: both are allowed unescaped in a query.
  return query;
}

/** The query string (`?lock=round&legend=collapsed`, or '' for the defaults), commas and colons unescaped. */
export function embedSearch(options: EmbedOptions): string {
  const text = embedQuery(options).toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  return text ? `?${text}` : '';
}
