import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering (docs/architecture.md) is enforced by Biome's noRestrictedImports, per folder in biome.json.
 * These tests lint made-up files with the project's own biome.json, copied to a temporary folder laid out
 * like the repository, so a deliberate wrong import is shown to fail `biome check` and a right one to pass.
 */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIOME = path.join(REPO_ROOT, 'node_modules/.bin/biome');

const importing = (specifier: string) =>
  `import { thing } from '${specifier}';\n\nexport const used = thing;\n`;

/** [file, imported module, what the diagnostic must say]: each a wrong import. */
const WRONG: Array<[string, string, RegExp]> = [
  ['functions/core/bad-store.ts', '../store/ports.ts', /functions\/core is pure/],
  ['functions/core/bad-io.ts', 'node:fs/promises', /functions\/core does no I\/O/],
  ['functions/core/bad-sdk.ts', '@aws-sdk/client-s3', /functions\/core does no I\/O/],
  ['functions/http/bad-local.ts', '../local/standins.ts', /functions\/http imports only core, service/],
  ['functions/http/bad-ingest.ts', '../ingest/ingest.ts', /functions\/http imports only core, service/],
  ['functions/http/bad-store.ts', '../store/dynamo-catalog.ts', /only through store\/ports.ts/],
  ['functions/service/bad-sdk.ts', '@aws-sdk/lib-dynamodb', /functions\/service never talks to AWS/],
  ['functions/service/bad-store.ts', '../store/s3-boundaries.ts', /only through store\/ports.ts/],
  ['functions/ingest/bad-sdk.ts', '@aws-sdk/client-s3', /functions\/ingest never talks to AWS/],
  ['functions/ingest/readers/bad-http.ts', '../../http/app.ts', /functions\/ingest imports only core/],
  ['functions/ingest/bad-geodata.ts', '../../geodata/prepare.ts', /functions\/ingest imports only core/],
  ['functions/store/bad-service.ts', '../service/data-service.ts', /functions\/store implements the ports/],
  ['functions/local/bad-entry.ts', '../entry/aws-app.ts', /entry\/ holds the entry points/],
  ['geodata/bad-store.ts', '../functions/store/ports.ts', /geodata\/ prepares boundaries/],
  ['web/src/bad-http.ts', '../../functions/http/app.ts', /web\/src may import/],
  ['test/unit/bad-standins.test.ts', '../../functions/local/standins.ts', /unit tests run without stand-ins/],
  ['test/unit/bad-data.test.ts', '../helpers/service.ts', /unit tests run without stand-ins/],
];

/** [file, imported module]: each an import the layers allow. */
const RIGHT: Array<[string, string]> = [
  ['functions/core/good.ts', './rounds.ts'],
  ['functions/service/good.ts', '../store/ports.ts'],
  ['functions/http/good.ts', '../service/data-service.ts'],
  ['functions/ingest/good.ts', '../store/ports.ts'],
  ['functions/store/good.ts', '@aws-sdk/client-s3'],
  ['functions/entry/good.ts', '../local/standins.ts'],
  ['geodata/good.ts', '../functions/core/types.ts'],
  ['web/src/good.ts', '../../functions/core/tile-path.ts'],
];

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

let root: string;
let exitStatus: number | null;
let diagnostics: Diagnostic[];
const diagnosticsOf = (file: string) => diagnostics.filter((d) => d.location.path === file);

/** One Biome run over every made-up file (a process per file would take a second each). */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dtm-layers-'));
  const config = JSON.parse(await readFile(path.join(REPO_ROOT, 'biome.json'), 'utf8'));
  // The copy lives outside git: no ignore file to read, no schema beside it.
  const { $schema: _schema, vcs: _vcs, ...rest } = config;
  await writeFile(path.join(root, 'biome.json'), JSON.stringify(rest));
  const files: Array<[string, string]> = [
    ...WRONG.map(([file, specifier]): [string, string] => [file, importing(specifier)]),
    ...RIGHT.map(([file, specifier]): [string, string] => [file, importing(specifier)]),
    ['functions/service/bad-env.ts', 'export const x = process.env.X;\n'],
  ];
  for (const [file, source] of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), source);
  }
  const run = spawnSync(
    BIOME,
    ['lint', '--reporter=json', '--max-diagnostics=none', 'functions', 'geodata', 'web', 'test'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  exitStatus = run.status;
  diagnostics = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('lint fails on an import that runs against the layers', () => {
  it('exits with an error', () => {
    expect(exitStatus).not.toBe(0);
  });

  it.each(WRONG)('%s importing %s', (file, _specifier, message) => {
    const [diagnostic] = diagnosticsOf(file);
    expect(diagnostic?.category).toBe('lint/style/noRestrictedImports');
    expect(diagnostic?.message).toMatch(message);
  });

  it('reading process.env outside the entry points fails too', () => {
    expect(diagnosticsOf('functions/service/bad-env.ts').map((d) => d.category)).toEqual([
      'lint/style/noProcessEnv',
    ]);
  });
});

describe('lint passes the imports the layers allow', () => {
  it.each(RIGHT)('%s importing %s', (file) => {
    expect(diagnosticsOf(file)).toEqual([]);
  });
});
