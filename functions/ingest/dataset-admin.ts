import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import {
  type BoundaryLevelSource,
  type BoundarySetSource,
  type DatasetManifest,
  datasetMeta,
  type FiguresLicence,
} from '../core/dataset-manifest.ts';
import { conflict, InputError, notFound } from '../core/errors.ts';
import type { AdminLevel } from '../core/types.ts';
import type { BoundaryWriter, CatalogWriter, DatasetRegistry } from '../store/ports.ts';
import { type AddDatasetRequest, addedManifest, boundarySetSource, checkRequest } from './dataset-request.ts';

/**
 * What the operator's path needs from `geodata/` (ingest may not import it; the entry points pass
 * `geodata/codab-fields.ts` and `geodata/prepare.ts`).
 */
export interface BoundaryPreparer {
  /** The level a boundary file describes, from its COD-AB field names; refuses a file that is not GeoJSON/TopoJSON. */
  detectLevel(file: string, bytes: Uint8Array, object: string | undefined): AdminLevel | undefined;
  /** Every check (P-codes, parents, rings, lon/lat), then the topology; nothing is stored. */
  prepare(
    source: BoundarySetSource,
    read: (file: string) => Promise<Uint8Array>,
  ): Promise<PreparedBoundarySet>;
}

export interface DatasetAdminDependencies {
  registry: DatasetRegistry;
  catalog: CatalogWriter;
  boundaries: BoundaryWriter;
  /** The datasets shipped with DTM Atlas (or `DTM_DATASETS_DIR`'s): their ids cannot be added or removed. */
  bundled: readonly DatasetManifest[];
  preparer: BoundaryPreparer;
  /** The terms of an added dataset's figures (DTM's, from the bundled manifests). */
  figuresLicence: FiguresLicence;
}

export interface AddedDataset {
  manifest: DatasetManifest;
  boundarySet: PreparedBoundarySet['manifest'];
}

/**
 * Adds a dataset: checks the request and every boundary file (nothing is stored if any check fails), then
 * writes the prepared boundary set, the manifest (registry) and, last, the catalog's dataset item. Readers
 * find a dataset through the catalog only, so a failure part-way leaves nothing visible; adding again then
 * completes it. `read` gives the bytes of a file named in the request.
 */
export async function addDataset(
  request: AddDatasetRequest,
  read: (file: string) => Promise<Uint8Array>,
  deps: DatasetAdminDependencies,
): Promise<AddedDataset> {
  checkRequest(request);
  await checkIdFree(request, deps);
  const bytes = new Map<string, Uint8Array>();
  for (const { file } of request.boundaries) bytes.set(file, await read(file));
  const levels = levelSources(request, bytes, deps.preparer);
  const draft = boundarySetSource(request, levels, []);
  const prepared = await deps.preparer.prepare(draft, async (file) => bytes.get(file) as Uint8Array);
  const set = boundarySetSource(request, levels, pcodesOf(prepared));
  const manifest = addedManifest(request, set, deps.figuresLicence);
  await deps.boundaries.putBoundarySet(prepared.manifest, prepared.topology);
  await deps.registry.putManifest(manifest);
  await deps.catalog.putDataset(datasetMeta(manifest));
  return { manifest, boundarySet: prepared.manifest };
}

/** Refuses an id that is bundled or published, and a boundary set id another dataset uses. */
async function checkIdFree(request: AddDatasetRequest, deps: DatasetAdminDependencies): Promise<void> {
  const { id } = request;
  if (deps.bundled.some((manifest) => manifest.id === id))
    throw conflict(`dataset ${id} is bundled with DTM Atlas (geodata/datasets); choose another id`);
  if (await deps.catalog.getDataset(id))
    throw conflict(`dataset ${id} exists; remove it first (npm run dataset -- remove ${id})`);
  const setId = request.boundarySet ?? `${id}-boundaries`;
  const others = [...deps.bundled, ...(await deps.registry.listManifests())].filter((m) => m.id !== id);
  const user = others.find((manifest) => manifest.boundarySets.some((set) => set.id === setId));
  if (user) throw conflict(`boundary set ${setId} belongs to dataset ${user.id}; name another one`);
}

