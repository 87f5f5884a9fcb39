const formatters = new Map<string, Intl.NumberFormat>();

/** Formats a count for the page's language (401,736 in English; 401 736 in French). */
export function formatCount(value: number, lang = document.documentElement.lang || 'en'): string {
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
    formatters.set(lang, formatter);
  }
  return formatter.format(value);
}

/** Escapes text for insertion into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
