import { MESSAGES, type MessageKey } from './messages.ts';
import type { Lang } from './state.ts';

let current: Lang = 'en';

/** The page's language. */
export function lang(): Lang {
  return current;
}

/** The language a visitor's browser prefers among English and French (English otherwise). */
export function browserLang(): Lang {
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('fr')
    ? 'fr'
    : 'en';
}

/** A message in the page's language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[current][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * Switches the language: `<html lang>`, then every element of `root` marked `data-i18n` (text),
 * `data-i18n-label` (aria-label), `data-i18n-title` (title) or `data-i18n-placeholder` (placeholder).
 */
export function setLang(next: Lang, root: ParentNode = document): void {
  current = next;
  document.documentElement.lang = next;
  const apply = (attribute: string, set: (node: HTMLElement, text: string) => void) => {
    for (const node of root.querySelectorAll<HTMLElement>(`[${attribute}]`)) {
      set(node, t(node.getAttribute(attribute) as MessageKey));
    }
  };
  apply('data-i18n', (node, text) => {
    node.textContent = text;
  });
  apply('data-i18n-label', (node, text) => node.setAttribute('aria-label', text));
  apply('data-i18n-title', (node, text) => node.setAttribute('title', text));
  apply('data-i18n-placeholder', (node, text) => node.setAttribute('placeholder', text));
}
