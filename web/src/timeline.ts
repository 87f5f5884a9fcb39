import type { Atlas } from './atlas.ts';
import { byId, svg } from './dom.ts';
import { formatDate } from './format.ts';
import { t } from './i18n.ts';
import { roundLabel } from './rounds.ts';
import { showBoundaries } from './source-details.ts';
import { timeScale } from './time-scale.ts';

/** Half the slider thumb's width (style.css): the first and last rounds sit this far in from the ends. */
const THUMB = 9;

/**
 * The round timeline: every round on a broken time axis (dots coloured by boundary set, years, a break mark
 * over long gaps), a slider over the rounds, previous/next buttons, and `[` / `]` on the keyboard. Moving it
 * changes the round in the state; the map, figures and legend follow.
 */
export function setupTimeline(atlas: Atlas, options: { keys: boolean }): void {
  const slider = document.getElementById('round-slider') as HTMLInputElement | null;
  const previous = byId<HTMLButtonElement>('round-previous');
  const next = byId<HTMLButtonElement>('round-next');
  const output = byId('round-output');
  const axis = document.getElementById('round-axis');
  const note = document.getElementById('round-boundaries');
  const { rounds } = atlas;
  const go = (index: number, history: 'push' | 'replace' = 'push') => {
    const round = rounds[Math.max(0, Math.min(rounds.length - 1, index))];
    if (round) atlas.store.update({ round: round.key }, history);
  };
  const index = () => rounds.indexOf(atlas.round);
  if (slider) bindSlider(slider, rounds.length, go);
  previous.addEventListener('click', () => go(index() - 1));
  next.addEventListener('click', () => go(index() + 1));
  if (options.keys) bindRoundKeys(go, index);

  let drawn = '';
  const render = () => {
    const i = index();
    const round = rounds[i];
    if (!round) return;
    const label = roundLabel(round);
    if (slider) {
      slider.value = String(i);
      slider.setAttribute(
        'aria-valuetext',
        t('roundValue', { label, date: formatDate(round.date), position: i + 1, count: rounds.length }),
      );
    }
    previous.disabled = i === 0;
    next.disabled = i === rounds.length - 1;
    output.textContent = `${label} · ${formatDate(round.date)}`;
    if (note) showBoundaries(note, round);
    const width = axis?.clientWidth ?? 0;
    const key = `${width}|${round.key}|${document.documentElement.lang}`;
    if (axis && width > 0 && key !== drawn) {
      drawn = key;
      drawAxis(axis, atlas, width);
    }
  };
  atlas.onUpdate(render);
  if (axis) new ResizeObserver(render).observe(axis);
  render();
}

type Go = (index: number, history?: 'push' | 'replace') => void;

/** The slider over the rounds: a drag makes one history entry; each key press on it makes its own. */
function bindSlider(slider: HTMLInputElement, count: number, go: Go): void {
  slider.min = '0';
  slider.max = String(count - 1);
  slider.step = '1';
  let dragging = false;
  slider.addEventListener('input', () => {
    go(Number(slider.value), dragging ? 'replace' : 'push');
    dragging = true;
  });
  slider.addEventListener('change', () => {
    dragging = false;
  });
}

/**
 * `[` and `]` anywhere but in a form field: previous and next round. The key is what counts, not how it was
 * typed: AZERTY types `[` with AltGr (Ctrl+Alt on Windows, Alt on a Mac). Only ⌘ and Ctrl alone are left to
 * the browser (⌘[ is Back on a Mac).
 */
function bindRoundKeys(go: Go, index: () => number): void {
  addEventListener('keydown', (event) => {
    if (event.metaKey || (event.ctrlKey && !event.altKey)) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, select, textarea, [contenteditable="true"]')) return;
    if (event.key === '[') go(index() - 1);
    else if (event.key === ']') go(index() + 1);
    else return;
    event.preventDefault();
  });
}

function drawAxis(container: HTMLElement, atlas: Atlas, width: number): void {
  const { rounds } = atlas;
  const scale = timeScale(
    rounds.map((round) => round.date),
    [THUMB, width - THUMB],
  );
  const sets = [...new Set(rounds.map((round) => round.boundarySet))];
  // The years sit below the slider's focus ring (3px around its 20px box), never under it.
  const root = svg('svg', { width, height: 38, 'aria-hidden': 'true', class: 'axis' });
  root.append(svg('line', { x1: THUMB, x2: width - THUMB, y1: 10, y2: 10, class: 'axis-line' }));
  for (const x of scale.breaks) {
    root.append(svg('rect', { x: x - 4, y: 4, width: 8, height: 12, class: 'axis-break' }));
    root.append(svg('path', { d: `M${x - 5} 15 l4 -10 M${x + 1} 15 l4 -10`, class: 'axis-break-mark' }));
  }
  let year = '';
  for (const round of rounds) {
    const x = scale.x(round.date);
    const current = round.key === atlas.round.key;
    root.append(
      svg('circle', {
        cx: x,
        cy: 10,
        r: current ? 6 : 3.5,
        class: `axis-dot set-${sets.indexOf(round.boundarySet) % 3}${current ? ' current' : ''}`,
      }),
    );
    const roundYear = round.date.slice(0, 4);
    if (roundYear !== year) {
      year = roundYear;
      const anchor = x < 16 ? 'start' : x > width - 16 ? 'end' : 'middle';
      const label = svg('text', { x, y: 35, class: 'axis-year', 'text-anchor': anchor });
      label.textContent = roundYear;
      root.append(label);
    }
  }
  container.replaceChildren(root);
}
