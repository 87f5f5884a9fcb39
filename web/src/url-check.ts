import { type FiguresResponse, getJson, LEVELS, type Level, type Round, type TileJson, urls } from './api.ts';
import { roundHasIndicator } from './reason-indicator.ts';
import type { AtlasState } from './state.ts';

/** Something a link named that the data does not have. */
export interface NotFound {
  kind: 'round' | 'area' | 'indicator';
  /** As the link wrote it (`99`, `XX99`). */
  value: string;
}

/** A state fit to show, and what of the link was not found. */
export interface CheckedState {
  state: AtlasState;
  notFound: NotFound[];
}

/**
 * Checks a state read from a link against the dataset's rounds and the round's areas: an unknown round gives
 * way to the latest, an area not on the round's boundaries to no selection, and both are reported so the page
 * can say so. A link without a round means the latest. Only data the page loads anyway is read (the rounds,
 * the round's TileJSON and figures), so a bad link costs no request that fails.
 */
export async function checkState(
  state: AtlasState,
  datasetId: string,
  rounds: readonly Round[],
): Promise<CheckedState> {
  const notFound: NotFound[] = [];
  const next: AtlasState = { ...state };
  const latest = rounds[rounds.length - 1];
  if (!rounds.some((round) => round.key === next.round)) {
    if (next.round !== undefined) notFound.push({ kind: 'round', value: next.round });
    next.round = latest?.key;
  }
  // IDPs by a reason the round does not split its figures by: IDPs, and the notice says so.
  const shown = rounds.find((round) => round.key === next.round);
  if (shown && !roundHasIndicator(shown, next.indicator)) {
    notFound.push({ kind: 'indicator', value: next.indicator });
    next.indicator = 'idps_ind';
  }
  if (next.area && next.round && !(await areaInRound(datasetId, next.round, next.area))) {
    notFound.push({ kind: 'area', value: next.area });
    delete next.area;
  }
  return { state: next, notFound };
}

/** The levels a round's tiles have, from its TileJSON. */
export async function roundLevels(datasetId: string, roundKey: string): Promise<Level[]> {
  const tileJson = await getJson<TileJson>(urls.tileJson(datasetId, roundKey));
  const ids = new Set(tileJson.vector_layers.map((layer) => layer.id));
  return LEVELS.filter((level) => ids.has(level));
}

/** Whether an area (any level) is on the boundaries of a round. */
async function areaInRound(datasetId: string, roundKey: string, pcode: string): Promise<boolean> {
  const levels = await roundLevels(datasetId, roundKey);
  const responses = await Promise.all(
    levels.map((level) => getJson<FiguresResponse>(urls.figures(datasetId, roundKey, level))),
  );
  return responses.some((response) => response.areas.some((area) => area.pcode === pcode));
}
