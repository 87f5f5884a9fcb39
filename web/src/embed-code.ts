import { EMBED_SIZE, embedTitle as frameTitle } from '../../functions/core/embed-frame.ts';
import type { Atlas } from './atlas.ts';
import { copyButton } from './copy.ts';
import { byId } from './dom.ts';
import { t } from './i18n.ts';
import { formatHash } from './state.ts';

/** The embed page's address for the current view (its hash carries the state). */
export function embedUrl(atlas: Atlas): string {
  return `${location.origin}/embed/${formatHash({ ...atlas.store.state, table: false })}`;
}

/**
 * The iframe's title: what the map shows, for screen readers in the partner's page, in the embedded map's
 * language (the same words as oEmbed's).
 */
export function embedTitle(atlas: Atlas): string {
  return frameTitle(atlas.dataset.name, atlas.store.state.lang);
}

/**
 * Code a partner pastes: a responsive 16:10 box holding the iframe (the same markup the service's oEmbed
 * answer gives). Attribute values are escaped.
 */
export function embedCode(
  atlas: Atlas,
  width: number = EMBED_SIZE.width,
  height: number = EMBED_SIZE.height,
): string {
  const attr = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return (
    `<div style="position:relative;width:100%;max-width:${width}px;aspect-ratio:${width}/${height}">` +
    `<iframe src="${attr(embedUrl(atlas))}" title="${attr(embedTitle(atlas))}" loading="lazy" allow="fullscreen" ` +
    'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>'
  );
}

/** The "Embed" button and its dialog with the iframe code for the current view and a copy button. */
export function setupEmbedDialog(atlas: Atlas): void {
  const button = byId<HTMLButtonElement>('embed-button');
  const dialog = byId<HTMLDialogElement>('embed-dialog');
  const code = byId<HTMLTextAreaElement>('embed-code');
  const preview = byId<HTMLAnchorElement>('embed-preview');
  const copySlot = byId('embed-copy');
  button.addEventListener('click', () => {
    code.value = embedCode(atlas);
    preview.href = embedUrl(atlas);
    copySlot.replaceChildren(copyButton(() => code.value, t('embedTitle'), t('embedCopy')));
    dialog.showModal();
    code.focus();
    code.select();
  });
  byId('embed-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => button.focus());
}
