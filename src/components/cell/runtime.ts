/**
 * The browser half of every live cell. Data flows one way:
 *   URL query / input event → parseParam (src/lib/query) → cell.view (src/lib via src/cells)
 *   → text nodes / rows / chart → URL query.
 * A value that fails to parse or compute shows an inline message and leaves the last valid state
 * on screen. Nothing from the URL or an input is ever inserted as HTML: only textContent and .value.
 */
import {
  formatParam, parseParam, parseQuery, sameState, type ParamValue, type Schema, type StateOf,
} from '../../lib/query';
import { onQueryChange, pageQuery, writeQuery } from './pageQuery';
import { refusalText } from './refusalText';
import { refusalOf, refusedParam, type Refusal } from '../../lib/refusal';
import type { DataTable } from '../../cells/a11y';

export interface SlotView {
  /** `text.summary`, when a cell's view has it, is the cell's spoken summary (see `announce`). */
  text: Record<string, string>;
  rows?: Record<string, string[][]>;
  /** The data table of each chart (`<table data-table="name">`, see ChartData.astro). */
  tables?: Record<string, DataTable>;
}

export interface CellDefinition<S extends Schema, V extends SlotView> {
  schema: S;
  /** Makes dependent parameters consistent (e.g. one logit per class). */
  normalize?: (s: StateOf<S>) => StateOf<S>;
  view: (s: StateOf<S>) => V;
  /** Maps a library parameter name (an error's refusal, src/lib/refusal.ts) to the input that caused it. */
  paramOf?: Record<string, keyof S & string>;
  /** Extra drawing after the slots are filled (charts), given the state the view was made from. */
  draw?: (root: HTMLElement, view: V, state: StateOf<S>) => void | Promise<void>;
}

/**
 * The rows or table each element last showed: a view that hands back the same array (a cell whose
 * heavy part is cached, like the lab's tables while only its inputs change) costs no DOM work.
 */
const shownData = new WeakMap<Element, unknown>();

/** True (and remembered) when `data` is not what `el` shows already. */
function changed(el: Element, data: unknown): boolean {
  if (shownData.get(el) === data) return false;
  shownData.set(el, data);
  return true;
}

/** Fills `[data-slot]` text and `[data-rows]` table bodies; the build-time markup has the same shape. */
export function renderSlots(root: HTMLElement, view: SlotView): void {
  root.querySelectorAll<HTMLElement>('[data-slot]').forEach((el) => {
    const value = view.text[el.dataset.slot!];
    if (value !== undefined && el.textContent !== value) el.textContent = value;
  });
  root.querySelectorAll<HTMLElement>('[data-rows]').forEach((body) => {
    const rows = view.rows?.[body.dataset.rows!];
    if (rows && changed(body, rows)) fillRows(body, rows);
  });
  root.querySelectorAll<HTMLTableElement>('table[data-table]').forEach((table) => {
    const data = view.tables?.[table.dataset.table!];
    if (!data || !changed(table, data)) return;
    const head = document.createElement('tr');
    for (const h of data.head) {
      const th = document.createElement('th');
      th.setAttribute('scope', 'col');
      th.textContent = h;
      head.append(th);
    }
    table.tHead?.replaceChildren(head);
    if (table.tBodies[0]) fillRows(table.tBodies[0], data.rows);
  });
}

/** Replaces a table body's rows; the first cell of each row is its row heading. */
function fillRows(body: HTMLElement, rows: string[][]): void {
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      cells.forEach((c, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.setAttribute('scope', 'row');
        td.textContent = c;
        tr.append(td);
      });
      return tr;
    }),
  );
}

/**
 * What `mountCell` hands back: `refresh` re-renders the current state (e.g. when an async result
 * arrives); `state` and `set` let a custom widget (a colour picker, a "draw again" button) read and
 * change parameters the way an input does — checked, shown, written to the URL as one history entry.
 */
export interface CellHandle<S extends Schema = Schema> {
  refresh(): void;
  state(): StateOf<S>;
  /**
   * Applies the changes; a value that fails its check is reported inline and nothing changes.
   * `commit` false is a live edit (a drag: shown, not yet in the URL); true (the default) also
   * writes the URL as one history entry, as a committed input does.
   */
  set(changes: Partial<StateOf<S>>, commit?: boolean): boolean;
}

/**
 * One polite live region per cell: after an edit, a screen reader hears the view's `text.summary`
 * (the key result, written by the cell in src/cells) once the reader pauses, not every number of
 * every slider step. The cell's `<output>` elements are live regions by default (role status);
 * they are silenced so the summary is the only thing announced. Returns the updater.
 */
function liveSummary(root: HTMLElement): (summary: string | undefined) => void {
  let region: HTMLElement | null = root.querySelector<HTMLElement>('[data-live-summary]');
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (summary) => {
    if (summary === undefined) return;
    if (!region) {
      // Created with its first text: a region that appears already filled is not read out.
      region = document.createElement('p');
      region.className = 'sr-only';
      region.dataset.liveSummary = '';
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      region.textContent = summary;
      root.querySelectorAll('output:not([aria-live])').forEach((o) => o.setAttribute('aria-live', 'off'));
      root.append(region);
      return;
    }
    clearTimeout(timer);
    const target = region;
    timer = setTimeout(() => {
      if (target.textContent !== summary) target.textContent = summary;
    }, 400);
  };
}

/**
 * A checkbox stands for an integer 0/1 parameter; a radio button for the value it carries (only the
 * checked one of its group fires change); every other input carries its value as text.
 */
function rawValue(input: HTMLInputElement): string {
  return input.type === 'checkbox' ? (input.checked ? '1' : '0') : input.value;
}

