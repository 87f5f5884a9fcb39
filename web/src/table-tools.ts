import { el } from './dom.ts';
import { t } from './i18n.ts';

/** What the bar above the table shows after a drawing. */
export interface ToolsState {
  /** Name of the area the rows are inside, if the selection filters them. */
  within?: string;
  noDataOnly: boolean;
  /** The CSV of what the table shows, and its file name. */
  csv: string;
  fileName: string;
  /** What the live region says (rows shown, sort). */
  status: string;
}

/** The bar above the table: the area filter chip, the "no data only" box, the download, the sort status. */
export interface TableTools {
  element: HTMLElement;
  update(state: ToolsState): void;
}

/**
 * Builds the bar once (so the checkbox keeps its focus while the table is redrawn): `onNoDataOnly` when the
 * box is ticked or unticked, `onClear` when the area filter's "clear" is pressed.
 */
export function tableTools(onNoDataOnly: (checked: boolean) => void, onClear: () => void): TableTools {
  const element = el('div', '', 'table-tools');
  const chip = el('p', '', 'table-chip');
  const label = el('label', '', 'check');
  const box = el('input');
  box.type = 'checkbox';
  box.id = 'table-no-data';
  const boxText = el('span');
  label.append(box, ' ', boxText);
  box.addEventListener('change', () => onNoDataOnly(box.checked));
  const link = el('a', '', 'table-download');
  link.id = 'table-download';
  const status = el('p', '', 'sr-only');
  status.setAttribute('role', 'status');
  element.append(chip, label, link, status);
  let blobUrl = '';
  return {
    element,
    update(state) {
      chip.hidden = state.within === undefined;
      chip.replaceChildren();
      if (state.within !== undefined) chip.append(...chipParts(state.within, onClear, box));
      box.checked = state.noDataOnly;
      boxText.textContent = t('tableNoDataOnly');
      label.title = t('tableNoDataOnlyHint');
      // A new file for every drawing: the link always downloads what is shown now.
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = URL.createObjectURL(new Blob([state.csv], { type: 'text/csv;charset=utf-8' }));
      link.href = blobUrl;
      link.download = state.fileName;
      link.textContent = t('tableDownload');
      link.title = t('tableDownloadHint');
      if (status.textContent !== state.status) status.textContent = state.status;
    },
  };
}

function chipParts(area: string, onClear: () => void, next: HTMLElement): Node[] {
  const clear = el('button', t('tableWithinClear'), 'link');
  clear.type = 'button';
  clear.setAttribute('aria-label', t('tableWithinClearLabel', { area }));
  clear.addEventListener('click', () => {
    onClear();
    // The chip goes away with the filter: focus moves to the next control rather than to the page's top.
    next.focus();
  });
  return [document.createTextNode(`${t('tableWithin', { area })} — `), clear];
}
