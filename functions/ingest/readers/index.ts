import { apiJsonReader } from './api-json.ts';
import { plainCsvReader } from './csv.ts';
import { hdxDtmReader } from './hdx-dtm.ts';
import { hxlCsvReader } from './hxl.ts';
import { monthlySeriesReader } from './monthly.ts';
import type { SourceReader } from './reader.ts';
import { siteListReader } from './sites.ts';
import { baselineCsvReader } from './table.ts';
import { workbookReader } from './xlsx.ts';

/**
 * Every source format, in the order they are asked: the first whose `detect` says yes reads the file. Site
 * lists come first (a table with coordinates is a site list whatever else it has); HDX's DTM API export
 * before the generic HXL reader (it is an HXL table, but of every country and level, its IDP column tagged
 * `#affected+idps`); the plain CSV reader comes last, taking any text the others did not.
 */
export const READERS: readonly SourceReader[] = [
  siteListReader,
  workbookReader,
  hdxDtmReader,
  hxlCsvReader,
  monthlySeriesReader,
  baselineCsvReader,
  plainCsvReader,
  apiJsonReader,
];
