import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import { lookUpOperation, parseOperationList } from '../core/operation-list.ts';
import type { DatasetMeta } from '../core/types.ts';
import { decodeText } from './decode-text.ts';

/** The title an operation list is credited under in `operationStatusSource`. */
export const OPERATION_LIST_TITLE = 'DTM API v3 operation list';

/**
 * The dataset's operation status, source and country name from the operation list its manifest names
 * (`operationList`), read with `read` (a path relative to the data folder). Nothing when the manifest names
 * no list. An operation the list lacks leaves the status out (unknown) and says so in `note`.
 */
export async function readOperationStatus(
  manifest: DatasetManifest,
  read: (file: string) => Promise<Uint8Array>,
): Promise<{ meta: Partial<DatasetMeta>; note: string } | undefined> {
  const list = manifest.operationList;
  if (!list) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(decodeText(await read(list.file)));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new InputError({ file: list.file }, `not valid JSON (${error.message})`);
  }
  const found = lookUpOperation(
    parseOperationList(document, list.file),
    manifest.country,
    manifest.operation,
  );
  const source = {
    title: OPERATION_LIST_TITLE,
    ...(list.url ? { url: list.url } : {}),
    ...(list.asOf ? { asOf: list.asOf } : {}),
  };
  const meta: Partial<DatasetMeta> = {
    operationStatusSource: source,
    ...(found.status ? { operationStatus: found.status } : {}),
    ...(found.countryName ? { countryName: found.countryName } : {}),
  };
  const what = `${manifest.id}: operation "${manifest.operation ?? '(none named)'}" in ${manifest.country}`;
  const note = found.status
    ? `${what} is ${found.status} (${list.file})`
    : `${what}: ${found.found ? 'status not Active/Inactive' : 'not in'} the operation list (${list.file}); status unknown`;
  return { meta, note };
}
