import type { PNG } from 'pngjs';

/**
 * The white bands the thumbnail SVG keeps for its words (functions/core/thumbnail-svg.ts) at a size: the title
 * at the top, the credit line at the bottom, as [first row, row after the last].
 */
export function thumbnailTextBands(width: number, height: number) {
  const font = Math.max(9, Math.round(width / 48));
  return {
    title: [0, Math.round(font * 2.2)] as const,
    credit: [height - Math.round(font * 1.9), height] as const,
  };
}

/**
 * Pixels of rows [from, to) darker than mid-grey (ink of words on a white band), and the right-most such
 * column: a band without text has none.
 */
export function inkIn(image: PNG, [from, to]: readonly [number, number]): { count: number; right: number } {
  let count = 0;
  let right = 0;
  const data = image.data;
  for (let y = from; y < to; y++)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if ((data[i] as number) + (data[i + 1] as number) + (data[i + 2] as number) < 3 * 128) {
        count++;
        right = Math.max(right, x);
      }
    }
  return { count, right };
}
