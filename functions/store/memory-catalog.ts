import type { JoinReport } from '../core/join.ts';
import { compareRounds } from '../core/rounds.ts';
import type { AreaFigures, DatasetMeta, RoundMeta, Site } from '../core/types.ts';
import type { CatalogWriter, PublishOutcome } from './ports.ts';
import { figureFromItem, publishConflict } from './stored-items.ts';
import { keys } from './table.ts';

/** One drafted version of a round: items by the sort key DynamoDB would give them, stored as JSON text. */
interface VersionItems {
  figures: Map<string, string>;
  sites: Map<string, string>;
  report?: string;
}

/**
 * The catalog port in memory, with DynamoCatalog's guarantees: drafts are invisible until `publish`, which
 * is one conditional write failing with the same conflict; rounds come oldest first; figures and sites in
 * key order. Values are kept as JSON text, so callers get copies (and undefined fields dropped) as from
 * DynamoDB. For unit tests and for anything that needs a catalog without AWS.
 */
export class MemoryCatalog implements CatalogWriter {
  private readonly datasets = new Map<string, string>();
  private readonly rounds = new Map<string, string>();
  private readonly versions = new Map<string, VersionItems>();

  async listDatasets(): Promise<DatasetMeta[]> {
    return [...this.datasets.values()].map(parse<DatasetMeta>).sort((a, b) => a.id.localeCompare(b.id));
  }

  async getDataset(id: string): Promise<DatasetMeta | undefined> {
    return parseOptional(this.datasets.get(id));
  }

  async putDataset(meta: DatasetMeta): Promise<void> {
    this.datasets.set(meta.id, JSON.stringify(meta));
  }

  async listRounds(dataset: string): Promise<RoundMeta[]> {
    return [...this.rounds.values()]
      .map(parse<RoundMeta>)
      .filter((round) => round.dataset === dataset && round.status === 'published')
      .sort(compareRounds);
  }

  async getRound(dataset: string, key: string): Promise<RoundMeta | undefined> {
    return parseOptional(this.rounds.get(roundId(dataset, key)));
  }

  async getFigures(dataset: string, key: string, version: string): Promise<AreaFigures[]> {
    const items = this.versions.get(versionId(dataset, key, version))?.figures;
    return inKeyOrder(items).map((text) => figureFromItem(parse(text)));
  }

  async getReport(dataset: string, key: string, version: string): Promise<JoinReport | undefined> {
    return parseOptional(this.versions.get(versionId(dataset, key, version))?.report);
  }

  async getSites(dataset: string, key: string, version: string): Promise<Site[]> {
    return inKeyOrder(this.versions.get(versionId(dataset, key, version))?.sites).map(parse<Site>);
  }

  async writeDraft(round: RoundMeta, figures: AreaFigures[], report: JoinReport, sites: Site[] = []) {
    const id = versionId(round.dataset, round.key, round.version);
    const items: VersionItems = this.versions.get(id) ?? { figures: new Map(), sites: new Map() };
    for (const figure of figures)
      items.figures.set(keys.figureSort(figure.level, figure.pcode), JSON.stringify(figure));
    for (const site of sites) items.sites.set(`${keys.sitePrefix}${site.id}`, JSON.stringify(site));
    items.report = JSON.stringify(report);
    this.versions.set(id, items);
  }

  async publish(round: RoundMeta, expectedVersion: string | undefined): Promise<PublishOutcome> {
    if (expectedVersion === round.version) return 'unchanged';
    const id = roundId(round.dataset, round.key);
    const current = parseOptional<RoundMeta>(this.rounds.get(id));
    if (current?.version !== expectedVersion) {
      // As DynamoCatalog after a retried write: finding this very version published is not a rival's work.
      if (current?.status === 'published' && current.version === round.version) return 'published';
      throw publishConflict(round);
    }
    this.rounds.set(id, JSON.stringify({ ...round, status: 'published' }));
    return 'published';
  }

  async removeDataset(id: string): Promise<void> {
    this.datasets.delete(id);
    // Keys are JSON arrays starting with the dataset id: drop every round and version of this dataset only.
    const prefix = JSON.stringify([id]).slice(0, -1);
    for (const map of [this.rounds, this.versions])
      for (const key of [...map.keys()]) if (key.startsWith(`${prefix},`)) map.delete(key);
  }
}

const roundId = (dataset: string, key: string) => JSON.stringify([dataset, key]);
const versionId = (dataset: string, key: string, version: string) => JSON.stringify([dataset, key, version]);

function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}

function parseOptional<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : parse<T>(text);
}

/** Values sorted by their key, as a DynamoDB Query returns items by sort key (plain code-unit order). */
function inKeyOrder(items: Map<string, string> | undefined): string[] {
  if (!items) return [];
  return [...items.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, text]) => text);
}
