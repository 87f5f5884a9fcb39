import { formatRatio, type Ratio } from '../core/embed-options.ts';
import { AtlasError } from '../core/errors.ts';
import { INDICATORS, type Indicator } from '../core/indicators.ts';
import { KEY, LATEST, urls } from '../core/routes.ts';
import type { DatasetMeta } from '../core/types.ts';
import type { DataService } from '../service/data-service.ts';
import type { ThumbnailService } from '../service/thumbnail-service.ts';

/** oEmbed's thumbnail members. */
export interface OembedThumbnail {
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
}

/**
 * The thumbnail of the view an oEmbed URL names (its hash: round, indicator, level, area, lang), at the frame's
 * size and shape, as an immutable URL (`v=` the round's data version). Nothing when thumbnails are not drawn
 * here, or when the hash names a round or area the data lacks: the answer stays valid without one.
 */
export async function oembedThumbnail(
  data: DataService,
  thumbnails: ThumbnailService,
  base: string,
  dataset: DatasetMeta,
  hash: URLSearchParams,
  size: { width: number; height: number; ratio: Ratio },
): Promise<OembedThumbnail | undefined> {
  if (!(await thumbnails.available())) return undefined;
  try {
    const named = hash.get('round') ?? '';
    const round = await data.round(dataset.id, KEY.test(named) ? named : LATEST);
    const indicatorText = hash.get('indicator') ?? '';
    const indicator: Indicator = Object.hasOwn(INDICATORS, indicatorText)
      ? (indicatorText as Indicator)
      : 'idps_ind';
    const areaText = hash.get('area') ?? '';
    const area = /^[A-Za-z0-9]{2,20}$/.test(areaText)
      ? await data.findArea(round.boundarySet, areaText.toUpperCase())
      : undefined;
    const pinned = /^adm([1-3])$/.exec(hash.get('level') ?? '');
    // The level pinned, else the selected area's own (its neighbours around it), else the first.
    const level = pinned ? `adm${pinned[1]}` : area ? `adm${area.level}` : 'adm1';
    const query: Record<string, string> = {
      indicator,
      lang: hash.get('lang') === 'fr' ? 'fr' : 'en',
      ...(area ? { area: area.pcode } : {}),
      w: String(Math.max(64, Math.min(1600, size.width))),
      ratio: formatRatio(size.ratio),
      v: await data.dataVersion(round),
    };
    return {
      thumbnail_url: urls.thumbnail(base, dataset.id, round.key, level, query),
      thumbnail_width: Number(query.w),
      thumbnail_height: Math.max(1, Math.round((Number(query.w) * size.ratio.height) / size.ratio.width)),
    };
  } catch (error) {
    // An unknown round: the map itself will say so; the oEmbed answer simply has no picture.
    if (error instanceof AtlasError && error.kind === 'not_found') return undefined;
    throw error;
  }
}