export function mountCell<S extends Schema, V extends SlotView>(root: HTMLElement, cell: CellDefinition<S, V>): CellHandle<S> {
  const normalize = cell.normalize ?? ((s: StateOf<S>) => s);
  const errorBox = root.querySelector<HTMLElement>('[data-cell-error]');
  const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[data-param]'));
  const announce = liveSummary(root);

  const first = parseQuery(cell.schema, pageQuery());
  let state = normalize(first.state);
  try {
    show(cell.view(state));
  } catch (e) {
    // A URL whose values are each fine but inconsistent together: fall back to the defaults.
    state = normalize(parseQuery(cell.schema, '').state);
    show(cell.view(state));
    reportError(null, e);
  }
  syncInputs(null);
  if (first.errors.length > 0) {
    const err = first.errors[0]!;
    reportError(err.param, new Error(err.message), err.refusal);
  }

  function show(view: V): void {
    renderSlots(root, view);
    announce(view.text.summary);
    void Promise.resolve(cell.draw?.(root, view, state)).catch((e) => reportError(null, e));
  }

  function reportError(param: string | null, e: unknown, refusal?: Refusal): void {
    const message = e instanceof Error ? e.message : String(e);
    const culprit = param ?? culpritOf(e, message);
    inputs.forEach((i) => i.toggleAttribute('aria-invalid', i.dataset.param === culprit));
    if (errorBox) {
      const shown = refusalText(root, e, culprit, refusal ?? refusalOf(e));
      errorBox.textContent = shown.text;
      errorBox.dataset.message = shown.message;
    }
  }

  function clearError(): void {
    inputs.forEach((i) => i.removeAttribute('aria-invalid'));
    if (errorBox) {
      errorBox.textContent = '';
      delete errorBox.dataset.message;
    }
  }

  /**
   * The input behind an error: the parameter a library error carries (src/lib/refusal.ts), else — an
   * error of the cell's own code, which carries none — the first word of its message; then the schema
   * key of that name, or the input `cell.paramOf` maps it to.
   */
  function culpritOf(e: unknown, message: string): string | null {
    const name = refusalOf(e) ? refusedParam(e) : /^(\w+)/.exec(message)?.[1];
    if (!name) return null;
    if (name in cell.schema) return name;
    return cell.paramOf?.[name] ?? null;
  }

  /** Shows the state in every input except `except` (the one the reader is typing in). */
  function syncInputs(except: HTMLInputElement | null): void {
    for (const input of inputs) {
      if (input === except) continue;
      const value = formatParam(state[input.dataset.param!] as ParamValue);
      if (input.type === 'checkbox') input.checked = value !== '0';
      else if (input.type === 'radio') input.checked = input.value === value;
      else if (input.value !== value) input.value = value;
    }
  }

  /** Tries a new value for one parameter; on success it becomes the state. */
  function tryEdit(input: HTMLInputElement): boolean {
    const name = input.dataset.param!;
    const spec = cell.schema[name];
    if (!spec) return false;
    try {
      const value = parseParam(name, spec, rawValue(input));
      const next = normalize({ ...state, [name]: value });
      const view = cell.view(next);
      state = next;
      clearError();
      show(view);
      syncInputs(input);
      return true;
    } catch (e) {
      reportError(name, e);
      return false;
    }
  }

  function writeUrl(mode: 'push' | 'replace'): void {
    const params = new URLSearchParams(pageQuery().params);
    for (const name of Object.keys(cell.schema)) params.set(name, formatParam(state[name] as ParamValue));
    if (writeQuery(params, mode)) document.dispatchEvent(new CustomEvent('cellstatechange'));
  }

  for (const input of inputs) {
    // Dragging a slider or typing updates at once; the URL gets a history entry when the edit is
    // committed (change: slider released, Enter, focus leaves), so Back undoes one edit at a time.
    input.addEventListener('input', () => void tryEdit(input));
    input.addEventListener('change', () => {
      if (tryEdit(input)) {
        syncInputs(null);
        writeUrl('push');
      }
    });
  }

  onQueryChange((query) => {
    // A parameter missing from the entry means its default (the entry may predate the edit).
    const { state: s, errors } = parseQuery(cell.schema, query);
    try {
      const next = normalize(s);
      // The same state (e.g. a refused query over a page at its defaults) is already on screen.
      if (!sameState(cell.schema, next, state)) {
        const view = cell.view(next);
        state = next;
        show(view);
      }
      clearError();
      syncInputs(null);
      if (errors.length > 0) reportError(errors[0]!.param, new Error(errors[0]!.message), errors[0]!.refusal);
    } catch (e) {
      reportError(null, e);
    }
  });
  root.dataset.ready = 'true';
  return {
    refresh(): void {
      try {
        show(cell.view(state));
      } catch (e) {
        reportError(null, e);
      }
    },
    state: () => state,
    set(changes, commit = true): boolean {
      let name: string | null = null;
      try {
        const next: Record<string, ParamValue> = { ...state };
        for (const [k, v] of Object.entries(changes)) {
          name = k;
          const spec = cell.schema[k];
          if (!spec) throw new TypeError(`${k} is not a parameter of this cell`);
          // The same check as a typed value: format, then parse against the schema.
          next[k] = parseParam(k, spec, formatParam(v as ParamValue));
        }
        name = null;
        const normalized = normalize(next as StateOf<S>);
        const view = cell.view(normalized);
        state = normalized;
        clearError();
        show(view);
        syncInputs(null);
        if (commit) writeUrl('push');
        return true;
      } catch (e) {
        reportError(name, e);
        return false;
      }
    },
  };
}
