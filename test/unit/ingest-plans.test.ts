import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR, caseNames, planCase } from '../fixtures/ingest/plan-case.ts';

/**
 * One golden case per folder of `test/fixtures/ingest/`: input → sniff → reader → collect → planRound must
 * give the folder's `expected.json`. Regenerate on purpose with `npm run golden:ingest` and review the diff.
 */
describe('ingest plans match their golden files', async () => {
  const names = await caseNames();

  it('has cases', () => expect(names.length).toBeGreaterThan(0));

  it.each(names)('%s', async (name) => {
    const expected = JSON.parse(await readFile(path.join(CASES_DIR, name, 'expected.json'), 'utf8'));
    // Through JSON, as the golden file holds it (undefined fields dropped).
    const actual = JSON.parse(JSON.stringify(await planCase(name)));
    expect(actual, `${name}: plan differs from expected.json (npm run golden:ingest to accept)`).toEqual(
      expected,
    );
  });
});
