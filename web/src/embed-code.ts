import { embedTitle as frameTitle } from '../../functions/core/embed-frame.ts';
import type { Atlas } from './atlas.ts';
import { copyButton } from './copy.ts';
import { byId, el } from './dom.ts';
import {
  type BuilderChoices,
  builderCode,
  builderEmbedUrl,
  builderOembedUrl,
  choiceRatio,
  SIZE_PRESETS,
  type SizePreset,
} from './embed-url.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import type { Lang } from './state.ts';

/**
 * The iframe's title: what the map shows, for screen readers in the partner's page, in the embedded map's
 * language (the same words as oEmbed's).
 */
export function embedTitle(atlas: Atlas, lang: Lang = atlas.store.state.lang): string {
  return frameTitle(atlas.dataset.name, lang);
}

/** The builder's starting choice: the default embed (16:10, everything free, the view on screen). */
function defaultChoices(atlas: Atlas): BuilderChoices {
  return {
    size: '16:10',
    fixed: { width: 640, height: 480 },
    lang: atlas.store.state.lang,
    lockRound: false,
    lockIndicator: false,
    view: 'shown',
    legend: 'open',
    controls: true,
  };
}

type Field = HTMLSelectElement | HTMLInputElement;

/** A labelled native control (select or input) in the builder's form. */
function field(label: MessageKey, control: Field, className = ''): HTMLLabelElement {
  const wrap = el('label', '', className);
  const text = el('span', t(label));
  if (control instanceof HTMLInputElement && control.type === 'checkbox') wrap.append(control, text);
  else wrap.append(text, control);
  return wrap;
}

function select(name: string, options: Array<[string, string]>): HTMLSelectElement {
  const node = el('select');
  node.name = name;
  for (const [value, label] of options) {
    const option = el('option', label);
    option.value = value;
    node.append(option);
  }
  return node;
}

function input(name: string, type: 'checkbox' | 'number'): HTMLInputElement {
  const node = el('input');
  node.name = name;
  node.type = type;
  if (type === 'number') Object.assign(node, { min: '200', max: '2000', step: '10' });
  return node;
}

/** The builder's form: one native control per choice (keyboard and screen readers work as usual). */
function builderForm() {
  const sizeLabel = (preset: SizePreset) =>
    preset === 'fixed' ? t('builderSizeFixed') : t('builderSizeResponsive', { ratio: preset });
  const controls = {
    size: select(
      'size',
      SIZE_PRESETS.map((preset) => [preset, sizeLabel(preset)]),
    ),
    width: input('width', 'number'),
    height: input('height', 'number'),
    lang: select('lang', [
      ['en', 'English'],
      ['fr', 'Français'],
    ]),
    lockRound: input('lock-round', 'checkbox'),
    lockIndicator: input('lock-indicator', 'checkbox'),
    view: select('view', [
      ['shown', t('builderViewShown')],
      ['area', t('builderViewArea')],
      ['country', t('builderViewCountry')],
    ]),
    legend: select('legend', [
      ['open', t('builderLegendOpen')],
      ['collapsed', t('builderLegendCollapsed')],
    ]),
    showControls: input('controls', 'checkbox'),
  };
  const form = el('fieldset', '', 'embed-options');
  form.id = 'embed-options';
  form.append(
    el('legend', t('builderOptions')),
    field('builderSize', controls.size),
    field('builderWidth', controls.width, 'fixed-size'),
    field('builderHeight', controls.height, 'fixed-size'),
    field('builderLang', controls.lang),
    field('builderView', controls.view),
    field('builderLegend', controls.legend),
    field('builderLockRound', controls.lockRound, 'check'),
    field('builderLockIndicator', controls.lockIndicator, 'check'),
    field('builderControls', controls.showControls, 'check'),
  );
  return { form, controls };
}

type Controls = ReturnType<typeof builderForm>['controls'];

/** Shows a choice in the form. */
function showChoices(controls: Controls, choices: BuilderChoices, hasArea: boolean): void {
  controls.size.value = choices.size;
  controls.width.value = String(choices.fixed.width);
  controls.height.value = String(choices.fixed.height);
  controls.lang.value = choices.lang;
  controls.lockRound.checked = choices.lockRound;
  controls.lockIndicator.checked = choices.lockIndicator;
  controls.view.value = choices.view;
  const areaOption = controls.view.querySelector<HTMLOptionElement>('option[value="area"]');
  if (areaOption) areaOption.disabled = !hasArea;
  controls.legend.value = choices.legend;
  controls.showControls.checked = choices.controls;
}

