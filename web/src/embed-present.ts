import { type EmbedOptions, parseEmbedOptions } from '../../functions/core/embed-options.ts';
import type { Atlas } from './atlas.ts';
import { fitCountry } from './fit-view.ts';

/** The embed's presentation options from its address's query (core/embed-options.ts, docs/embed.md). */
export function embedOptions(): EmbedOptions {
  return parseEmbedOptions(new URLSearchParams(location.search));
}

/**
 * Applies an embed's presentation: a locked round or indicator has no control (and `[` `]` do not step the
 * round), the legend starts folded behind its button at any size, `controls=0` hides the buttons over the map
 * (zoom, round, indicator), and `fit=country` fits the country even when an area is selected. The body carries
 * each choice as a data attribute, for the CSS and for tests.
 */
export function presentEmbed(atlas: Atlas, options: EmbedOptions): void {
  const body = document.body;
  body.dataset.lock = options.lock.join(' ');
  body.dataset.legend = options.legend;
  body.dataset.controls = options.controls ? 'shown' : 'hidden';
  const roundLocked = options.lock.includes('round');
  if (roundLocked || !options.controls) {
    // Before the timeline's own listener sees the key (capture phase).
    addEventListener(
      'keydown',
      (event) => {
        if (event.key === '[' || event.key === ']') event.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
  if (options.legend === 'collapsed') {
    const toggle = document.querySelector<HTMLButtonElement>('.legend-toggle');
    toggle?.setAttribute('aria-expanded', 'false');
    document.getElementById('legend')?.toggleAttribute('data-folded', true);
  }
  if (options.fit === 'country' && atlas.store.state.area && !atlas.store.state.view)
    void fitCountry(atlas, false);
}
