import type { Page } from 'playwright-core';

/** What test/e2e/state.test.ts measures of a page: colours and contrast, the map's view, what is on screen. */

export type Rgba = [number, number, number, number];

/** WCAG 2 contrast of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const luminance = ([r, g, b]: Rgba) => {
    const [R, G, B] = [r, g, b].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** An element's text colour and the opaque background behind it, from computed styles. */
export async function colours(page: Page, selector: string): Promise<{ text: Rgba; background: Rgba }> {
  return page.$eval(selector, (node) => {
    const parse = (value: string): [number, number, number, number] => {
      const [r = 0, g = 0, b = 0, a = 1] = (value.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, value.startsWith('rgba') ? a : 1];
    };
    // Composite the backgrounds from the element up to the page's white.
    const layers: [number, number, number, number][] = [];
    for (let at: Element | null = node; at; at = at.parentElement) {
      const colour = parse(getComputedStyle(at).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    let background: [number, number, number, number] = [255, 255, 255, 1];
    for (const [r, g, b, a] of layers.reverse()) {
      background = [
        r * a + background[0] * (1 - a),
        g * a + background[1] * (1 - a),
        b * a + background[2] * (1 - a),
        1,
      ];
    }
    const [r, g, b, a] = parse(getComputedStyle(node).color);
    const text: [number, number, number, number] = [
      r * a + background[0] * (1 - a),
      g * a + background[1] * (1 - a),
      b * a + background[2] * (1 - a),
      1,
    ];
    return { text, background };
  });
}

/** The map's zoom once it has settled. */
export async function settledZoom(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const { map } = (window as any).dtmAtlas;
    if (map.isMoving() || !map.loaded()) await new Promise((resolve) => map.once('idle', resolve));
    return map.getZoom() as number;
  });
}

/** The map's view, to the precision the hash writes. */
export async function view(page: Page): Promise<{ zoom: number; lat: number; lng: number }> {
  await settledZoom(page);
  return page.evaluate(() => {
    const { map } = (window as any).dtmAtlas;
    const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
    return {
      zoom: round(map.getZoom(), 2),
      lat: round(map.getCenter().lat, 2),
      lng: round(map.getCenter().lng, 2),
    };
  });
}

/** Whether the map's view holds all of a lng/lat box (with a little slack for rounding). */
export async function viewHolds(page: Page, box: [number, number, number, number]): Promise<boolean> {
  return page.evaluate((box) => {
    const bounds = (window as any).dtmAtlas.map.getBounds();
    const slack = 0.05;
    return (
      bounds.getWest() <= box[0] + slack &&
      bounds.getSouth() <= box[1] + slack &&
      bounds.getEast() >= box[2] - slack &&
      bounds.getNorth() >= box[3] - slack
    );
  }, box);
}

/** Whether an element lies wholly inside the viewport. */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (node) => {
    const r = node.getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}

/** The P-code of the area coloured at the map's centre, whichever level is shown. */
export async function centrePcode(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const { map } = (window as any).dtmAtlas;
    const layers = ['adm1-fill', 'adm2-fill', 'adm3-fill'].filter((id) => map.getLayer(id));
    return map.queryRenderedFeatures(map.project(map.getCenter()), { layers })[0]?.properties.pcode;
  });
}
