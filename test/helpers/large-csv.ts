import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A commune of the prepared COD-AB 2021 set, in DTM coding (`MLI…`) with its names. */
interface Commune {
  codes: [string, string, string];
  names: [string, string, string];
}

/** Every commune of Mali (701), from the boundary file in the data folder, coded as DTM exports code them. */
export async function realCommunes(dataDir: string): Promise<Commune[]> {
  const geojson = JSON.parse(await readFile(path.join(dataDir, 'mali/boundaries/adm3.geojson'), 'utf8')) as {
    features: Array<{ properties: Record<string, string> }>;
  };
  const dtm = (code: string | undefined) => String(code).replace(/^ML/, 'MLI');
  return geojson.features.map(({ properties: p }) => ({
    codes: [dtm(p.ADM1_PCODE), dtm(p.ADM2_PCODE), dtm(p.ADM3_PCODE)],
    names: [String(p.ADM1_FR), String(p.ADM2_FR), String(p.ADM3_FR)],
  }));
}

export interface LargeCsv {
  bytes: number;
  rows: number;
  /** Per round key: the sums the import must report. */
  totals: Map<string, { idps_ind: number; idps_hh: number }>;
}

const FIGURE_TAGS = ['#affected+idps+ind', '#affected+hh+idps', '#date+reported', '#round+code'];

/**
 * Writes an HXL-tagged CSV of `rounds` rounds × every commune, widened with ignored comment columns (real
 * DTM exports have dozens of columns) until it is about `targetBytes` long. Written in big chunks with
 * backpressure, so 200 MB takes a second or two.
 */
export async function writeLargeHxlCsv(
  file: string,
  communes: Commune[],
  { rounds, targetBytes }: { rounds: number; targetBytes: number },
): Promise<LargeCsv> {
  const rows = rounds * communes.length;
  const extraColumns = 40;
  const fixed = 160; // about what the codes, names and figures of a row take
  const cellWidth = Math.max(1, Math.floor((targetBytes / rows - fixed) / extraColumns) - 1);
  const padding = Array.from({ length: extraColumns }, (_, i) =>
    `c${i}-`.concat('x'.repeat(cellWidth)).slice(0, cellWidth),
  ).join(',');
  const header = [
    'Admin 1 P-Code,Admin 1,Admin 2 P-Code,Admin 2,Admin 3 P-Code,Admin 3',
    'IDPs,IDP households,Date,Round',
    Array.from({ length: extraColumns }, (_, i) => `Comment ${i}`).join(','),
  ].join(',');
  const tags = [
    '#adm1+code,#adm1+name,#adm2+code,#adm2+name,#adm3+code,#adm3+name',
    FIGURE_TAGS.join(','),
    Array.from({ length: extraColumns }, (_, i) => `#meta+comment${i}`).join(','),
  ].join(',');
  const totals = new Map<string, { idps_ind: number; idps_hh: number }>();
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${header}\n${tags}\n`);
  for (let r = 1; r <= rounds; r++) {
    // Round keys from 1001: made-up figures must not claim a real round, whose stated totals they would fail.
    const key = String(1000 + r);
    const date = new Date(Date.UTC(2000 + Math.floor((r - 1) / 12), ((r - 1) % 12) + 1, 0))
      .toISOString()
      .slice(0, 10);
    const sum = { idps_ind: 0, idps_hh: 0 };
    const lines: string[] = [];
    communes.forEach(({ codes, names }, i) => {
      const individuals = ((i * 7919 + r * 104_729) % 5000) + 5;
      const households = Math.floor(individuals / 5);
      sum.idps_ind += individuals;
      sum.idps_hh += households;
      lines.push(
        `${codes[0]},${names[0]},${codes[1]},${names[1]},${codes[2]},${names[2]},${individuals},${households},${date},${key},${padding}\n`,
      );
    });
    totals.set(key, sum);
    await write(lines.join(''));
  }
  out.end();
  await once(out, 'finish');
  return { bytes, rows, totals };
}

/**
 * Writes a hostile CSV of about `targetBytes`: a valid DTM header, then rows whose counts are garbage, so
 * every row is an error (the reader must neither stop at the first nor keep them all).
 */
export async function writeGarbageCsv(file: string, targetBytes: number): Promise<{ rows: number }> {
  const header =
    'admin1Pcode_dtm,admin1Name,admin3Pcode_dtm,admin3Name,idp_individuals,idp_households,notes\n';
  const out = createWriteStream(file);
  let bytes = 0;
  let rows = 0;
  const write = async (text: string) => {
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(header);
  const filler = 'z'.repeat(200);
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      rows++;
      lines.push(
        `MLI04,Ségou,MLI0406${String(rows % 100).padStart(2, '0')},Commune ${rows},lots-${rows},1,${filler}\n`,
      );
    }
    await write(lines.join(''));
  }
  out.end();
  await once(out, 'finish');
  return { rows };
}
