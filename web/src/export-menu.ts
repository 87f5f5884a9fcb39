import type { Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { captureMap } from './export-capture.ts';
import { exportContent } from './export-content.ts';
import type { Orientation, Paper } from './export-pdf.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';

/** One choice of the Export dialog: a PNG at a pixel ratio, or a PDF page. */
type Choice =
  | { label: MessageKey; format: 'PNG'; ratio: 1 | 2; suffix: string }
  | { label: MessageKey; format: 'PDF'; paper: Paper; orientation: Orientation; suffix: string };

const IMAGES: Choice[] = [
  { label: 'exportPngScreen', format: 'PNG', ratio: 1, suffix: 'screen' },
  { label: 'exportPng2x', format: 'PNG', ratio: 2, suffix: '2x' },
];
const DOCUMENTS: Choice[] = [
  {
    label: 'exportPdfA4Landscape',
    format: 'PDF',
    paper: 'a4',
    orientation: 'landscape',
    suffix: 'a4-landscape',
  },
  {
    label: 'exportPdfA4Portrait',
    format: 'PDF',
    paper: 'a4',
    orientation: 'portrait',
    suffix: 'a4-portrait',
  },
  {
    label: 'exportPdfLetterLandscape',
    format: 'PDF',
    paper: 'letter',
    orientation: 'landscape',
    suffix: 'letter-landscape',
  },
  {
    label: 'exportPdfLetterPortrait',
    format: 'PDF',
    paper: 'letter',
    orientation: 'portrait',
    suffix: 'letter-portrait',
  },
];

/** "dtm-atlas-mli-72-idps_ind-adm2-ML05-a4-landscape.pdf": what, when and where, as the view has it. */
function fileName(atlas: Atlas, choice: Choice): string {
  const { indicator, area } = atlas.store.state;
  const parts = [
    'dtm-atlas',
    atlas.dataset.id,
    atlas.round.key,
    indicator,
    atlas.levelShown(),
    area,
    choice.suffix,
  ];
  const name = parts
    .filter(Boolean)
    .join('-')
    .replace(/[^\w.-]+/g, '_');
  return `${name}.${choice.format.toLowerCase()}`;
}

/** Renders a choice from the map as shown now. The renderers (and jsPDF) are loaded only when asked for. */
async function render(atlas: Atlas, choice: Choice): Promise<Blob> {
  const content = await exportContent(atlas);
  if (choice.format === 'PNG') {
    const { renderPng } = await import('./export-png.ts');
    return renderPng(content, await captureMap(atlas.map, choice.ratio), choice.ratio);
  }
  const { renderPdf } = await import('./export-pdf.ts');
  // Twice the screen's pixels: sharp on paper at the sizes an A4 or Letter page gives the map.
  return renderPdf(content, await captureMap(atlas.map, 2), choice.paper, choice.orientation);
}

/** Hands a file to the browser's download (a link inside the dialog: the page behind a modal is inert). */
function save(blob: Blob, name: string, inside: HTMLElement): void {
  const link = el('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  inside.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** The dialog's content in the page's language: a group of PNG choices, a group of PDF choices, a status. */
function fill(dialog: HTMLDialogElement, atlas: Atlas): void {
  const title = el('h2', t('exportTitle'));
  title.id = 'export-dialog-title';
  const status = el('p', '', 'export-status');
  status.setAttribute('role', 'status');
  const group = (legend: MessageKey, choices: Choice[]) => {
    const fieldset = el('fieldset', '', 'export-choices');
    fieldset.append(el('legend', t(legend)));
    for (const choice of choices) {
      const button = el('button', t(choice.label));
      button.type = 'button';
      button.addEventListener('click', () => void run(choice));
      fieldset.append(button);
    }
    return fieldset;
  };
  // Choices are marked busy rather than disabled: a disabled button would drop the focus out of the dialog,
  // and an Escape pressed meanwhile would then clear the selected area instead of closing the dialog.
  const run = async (choice: Choice) => {
    if (dialog.getAttribute('aria-busy') === 'true') return;
    dialog.setAttribute('aria-busy', 'true');
    status.textContent = t('exportWorking', { format: choice.format });
    try {
      save(await render(atlas, choice), fileName(atlas, choice), dialog);
      status.textContent = t('exportDone', { format: choice.format });
    } catch (error) {
      status.textContent = t('exportFailed', {
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      dialog.removeAttribute('aria-busy');
    }
  };
  const close = el('button', t('close'));
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  const actions = el('div', '', 'dialog-actions');
  actions.append(status, close);
  dialog.replaceChildren(
    title,
    el('p', t('exportIntro')),
    group('exportImage', IMAGES),
    group('exportDocument', DOCUMENTS),
    actions,
  );
}

/**
 * The "Export" button of the header and its dialog: PNG at screen size or 2×, PDF on A4 or Letter in either
 * orientation, each with the title, legend, scale bar, credits, caveat, disclaimer, date and link of the view.
 */
export function setupExport(atlas: Atlas): void {
  const button = byId<HTMLButtonElement>('export-button');
  const dialog = el('dialog', '', 'export-dialog');
  dialog.id = 'export-dialog';
  dialog.setAttribute('aria-labelledby', 'export-dialog-title');
  document.body.append(dialog);
  button.addEventListener('click', () => {
    fill(dialog, atlas);
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('.export-choices button')?.focus();
  });
  dialog.addEventListener('close', () => button.focus());
}
