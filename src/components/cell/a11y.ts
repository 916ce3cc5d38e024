/**
 * Page-wide accessibility finishing that needs the rendered page: it runs on every topic page
 * (Topic layout) and again whenever a chart is (re)drawn, however and whenever that happens
 * (lazily, after a worker, on an edit), because it watches the DOM instead of hooking each chart.
 *
 * - Charts (`figure.chart` / `figure.net`): the drawing is one image (`role="img"`) named by its
 *   aria-label (or the caption when it has none) and described by the figure's caption. Observable
 *   Plot labels every mark group (`<g aria-label="line">`), which is not allowed on a `g` without a
 *   role and means nothing to a reader, so those labels are removed; legend swatches are hidden
 *   (their text follows them). The data behind the drawing is in the figure's data table, or, when
 *   the cell already shows that table next to the chart, in the table named by the figure's
 *   `data-details` (linked with aria-details).
 * - Scroll regions (a long formula, a wide code block) that overflow get `tabindex="0"` so a
 *   keyboard can scroll them; the tab stop goes away when they fit again.
 */

let uid = 0;
const idFor = (el: HTMLElement, prefix: string): string => (el.id ||= `${prefix}-${++uid}`);

/** Names, roles and descriptions for every chart drawing inside `scope`. */
export function describeCharts(scope: ParentNode): void {
  scope.querySelectorAll<HTMLElement>('figure.chart, figure.net').forEach((figure) => {
    const caption = figure.querySelector<HTMLElement>(':scope > figcaption');
    figure.querySelectorAll<SVGElement>('svg g[aria-label]').forEach((g) => {
      if (!g.hasAttribute('role')) g.removeAttribute('aria-label');
    });
    figure.querySelectorAll<SVGElement>('[class$="-swatch"] svg, [class$="-swatches"] svg').forEach((s) => s.setAttribute('aria-hidden', 'true'));
    const drawings = Array.from(figure.querySelectorAll<SVGElement | HTMLCanvasElement>('svg, canvas')).filter(
      (d) => !d.parentElement?.closest('svg') && !d.closest('[aria-hidden="true"]') && d.getAttribute('aria-hidden') !== 'true',
    );
    for (const d of drawings) {
      if (!d.hasAttribute('role')) d.setAttribute('role', 'img');
      if (caption) {
        const id = idFor(caption, 'chart-desc');
        if (!d.getAttribute('aria-label') && !d.hasAttribute('aria-labelledby')) d.setAttribute('aria-labelledby', id);
        else if (!d.hasAttribute('aria-describedby')) d.setAttribute('aria-describedby', id);
      }
      if (figure.dataset.details) d.setAttribute('aria-details', figure.dataset.details);
    }
  });
}

const SCROLLERS = 'main pre, main .katex-display, main p > .katex, main li > .katex, main .table-wrap, main table, main .seed-line';

/** Overflowing scroll regions become keyboard-focusable (and stop being so when they fit). */
export function focusableScrollers(scope: ParentNode): void {
  scope.querySelectorAll<HTMLElement>(SCROLLERS).forEach((el) => {
    if (el.closest('details:not([open])')) return;
    // Per axis, as axe's scrollable-region-focusable counts it: overflow on an axis that scrolls.
    const style = getComputedStyle(el);
    const scrollsX = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const scrollsY = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const focusableInside = el.querySelector('a[href], button, input, select, textarea, summary, [tabindex]');
    if ((scrollsX || scrollsY) && !focusableInside) {
      if (!el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
        el.dataset.scrollFocus = '';
      }
    } else if (el.dataset.scrollFocus !== undefined) {
      el.removeAttribute('tabindex');
      delete el.dataset.scrollFocus;
    }
  });
}

/** Runs both now and after every later change to the page (charts drawn, details opened, resize). */
export function watchPage(): void {
  let queued = false;
  const run = () => {
    queued = false;
    describeCharts(document);
    focusableScrollers(document);
  };
  // Once per frame at most: a page drawing a dozen charts on load mutates the DOM many times, and
  // each run reads layout (scroll sizes) of every formula and table.
  const queue = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(run);
  };
  run();
  const main = document.querySelector('main') ?? document.body;
  new MutationObserver(queue).observe(main, { childList: true, subtree: true });
  main.addEventListener('toggle', queue, true);
  window.addEventListener('resize', queue);
}
