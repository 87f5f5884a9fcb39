import type { AreaEntry, Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { t } from './i18n.ts';
import { searchAreas } from './search-index.ts';

/**
 * The area search: an ARIA combobox over every area of the round's boundaries. Arrow keys move through the
 * suggestions, Enter or a click selects one (the map moves to it and its panel opens), Escape closes.
 */
export function setupSearch(atlas: Atlas): void {
  const input = byId<HTMLInputElement>('search-input');
  const list = byId('search-results');
  const status = byId('search-status');
  let results: AreaEntry[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === index));
    });
    if (index >= 0) input.setAttribute('aria-activedescendant', `search-option-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (area: AreaEntry | undefined) => {
    if (!area) return;
    input.value = area.name;
    close();
    void atlas.selectArea(area.pcode, true);
  };
  const update = async () => {
    const query = input.value;
    const areas = await atlas.areas();
    if (input.value !== query) return;
    results = searchAreas(areas.values(), query);
    const options = results.map((area, i) => {
      const option = el('div', '', 'option');
      option.id = `search-option-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      const parent = area.parent ? areas.get(area.parent) : undefined;
      option.append(
        el('span', area.name, 'option-name'),
        el(
          'span',
          `${atlas.dataset.levelNames[area.level] ?? area.level}${parent ? ` · ${parent.name}` : ''}`,
          'muted',
        ),
      );
      // mousedown, not click: keep the focus in the input until the choice is made.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(area);
      });
      return option;
    });
    list.replaceChildren(...options);
    const open = query.trim() !== '';
    list.hidden = !open || options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    status.textContent = open
      ? results.length
        ? t('searchCount', { count: results.length })
        : t('searchNone')
      : '';
    highlight(results.length ? 0 : -1);
  };

  input.addEventListener('input', () => void update());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) {
        void update();
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + results.length) % Math.max(1, results.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(results[Math.max(0, active)]);
    } else if (event.key === 'Escape') {
      if (!list.hidden) event.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  // The areas differ between boundary sets: results are recomputed for the round shown.
  atlas.onUpdate(() => {
    if (!list.hidden) void update();
  });
}
