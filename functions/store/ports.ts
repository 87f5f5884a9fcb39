import type { BoundaryManifest } from '../core/boundary-set.ts';
import type { DatasetContext } from '../core/context-figures.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { JoinReport } from '../core/join.ts';
import type { BoundaryTopology } from '../core/simplify.ts';
import type { AreaFigures, DatasetMeta, RoundMeta, Site } from '../core/types.ts';

/**
 * Storage ports. The HTTP app and the ingest code see only these interfaces; DynamoDB and S3 implement
 * them in this folder, and tests inject faulty ones to prove failure handling.
 */
export interface CatalogReader {
  listDatasets(): Promise<DatasetMeta[]>;
  getDataset(id: string): Promise<DatasetMeta | undefined>;
  /** Published rounds of a dataset, oldest first. */
  listRounds(dataset: string): Promise<RoundMeta[]>;
  getRound(dataset: string, key: string): Promise<RoundMeta | undefined>;
  /** All figures of one version of a round, every level, in one Query. */
  getFigures(dataset: string, key: string, version: string): Promise<AreaFigures[]>;
  getReport(dataset: string, key: string, version: string): Promise<JoinReport | undefined>;
  /** Assessed sites and derived assessed locations of one version of a round. */
  getSites(dataset: string, key: string, version: string): Promise<Site[]>;
}

export type PublishOutcome = 'published' | 'unchanged';

export interface CatalogWriter extends CatalogReader {
  putDataset(meta: DatasetMeta): Promise<void>;
  /**
   * Writes the figures and report of a round version, invisible to readers until `publish`. Idempotent:
   * the version is a content hash, so re-writing it writes the same items.
   */
  writeDraft(round: RoundMeta, figures: AreaFigures[], report: JoinReport, sites?: Site[]): Promise<void>;
  /**
   * Makes a drafted version the round's published one with a single conditional write. Fails with a
   * conflict if the round changed since `expectedVersion` was read (another import won).
   */
  publish(round: RoundMeta, expectedVersion: string | undefined): Promise<PublishOutcome>;
  /**
   * Removes a dataset: its item first (it leaves the catalog at once), then its rounds and every stored
   * version of them. Idempotent (removing a missing dataset does nothing), and safe to run again after a
   * failure part-way. Not atomic (no transactions on dynalite): a reader may for a moment see the dataset's
   * rounds without the dataset, never the dataset with half its figures.
   */
  removeDataset(id: string): Promise<void>;
}

export interface BoundaryReader {
  getManifest(setId: string): Promise<BoundaryManifest | undefined>;
  getTopology(manifest: BoundaryManifest): Promise<BoundaryTopology>;
}

export interface BoundaryWriter extends BoundaryReader {
  /** Stores topology first, manifest last: readers find a manifest only when its topology is there. */
  putBoundarySet(manifest: BoundaryManifest, topology: BoundaryTopology): Promise<void>;
}

/**
 * The manifests of datasets an operator added (`npm run dataset -- add`, or a manifest uploaded to the ingest
 * bucket), beside the bundled ones of `geodata/datasets/`. Each manifest is one JSON document written whole:
 * a reader gets the old manifest or the new, never a mix. Readers get copies. The registry says nothing
 * about what is published: the catalog does, and the operator's path writes the catalog last.
 */
export interface DatasetRegistry {
  /** Every registered manifest, ordered by id. */
  listManifests(): Promise<DatasetManifest[]>;
  getManifest(id: string): Promise<DatasetManifest | undefined>;
  /** Creates or replaces the manifest of `manifest.id`. */
  putManifest(manifest: DatasetManifest): Promise<void>;
  /** Idempotent: removing a manifest that is not there does nothing. */
  removeManifest(id: string): Promise<void>;
}

/** An object as read from an object store: its body streams in as it is consumed. */
export interface StoredObject {
  /** The bytes as they arrive; undefined for an object without a body. */
  body: AsyncIterable<Uint8Array> | undefined;
  /** Size in bytes when the store states it before the body is read. */
  size: number | undefined;
  /** The object's user metadata (S3 `x-amz-meta-*`). */
  metadata: Record<string, string>;
  /** Stops reading the body: a refused object is not downloaded. */
  discard(): void;
}

/** Files dropped for import and the reports written next to them (S3 `incoming/` in AWS). */
export interface ObjectStore {
  /** The object at `key`; fails (as S3 does) if there is none. */
  get(key: string): Promise<StoredObject>;
  put(key: string, body: string, contentType: string): Promise<void>;
}

/** A built offline pack (an MBTiles or PMTiles file) with the facts stored beside it. */
export interface StoredPack {
  bytes: Uint8Array;
  /** Facts about the build (S3 user metadata: lowercase keys, short ASCII values). */
  metadata: Record<string, string>;
}

/**
 * Built offline packs, one object per key (`packs/<dataset>/<round>/<dataVersion>.<format>` in the data
 * bucket). A key names a data version, so what is stored under it never goes stale; a pack is written whole
 * (a reader finds the complete file or none), and writing a key again stores the same tiles.
 */
export interface PackStore {
  /** The pack at `key`, or undefined when none is stored (any other failure throws). */
  get(key: string): Promise<StoredPack | undefined>;
  put(key: string, pack: StoredPack, contentType: string): Promise<void>;
}

/**
 * Context figures of other publishers per dataset (IDMC's national estimates), stored at seeding from the
 * files a manifest names (`core/context-figures.ts`): `context/<dataset>.json` in the data bucket.
 */
export interface ContextStore {
  /** The dataset's context, or undefined when none was stored. */
  getContext(dataset: string): Promise<DatasetContext | undefined>;
  putContext(context: DatasetContext): Promise<void>;
}
