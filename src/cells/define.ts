/**
 * A live cell as one object (issue #12): its parameters, every word it shows in both languages, the
 * order of its parts, and the pure view. `src/components/cell/Cell.astro` renders any such object at
 * build time and `src/components/cell/mountCells.ts` mounts it in the browser, so a new cell is this
 * one file (exporting it as `cell`) plus its place in a page (and, when it draws,
 * `src/components/charts/<id>.ts`).
 *
 * Why a layout list and not markup: the two renderers (build-time HTML, browser updates) then read
 * the same description, and a slot or word that does not exist is a type error, not a blank line.
 * DOM-free like the rest of src/cells: the unit tests call `view` directly.
 */
import { defaults, type ParamSpec, type Schema, type StateOf } from '../lib/query';
import { formatBound as num } from '../lib/format';
import type { Lang } from '../i18n/ui';
import type { DataTable } from './a11y';

/** What a view hands the renderers: slot texts, table bodies (first cell a row heading), chart tables. */
export interface CellView {
  /** `text.summary`, when present, is what a screen reader hears after an edit. */
  text: Record<string, string>;
  rows?: Record<string, string[][]>;
  tables?: Record<string, DataTable>;
  /**
   * A view made while the cell's resource is pending or was cancelled: it carries only the slots that
   * change (the status line); the others keep the last finished numbers, and the charts are not redrawn.
   */
  pending?: true;
}

/**
 * A heavy computation a cell's view needs (#12 §3): a training run, a k-means palette. Pure and
 * DOM-free like the view, so the build, the page and the worker make the same call. The runtime
 * (src/components/cell/resource.ts) caches results by `key`, runs a job inline when its `cost` is at
 * most `inlineCost`, otherwise in the shared worker (resource.worker.ts) with progress and cancel, and
 * inline when no worker can start.
 */
export interface ResourceDef<S extends Schema, I, T, D = never> {
  /**
   * What the computation depends on — null when the state needs no run (the view gets `none`);
   * throws a refusal for a bad value, before anything is scheduled. `data`: the cell's data, as the
   * view gets it (for an image, the reader's own once they choose one).
   */
  input(s: StateOf<S>, data: D): I | null;
  key: (input: I) => string;
  /** Work in the cell's own unit (multiply-adds, say); compared with `inlineCost` only. */
  cost: (input: I) => number;
  inlineCost: number;
  /**
   * The page ships the defaults' result (JSON in the root's `data-resource`, Cell.astro), so mounting
   * at the defaults runs nothing: for a run too heavy to repeat at every mount. Its value must survive
   * JSON (finite numbers, strings, booleans, arrays and plain objects).
   */
  ship?: boolean;
  /** `data`: the cell's JSON data file, parsed (`CellDef.data`); an image's pixels travel in the input. */
  // (Method syntax, here and in `view`: a cell without data, D = never, is still an AnyCell.)
  run(input: I, onProgress: ((done: number, total: number) => void) | undefined, data: D): T;
}

/**
 * A JSON file the site ships under public/ that a cell computes on (a data set): read from disk at
 * build time (components/cell/readCellData.ts), fetched once per page in the browser before the cell
 * mounts, and by the resource worker for its jobs. `parse` checks it and gives the cell's form of it.
 */
export interface JsonFile<D> {
  /** The path under public/ (and under the site's base URL): 'data/diabetes.json'. */
  file: string;
  parse: (json: unknown) => D;
}

/** A picture's pixels, as a cell's image `parse` receives them. */
export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major, the file's own values (no colour management, no premultiplied alpha). */
  data: Uint8ClampedArray;
  /** The page's picture, or one the reader chose (`upload` block). */
  source: 'file' | 'upload';
  /** Tells one picture from another (the resource's key): the file's path, or `upload-<n>`. */
  id: string;
}

/**
 * A picture the site ships under public/ that a cell computes on (a photo): decoded at build time
 * (readCellData, with components/vq/png.ts) and in the browser (components/cell/imageSource.ts) to
 * the same bytes. With an `upload` block in the layout the reader may replace it with their own
 * picture, read locally; the view and the resource then get that one, parsed the same way.
 */
export interface ImageFile<D> {
  file: string;
  image: true;
  parse: (img: DecodedImage) => D;
}

export type DataFile<D> = JsonFile<D> | ImageFile<D>;

