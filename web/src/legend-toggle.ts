import { el } from './dom.ts';
import { t } from './i18n.ts';

/** Where the legend folds behind its button: a phone-sized map (the CSS uses the same queries). */
const SMALL = '(max-width: 640px), (max-height: 420px)';

/**
 * The legend's disclosure button on small maps: the legend starts folded so it hides neither the country nor
 * the round controls, and the button (a real button: Enter and Space open it, `aria-expanded` says which)
 * unfolds it. On larger maps the CSS hides the button and always shows the legend. The button sits beside
 * the legend rather than inside it, because the legend redraws its whole content.
 */
export function setupLegendToggle(legend: HTMLElement): void {
  const button = el('button', '', 'legend-toggle');
  button.type = 'button';
  button.setAttribute('aria-controls', legend.id);
  button.dataset.i18n = 'legendShow';
  const set = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    button.textContent = t('legendShow');
    legend.toggleAttribute('data-folded', !open);
  };
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  legend.before(button);
  set(!matchMedia(SMALL).matches);
}
