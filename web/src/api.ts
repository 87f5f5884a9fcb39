/** Typed reads of the service's own JSON; the page never calls another origin. */
export interface Totals {
  idps_ind: number;
  idps_hh: number;
  returnees_ind: number;
  returnees_hh: number;
}

export interface Dataset {
  id: string;
  name: string;
  attribution: string;
  levelNames: Record<string, string>;
}

export interface Round {
  key: string;
  number?: number;
  date: string;
  source: { title: string; organisation: string };
  totals: Totals;
}

export interface LegendClass {
  from: number;
  to?: number;
  colour: string;
}

export interface Legend {
  indicator: string;
  title: string;
  classes: Record<string, LegendClass[]>;
  zero: { label: string; colour: string };
  noData: { label: string; colour: string };
  source: string;
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}
