import { LATEST, urls as routeUrls } from '../../functions/core/routes.ts';
import { absolute, getJson, type Level, type Round, type TileJson, urls } from './api.ts';
import type { Atlas } from './atlas.ts';
import { copyButton } from './copy.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import { offlinePackGroup } from './offline-pack.ts';
import { creditText, licenceNote, pt } from './provenance.ts';
import { reasonScope } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';

/**
 * Downloads for the round shown at the level shown (CSV with its HXL hashtag row, GeoJSON of the joined areas)
 * with the round's credit line and what the files carry, the "Data licence" note, and the "For GIS" panel with
 * copy buttons: the round pinned to its data version (XYZ template, TileJSON, MapLibre style URL), and what
 * follows the latest round (XYZ template, the QGIS connection file whose first connection does the same).
 */
export function setupDownloads(container: HTMLElement, atlas: Atlas): void {
  let drawn = '';
  const render = async () => {
    const level = atlas.levelShown();
    const round = atlas.round;
    const { lang, indicator } = atlas.store.state;
    const key = `${round.key}|${level}|${lang}|${indicator}`;
    if (key === drawn) return;
    drawn = key;
    const id = atlas.dataset.id;
    const tileJsonUrl = absolute(urls.tileJson(id, round.key));
    const tileJson = await getJson<TileJson>(urls.tileJson(id, round.key)).catch(() => undefined);
    if (drawn !== key) return;
    const scope = `${t('downloadScope', { level: atlas.levelName(level), round: roundLabel(round) })}${reasonScope(indicator, round)}`;
    const files = fileList(id, round, level, scope);
    const gis = gisPanel(atlas, tileJson, tileJsonUrl);
    gis.open = container.querySelector<HTMLDetailsElement>('details.gis:not(.data-licence)')?.open ?? false;
    const licence = licenceNote(round);
    licence.open = container.querySelector<HTMLDetailsElement>('details.data-licence')?.open ?? false;
    const credit = el('p', pt('credit', { credit: creditText(round) }), 'source credit');
    const carried = el('p', pt('carried'), 'source');
    container.replaceChildren(el('h2', t('downloadsTitle')), files, credit, carried, gis, licence);
  };
  atlas.onUpdate(() => void render());
  void render();
}

/** The round's files at the level shown: CSV, GeoJSON, XLSX (issue 16) and the data package describing them. */
function fileList(id: string, round: Round, level: Level, scope: string): HTMLElement {
  const files = el('ul', '', 'files');
  files.append(
    fileLink(
      urls.figuresCsv(id, round.key, level),
      t('downloadCsv'),
      scope,
      `dtm-${id}-${round.key}-${level}.csv`,
    ),
    fileLink(
      urls.figuresGeoJson(id, round.key, level),
      t('downloadGeoJson'),
      scope,
      `dtm-${id}-${round.key}-${level}.geojson`,
    ),
    fileLink(
      routeUrls.figuresXlsx('', id, round.key, level),
      t('downloadXlsx'),
      scope,
      `dtm-${id}-${round.key}-${level}.xlsx`,
    ),
    fileLink(
      routeUrls.datapackage('', id, round.key),
      t('downloadDatapackage'),
      t('downloadDatapackageScope', { round: roundLabel(round) }),
      `dtm-${id}-${round.key}-datapackage.json`,
    ),
  );
  return files;
}

/** The For-GIS panel: the round pinned to its data version, what follows the latest round, the offline pack. */
function gisPanel(atlas: Atlas, tileJson: TileJson | undefined, tileJsonUrl: string): HTMLDetailsElement {
  const { id } = atlas.dataset;
  const round = atlas.round;
  const { lang, indicator } = atlas.store.state;
  const gis = el('details', '', 'gis');
  gis.append(el('summary', t('gisTitle')));
  gis.append(
    gisGroup(
      'gisPinned',
      'gisPinnedHint',
      copyField('gisXyzPinned', tileJson?.tiles[0] ?? ''),
      copyField('gisTileJson', tileJsonUrl),
      copyField('gisStyle', absolute(urls.style(id, round.key, indicator, lang))),
    ),
    gisGroup(
      'gisLatest',
      'gisLatestHint',
      // Not through URL(): it would escape the template's braces.
      copyField('gisXyzLatest', `${location.origin}${routeUrls.tileTemplate('', id, LATEST)}`),
      qgisField(absolute(urls.qgis(id))),
    ),
    offlinePackGroup(id, round.key, gis),
  );
  return gis;
}

function fileLink(href: string, label: string, scope: string, filename: string): HTMLElement {
  const li = el('li');
  const link = el('a', label);
  link.href = href;
  link.download = filename;
  li.append(link, el('span', ` · ${scope}`, 'muted'));
  return li;
}

/** A labelled group of the GIS panel: a heading, what its addresses do over time, then the fields. */
function gisGroup(headingKey: MessageKey, hintKey: MessageKey, ...fields: HTMLElement[]): HTMLElement {
  const group = el('section', '', 'gis-group');
  const heading = el('h3', t(headingKey));
  heading.id = `gis-group-${++fieldCount}`;
  group.setAttribute('aria-labelledby', heading.id);
  group.append(heading, el('p', t(hintKey), 'muted'), ...fields);
  return group;
}

let fieldCount = 0;

function copyField(labelKey: MessageKey, value: string): HTMLElement {
  const id = `gis-field-${++fieldCount}`;
  const wrapper = el('div', '', 'copy-field');
  const label = el('label', t(labelKey));
  label.htmlFor = id;
  const input = el('input');
  input.id = id;
  input.readOnly = true;
  input.value = value;
  input.addEventListener('focus', () => input.select());
  const row = el('div', '', 'copy-row');
  row.append(
    input,
    copyButton(() => input.value, t(labelKey)),
  );
  wrapper.append(label, row);
  return wrapper;
}

function qgisField(url: string): HTMLElement {
  const wrapper = copyField('gisQgis', url);
  const link = el('a', url.split('/').pop() ?? '');
  link.href = url;
  link.download = url.split('/').pop() ?? 'connections.xml';
  wrapper.append(el('p', t('gisQgisHint'), 'muted'));
  wrapper.querySelector('label')?.after(' ', link);
  return wrapper;
}