/** What a view receives of its resource. */
export type Resource<T> =
  | { status: 'ready'; value: T }
  /** The state needs no run (`input` gave null). */
  | { status: 'none' }
  /** A job runs; `done` of `total` (the job's own unit, 0 of 0 before its first report). */
  | { status: 'pending'; done: number; total: number }
  | { status: 'cancelled' };

/** A parameter's words: its label, and a hint that replaces the range derived from the schema. */
export interface FieldWords {
  label: string;
  hint?: string;
  /** An enum parameter's choices, by value: what each radio button reads. */
  options?: Record<string, string>;
}

/** Every string a cell shows that its view does not compute: the title, the fields' words, headings. */
export type CellWords<S extends Schema> = { title: string; fields: { [K in keyof S]: FieldWords } } & Record<string, unknown>;

type Keys<T> = Extract<keyof T, string>;
/** The same shape with every string literal widened to string: the other language's words. */
export type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
/** Keys of W whose value is a plain string (headings, labels), usable in a layout. */
type WordKey<W> = { [K in Keys<W>]: W[K] extends string ? K : never }[Keys<W>];
type TextKey<V extends CellView> = Keys<V['text']>;
type RowKey<V extends CellView> = Keys<NonNullable<V['rows']>>;
type TableKey<V extends CellView> = Keys<NonNullable<V['tables']>>;

/** How one parameter is offered; the default follows its kind (see Field.astro). */
export interface FieldRef<S extends Schema> {
  param: Keys<S>;
  /** number/integer: a number box only, no slider (an index, a seed). */
  slider?: false;
  /** An integer 0/1 as a switch; an integer with a few values as radio buttons (words' `options`). */
  control?: 'switch' | 'radio';
  /**
   * Whether the parameter does anything in this state; when not, its input is disabled (its hint
   * says when it applies), at build time and after every change.
   */
  enabled?: (s: StateOf<S>) => boolean;
}

/** A labelled live value inside a pairs table or a list. */
export interface Pair<V extends CellView, W> {
  label: WordKey<W>;
  slot: TextKey<V>;
}

/**
 * The parts of a cell, in page order. Every key names a view slot or a word, checked by TypeScript.
 * Every slot element gets the id `<prefix>-<slot in kebab case>`.
 */
export type Block<S extends Schema, V extends CellView, W> =
  /**
   * The inputs (under an optional h3, or folded under a `details` summary); the first group is
   * followed by the cell's error line.
   */
  | { fields: readonly (Keys<S> | FieldRef<S>)[]; title?: WordKey<W>; details?: WordKey<W> }
  /** "Label: value" — `output` for a computed result a reader watches change. */
  | { result: TextKey<V>; label: WordKey<W>; output?: boolean }
  /** An h3, optionally followed by its live value ("Adam: 0.1234"). */
  | { heading: WordKey<W>; result?: TextKey<V> }
  /** A paragraph of fixed words (a note on what the inputs mean), ending in a link to a shipped file. */
  | { hint: WordKey<W>; link?: { file: string; text: WordKey<W> } }
  /** A paragraph of live text. */
  | { note: TextKey<V> }
  /** A table whose body is `view.rows[table]`; `details` folds it under that summary. */
  | { table: RowKey<V>; caption: WordKey<W>; head: readonly WordKey<W>[]; details?: WordKey<W> }
  /** A two-column table: a heading per row, a live value beside it. */
  | { pairs: readonly Pair<V, W>[]; caption: WordKey<W> }
  /** A bulleted list of labelled live values, under an optional bold line. */
  | { list: readonly Pair<V, W>[]; title?: WordKey<W> }
  /**
   * A figure drawn by `src/components/charts/<id>.ts` into `[data-chart="<chart>"] [data-chart-mount]`.
   * Its text alternative is `view.tables[chart]` (a closed data table), or `rowsTable`, a table
   * block of the cell that already lists the same numbers, or `tables` (several of `view.tables`).
   */
  | { chart: string; caption: TextKey<V>; rowsTable?: RowKey<V>; tables?: readonly TableKey<V>[] }
  /** Markup the page passes in a named slot (a diagram the chart module updates). */
  | { slot: string }
  /**
   * The program that prints the cell's numbers (PyTorch unless `summary` names another); `file`, a
   * file of the site it opens by name (the downloaded notebook fetches it, CodeView.astro).
   */
  | { code: TextKey<V>; summary?: WordKey<W>; file?: { name: string; path: string } }
  /**
   * The status line of a cell with a resource: its live text, and a progress bar and a cancel button
   * (words: their labels) shown while the resource's job runs, and a `retry` button that runs a
   * cancelled job again (src/components/cell/resource.ts).
   */
  | { status: TextKey<V>; progress: WordKey<W>; cancel: WordKey<W>; retry?: WordKey<W> }
  /**
   * A file input that replaces the cell's image (`ImageFile`) with the reader's own, read locally, and
   * a `reset` button back to the page's (words: the label and the button); the limits are the hint.
   */
  | { upload: WordKey<W>; reset: WordKey<W> }
  /** The parts that show the resource's result, as one region that is aria-busy while a job runs. */
  | { outputs: readonly Block<S, V, W>[] };

