import type { CountryDataset, CountryGroup } from './api-types.ts';
import type { DatasetMeta } from './types.ts';

/**
 * The datasets grouped by country (`countries` in `/api/v1/datasets` and `/tiles`): one group per ISO3 code,
 * named as DTM's lists name the country (else by its code: never guessed from a dataset's name), groups
 * sorted by name, datasets in the order given. Each dataset says its operation and whether DTM still runs
 * it; `unknown` when no operation list had it.
 */
export function groupByCountry(datasets: readonly DatasetMeta[]): CountryGroup[] {
  const groups = new Map<string, CountryGroup>();
  for (const dataset of datasets) {
    const code = dataset.country.trim().toUpperCase();
    let group = groups.get(code);
    if (!group) {
      group = { country: code, name: dataset.countryName ?? code, datasets: [] };
      groups.set(code, group);
    }
    if (!group.iso2 && dataset.iso2) group.iso2 = dataset.iso2;
    // Datasets stored at different times may disagree; a name from a list wins over the bare code.
    if (group.name === code && dataset.countryName) group.name = dataset.countryName;
    group.datasets.push(countryDataset(dataset));
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** A dataset as its country group lists it. */
export function countryDataset(dataset: DatasetMeta): CountryDataset {
  return {
    id: dataset.id,
    name: dataset.name,
    ...(dataset.operation !== undefined ? { operation: dataset.operation } : {}),
    operationStatus: dataset.operationStatus ?? 'unknown',
  };
}
