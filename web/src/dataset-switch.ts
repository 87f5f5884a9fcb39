/**
 * Changing dataset reloads the page, seamlessly. A dataset is another catalog of rounds, boundaries, styles and
 * level names, and the atlas (its dataset and rounds fixed at start, read by every part of the page) is built
 * for one: starting it afresh from the hash is simpler and safer than tearing down and rebuilding every part
 * in place. The hash still carries the state (language, indicator, level, table; Back returns to the previous
 * dataset's round, area and view), and what the hash does not hold is carried over the reload here: which
 * control had focus (the country picker, for a keyboard or screen-reader user) and how far the page was
 * scrolled. While the next dataset loads, the page says it is busy.
 */

const KEY = 'dtm-atlas:dataset-switch';
/** A note older than this is a leftover (a reload that never came), not this switch's. */
const FRESH_MS = 60_000;

interface Carried {
  focus?: string;
  scrollY: number;
  at: number;
}

/** Reloads the page for the dataset the hash now names, noting what the new page should restore. */
export function reloadForDataset(): void {
  const active = document.activeElement;
  const carried: Carried = {
    ...(active instanceof HTMLElement && active.id ? { focus: active.id } : {}),
    scrollY: window.scrollY,
    at: Date.now(),
  };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(carried));
  } catch {
    // No storage (a sandboxed embed): the reload still shows the dataset, without the focus carried.
  }
  document.body.setAttribute('aria-busy', 'true');
  document.body.classList.add('switching-dataset');
  location.reload();
}

/** After a dataset switch: puts focus back on the control that had it and the page where it was scrolled. */
export function resumeAfterSwitch(): void {
  let carried: Carried | undefined;
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    carried = raw ? (JSON.parse(raw) as Carried) : undefined;
  } catch {
    return;
  }
  if (!carried || Date.now() - carried.at > FRESH_MS) return;
  window.scrollTo(0, carried.scrollY);
  if (carried.focus) document.getElementById(carried.focus)?.focus({ preventScroll: true });
}