/** Each file's level (given, else detected), with the set's language; two files of one level are refused. */
function levelSources(
  request: AddDatasetRequest,
  bytes: ReadonlyMap<string, Uint8Array>,
  preparer: BoundaryPreparer,
): BoundaryLevelSource[] {
  const byLevel = new Map<AdminLevel, string>();
  return request.boundaries.map(({ file, level: given, ...fields }) => {
    const level = given ?? preparer.detectLevel(file, bytes.get(file) as Uint8Array, fields.object);
    if (level === undefined) {
      throw new InputError(
        { file, field: 'ADM1_PCODE' },
        'no P-code field found: expected ADM1_PCODE, ADM2_PCODE or ADM3_PCODE (any case); give the level (--boundaries adm1=FILE) and the field (--pcode-field adm1=FIELD)',
      );
    }
    const other = byLevel.get(level);
    if (other !== undefined)
      throw new InputError({ file }, `is adm${level}, as ${other} is: give one file per level`);
    byLevel.set(level, file);
    return {
      level,
      file,
      ...definedOnly(fields),
      ...(request.language ? { language: request.language } : {}),
    };
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every P-code of a prepared set, all levels. */
function pcodesOf(prepared: PreparedBoundarySet): string[] {
  return Object.values(prepared.topology.objects).flatMap((object) =>
    object.geometries.map((geometry) => (geometry.properties as { pcode?: string } | undefined)?.pcode ?? ''),
  );
}

/**
 * Removes an added dataset: refused while it has published rounds unless `force`; then the catalog's items
 * (it disappears at once) and the manifest. The boundary set stays in the store: nothing draws it any more.
 */
export async function removeDataset(
  id: string,
  options: { force: boolean },
  deps: Pick<DatasetAdminDependencies, 'registry' | 'catalog' | 'bundled'>,
): Promise<{ rounds: number }> {
  if (deps.bundled.some((manifest) => manifest.id === id))
    throw conflict(`dataset ${id} is bundled with DTM Atlas and seeded at every start; it cannot be removed`);
  const [manifest, meta] = await Promise.all([deps.registry.getManifest(id), deps.catalog.getDataset(id)]);
  if (!manifest && !meta) throw notFound(`no dataset ${id}`);
  const rounds = await deps.catalog.listRounds(id);
  if (rounds.length > 0 && !options.force) {
    const keys = rounds.map((round) => round.key).join(', ');
    throw conflict(
      `dataset ${id} has ${rounds.length} published round(s) (${keys}); remove --force removes them too`,
    );
  }
  await deps.catalog.removeDataset(id);
  await deps.registry.removeManifest(id);
  return { rounds: rounds.length };
}

export interface ListedDataset {
  id: string;
  name: string;
  country: string;
  operation?: string;
  origin: 'bundled' | 'added';
  /** In the catalog (served); false for an add that stopped before its last write. */
  published: boolean;
  rounds: string[];
}

/** Every dataset, bundled and added, with what the catalog publishes of it. */
export async function listDatasets(
  deps: Pick<DatasetAdminDependencies, 'registry' | 'catalog' | 'bundled'>,
): Promise<ListedDataset[]> {
  const added = await deps.registry.listManifests();
  const all = [
    ...deps.bundled.map((manifest) => ({ manifest, origin: 'bundled' as const })),
    ...added.map((manifest) => ({ manifest, origin: 'added' as const })),
  ];
  return Promise.all(
    all.map(async ({ manifest, origin }) => ({
      id: manifest.id,
      name: manifest.name,
      country: manifest.country,
      ...(manifest.operation ? { operation: manifest.operation } : {}),
      origin,
      published: (await deps.catalog.getDataset(manifest.id)) !== undefined,
      rounds: (await deps.catalog.listRounds(manifest.id)).map((round) => round.key),
    })),
  );
}
