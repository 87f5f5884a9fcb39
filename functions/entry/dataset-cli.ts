/**
 * `npm run dataset -- add | list | remove`: the operator's commands for datasets (docs/datasets.md, "Adding a
 * country").
 *
 *   add ID --country ISO3 [--iso2 XX] --name NAME [--operation OP] --boundaries [admN=]FILE … [--language xx]
 *       [--level-name admN=NAME …] [--boundary-set ID] [--title T] [--attribution A] [--licence L]
 *       [--figures-credit C] [--code-pattern RE] [--code-rule FROM=TO …]
 *       [--pcode-field admN=F …] [--name-field admN=F …] [--parent-field admN=F …] [--object admN=NAME …]
 *   list [--json]
 *   remove ID [--force]
 *
 * Like the ingest CLI it works on the running `npm start`'s stand-ins when there is one (which then serves
 * the change at once), else opens `.data/` itself. Exits 1 on failure with nothing stored changed, 2 on a
 * usage error. Environment: `DTM_STATE_DIR`, `DTM_DATASETS_DIR`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BoundaryLevelSource } from '../core/dataset-manifest.ts';
import { badRequest, InputError, InputErrors } from '../core/errors.ts';
import type { AdminLevel } from '../core/types.ts';
import { addDataset, listDatasets, removeDataset } from '../ingest/dataset-admin.ts';
import type { AddDatasetRequest, BoundaryFileRequest } from '../ingest/dataset-request.ts';
import { openCliStores } from './cli-stores.ts';
import { datasetsDirFromEnv, stateDirFromEnv } from './data-folder.ts';
import { bundledManifests, datasetAdmin } from './dataset-deps.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage:
  npm run dataset -- add ID --country ISO3 [--iso2 XX] --name NAME [--operation OP] --boundaries [admN=]FILE
      [--boundaries …] [--language xx] [--level-name admN=NAME] [--boundary-set ID] [--title T] [--attribution A] [--licence L]
      [--figures-credit C] [--code-pattern RE] [--code-rule FROM=TO] [--pcode-field admN=F] [--name-field admN=F]
      [--parent-field admN=F] [--object admN=NAME]
  npm run dataset -- list [--json]
  npm run dataset -- remove ID [--force]`;

const many = { type: 'string', multiple: true } as const;
const OPTIONS = {
  country: { type: 'string' },
  iso2: { type: 'string' },
  name: { type: 'string' },
  operation: { type: 'string' },
  boundaries: many,
  language: { type: 'string' },
  'level-name': many,
  'boundary-set': { type: 'string' },
  title: { type: 'string' },
  attribution: { type: 'string' },
  licence: { type: 'string' },
  'figures-credit': { type: 'string' },
  'code-pattern': { type: 'string' },
  'code-rule': many,
  'pcode-field': many,
  'name-field': many,
  'parent-field': many,
  object: many,
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Where the user typed the command: npm runs scripts from the package root. */
const cwd = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: OPTIONS });
  const [command, id, ...extra] = positionals;
  const wantsId = command === 'add' || command === 'remove';
  if (!command || extra.length > 0 || (wantsId ? !id : id !== undefined)) return usage();
  if (command === 'add' && (!values.country || !values.name || !values.boundaries)) return usage();
  if (!['add', 'list', 'remove'].includes(command)) return usage();
  const request = command === 'add' ? addRequest(id as string, values) : undefined;
  const log = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const stores = await openCliStores(stateDirFromEnv(), log);
  try {
    const deps = datasetAdmin(stores, await bundledManifests(datasetsDirFromEnv()));
    if (request) {
      const read = (file: string) =>
        readFile(path.resolve(cwd, file)).catch((error: NodeJS.ErrnoException) => {
          throw new InputError({ file }, `cannot read (${error.code ?? error.message})`);
        });
      const { manifest, boundarySet } = await addDataset(request, read, deps);
      const levels = boundarySet.levels.map((l) => `${l.count} adm${l.level}`).join(', ');
      log(`added dataset ${manifest.id} (${manifest.name}, ${manifest.country}) on boundary set`);
      log(`  ${boundarySet.id} version ${boundarySet.version}: ${levels}`);
      log(`import its rounds: npm run ingest -- --dataset ${manifest.id} FILE…`);
    } else if (command === 'remove') {
      const { rounds } = await removeDataset(id as string, { force: values.force }, deps);
      log(`removed dataset ${id}${rounds > 0 ? ` and its ${rounds} published round(s)` : ''}`);
    } else {
      printList(await listDatasets(deps), values.json);
    }
    return 0;
  } finally {
    await stores.close();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** The request `add` makes of its flags; per-level flags apply to the file given for that level. */
function addRequest(id: string, values: Values): AddDatasetRequest {
  const files = (values.boundaries ?? []).map(boundaryFile);
  const overrides: Array<[string[] | undefined, keyof BoundaryLevelSource, string]> = [
    [values['pcode-field'], 'pcodeField', '--pcode-field'],
    [values['name-field'], 'nameField', '--name-field'],
    [values['parent-field'], 'parentField', '--parent-field'],
    [values.object, 'object', '--object'],
  ];
  for (const [given, member, flag] of overrides) {
    for (const [level, value] of Object.entries(levelPairs(given, flag))) {
      const file = files.find((each) => `adm${each.level}` === level);
      if (!file) throw badRequest(`${flag} ${level}=…: give that level's file as --boundaries ${level}=FILE`);
      Object.assign(file, { [member]: value });
    }
  }
  const optional = {
    operation: values.operation,
    iso2: values.iso2,
    language: values.language,
    boundarySet: values['boundary-set'],
    title: values.title,
    attribution: values.attribution,
    licence: values.licence,
    figuresCredit: values['figures-credit'],
    codePattern: values['code-pattern'],
  };
  const codeRules = (values['code-rule'] ?? []).map((rule) => {
    const at = rule.indexOf('=');
    if (at <= 0) throw badRequest(`--code-rule ${rule}: write it as PATTERN=REPLACEMENT`);
    return { pattern: rule.slice(0, at), replacement: rule.slice(at + 1) };
  });
  return {
    id,
    country: values.country as string,
    name: values.name as string,
    boundaries: files,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(values['level-name'] ? { levelNames: levelPairs(values['level-name'], '--level-name') } : {}),
    ...(codeRules.length > 0 ? { codeRules } : {}),
  };
}

/** `--boundaries FILE` (level detected) or `--boundaries adm2=FILE` (level given). */
function boundaryFile(argument: string): BoundaryFileRequest {
  const match = /^adm([1-3])=(.+)$/i.exec(argument);
  return match ? { file: match[2] as string, level: Number(match[1]) as AdminLevel } : { file: argument };
}

/** `admN=VALUE` pairs, by level. */
function levelPairs(given: readonly string[] | undefined, flag: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const pair of given ?? []) {
    const match = /^(adm[1-3])=(.+)$/i.exec(pair);
    if (!match) throw badRequest(`${flag} ${pair}: write it as adm1=VALUE (adm1, adm2 or adm3)`);
    pairs[(match[1] as string).toLowerCase()] = match[2] as string;
  }
  return pairs;
}

function printList(datasets: Awaited<ReturnType<typeof listDatasets>>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ datasets }));
    return;
  }
  const rows = datasets.map((d) => [
    d.id,
    d.country,
    d.name,
    d.operation ?? '',
    d.origin,
    d.published
      ? `${d.rounds.length}${d.rounds.length > 0 ? ` (latest ${d.rounds.at(-1)})` : ''}`
      : 'not published',
  ]);
  const header = ['id', 'country', 'name', 'operation', 'origin', 'rounds'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  for (const row of [header, ...rows]) console.log(line(row));
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`dataset: ${error.message}`);
    if (error instanceof InputErrors) for (const each of error.errors) console.error(`  ${each.message}`);
    console.error('nothing was changed');
    process.exit(1);
  },
);
