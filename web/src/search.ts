import type { AreaEntry, Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { t } from './i18n.ts';
import { searchAreas, searchDetail } from './search-index.ts';

/**
 * The area search: an ARIA combobox over every area of the round's boundaries. No suggestion starts
 * highlighted: ↓ highlights the first, Enter or a click selects one (Enter alone takes the first), the map moves
 * to it and its panel opens; Escape closes. The box shows the selected area's name only while it is selected:
 * Back, a click elsewhere or a new hash empties it.
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
  // The area whose name the box shows after a choice.
  let chosen: string | undefined;
  const choose = (area: AreaEntry | undefined) => {
    if (!area) return;
    input.value = area.name;
    chosen = area.pcode;
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
    highlight(box, -1);
  };

  input.addEventListener('input', () => {
    chosen = undefined;
    void update();
  });
  input.addEventListener('keydown', (event) => onKey(box, event, update, choose));
  input.addEventListener('blur', () => setTimeout(() => close(box), 100));
  // The areas differ between boundary sets: results are recomputed for the round shown.
  atlas.onUpdate(() => {
    if (!list.hidden) void update();
  });
  atlas.store.subscribe((state) => {
    if (chosen === undefined || state.area === chosen) return;
    chosen = undefined;
    input.value = '';
    close(box);
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
    const count = box.results.length;
    if (count === 0) return;
    // From no highlight, ↓ goes to the first suggestion and ↑ to the last.
    const start = box.active < 0 ? (event.key === 'ArrowDown' ? -1 : count) : box.active;
    highlight(box, (start + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
  } else if (event.key === 'Enter') {
    if (box.list.hidden) return;
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
  // One line of text ("Mopti — Cercle, Mopti"), so the option's accessible name reads as it looks.
  option.append(
    el('span', area.name, 'option-name'),
    ' ',
    el('span', searchDetail(atlas.levelName(area.level), parent?.name), 'option-detail'),
  );
  // mousedown, not click: keep the focus in the input until the choice is made.
  option.addEventListener('mousedown', (event) => {
    event.preventDefault();
    choose(area);
  });
  return option;
}
