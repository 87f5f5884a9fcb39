import type { Ratio } from '../core/embed-options.ts';
import { INDICATORS, type Indicator, type Language } from '../core/indicators.ts';
import { creditLine } from '../core/provenance.ts';
import type { Legend } from '../core/style-layers.ts';
import { buildWebStyle } from '../core/style-web.ts';
import { thumbnailSvg } from '../core/thumbnail-svg.ts';
import type { AdminLevel, RoundMeta } from '../core/types.ts';
import { asyncCache } from './cached.ts';
import type { DataService } from './data-service.ts';
import { type LoadRasteriserAssets, Rasteriser } from './rasterise.ts';

/** What a thumbnail shows and its size in pixels. */
export interface ThumbnailRequest {
  round: RoundMeta;
  level: AdminLevel;
  indicator: Indicator;
  lang: Language;
  /** P-code of the selected area (fitted and outlined). */
  area?: string;
  width: number;
  height: number;
}

/** A drawn thumbnail and the data version it was drawn from. */
export interface Thumbnail {
  png: Uint8Array;
  version: string;
}

/** Bytes of PNGs kept in memory (a 640 × 400 thumbnail is about 30–80 KB). */
const CACHE_BYTES = 32 * 1024 * 1024;

/**
 * PNG pictures of a view for oEmbed (`thumbnail_url`), drawn from the joined areas the GeoJSON download uses,
 * with the web style's own legend (so the colours are the map's), cached in memory by data version: a new
 * round version is a new key, so nothing is ever stale.
 */
export class ThumbnailService {
  readonly #data: DataService;
  readonly #rasteriser: Rasteriser;
  readonly #cache = asyncCache<Uint8Array>({
    maxSize: CACHE_BYTES,
    size: (png) => (png as Uint8Array).byteLength,
  });

  /** `assets`: where resvg's WebAssembly and the fonts come from; without it thumbnails are unavailable. */
  constructor(data: DataService, assets?: LoadRasteriserAssets) {
    this.#data = data;
    this.#rasteriser = new Rasteriser(assets);
  }

  /** Whether thumbnails can be drawn here (resvg's WebAssembly and the fonts load). */
  available(): Promise<boolean> {
    return this.#rasteriser.available();
  }

  /** The thumbnail of a view, from the cache or drawn; undefined where thumbnails are unavailable. */
  async render(request: ThumbnailRequest): Promise<Thumbnail | undefined> {
    if (!(await this.available())) return undefined;
    const { round, level, indicator, lang, area, width, height } = request;
    const version = await this.#data.dataVersion(round);
    const key = `${round.dataset}/${round.key}@${version}/${level}/${indicator}/${lang}/${area ?? ''}/${width}x${height}`;
    const png = await this.#cache.get(key, async () => {
      const drawn = await this.#rasteriser.rasterise(await this.#svg(request));
      if (!drawn) throw new Error('the PNG encoder went away');
      return drawn;
    });
    return { png, version };
  }

  /** The SVG of a view (see core/thumbnail-svg.ts). */
  async #svg({ round, level, indicator, lang, area, width, height }: ThumbnailRequest): Promise<string> {
    const layer = `adm${level}`;
    const [dataset, props, geometries] = await Promise.all([
      this.#data.dataset(round.dataset),
      this.#data.areaProperties(round, level),
      this.#data.areaGeometries(round.boundarySet, level),
    ]);
    const values = [...props.values()].map((p) =>
      typeof p[indicator] === 'number' ? p[indicator] : undefined,
    );
    // The web style's own legend for this level: the same class breaks and colours as the map.
    const style = buildWebStyle({
      dataset,
      round,
      tileJsonUrl: '',
      indicator,
      lang,
      valuesByLevel: { [layer]: values },
      levels: [layer],
    });
    const legend = (style.metadata as Record<string, unknown>)['dtm-atlas:legend'] as Legend;
    const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
    return thumbnailSvg({
      areas: geometries.map((feature) => ({
        geometry: feature.geometry,
        properties: props.get(feature.properties.pcode) ?? { pcode: feature.properties.pcode },
      })),
      indicator,
      classes: legend.classes[layer as keyof Legend['classes']] ?? [],
      legend,
      title: `${dataset.name}: ${INDICATORS[indicator][lang]}, ${round.date}`,
      credit: creditLine(round, dataset.attribution, lang),
      width,
      height,
      ...(area ? { area } : {}),
      formatNumber: (value) => number.format(value),
    });
  }
}

/** A thumbnail's height for a width and a shape. */
export function thumbnailHeight(width: number, ratio: Ratio): number {
  return Math.max(1, Math.round((width * ratio.height) / ratio.width));
}
