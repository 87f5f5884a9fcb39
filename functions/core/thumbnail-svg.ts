/**
 * A still picture of a view as SVG, for oEmbed's `thumbnail_url` (rasterised to PNG by the service): the
 * round's areas at one level coloured by the web style's classes (class-colour.ts), no data hatched as on the
 * map, the selected area outlined, a title, a small legend and the credit line. Web Mercator, fitted to the
 * selected area or to every area. Pure: geometry and words in, text out.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { classColour } from './class-colour.ts';
import type { LegendClass } from './classes.ts';
import type { Indicator } from './indicators.ts';
import { lonLatToUnit } from './mercator.ts';
import type { Legend } from './style-layers.ts';

/** An area to draw: its geometry (longitude, latitude) and its joined properties. */
export interface ThumbnailArea {
  geometry: Polygon | MultiPolygon;
  properties: Record<string, string | number>;
}

export interface ThumbnailInput {
  areas: readonly ThumbnailArea[];
  indicator: Indicator;
  /** The level's classes, from the same legend the web style carries. */
  classes: readonly LegendClass[];
  legend: Pick<Legend, 'title' | 'zero' | 'noData'>;
  title: string;
  credit: string;
  width: number;
  height: number;
  /** P-code of the selected area: the picture is fitted to it and outlines it. */
  area?: string;
  /** Number formatting for the legend (the page language's). */
  formatNumber?: (value: number) => string;
}

type Box = [number, number, number, number];

/** The SVG document of a thumbnail (see the module comment). */
export function thumbnailSvg(input: ThumbnailInput): string {
  const { width, height } = input;
  const font = Math.max(9, Math.round(width / 48));
  const top = Math.round(font * 2.2);
  const bottom = Math.round(font * 1.9);
  const selected = input.area ? input.areas.filter((a) => a.properties.pcode === input.area) : [];
  const fitted = selected.length > 0 ? selected : input.areas;
  const project = projection(boundsOf(fitted), [6, top + 6, width - 6, height - bottom - 6]);
  const shapes = input.areas.map((area) => {
    const fill = classColour(input.indicator, input.classes, area.properties[input.indicator]);
    const paint = typeof area.properties[input.indicator] === 'number' ? fill : 'url(#no-data)';
    return `<path d="${pathOf(area.geometry, project)}" fill="${paint}"/>`;
  });
  const outline = selected.map((area) => `<path d="${pathOf(area.geometry, project)}"/>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Noto Sans, DejaVu Sans, Liberation Sans, sans-serif">`,
    `<defs><pattern id="no-data" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">`,
    `<rect width="6" height="6" fill="${input.legend.noData.colour}"/><rect width="1.5" height="6" fill="${input.legend.noData.hatch}"/></pattern></defs>`,
    `<rect width="${width}" height="${height}" fill="#eef2f5"/>`,
    `<g stroke="#6b6b6b" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">${shapes.join('')}</g>`,
    outline ? `<g fill="none" stroke="#111111" stroke-width="2.5">${outline}</g>` : '',
    legendBox(input, font, height - bottom - 6),
    `<rect width="${width}" height="${top}" fill="#ffffff"/>`,
    `<text x="8" y="${Math.round(top * 0.68)}" font-size="${Math.round(font * 1.15)}" font-weight="bold" fill="#1d1d1d">${xml(clip(input.title, width / (font * 0.62)))}</text>`,
    `<rect y="${height - bottom}" width="${width}" height="${bottom}" fill="#ffffff"/>`,
    `<text x="8" y="${height - Math.round(bottom * 0.32)}" font-size="${Math.round(font * 0.85)}" fill="#444444">${xml(clip(input.credit, width / (font * 0.5)))}</text>`,
    '</svg>',
  ].join('');
}

/** The legend: one swatch per class (the picture's colours), then zero and no data, over the map's lower left. */
function legendBox(input: ThumbnailInput, font: number, bottomY: number): string {
  const format = input.formatNumber ?? ((value: number) => String(value));
  const rows: Array<{ fill: string; label: string }> = input.classes.map((entry) => ({
    fill: entry.colour,
    label:
      entry.to === undefined
        ? `${format(entry.from ?? 0)}+`
        : entry.from === undefined
          ? `< ${format(entry.to)}`
          : `${format(entry.from)} – ${format(entry.to - 1)}`,
  }));
  rows.push({ fill: 'url(#no-data)', label: input.legend.noData.label });
  const line = Math.round(font * 1.35);
  const boxHeight = line * (rows.length + 1) + 6;
  const boxWidth = Math.round(font * 11);
  const y0 = bottomY - boxHeight;
  const items = rows.map((row, i) => {
    const y = y0 + line * (i + 1) + 4;
    return (
      `<rect x="12" y="${y}" width="${font}" height="${font}" fill="${row.fill}" stroke="#6b6b6b" stroke-width="0.5"/>` +
      `<text x="${16 + font}" y="${y + font - 1}" font-size="${font}" fill="#1d1d1d">${xml(row.label)}</text>`
    );
  });
  return (
    `<g><rect x="6" y="${y0}" width="${boxWidth}" height="${boxHeight}" fill="#ffffff" fill-opacity="0.9" rx="3"/>` +
    `<text x="12" y="${y0 + line}" font-size="${font}" font-weight="bold" fill="#1d1d1d">${xml(clip(input.legend.title, 22))}</text>` +
    `${items.join('')}</g>`
  );
}

/** The unit-Mercator bounds of some areas; the whole world when there are none. */
function boundsOf(areas: readonly ThumbnailArea[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const area of areas)
    for (const ring of ringsOf(area.geometry))
      for (const [lon = 0, lat = 0] of ring) {
        const [x, y] = lonLatToUnit(lon, lat);
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
  return Number.isFinite(box[0]) ? box : [0, 0, 1, 1];
}

/** Longitude/latitude to pixels: `bounds` (unit Mercator) centred in `frame`, the same scale both ways. */
function projection(bounds: Box, frame: Box): (position: Position) => [number, number] {
  const spanX = Math.max(bounds[2] - bounds[0], 1e-9);
  const spanY = Math.max(bounds[3] - bounds[1], 1e-9);
  const scale = Math.min((frame[2] - frame[0]) / spanX, (frame[3] - frame[1]) / spanY);
  const offsetX = frame[0] + (frame[2] - frame[0] - spanX * scale) / 2;
  const offsetY = frame[1] + (frame[3] - frame[1] - spanY * scale) / 2;
  return ([lon = 0, lat = 0]) => {
    const [x, y] = lonLatToUnit(lon, lat);
    return [offsetX + (x - bounds[0]) * scale, offsetY + (y - bounds[1]) * scale];
  };
}

/** An SVG path of a polygon's rings, to a tenth of a pixel, repeated points dropped (a picture, not data). */
function pathOf(geometry: Polygon | MultiPolygon, project: (p: Position) => [number, number]): string {
  const parts: string[] = [];
  for (const ring of ringsOf(geometry)) {
    let last = '';
    const points: string[] = [];
    for (const position of ring) {
      const [x, y] = project(position);
      const point = `${x.toFixed(1)} ${y.toFixed(1)}`;
      if (point !== last) points.push(point);
      last = point;
    }
    if (points.length >= 3) parts.push(`M${points.join('L')}Z`);
  }
  return parts.join('');
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function clip(text: string, length: number): string {
  const max = Math.max(8, Math.floor(length));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
