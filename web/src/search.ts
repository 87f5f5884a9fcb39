import type { AreaEntry, Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { t } from './i18n.ts';
import { searchAreas } from './search-index.ts';

/**
 * The area search: an ARIA combobox over every area of the round's boundaries. Arrow keys move through the
 * suggestions, Enter or a click selects one (the map moves to it and its panel opens), Escape closes.
 */
export function setupSearch(atlas: Atlas): void {
  const box: SearchBox = {
    input: byId<HTMLInputElement>('search-input'),
    list: byId('search-results'),
    results: [],
    active: -1,
  };
  const { input, list } = box;
  const status = byId('search-status');
  const choose = (area: AreaEntry | undefined) => {
    if (!area) return;
    input.value = area.name;
    close(box);
    void atlas.selectArea(area.pcode, true);
  };
  const update = async () => {
    const query = input.value;
    const areas = await atlas.areas();
    if (input.value !== query) return;
    box.results = searchAreas(areas.values(), query);
    const options = box.results.map((area, i) => searchOption(area, i, areas, atlas, choose));
    list.replaceChildren(...options);
    const open = query.trim() !== '';
    list.hidden = !open || options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    status.textContent = open
      ? box.results.length
        ? t('searchCount', { count: box.results.length })
        : t('searchNone')
      : '';
    highlight(box, box.results.length ? 0 : -1);
  };

  input.addEventListener('input', () => void update());
  input.addEventListener('keydown', (event) => onKey(box, event, update, choose));
  input.addEventListener('blur', () => setTimeout(() => close(box), 100));
  // The areas differ between boundary sets: results are recomputed for the round shown.
  atlas.onUpdate(() => {
    if (!list.hidden) void update();
  });
}

/** The combobox's elements, its current suggestions and the highlighted one (-1 for none). */
interface SearchBox {
  input: HTMLInputElement;
  list: HTMLElement;
  results: AreaEntry[];
  active: number;
}

function close(box: SearchBox): void {
  box.list.hidden = true;
  box.input.setAttribute('aria-expanded', 'false');
  box.input.removeAttribute('aria-activedescendant');
  box.active = -1;
}

function highlight(box: SearchBox, index: number): void {
  box.active = index;
  box.list.querySelectorAll('[role="option"]').forEach((option, i) => {
    option.setAttribute('aria-selected', String(i === index));
  });
  if (index >= 0) box.input.setAttribute('aria-activedescendant', `search-option-${index}`);
  else box.input.removeAttribute('aria-activedescendant');
}

/** Arrow keys move through the suggestions (opening them if closed), Enter chooses, Escape closes. */
function onKey(
  box: SearchBox,
  event: KeyboardEvent,
  update: () => Promise<void>,
  choose: (area: AreaEntry | undefined) => void,
): void {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (box.list.hidden) {
      void update();
      return;
    }
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    highlight(box, (box.active + step + box.results.length) % Math.max(1, box.results.length));
  } else if (event.key === 'Enter') {
    event.preventDefault();
    choose(box.results[Math.max(0, box.active)]);
  } else if (event.key === 'Escape') {
    if (!box.list.hidden) event.stopPropagation();
    close(box);
  }
}

/** One suggestion: the area's name, its level and the area it is part of. */
function searchOption(
  area: AreaEntry,
  index: number,
  areas: Map<string, AreaEntry>,
  atlas: Atlas,
  choose: (area: AreaEntry) => void,
): HTMLElement {
  const option = el('div', '', 'option');
  option.id = `search-option-${index}`;
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  const parent = area.parent ? areas.get(area.parent) : undefined;
  option.append(
    el('span', area.name, 'option-name'),
    el('span', `${atlas.levelName(area.level)}${parent ? ` · ${parent.name}` : ''}`, 'muted'),
  );
  // mousedown, not click: keep the focus in the input until the choice is made.
  option.addEventListener('mousedown', (event) => {
    event.preventDefault();
    choose(area);
  });
  return option;
}
