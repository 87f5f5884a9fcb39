import { createHash } from 'node:crypto';
import { joinAreaProperties, type TileProperties } from '../core/area-properties.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { notFound } from '../core/errors.ts';
import type { JoinReport } from '../core/join.ts';
import { BOUNDARIES_ONLY, boundariesOnlyRound, LATEST, latestRound } from '../core/rounds.ts';
import { type AreaFeature, areasAtZoom } from '../core/simplify.ts';
import { TILESET_MAXZOOM } from '../core/tileset.ts';
import type { AdminLevel, AreaFigures, AreaProperties, DatasetMeta, RoundMeta, Site } from '../core/types.ts';
import type { BoundaryReader, CatalogReader } from '../store/ports.ts';
import { asyncCache } from './cached.ts';

export interface DataServiceOptions {
  /**
   * How long dataset, round and boundary-set metadata is trusted before it is read again. Everything keyed
   * by a content version (figures, geometry, tiles) is cached without expiry; this bound is how soon a newly
   * published round is served without a restart.
   */
  metadataTtlMs?: number;
}

/** Figures of one round version, by level and P-code. */
export type RoundFigures = Map<AdminLevel, Map<string, AreaFigures>>;

/**
 * Read access to everything the service publishes, with caches in front of the stores. The HTTP routes and
 * the tile service use this; it knows nothing about HTTP.
 */
export class DataService {
  private readonly datasets;
  private readonly roundLists;
  private readonly roundItems;
  private readonly manifests;
  private readonly dataVersions;
  private readonly topologies = asyncCache<PreparedBoundarySet>({ max: 8 });
  private readonly figureSets = asyncCache<RoundFigures>({ max: 64 });
  private readonly properties = asyncCache<Map<string, TileProperties>>({ max: 256 });
  private readonly siteSets = asyncCache<Site[]>({ max: 64 });
  private readonly reports = asyncCache<JoinReport>({ max: 64 });
  private readonly geometries = asyncCache<AreaFeature[]>({ max: 16 });

  constructor(
    private readonly catalog: CatalogReader,
    private readonly boundaries: BoundaryReader,
    options: DataServiceOptions = {},
  ) {
    const ttl = options.metadataTtlMs ?? 5000;
    this.datasets = asyncCache<DatasetMeta[]>({ max: 1, ttl });
    this.roundLists = asyncCache<RoundMeta[]>({ max: 64, ttl });
    this.roundItems = asyncCache<{ round?: RoundMeta }>({ max: 1024, ttl });
    this.manifests = asyncCache<PreparedBoundarySet['manifest']>({ max: 64, ttl });
    this.dataVersions = asyncCache<string>({ max: 1024, ttl });
  }

  async listDatasets(): Promise<DatasetMeta[]> {
    return this.datasets.get('all', () => this.catalog.listDatasets());
  }

  /** A dataset's metadata; 404 when unknown. */
  async dataset(id: string): Promise<DatasetMeta> {
    const dataset = (await this.listDatasets()).find((candidate) => candidate.id === id);
    if (!dataset) throw notFound(`unknown dataset "${id}"`);
    return dataset;
  }

  /** Published rounds of a dataset, oldest first; 404 for an unknown dataset. */
  async rounds(datasetId: string): Promise<RoundMeta[]> {
    await this.dataset(datasetId);
    return this.roundLists.get(datasetId, () => this.catalog.listRounds(datasetId));
  }

  /**
   * A published round by key, or the newest for `latest`; 404 when there is none. `boundaries` is the
   * dataset's boundaries without figures (`BOUNDARIES_ONLY`), there even before any round is.
   */
  async round(datasetId: string, ref: string): Promise<RoundMeta> {
    if (ref === LATEST) return latestRound(await this.rounds(datasetId), datasetId);
    if (ref === BOUNDARIES_ONLY) return boundariesOnlyRound(await this.dataset(datasetId));
    await this.dataset(datasetId);
    const { round } = await this.roundItems.get(`${datasetId}/${ref}`, async () => ({
      round: await this.catalog.getRound(datasetId, ref),
    }));
    if (round?.status !== 'published') throw notFound(`dataset "${datasetId}" has no round "${ref}"`);
    return round;
  }

  /** The current prepared boundary set, manifest and topology. */
  async boundarySet(setId: string): Promise<PreparedBoundarySet> {
    const manifest = await this.manifests.get(setId, async () => {
      const found = await this.boundaries.getManifest(setId);
      if (!found) throw notFound(`boundary set "${setId}" is not loaded`);
      return found;
    });
    return this.topologies.get(`${setId}@${manifest.version}`, async () => ({
      manifest,
      topology: await this.boundaries.getTopology(manifest),
    }));
  }

  /** Every area of one level of a boundary set, sorted by P-code. */
  async areas(setId: string, level: AdminLevel): Promise<AreaProperties[]> {
    return areasOf(await this.boundarySet(setId), level);
  }

  /** The areas of one level with geometry, simplified for zoom 10 (the tiles' maxzoom): for downloads. */
  async areaGeometries(setId: string, level: AdminLevel): Promise<AreaFeature[]> {
    const { manifest, topology } = await this.boundarySet(setId);
    return this.geometries.get(`${setId}@${manifest.version}/${level}`, async () =>
      areasAtZoom(topology, `adm${level}`, TILESET_MAXZOOM),
    );
  }

