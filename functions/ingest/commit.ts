import { InputError } from '../core/errors.ts';
import type { JoinReport } from '../core/join.ts';
import type { RoundPlan } from '../core/plan-round.ts';
import { deriveAssessedLocations } from '../core/sites.ts';
import type { AdminLevel, AreaFigures, AreaProperties, RoundMeta, Site } from '../core/types.ts';
import { hashVersion } from '../core/version.ts';
import type { CatalogWriter, PublishOutcome } from '../store/ports.ts';

export interface RoundResult {
  round: RoundMeta;
  report: JoinReport;
  outcome: PublishOutcome | 'dry-run';
}

/** What committing needs to know about the import: where it goes and what the caller allowed. */
export interface CommitContext {
  catalog: CatalogWriter;
  dataset: string;
  file: string;
  /** Replace a published round whose content differs. */
  replace?: boolean;
  progress?: ((message: string) => void) | undefined;
}

/**
 * The last stage: stores planned rounds. Every round's published state is read first, so an import that
 * would overwrite other content without `replace` fails before it writes anything; then each changed round
 * is written as a draft under its version and published with one conditional write. A round whose version
 * is already published is left "unchanged".
 *
 * @param lowest the file's lowest admin level: only commune rows stand for places ("assessed locations")
 * @param communes the boundary set's level-3 areas, where derived assessed locations are placed
 */
export async function commitRounds(
  context: CommitContext,
  plans: readonly RoundPlan[],
  lowest: AdminLevel,
  communes: ReadonlyMap<string, AreaProperties>,
): Promise<RoundResult[]> {
  const { catalog, dataset } = context;
  const existing = await Promise.all(plans.map(({ meta }) => catalog.getRound(dataset, meta.key)));
  const blocked = plans.filter(({ meta }, i) => existing[i] && existing[i]?.version !== meta.version);
  if (blocked.length > 0 && !context.replace) {
    throw new InputError(
      { file: context.file },
      `round(s) ${blocked.map(({ meta }) => `${dataset}/${meta.key}`).join(', ')} already published with other content; import with --replace to overwrite`,
    );
  }
  const results: RoundResult[] = [];
  for (const [i, plan] of plans.entries()) {
    const current = existing[i];
    const derived = () => (lowest === 3 ? deriveAssessedLocations(plan.figures, communes, 3) : []);
    const { meta, sites } = await keepSurveyedSites(catalog, dataset, plan.meta, current, derived);
    if (current?.version === meta.version) {
      results.push({ round: current, report: plan.report, outcome: 'unchanged' });
      continue;
    }
    const result = await writeAndPublish(catalog, meta, plan.figures, plan.report, sites, current?.version);
    results.push(result);
    context.progress?.(`round ${dataset}/${meta.key}: ${result.outcome} (${i + 1}/${plans.length})`);
  }
  return results;
}

/**
 * Surveyed sites imported for this round before are kept (and their version folded into the round's);
 * otherwise the round gets "assessed locations" derived from its lowest-level figures.
 */
async function keepSurveyedSites(
  catalog: CatalogWriter,
  dataset: string,
  meta: RoundMeta,
  current: RoundMeta | undefined,
  derived: () => Site[],
): Promise<{ meta: RoundMeta; sites: Site[] }> {
  const kept = current
    ? (await catalog.getSites(dataset, current.key, current.version)).filter(
        (site) => site.precision === 'gps',
      )
    : [];
  if (kept.length === 0) return { meta, sites: derived() };
  return {
    meta: {
      ...meta,
      version: hashVersion([meta.version, current?.sitesVersion]),
      sitesVersion: current?.sitesVersion,
    },
    sites: kept,
  };
}

/** Writes a round's draft and publishes it with one conditional write (`previous`: the version it replaces). */
export async function writeAndPublish(
  catalog: CatalogWriter,
  meta: RoundMeta,
  figures: AreaFigures[],
  report: JoinReport,
  sites: Site[],
  previous: string | undefined,
): Promise<RoundResult> {
  await catalog.writeDraft(meta, figures, report, sites);
  const publishedAt = new Date().toISOString();
  const outcome = await catalog.publish({ ...meta, publishedAt }, previous);
  return { round: { ...meta, status: 'published', publishedAt }, report, outcome };
}

/**
 * Stores a site list in its round: a new version of the round with the same figures and report, and these
 * sites in place of the previous ones (or of the derived assessed locations). The same list again, or a dry
 * run, leaves the round as it is.
 */
export async function commitSiteList(
  context: CommitContext & { dryRun?: boolean },
  current: RoundMeta,
  sites: Site[],
  sha256: string,
): Promise<RoundResult> {
  const { catalog, dataset, file } = context;
  const sitesVersion = sha256.slice(0, 16);
  const base = current.version;
  const meta: RoundMeta = {
    ...current,
    status: 'draft',
    version: hashVersion([base, sitesVersion]),
    sitesVersion,
  };
  const report = await catalog.getReport(dataset, current.key, base);
  if (!report)
    throw new InputError({ file }, `round ${current.key} has no join report; re-import its figures first`);
  if (context.dryRun || current.sitesVersion === sitesVersion) {
    return { round: current, report, outcome: context.dryRun ? 'dry-run' : 'unchanged' };
  }
  const figures = await catalog.getFigures(dataset, current.key, base);
  const result = await writeAndPublish(catalog, meta, figures, report, sites, base);
  context.progress?.(`round ${dataset}/${current.key}: ${sites.length} sites ${result.outcome}`);
  return result;
}
