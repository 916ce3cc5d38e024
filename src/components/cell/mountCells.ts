/**
 * The mount of a declared cell (src/cells/define.ts): a `[data-cell][data-declared]` root (Cell.astro),
 * once startCells.ts finds it needed, is mounted with its cell object, from the module `data-declared`
 * names (src/cells/<module>.ts), and its chart module, when it has one (src/components/charts/<id>.ts).
 * This module and both of those load only then; until then the build-time HTML is the cell.
 */
import { mountCell, type CellHandle } from './runtime';
import { replayEdits, type watchEarlyEdits } from './whenNeeded';
import { fieldRef, flatBlocks, type AnyCell, type CellDef, type CellView, type CellWords, type DataFile, type FieldRef } from '../../cells/define';
import { isLang, t, type Lang } from '../../i18n/ui';
import { rootUrl } from '../paths';
import type { Schema, StateOf } from '../../lib/query';
import { drawPlots, keepBuiltCharts, type PlotsOf } from '../charts/plots';
// The resource runner and the image source load only for a cell that has a resource or a picture.
type ImageSource = typeof import('./imageSource');

/**
 * What `src/components/charts/<id>.ts` exports: `plots` gives the Plot options of the cell's figures
 * (rendered at build time by Cell.astro, redrawn here after a change: charts/plots.ts); `draw` updates
 * other figure markup from the view (a diagram's states) after each change; `mount`, once, wires a
 * custom widget to the cell's state (`handle.set`).
 */
export interface ChartModule<V extends CellView = CellView, W = unknown, S extends Schema = Schema> {
  plots?: PlotsOf<V, W>;
  draw?(root: HTMLElement, view: V, words: W, lang: Lang): void | Promise<void>;
  mount?(root: HTMLElement, handle: CellHandle<S>, words: W, lang: Lang): void;
}

/** The plots function of a chart module: `export const plots: PlotsFor<typeof cell>`. */
export type PlotsFor<C> = C extends CellDef<infer _S, infer V, infer W, infer _R, infer _D> ? PlotsOf<V, W> : never;

/** The draw function of a chart module, typed by its cell: `export const draw: DrawCell<typeof cell>`. */
export type DrawCell<C> = C extends CellDef<infer _S, infer V, infer W, infer _R, infer _D> ? NonNullable<ChartModule<V, W>['draw']> : never;
/** The mount function of a chart module: `export const mount: MountCell<typeof cell>`. */
export type MountCell<C> = C extends CellDef<infer S, infer _V, infer W, infer _R, infer _D> ? NonNullable<ChartModule<CellView, W, S>['mount']> : never;

// Every module of src/cells but the registry (which imports them all): each becomes its own chunk,
// fetched only by a page that shows its cell.
const cellModules = import.meta.glob<{ cell?: AnyCell }>(['../../cells/*.ts', '!../../cells/registry.ts']);
const chartModules = import.meta.glob<ChartModule>('../charts/*.ts');

const dataUrl = (file: string) => `${rootUrl()}${file}`;
/** One fetch per data file and page, however many cells compute on it. */
const dataFiles = new Map<DataFile<unknown>, Promise<unknown>>();

function loadData(def: DataFile<unknown>): Promise<unknown> {
  let p = dataFiles.get(def);
  if (!p) {
    const fail = (e: unknown) => {
      throw new DataError(e instanceof Error ? e.message : String(e));
    };
    p = 'image' in def
      ? import('./imageSource').then((m) => m.decodeUrl(dataUrl(def.file))).then((img) => def.parse({ ...img, source: 'file', id: def.file }), fail)
      : fetch(dataUrl(def.file)).then(async (res) => {
          if (!res.ok) throw new DataError(`HTTP ${res.status} ${res.statusText}`.trim());
          return def.parse(await res.json());
        }, fail);
    dataFiles.set(def, p);
  }
  return p;
}

/** Disables, after every change, the inputs of parameters that do nothing in the state (`FieldRef.enabled`). */
function enabling(cell: AnyCell, root: HTMLElement): ((s: StateOf<Schema>) => void) | undefined {
  const refs = flatBlocks(cell.layout)
    .flatMap((b) => ('fields' in b ? (b.fields as readonly (string | FieldRef<Schema>)[]).map(fieldRef) : []))
    .filter((f) => f.enabled);
  if (refs.length === 0) return undefined;
  return (s) => {
    for (const f of refs) {
      const on = f.enabled!(s);
      root.querySelectorAll<HTMLInputElement>(`input[data-param="${f.param}"]`).forEach((i) => (i.disabled = !on));
    }
  };
}