/** Reads the form's choice (a fixed size within 200–2000 px). */
function readChoices(controls: Controls, previous: BuilderChoices): BuilderChoices {
  const px = (node: HTMLInputElement, fallback: number) => {
    const value = Math.round(Number(node.value));
    return Number.isFinite(value) && value >= 200 && value <= 2000 ? value : fallback;
  };
  return {
    size: controls.size.value as SizePreset,
    fixed: {
      width: px(controls.width, previous.fixed.width),
      height: px(controls.height, previous.fixed.height),
    },
    lang: controls.lang.value === 'fr' ? 'fr' : 'en',
    lockRound: controls.lockRound.checked,
    lockIndicator: controls.lockIndicator.checked,
    view: controls.view.value as BuilderChoices['view'],
    legend: controls.legend.value === 'collapsed' ? 'collapsed' : 'open',
    controls: controls.showControls.checked,
  };
}

/**
 * The live preview: a new iframe of the embed URL, a moment after the last change (choices made in a row load
 * one map, not one each). A new frame rather than a new `src`: a frame navigated away in the middle of its
 * start would report its cancelled requests as errors.
 */
function previewer(box: HTMLElement): (src: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = '';
  return (src) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (src === shown && box.firstElementChild) return;
      shown = src;
      const frame = el('iframe');
      frame.id = 'embed-frame';
      frame.title = t('builderPreview');
      frame.src = src;
      box.replaceChildren(frame);
    }, 250);
  };
}

/**
 * The "Embed" button and its builder: size, language, locks, view, legend and controls; a live preview (an
 * iframe of the embed URL being built, this origin); the iframe code and the oEmbed URL for exactly that
 * configuration, each with a copy button.
 */
export function setupEmbedDialog(atlas: Atlas): void {
  const button = byId<HTMLButtonElement>('embed-button');
  const dialog = byId<HTMLDialogElement>('embed-dialog');
  const code = byId<HTMLTextAreaElement>('embed-code');
  const openLink = byId<HTMLAnchorElement>('embed-preview');
  let ui = builderForm();
  const box = el('div', '', 'embed-frame-box');
  const showPreview = previewer(box);
  const oembed = el('input');
  Object.assign(oembed, { id: 'embed-oembed', readOnly: true, type: 'text' });
  const oembedRow = field('builderOembed', oembed, 'embed-oembed');
  const oembedCopy = el('span');
  oembedRow.after(oembedCopy);
  const builder = el('div', '', 'embed-builder');
  builder.append(ui.form, box);
  code.before(builder);
  code.after(oembedRow, oembedCopy);
  let choices = defaultChoices(atlas);
  const render = () => {
    const src = builderEmbedUrl(location.origin, atlas.store.state, choices);
    code.value = builderCode(src, embedTitle(atlas, choices.lang), choices);
    oembed.value = builderOembedUrl(location.origin, src, choices);
    openLink.href = src;
    const { width, height } = choiceRatio(choices);
    box.style.aspectRatio = `${width} / ${height}`;
    box.style.maxWidth = choices.size === 'fixed' ? `${choices.fixed.width}px` : '';
    ui.form.classList.toggle('fixed', choices.size === 'fixed');
    showPreview(src);
  };
  // On the builder, not the form: the form is rebuilt in the page's language each time the dialog opens.
  builder.addEventListener('change', () => {
    choices = readChoices(ui.controls, choices);
    render();
  });
  button.addEventListener('click', () => {
    choices = { ...choices, lang: atlas.store.state.lang };
    if (choices.view === 'area' && !atlas.store.state.area) choices.view = 'shown';
    const fresh = builderForm();
    ui.form.replaceWith(fresh.form);
    ui = fresh;
    showChoices(ui.controls, choices, Boolean(atlas.store.state.area));
    render();
    byId('embed-copy').replaceChildren(copyButton(() => code.value, t('embedTitle'), t('embedCopy')));
    oembedCopy.replaceChildren(copyButton(() => oembed.value, t('builderOembed'), t('builderOembedCopy')));
    dialog.showModal();
    code.focus();
    code.select();
  });
  byId('embed-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => button.focus());
}
