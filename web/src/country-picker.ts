import { type Dataset, getJson, urls } from './api.ts';
import type { Atlas } from './atlas.ts';
import { countryName } from './country-name.ts';
import { resumeAfterSwitch } from './dataset-switch.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';
import { type AtlasState, formatHash } from './state.ts';

/** A dataset as the catalog lists it, with the DTM operation it is (when the catalog says). */
export interface CatalogDataset extends Omit<Dataset, 'operationStatus'> {
  operation?: string;
  /** `Active` or `Inactive` as DTM's operation list says; `unknown` (or absent) when no list says. */
  operationStatus?: string;
}

/** `GET /api/v1/datasets`: the flat list, and (newer services) the same datasets grouped by country. */
export interface CatalogResponse {
  datasets: CatalogDataset[];
  countries?: Array<{
    country: string;
    name?: string;
    iso2?: string;
    datasets: Array<string | Partial<CatalogDataset>>;
  }>;
}

/** One country of the picker and its datasets, in catalog order. */
export interface CountryGroup {
  country: string;
  /** As the catalog names it: DTM's list's name, else the ISO3 code (`countryName` words it per language). */
  name: string;
  /** ISO 3166-1 alpha-2, where the dataset's manifest gives it. */
  iso2?: string;
  datasets: CatalogDataset[];
}

/**
 * The datasets grouped by country: the catalog's `countries` when it has them (entries naming a dataset by id
 * or carrying it), else the flat list grouped by each dataset's `country`, countries in order of first mention.
 */
export function groupByCountry(catalog: CatalogResponse): CountryGroup[] {
  const byId = new Map(catalog.datasets.map((dataset) => [dataset.id, dataset]));
  if (catalog.countries && catalog.countries.length > 0) {
    return catalog.countries.map((entry) => {
      const datasets = entry.datasets.flatMap((item) => {
        const id = typeof item === 'string' ? item : item.id;
        const known = id === undefined ? undefined : byId.get(id);
        if (!known) return [];
        return [typeof item === 'string' ? known : ({ ...known, ...item } as CatalogDataset)];
      });
      const iso2 = entry.iso2 ?? datasets.find((dataset) => dataset.iso2)?.iso2;
      const name = entry.name ?? entry.country;
      return { country: entry.country, name, ...(iso2 ? { iso2 } : {}), datasets };
    });
  }
  const groups = new Map<string, CountryGroup>();
  for (const dataset of catalog.datasets) {
    let group = groups.get(dataset.country);
    if (!group) {
      group = { country: dataset.country, name: dataset.countryName ?? dataset.country, datasets: [] };
      if (dataset.iso2) group.iso2 = dataset.iso2;
      groups.set(dataset.country, group);
    }
    group.datasets.push(dataset);
  }
  return [...groups.values()];
}

/** Whether DTM lists the dataset's operation as inactive. */
export function inactive(dataset: CatalogDataset): boolean {
  return dataset.operationStatus?.trim().toLowerCase() === 'inactive';
}

/** The option's words: the operation (or the dataset's name), marked when the operation is inactive. */
function optionText(dataset: CatalogDataset): string {
  const label = dataset.operation ?? dataset.name;
  return inactive(dataset) ? t('datasetInactive', { operation: label }) : label;
}

/**
 * The country picker: a native select (keyboard and screen readers work as usual) with one group per country
 * and one option per dataset (the DTM operation, "inactive" when DTM says so). Choosing a dataset opens it
 * with the page's indicator, language and level, on its latest round and fitted to its country.
 */
export async function setupCountryPicker(select: HTMLSelectElement, atlas: Atlas): Promise<void> {
  const groups = groupByCountry(await getJson<CatalogResponse>(urls.datasets()));
  let drawn = '';
  const render = () => {
    const { lang } = atlas.store.state;
    if (drawn === lang) return;
    drawn = lang;
    // Named and sorted in the page's language ("Haïti" before "Mali" in French).
    const named = groups.map((group) => ({ group, label: countryName(group, lang) }));
    named.sort((a, b) => a.label.localeCompare(b.label, lang));
    select.replaceChildren(
      ...named.map(({ group, label }) => {
        const optgroup = el('optgroup');
        optgroup.label = label;
        for (const dataset of group.datasets) {
          const option = el('option', optionText(dataset));
          option.value = dataset.id;
          if (inactive(dataset)) option.dataset.inactive = 'true';
          optgroup.append(option);
        }
        return optgroup;
      }),
    );
    select.value = atlas.dataset.id;
  };
  commitOnChoice(select, (id) => {
    if (id !== atlas.dataset.id) location.hash = datasetHash(atlas.store.state, id);
  });
  atlas.onUpdate(render);
  render();
  // Opened by a switch of dataset: focus back on the picker (or what had it), the page where it was.
  resumeAfterSwitch();
}

/** Keys that change a closed select's value in place (Chromium fires `change` at each): arrows, letters. */
const BROWSING_KEYS = /^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down)|[^ ])$/u;

/**
 * Calls `commit` when the user has chosen: at once for a pick with the pointer or from the open list, but
 * for arrow keys on the closed select only on Enter or on leaving it, so a keyboard user can browse the
 * options without each one loading another country (WCAG 3.2.2, on input).
 */
function commitOnChoice(select: HTMLSelectElement, commit: (value: string) => void): void {
  let browsing = false;
  select.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && browsing) {
      browsing = false;
      commit(select.value);
    } else if (!event.altKey && BROWSING_KEYS.test(event.key)) browsing = true;
  });
  select.addEventListener('change', () => {
    if (!browsing) commit(select.value);
  });
  select.addEventListener('blur', () => {
    if (!browsing) return;
    browsing = false;
    commit(select.value);
  });
  select.addEventListener('pointerdown', () => {
    browsing = false;
  });
}

/**
 * The hash that opens another dataset: its rounds, areas and extent are its own, so round, area and view are
 * left out (the page then starts on the latest round, fitted to the country's boundaries).
 */
export function datasetHash(state: AtlasState, dataset: string): string {
  return formatHash({
    indicator: state.indicator,
    level: state.level,
    lang: state.lang,
    table: state.table,
    dataset,
  });
}
