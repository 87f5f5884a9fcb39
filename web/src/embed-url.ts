import { EMBED_SIZE, embedSize, frameHtml } from '../../functions/core/embed-frame.ts';
import {
  DEFAULT_RATIO,
  type EmbedOptions,
  embedSearch,
  type Ratio,
} from '../../functions/core/embed-options.ts';
import { type AtlasState, formatHash, type Lang } from './state.ts';

/** The builder's size presets: a responsive box of a shape (16:10 is the default), or a fixed frame. */
export type SizePreset = '16:10' | '16:9' | '4:3' | 'fixed';
export const SIZE_PRESETS: readonly SizePreset[] = ['16:10', '16:9', '4:3', 'fixed'];

/** Everything the Embed builder lets a partner choose. */
export interface BuilderChoices {
  size: SizePreset;
  /** The fixed frame's size (used by the `fixed` preset only). */
  fixed: { width: number; height: number };
  lang: Lang;
  lockRound: boolean;
  lockIndicator: boolean;
  /** The view: as on screen (the hash's `map`), fitted to the selected area, or to the country. */
  view: 'shown' | 'area' | 'country';
  legend: 'open' | 'collapsed';
  controls: boolean;
}

/** The frame's shape for a choice: the preset's, or the fixed size's own. */
export function choiceRatio(choices: BuilderChoices): Ratio {
  if (choices.size === '16:9') return { width: 16, height: 9 };
  if (choices.size === '4:3') return { width: 4, height: 3 };
  if (choices.size === '16:10') return DEFAULT_RATIO;
  return { width: choices.fixed.width, height: choices.fixed.height };
}

/** The embed options a choice writes into the embed URL's query. */
export function choiceOptions(choices: BuilderChoices): EmbedOptions {
  const lock: EmbedOptions['lock'] = [];
  if (choices.lockRound) lock.push('round');
  if (choices.lockIndicator) lock.push('indicator');
  return {
    lock,
    legend: choices.legend,
    controls: choices.controls,
    ...(choices.view === 'shown' ? {} : { fit: choices.view }),
    // The default shape goes unsaid, so the default embed's address stays as it always was.
    ...(choices.size === '16:10' ? {} : { ratio: choiceRatio(choices) }),
  };
}

/**
 * The embed page's address for a state and a choice: options in the query, the state in the hash (in the
 * chosen language; without `map` when the view is fitted, and without `area` when fitted to the country).
 */
export function builderEmbedUrl(origin: string, state: AtlasState, choices: BuilderChoices): string {
  const shown: AtlasState = { ...state, lang: choices.lang, table: false };
  if (choices.view !== 'shown') delete shown.view;
  return `${origin}/embed/${embedSearch(choiceOptions(choices))}${formatHash(shown)}`;
}

/** The frame's size in the code: the fixed size, or the shape at the embed's usual width (800 px). */
export function frameSize(choices: BuilderChoices): { width: number; height: number } {
  if (choices.size === 'fixed') return { ...choices.fixed };
  return embedSize(EMBED_SIZE.width, undefined, choiceRatio(choices));
}

/** The iframe code for the choice: the responsive box of its shape, or a fixed-size iframe. */
export function builderCode(src: string, title: string, choices: BuilderChoices): string {
  return frameHtml({ src, title, ...frameSize(choices), responsive: choices.size !== 'fixed' });
}

/** The oEmbed URL for exactly that embed (a fixed frame also limits the size to its own). */
export function builderOembedUrl(origin: string, src: string, choices: BuilderChoices): string {
  const limits =
    choices.size === 'fixed' ? `&maxwidth=${choices.fixed.width}&maxheight=${choices.fixed.height}` : '';
  return `${origin}/oembed?format=json&url=${encodeURIComponent(src)}${limits}`;
}
