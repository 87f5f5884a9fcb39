import { InputError } from '../core/errors.ts';
import type { AdminLevel } from '../core/types.ts';
import type { ObjectStore } from '../store/ports.ts';
import { addDataset, type DatasetAdminDependencies } from './dataset-admin.ts';
import type { AddDatasetRequest, BoundaryFileRequest } from './dataset-request.ts';

/**
 * Where dataset manifests are uploaded, below the ingest prefix: `incoming/datasets/<id>/manifest.json`, with
 * the boundary files it names beside it (`incoming/datasets/<id>/<file>`). The boundary files go up first:
 * the manifest is what triggers the add. "datasets" is therefore not a dataset id.
 */
export const DATASET_UPLOADS = 'incoming/datasets/';
export const UPLOAD_MANIFEST = 'manifest.json';
/** A boundary file bigger than this is refused before it is read (COD-AB adm3 files run to tens of MB). */
export const MAX_BOUNDARY_BYTES = 200 * 1024 * 1024;

/** The dataset id of an upload manifest key, or undefined for any other key (a boundary file, a report). */
export function uploadedManifestId(key: string): string | undefined {
  if (!key.startsWith(DATASET_UPLOADS)) return undefined;
  const [id, name, ...rest] = key.slice(DATASET_UPLOADS.length).split('/');
  return id && name === UPLOAD_MANIFEST && rest.length === 0 ? id : undefined;
}

/**
 * Adds the dataset an uploaded manifest describes, through the same `addDataset` as `npm run dataset -- add`.
 * Its boundary files are read from the manifest's folder; a name leaving the folder is refused.
 */
export async function addUploadedDataset(
  objects: ObjectStore,
  key: string,
  id: string,
  deps: DatasetAdminDependencies,
) {
  const text = new TextDecoder().decode(await readObject(objects, key, 1024 * 1024));
  const request = parseUploadManifest(text, key, id);
  const folder = `${DATASET_UPLOADS}${id}/`;
  const read = async (file: string) => readObject(objects, `${folder}${file}`, MAX_BOUNDARY_BYTES, file);
  return addDataset(request, read, deps);
}

async function readObject(objects: ObjectStore, key: string, limit: number, name = key): Promise<Uint8Array> {
  const object = await objects.get(key).catch((error: Error) => {
    // A missing file is the manifest's fault; any other failure may pass on S3's retry.
    if (error.name !== 'NoSuchKey') throw error;
    throw new InputError({ file: name }, `cannot read ${key} (no such object)`);
  });
  if ((object.size ?? 0) > limit) {
    object.discard();
    throw new InputError({ file: name }, `${object.size} bytes is over the ${limit}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of object.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) {
      object.discard();
      throw new InputError({ file: name }, `over the ${limit}-byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const TEXT_FIELDS = [
  'country',
  'iso2',
  'name',
  'operation',
  'boundarySet',
  'language',
  'title',
  'attribution',
  'licence',
  'figuresCredit',
  'codePattern',
] as const;

/**
 * The add request an uploaded manifest makes: the same members as `AddDatasetRequest` (docs/deploy.md), the
 * id taken from its folder. Errors name the manifest and the member.
 */
export function parseUploadManifest(text: string, file: string, id: string): AddDatasetRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError({ file }, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError({ file }, 'expected a JSON object');
  const value = parsed as Record<string, unknown>;
  if (value.id !== undefined && value.id !== id)
    throw new InputError({ file, field: 'id' }, `says "${String(value.id)}" but the folder is ${id}`);
  const request: Record<string, unknown> = { id };
  for (const field of TEXT_FIELDS) {
    const member = value[field];
    if (member === undefined) continue;
    if (typeof member !== 'string') throw new InputError({ file, field }, 'expected a string');
    request[field] = member;
  }
  for (const field of ['country', 'name'] as const)
    if (request[field] === undefined) throw new InputError({ file, field }, 'missing');
  request.boundaries = boundaryList(value.boundaries, file);
  if (value.levelNames !== undefined) request.levelNames = stringMap(value.levelNames, file, 'levelNames');
  if (value.codeRules !== undefined) request.codeRules = codeRules(value.codeRules, file);
  return request as unknown as AddDatasetRequest;
}

function boundaryList(value: unknown, file: string): BoundaryFileRequest[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InputError({ file, field: 'boundaries' }, 'expected a list of boundary files');
  return value.map((entry, i) => {
    const field = `boundaries[${i}]`;
    const given = typeof entry === 'string' ? { file: entry } : entry;
    if (typeof given !== 'object' || given === null || typeof given.file !== 'string')
      throw new InputError({ file, field }, 'expected a file name or { "file": …, "level": … }');
    const name = given.file as string;
    // Files are read beside the manifest only.
    if (name === '' || name.startsWith('/') || name.split('/').some((part) => part === '..' || part === ''))
      throw new InputError({ file, field }, `"${name}" is not a file name inside the manifest's folder`);
    const { level, ...rest } = given as Record<string, unknown>;
    if (level !== undefined && level !== 1 && level !== 2 && level !== 3)
      throw new InputError({ file, field: `${field}.level` }, 'expected 1, 2 or 3');
    const fields = stringMap(rest, file, field);
    return { ...fields, file: name, ...(level === undefined ? {} : { level: level as AdminLevel }) };
  });
}

function stringMap(value: unknown, file: string, field: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError({ file, field }, 'expected an object of strings');
  for (const [key, member] of Object.entries(value))
    if (typeof member !== 'string')
      throw new InputError({ file, field: `${field}.${key}` }, 'expected a string');
  return value as Record<string, string>;
}

function codeRules(value: unknown, file: string): Array<{ pattern: string; replacement: string }> {
  if (!Array.isArray(value)) throw new InputError({ file, field: 'codeRules' }, 'expected a list');
  return value.map((rule, i) => {
    const { pattern, replacement } = stringMap(rule, file, `codeRules[${i}]`);
    if (pattern === undefined || replacement === undefined)
      throw new InputError({ file, field: `codeRules[${i}]` }, 'expected { "pattern": …, "replacement": … }');
    return { pattern, replacement };
  });
}
