import { el } from './dom.ts';
import { t } from './i18n.ts';

/** Copies text to the clipboard (the Clipboard API, else a selected text field and `execCommand`). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const field = el('textarea');
    field.value = text;
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
}

/** A copy button for a value; says "Copied" for a moment, also to screen readers (a status region). */
export function copyButton(source: () => string, what: string, label = t('copy')): HTMLButtonElement {
  const button = el('button', '', 'copy');
  button.type = 'button';
  // The accessible name must contain the visible text (WCAG 2.5.3): "Copy: …" names what a bare "Copy"
  // copies; a button with its own label ("Copy code") is named by that label alone.
  if (label === t('copy')) button.setAttribute('aria-label', t('copyLabel', { what }));
  const text = el('span', label);
  const status = el('span', '', 'sr-only');
  status.setAttribute('role', 'status');
  button.append(text, status);
  button.addEventListener('click', async () => {
    await copyText(source());
    text.textContent = t('copied');
    status.textContent = t('copied');
    setTimeout(() => {
      text.textContent = label;
      status.textContent = '';
    }, 2000);
  });
  return button;
}