export interface CellDef<S extends Schema, V extends CellView, W extends CellWords<S>, R = never, D = never> {
  /** `data-cell` of the root, unique on the site (several cells share a page and its query). */
  id: string;
  /** Prefix of the element ids: inputs `<prefix>-<param>`, results `<prefix>-<slot>` (kebab case). */
  prefix: string;
  schema: S;
  /** Makes dependent parameters consistent (e.g. one logit per class). */
  normalize?: (s: StateOf<S>) => StateOf<S>;
  /** Library parameter names (as in src/lib's messages) → the cell's parameter they come from. */
  paramOf?: Record<string, Keys<S>>;
  /** The English words fix the shape (and their templates' names); the Chinese must match it. */
  words: { en: W; zh: NoInfer<Widen<W>> };
  layout: readonly Block<S, V, W>[];
  /** The data file the cell computes on, if any: `view` and the resource's `run` get it parsed. */
  data?: DataFile<D>;
  /** The heavy computation the view waits for, if any: `view` then gets its state as a third argument. */
  resource?: ResourceDef<S, any, R, D>;
  view(s: StateOf<S>, lang: Lang, resource: Resource<R>, data: D): V;
}

/** Any cell, for code that walks them all (the renderer, the mount entry, the registry). */
export type AnyCell = CellDef<any, any, any, any, any>;

/** Checks a cell object's keys against each other; returns it unchanged. */
export function defineCell<S extends Schema, V extends CellView, W extends CellWords<S>, R = never, D = never>(
  cell: CellDef<S, V, W, R, D>,
): CellDef<S, V, W, R, D> {
  return cell;
}

/**
 * The view of the defaults: what the build-time HTML shows and a fresh page starts from. A cell with
 * a data file needs it (components/cell/readCellData.ts reads it at build and test time).
 */
export function initialView<S extends Schema, V extends CellView, W extends CellWords<S>, R, D>(cell: CellDef<S, V, W, R, D>, lang: Lang, data?: D): V {
  const s = initialState(cell);
  return cell.view(s, lang, resourceNow(cell, s, data), needData(cell, data));
}

/**
 * The resource of a state, computed here and now (the build, the unit tests): what the browser shows
 * once its job is done. A cell without a resource gets a `ready` of nothing.
 */
export function resourceNow<S extends Schema, V extends CellView, W extends CellWords<S>, R, D>(cell: CellDef<S, V, W, R, D>, s: StateOf<S>, data?: D): Resource<R> {
  if (!cell.resource) return { status: 'ready', value: undefined as R };
  const d = needData(cell, data);
  const input = cell.resource.input(s, d);
  return input === null ? { status: 'none' } : { status: 'ready', value: cell.resource.run(input, undefined, d) };
}

/** The defaults' resource as the page ships it (`ResourceDef.ship`): its key and value, or null. */
export function shippedResource<S extends Schema, V extends CellView, W extends CellWords<S>, R, D>(cell: CellDef<S, V, W, R, D>, data?: D): { key: string; value: R } | null {
  if (!cell.resource?.ship) return null;
  const s = initialState(cell);
  const d = needData(cell, data);
  const input = cell.resource.input(s, d);
  return input === null ? null : { key: cell.resource.key(input), value: cell.resource.run(input, undefined, d) };
}

function needData<D>(cell: { id: string; data?: DataFile<D> }, data: D | undefined): D {
  if (cell.data && data === undefined) throw new Error(`cell "${cell.id}" computes on ${cell.data.file}: pass its data (readCellData)`);
  return data as D;
}