  /** An area of a boundary set by P-code, at whatever level it is. */
  async findArea(setId: string, pcode: string): Promise<AreaProperties | undefined> {
    const { topology } = await this.boundarySet(setId);
    for (const object of Object.values(topology.objects)) {
      const found = object.geometries.find(
        (geometry) => (geometry.properties as AreaProperties).pcode === pcode,
      );
      if (found) return found.properties as AreaProperties;
    }
    return undefined;
  }

  /** The figures of a round, by level and P-code: one Query, cached by version. */
  async figures(round: RoundMeta): Promise<RoundFigures> {
    return this.figureSets.get(`${round.dataset}/${round.key}@${round.version}`, async () => {
      const byLevel: RoundFigures = new Map();
      for (const figure of await this.catalog.getFigures(round.dataset, round.key, round.version)) {
        let level = byLevel.get(figure.level);
        if (!level) {
          level = new Map();
          byLevel.set(figure.level, level);
        }
        level.set(figure.pcode, figure);
      }
      return byLevel;
    });
  }

  /** The round before this one on the same boundary set (the base of `idps_ind_change`), if any. */
  async previousRound(round: RoundMeta): Promise<RoundMeta | undefined> {
    const sameSet = (await this.rounds(round.dataset)).filter((r) => r.boundarySet === round.boundarySet);
    const index = sameSet.findIndex((r) => r.key === round.key);
    return index > 0 ? sameSet[index - 1] : undefined;
  }

  /**
   * Version of everything a round's tiles show: its own figures, its boundary set, and the previous round's
   * figures (for the change since then). Tile URLs and caches are keyed by it.
   */
  async dataVersion(round: RoundMeta, pinned?: PreparedBoundarySet): Promise<string> {
    const set = pinned ?? (await this.boundarySet(round.boundarySet));
    // On the hot path of every tile: remembered per round and boundary version while metadata is trusted.
    return this.dataVersions.get(dataVersionKey(round, set.manifest.version), async () => {
      const previous = await this.previousRound(round);
      return createHash('sha256')
        .update([round.version, set.manifest.version, previous?.version ?? ''].join('/'))
        .digest('hex')
        .slice(0, 16);
    });
  }

  /**
   * The round a URL names and its data version, from fresh cached metadata only: no store call, nothing
   * awaited. Undefined whenever anything would need loading or refreshing (the caller then takes the full
   * path, which loads it). This is what lets a cached tile be answered without a single promise.
   */
  peekDataVersion(datasetId: string, ref: string): { round: RoundMeta; version: string } | undefined {
    if (!this.datasets.peek('all')?.some((dataset) => dataset.id === datasetId)) return undefined;
    let round: RoundMeta | undefined;
    if (ref === LATEST) {
      const rounds = this.roundLists.peek(datasetId);
      round = rounds?.length ? latestRound(rounds, datasetId) : undefined;
    } else {
      round = this.roundItems.peek(`${datasetId}/${ref}`)?.round;
    }
    if (round?.status !== 'published') return undefined;
    const manifest = this.manifests.peek(round.boundarySet);
    const version = manifest && this.dataVersions.peek(dataVersionKey(round, manifest.version));
    return version ? { round, version } : undefined;
  }

  /**
   * Tile/export properties of every area of one level, figures joined. Cached by data version. Pass the
   * boundary set a request already resolved, so geometry and properties come from the same version even if
   * the set is replaced meanwhile.
   */
  async areaProperties(
    round: RoundMeta,
    level: AdminLevel,
    pinned?: PreparedBoundarySet,
  ): Promise<Map<string, TileProperties>> {
    const set = pinned ?? (await this.boundarySet(round.boundarySet));
    const version = await this.dataVersion(round, set);
    return this.properties.get(`${round.dataset}/${round.key}@${version}/${level}`, async () => {
      const previous = await this.previousRound(round);
      const [figures, before] = await Promise.all([
        this.figures(round),
        previous ? this.figures(previous) : undefined,
      ]);
      return joinAreaProperties(
        areasOf(set, level),
        figures.get(level) ?? new Map(),
        round,
        before?.get(level),
      );
    });
  }

  /** Sites and assessed locations of a round, cached by version. */
  async sites(round: RoundMeta): Promise<Site[]> {
    return this.siteSets.get(`${round.dataset}/${round.key}@${round.version}`, () =>
      this.catalog.getSites(round.dataset, round.key, round.version),
    );
  }

  async report(round: RoundMeta): Promise<JoinReport> {
    return this.reports.get(`${round.dataset}/${round.key}@${round.version}`, async () => {
      const report = await this.catalog.getReport(round.dataset, round.key, round.version);
      if (!report) throw notFound(`no join report stored for ${round.dataset}/${round.key}`);
      return report;
    });
  }
}

/** The areas of one level of a prepared set, sorted by P-code. */
function areasOf(set: PreparedBoundarySet, level: AdminLevel): AreaProperties[] {
  const object = set.topology.objects[`adm${level}`];
  if (!object) return [];
  return object.geometries
    .map((geometry) => geometry.properties as AreaProperties)
    .sort((a, b) => a.pcode.localeCompare(b.pcode));
}

/** Cache key of a round's data version on one boundary-set version. */
function dataVersionKey(round: RoundMeta, boundaryVersion: string): string {
  return `${round.dataset}/${round.key}@${round.version}/${boundaryVersion}`;
}
