import { el } from './dom.ts';
import { t } from './i18n.ts';

/**
 * The handle of the area panel where the phone shows it as a bottom sheet (style.css hides it elsewhere): a
 * button (`aria-expanded`) that folds the sheet to its title and unfolds it, so the trend, its note and the
 * table below can be read without losing the selection. Returns what the panel calls after each render: it
 * puts the handle back first in the panel, and unfolds the sheet for an area newly selected.
 */
export function sheetHandle(panel: HTMLElement): (pcode: string) => void {
  let shown: string | undefined;
  const button = el('button', '', 'sheet-handle') as HTMLButtonElement;
  button.type = 'button';
  button.setAttribute('aria-controls', panel.id);
  const set = (folded: boolean) => {
    panel.toggleAttribute('data-folded', folded);
    button.setAttribute('aria-expanded', String(!folded));
  };
  button.addEventListener('click', () => set(!panel.hasAttribute('data-folded')));
  return (pcode) => {
    // A new selection opens with its figures; the same area redrawn (another round, language) keeps its fold.
    if (pcode !== shown) set(false);
    shown = pcode;
    button.textContent = t('panelSheetHandle');
    panel.prepend(button);
  };
}