export function initialState<S extends Schema, V extends CellView, W extends CellWords<S>, R, D>(cell: CellDef<S, V, W, R, D>): StateOf<S> {
  const s = defaults(cell.schema);
  return cell.normalize ? cell.normalize(s) : s;
}

/** 'lossPlain' → 'loss-plain': element ids in the page's usual style. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The id of the element that shows a slot (or, for a table, its rows). */
export const slotId = (prefix: string, slot: string): string => `${prefix}-${kebab(slot)}`;

/** A field reference with its defaults filled in. */
export function fieldRef<S extends Schema>(f: Keys<S> | FieldRef<S>): FieldRef<S> {
  return typeof f === 'string' ? { param: f } : f;
}


/** The accepted range of a parameter in words, derived from its schema (the default hint). */
export function rangeHint(spec: ParamSpec, lang: Lang): string {
  const zh = lang === 'zh';
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return zh ? `${num(spec.min)} 到 ${num(spec.max)}` : `${num(spec.min)} to ${num(spec.max)}`;
    case 'vector':
      return zh
        ? `${spec.minLength} 到 ${spec.maxLength} 个数，用逗号分隔，每个在 ${num(spec.min)} 到 ${num(spec.max)} 之间`
        : `${spec.minLength} to ${spec.maxLength} numbers, comma-separated, each ${num(spec.min)} to ${num(spec.max)}`;
    case 'matrix':
      return zh
        ? `${spec.minRows} 到 ${spec.maxRows} 行，行间用分号，每行 ${spec.minCols} 到 ${spec.maxCols} 个数`
        : `${spec.minRows} to ${spec.maxRows} rows separated by ;, ${spec.minCols} to ${spec.maxCols} numbers each`;
    case 'enum':
      return '';
  }
}

/** The names in a template's braces: Params<'a {x} b {y}'> = 'x' | 'y'. */
export type TemplateParams<T extends string> = T extends `${string}{${infer P}}${infer R}` ? P | TemplateParams<R> : never;

/**
 * Fills a words template by name: fill('ε = {e} at {m}', { e: '0.1', m: '2.5' }). Values are
 * already-formatted text (formatNumber refuses NaN), or integers such as a class count.
 */
export function fill<T extends string>(template: T, values: { [K in TemplateParams<T>]: string | number }): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = (values as Record<string, string | number | undefined>)[name];
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    throw new TypeError(`fill: {${name}} in "${template}" must be text or an integer; received ${String(v)}`);
  });
}

/** The text slots and the words a block names (the contract test checks both exist). */
export function blockKeys(b: Block<Schema, CellView, Record<string, string>>): { slots: string[]; words: string[] } {
  if ('outputs' in b) return { slots: [], words: [] };
  if ('status' in b) return { slots: [b.status], words: [b.progress, b.cancel, ...(b.retry ? [b.retry] : [])] };
  if ('upload' in b) return { slots: [], words: [b.upload, b.reset] };
  if ('fields' in b) return { slots: [], words: [b.title, b.details].filter((k): k is string => k !== undefined) };
  if ('heading' in b) return { slots: b.result ? [b.result] : [], words: [b.heading] };
  if ('result' in b) return { slots: [b.result], words: [b.label] };
  if ('hint' in b) return { slots: [], words: b.link ? [b.hint, b.link.text] : [b.hint] };
  if ('note' in b) return { slots: [b.note], words: [] };
  if ('table' in b) return { slots: [], words: [b.caption, ...b.head, ...(b.details ? [b.details] : [])] };
  if ('pairs' in b) return { slots: b.pairs.map((p) => p.slot), words: [b.caption, ...b.pairs.map((p) => p.label)] };
  if ('list' in b) return { slots: b.list.map((p) => p.slot), words: [...(b.title ? [b.title] : []), ...b.list.map((p) => p.label)] };
  if ('chart' in b) return { slots: [b.caption], words: [] };
  if ('code' in b) return { slots: [b.code], words: b.summary ? [b.summary] : [] };
  return { slots: [], words: [] };
}

/** Every block of a layout, the ones inside an `outputs` region included, in page order. */
export function flatBlocks<B extends Block<any, any, any>>(layout: readonly B[]): B[] {
  return layout.flatMap((b) => ('outputs' in b ? [b, ...flatBlocks(b.outputs as readonly B[])] : [b]));
}