/** A data file that did not arrive: the cell says so in the reader's language. */
class DataError extends Error {}

async function mountOne(root: HTMLElement, early: ReturnType<typeof watchEarlyEdits>): Promise<void> {
  const id = root.dataset.cell!;
  const file = root.dataset.declared!;
  const load = cellModules[`../../cells/${file}.ts`];
  if (!load) throw new Error(`no module src/cells/${file}.ts for data-cell="${id}"`);
  const loadChart = chartModules[`../charts/${id}.ts`];
  const [{ cell }, chart] = await Promise.all([load(), loadChart?.()]);
  if (!cell) throw new Error(`src/cells/${file}.ts exports no cell`);
  const lang: Lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const words = cell.words[lang] as CellWords<Schema>;
  const plots = chart?.plots;
  const keep = keepBuiltCharts(cell.schema, cell.normalize);
  const enable = enabling(cell, root);
  // A cell with a data file mounts once the file is here (until then its build-time HTML stands).
  const original = cell.data ? await loadData(cell.data) : undefined;
  const data = cell.data ? { value: original, url: 'image' in cell.data ? undefined : dataUrl(cell.data.file) } : undefined;
  const draw = chart?.draw || plots || enable
    ? async (r: HTMLElement, v: CellView, s: StateOf<Schema>) => {
        enable?.(s);
        if (v.pending) return; // the last finished run's figures stay until the new one arrives
        // The build-time figures show the defaults on the page's own data, not on the reader's picture.
        const kept = keep(r, s) && data?.value === original;
        await chart?.draw?.(r, v, words, lang);
        if (plots && !kept) await drawPlots(r, plots, v, words, lang);
      }
    : undefined;
  // A cell with a resource gets it from the runner (cache, inline or worker); the others get nothing.
  const runner = cell.resource ? new (await import('./resource')).ResourceRunner(cell.resource, file, root, () => handle.refresh(), data) : null;
  // Loaded before the cell says it is ready, so a file the reader picks at once is not missed.
  const imageSource = cell.data && 'image' in cell.data ? await import('./imageSource') : null;
  // What the reader changed while the script was on its way, replayed once the cell follows edits.
  const edits = early.take();
  const handle: CellHandle = mountCell(root, {
    schema: cell.schema,
    normalize: cell.normalize,
    paramOf: cell.paramOf,
    view: (s) => cell.view(s, lang, runner ? runner.get(s) : { status: 'ready', value: undefined }, data?.value),
    draw,
  });
  if (imageSource && cell.data && 'image' in cell.data && data) mountUpload(imageSource, root, lang, cell.data, data, original, () => handle.refresh());
  chart?.mount?.(root, handle, words, lang);
  replayEdits(edits);
}


/**
 * The `upload` block: the reader's picture replaces the cell's (decoded and checked by
 * imageSource.ts, parsed by the cell like its own); the reset button brings the page's back.
 * `data-image` on the root says which one the numbers are of.
 */
function mountUpload({ mountImageUpload }: ImageSource, root: HTMLElement, lang: Lang, def: Extract<DataFile<unknown>, { image: true }>, data: { value: unknown }, original: unknown, refresh: () => void): void {
  const input = root.querySelector<HTMLInputElement>('input[data-upload]');
  const reset = root.querySelector<HTMLButtonElement>('[data-reset-image]');
  const status = root.querySelector<HTMLElement>('[data-upload-status]');
  if (!input || !reset || !status) return;
  let uploads = 0;
  root.dataset.image = 'file';
  mountImageUpload({
    lang, input, reset, status,
    onImage(img) {
      try {
        data.value = img ? def.parse({ ...img, source: 'upload', id: `upload-${++uploads}` }) : original;
      } catch (e) {
        status.textContent = e instanceof Error ? e.message : String(e);
        return;
      }
      root.dataset.image = img ? 'upload' : 'file';
      refresh();
    },
  });
}

/** Mounts one declared cell; a failure leaves its build-time numbers and says why in its error box. */
export function mountDeclared(root: HTMLElement, early: ReturnType<typeof watchEarlyEdits>): Promise<void> {
  return mountOne(root, early).catch((e) => {
    // The page keeps its build-time numbers; say why it stopped following edits.
    const box = root.querySelector<HTMLElement>('[data-cell-error]');
    const lang: Lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
    const why = e instanceof Error ? e.message : String(e);
    if (box) box.textContent = e instanceof DataError ? `${t(lang, 'dataFailed').replace('{why}', why)}${t(lang, 'keptLastValid')}` : `${root.dataset.msgFailed ?? 'Error'}: ${why}`;
  });
}
