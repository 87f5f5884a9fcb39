import { lookUpOperation, parseOperationList } from '../core/operation-list.ts';
import type { DatasetMeta } from '../core/types.ts';
import { OPERATION_LIST_TITLE } from '../ingest/operation-status.ts';
import type { CatalogWriter } from '../store/ports.ts';
import type { ApiRecord } from './responses.ts';

/**
 * Keeps the dataset's operation status (Active / Inactive, shown in the catalog) as the live operation list
 * says, credited to the request it came from (`request`: the method and URL, without the key) and the day it was read.
 * A dataset not in the catalog yet is left alone (it gets its status at the next run); an unchanged status
 * is not rewritten.
 */
export async function refreshOperationStatus(
  datasetId: string,
  catalog: CatalogWriter,
  list: { request: string; records: readonly ApiRecord[] },
  today: string,
): Promise<DatasetMeta | undefined> {
  const current = await catalog.getDataset(datasetId);
  if (!current) return undefined;
  const found = lookUpOperation(
    parseOperationList({ result: list.records }, list.request),
    current.country,
    current.operation,
  );
  const next: DatasetMeta = {
    ...current,
    // `request` reads "GET <url>" (the key is never in it): the source is the URL.
    operationStatusSource: {
      title: OPERATION_LIST_TITLE,
      url: list.request.replace(/^[A-Z]+ /, ''),
      asOf: today,
    },
    ...(found.countryName ? { countryName: found.countryName } : {}),
  };
  if (found.status) next.operationStatus = found.status;
  else delete next.operationStatus;
  if (
    current.operationStatus === next.operationStatus &&
    current.countryName === next.countryName &&
    current.operationStatusSource?.asOf === today
  )
    return current;
  await catalog.putDataset(next);
  return next;
}
