/**
 * The page's query string, read once for all its cells (issue #10).
 *
 * Reading `location.search` is not free: for a megabyte URL Chromium builds a new megabyte string
 * on every read (15–60 ms each, measured), and every cell used to read and split it on load and on
 * every popstate. Here the page reads it once per navigation (first use, then once per popstate, in
 * the one popstate listener, which then tells the cells), splits it once, and knows every URL the
 * page writes itself (`writeQuery`), so it never needs to read the address bar again.
 *
 * A query longer than MAX_QUERY_LENGTH is refused as a whole (one message, shown by every cell),
 * and the URL is then replaced, once, by the clean one: the page shows its defaults, and the address
 * bar, the language switch and every later write start from a short URL, never from the megabytes.
 * The replaced history entry remembers the refusal (`history.state.refusedQuery`), so Back to it
 * still says why nothing was read.
 */
import { MAX_QUERY_LENGTH, queryRefusal, readQuery, type QueryParams } from '../../lib/query';

interface Current {
  /** The query as it now stands in the URL ('' after a refusal). */
  search: string;
  query: QueryParams;
}

let current: Current | null = null;
const listeners: ((query: QueryParams) => void)[] = [];

/** The length of the query this history entry refused, if it refused one. */
function refusedLength(state: unknown): number | null {
  const n = (state as { refusedQuery?: unknown } | null)?.refusedQuery;
  return typeof n === 'number' && Number.isInteger(n) && n > MAX_QUERY_LENGTH ? n : null;
}

/** Reads the address bar (the one place that does), refusing and replacing an oversized query. */
function readAddressBar(): Current {
  const search = location.search;
  if (search.length > MAX_QUERY_LENGTH) {
    const refused: Current = { search: '', query: { params: new URLSearchParams(), refused: queryRefusal(search.length) } };
    replaceLater(refused, search.length);
    return refused;
  }
  const refused = search === '' ? refusedLength(history.state) : null;
  if (refused !== null) return { search, query: { params: new URLSearchParams(), refused: queryRefusal(refused) } };
  return { search, query: readQuery(search) };
}

/**
 * Replaces a refused megabyte URL by the clean one, once, after the cells have shown the refusal.
 * Any history call while the current entry holds megabytes costs Chromium 0.2–1 s (measured: a
 * replaceState or even a pushState of a short URL), so it is done once, here, outside the
 * handling of the navigation, rather than by the reader's next edit; skipped if the page has
 * written a URL of its own meanwhile.
 */
function replaceLater(refused: Current, length: number): void {
  setTimeout(() => {
    if (current !== refused) return;
    history.replaceState({ refusedQuery: length }, '', `${location.pathname}${location.hash}`);
  }, 0);
}

/** The current query, split (or refused) once; callers must not mutate `params` (copy it first). */
export function pageQuery(): QueryParams {
  current ??= readAddressBar();
  return current.query;
}

/** The current query string as the URL holds it ('' or '?…'), without reading the address bar. */
export function pageSearch(): string {
  current ??= readAddressBar();
  return current.search;
}

/** Calls `listener` with the new query after every Back/Forward (popstate), in registration order. */
export function onQueryChange(listener: (query: QueryParams) => void): void {
  if (listeners.length === 0) {
    window.addEventListener('popstate', () => {
      current = readAddressBar();
      for (const l of listeners) l(current.query);
    });
  }
  listeners.push(listener);
}

/**
 * Writes `params` as the page's query (a new history entry for 'push', the same one for 'replace')
 * and remembers it. Returns false when the URL already says exactly that.
 */
export function writeQuery(params: URLSearchParams, mode: 'push' | 'replace'): boolean {
  const text = params.toString().replace(/%2C/g, ',').replace(/%3B/g, ';');
  const search = text ? `?${text}` : '';
  if (search === pageSearch()) return false;
  const url = `${location.pathname}${search}${location.hash}`;
  // A history entry of the page's own keeps no refusal marker; a replaced one keeps other state.
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(refusedLength(history.state) === null ? history.state : null, '', url);
  current = { search, query: readQuery(search) };
  return true;
}
