/**
 * When a cell's script starts (issue #14 §1: script only on demand). A cell's build-time HTML is the
 * cell, complete at its defaults; its script — view, words, the library code it calls, tens of kB —
 * is needed only once the reader may change it: when the URL sets one of its parameters (or was refused
 * as a whole, which every cell must say), or when the reader points at, touches or focuses it. A cell
 * whose build-time HTML is not complete — a canvas the script paints — starts when it comes near the
 * viewport instead, so the reader never sees it blank. Until then the page downloads nothing for it.
 *
 * Pointing (desktop) or focusing (keyboard) starts the download before the first edit; a touch starts it
 * with the first edit. A reader quick enough to edit before the script is there loses nothing:
 * `watchEarlyEdits` notes the inputs changed meanwhile, and the mount replays them (mountCells.ts).
 */
import { pageQuery } from './pageQuery';

/** How far below (and above) the viewport a cell starts: enough for its script to arrive first. */
const NEAR_VIEWPORT = '300px 0px';

/** True when the page's URL sets one of `params` or was refused as a whole. */
export function urlSets(params: readonly string[]): boolean {
  const query = pageQuery();
  if (query.refused) return true;
  return params.some((p) => query.params.has(p));
}

/** True when the script must paint part of the cell (a visible canvas) for it to be complete. */
export function mustPaint(root: HTMLElement): boolean {
  return root.querySelector('canvas:not([hidden])') !== null;
}

/**
 * Calls `start` once, at the first of: now (`now`), a pointer over, a touch or focus in `root`, and —
 * when `near` — `root` coming near the viewport.
 */
export function whenNeeded(root: HTMLElement, start: () => void, now: boolean, near = mustPaint(root)): void {
  let started = false;
  let io: IntersectionObserver | null = null;
  const events = ['pointerover', 'pointerdown', 'focusin'] as const;
  const go = () => {
    if (started) return;
    started = true;
    io?.disconnect();
    for (const e of events) root.removeEventListener(e, go);
    start();
  };
  if (now || (near && !('IntersectionObserver' in window))) return go();
  for (const e of events) root.addEventListener(e, go, { passive: true });
  if (!near) return;
  io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) go();
  }, { rootMargin: NEAR_VIEWPORT });
  io.observe(root);
}

/** An edit made before the cell's script ran: the input, its value, and whether the reader committed it. */
export interface EarlyEdit {
  input: HTMLInputElement;
  value: string;
  checked: boolean;
  committed: boolean;
}

/**
 * Watches `root` for edits until its cell mounts; `take()` returns the inputs whose value (or checked)
 * now differs from the build-time HTML, each marked committed if a `change` (Enter, a released slider,
 * focus leaving) came for it — the runtime replays those as the reader's edits.
 */
export function watchEarlyEdits(root: HTMLElement): { take(): EarlyEdit[] } {
  const committed = new Set<EventTarget>();
  const onChange = (e: Event) => void (e.target && committed.add(e.target));
  root.addEventListener('change', onChange, true);
  return {
    take() {
      root.removeEventListener('change', onChange, true);
      return Array.from(root.querySelectorAll<HTMLInputElement>('input[data-param]'))
        .filter((i) => (i.type === 'checkbox' || i.type === 'radio' ? i.checked !== i.defaultChecked : i.value !== i.defaultValue))
        .map((input) => ({ input, value: input.value, checked: input.checked, committed: committed.has(input) }));
    },
  };
}

/**
 * Replays the edits made before the mount as the reader made them: each value is shown (`input`); a
 * committed one, or one whose input the reader has left, is committed too (`change`, which writes the URL).
 */
export function replayEdits(edits: EarlyEdit[]): void {
  for (const { input, value, checked, committed } of edits) {
    if (input.type === 'radio' && !checked) continue;
    if (input.type === 'checkbox' || input.type === 'radio') input.checked = checked;
    else input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    if (committed || document.activeElement !== input) input.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
