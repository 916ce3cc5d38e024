/**
 * The hostile queries a page meets through history + popstate (as the Back button delivers them),
 * shared by the browser test (tests/browser/hostile.spec.ts) and the bench (scripts/bench/hostileQuery.ts),
 * so the bench times exactly the cases the test checks.
 *
 * `params` are the page's parameter names (read from its `input[data-param]`). Every case gives each
 * of them a bad first value, so every cell must report a message.
 */
export interface HostileQuery {
  name: string;
  query: string;
}

export function hostileQueries(params: readonly string[]): HostileQuery[] {
  const huge = 'x'.repeat(100_000);
  return [
    { name: '5,000 parameters', query: Array.from({ length: 5000 }, (_, i) => `p${i}=${i}`).concat(params.map((p) => `${p}=NaN`)).join('&') },
    { name: '100 kB values', query: params.map((p) => `${p}=${huge}`).join('&') },
    { name: '30,001-number lists', query: params.map((p) => `${p}=1${',1'.repeat(30_000)}`).join('&') },
    { name: 'repeated parameters', query: params.flatMap((p) => [`${p}=NaN`, `${p}=0`, `${p}=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E`]).join('&') },
  ];
}

/**
 * Runs in the page: delivers `search` as Back would (pushState, then a popstate event) and returns how
 * long the page's own popstate handlers took, in ms (dispatchEvent runs them synchronously). The
 * pushState of a megabyte URL is Chromium's work, not the page's, so it is outside the measurement.
 */
export function deliverByPopstate(search: string): number {
  history.pushState(null, '', `${location.pathname}?${search}`);
  const t0 = performance.now();
  window.dispatchEvent(new PopStateEvent('popstate'));
  return performance.now() - t0;
}
