import { describe, expect, it } from 'vitest';
import { embedLang, embedSize, embedTitle } from '../../functions/core/embed-frame.ts';
import { paddingFor } from '../../web/src/overlay-padding.ts';

describe('the embed frame a partner pastes', () => {
  it('keeps 16:10 within maxwidth and maxheight, never larger than asked', () => {
    expect(embedSize()).toEqual({ width: 800, height: 500 });
    expect(embedSize(400)).toEqual({ width: 400, height: 250 });
    expect(embedSize(undefined, 200)).toEqual({ width: 320, height: 200 });
    expect(embedSize(2000, 2000)).toEqual({ width: 800, height: 500 });
    const odd = embedSize(333, 201);
    expect(odd.width).toBeLessThanOrEqual(333);
    expect(odd.height).toBeLessThanOrEqual(201);
  });

  it('titles the iframe in the language its URL names', () => {
    expect(embedLang(new URL('https://atlas.test/#dataset=mli&lang=fr'))).toBe('fr');
    expect(embedLang(new URL('https://atlas.test/embed/?lang=fr'))).toBe('fr');
    expect(embedLang(new URL('https://atlas.test/#lang=de'))).toBe('en');
    expect(embedTitle('Mali', 'fr')).toBe('Carte des déplacements : Mali (DTM de l’OIM), DTM Atlas');
    expect(embedTitle(undefined, 'en')).toBe('Displacement map (IOM DTM), DTM Atlas');
  });
});

describe('padding for the overlays over the map', () => {
  const size = { width: 1000, height: 600 };
  const legend = { left: 10, top: 400, right: 250, bottom: 590 };

  it('pads the side that leaves a wide box the most room', () => {
    // A wide box is limited by the map's width: the legend is cleared from the bottom, keeping the width.
    const wide = paddingFor(size, { width: 400, height: 100 }, [legend]);
    expect(wide.left).toBe(12);
    expect(wide.bottom).toBe(212);
    // A tall box is limited by the height: the legend is cleared from the left, keeping the height.
    const tall = paddingFor(size, { width: 100, height: 400 }, [legend]);
    expect(tall.bottom).toBe(12);
    expect(tall.left).toBe(262);
  });

  it('keeps the margin alone when the overlays leave no room', () => {
    const everywhere = { left: 0, top: 0, right: 1000, bottom: 600 };
    expect(paddingFor(size, { width: 10, height: 10 }, [everywhere])).toEqual({
      top: 12,
      right: 12,
      bottom: 12,
      left: 12,
    });
  });
});
