/**
 * Charts as Plot options: one function per cell, `plots(view, words, lang, Plot, width)`, gives the
 * options of each of its figures (`[data-chart="<name>"]`). The same call renders the build-time SVG
 * (buildTime.ts, with a server-side `document`) and the browser's redraw after an edit
 * (drawPlots below), so the first paint has every chart and Plot loads only when a chart must change
 * (issue #14 §1). Plot receives the namespace as an argument so that a chart module never imports
 * Plot itself: the browser fetches it (src/components/plot.ts) only on the first redraw.
 */
import type * as PlotNamespace from '../plot';
import type { Lang } from '../../i18n/ui';
import { defaults as schemaDefaults, type Schema, type StateOf } from '../../lib/query';

export type Plot = typeof PlotNamespace;
export type PlotOptions = NonNullable<Parameters<Plot['plot']>[0]>;

/**
 * The width a figure is drawn at: `max` at build time (the SVG scales down with CSS), in the browser
 * the figure's own width clamped to [min, max].
 */
export type WidthOf = (chart: string, max: number, min?: number) => number;

/** Each figure's Plot options by its `data-chart` name; a list draws several SVGs in one figure, in order. */
export type PlotsOf<V, W> = (view: V, words: W, lang: Lang, Plot: Plot, width: WidthOf) => Record<string, PlotOptions | readonly PlotOptions[]>;

/** One figure's options as a list. */
export const plotList = (o: PlotOptions | readonly PlotOptions[]): readonly PlotOptions[] => (Array.isArray(o) ? o : [o as PlotOptions]);

/** The figure of a cell named `chart`, and the element its SVG goes into. */
function target(root: HTMLElement, chart: string): { figure: HTMLElement; mount: Element } | null {
  const figure = root.querySelector<HTMLElement>(`[data-chart="${chart}"]`);
  const mount = figure?.querySelector('[data-chart-mount]');
  return figure && mount ? { figure, mount } : null;
}

/** Whether every figure of the cell still shows an SVG (the build-time one, until the first redraw). */
export function hasDrawnCharts(root: HTMLElement): boolean {
  const mounts = root.querySelectorAll('[data-chart] [data-chart-mount]');
  return mounts.length > 0 && Array.from(mounts).every((m) => m.firstElementChild !== null);
}

/**
 * For a cell's `draw`: true on the first call only, when the state is the defaults' (the view the
 * build-time SVGs show) and every figure still holds its SVG — so mounting a page at its defaults
 * neither fetches Plot nor redraws what is already there.
 */
export function keepBuiltCharts<S extends Schema>(schema: S, normalize: (s: StateOf<S>) => StateOf<S> = (s) => s): (root: HTMLElement, state: StateOf<S>) => boolean {
  const defaults = JSON.stringify(normalize(schemaDefaults(schema)));
  let first = true;
  return (root, state) => {
    const keep = first && hasDrawnCharts(root) && JSON.stringify(state) === defaults;
    first = false;
    return keep;
  };
}

/** Redraws the cell's figures in the browser: loads Plot (once, cached by the module loader). */
export async function drawPlots<V, W>(root: HTMLElement, plots: PlotsOf<V, W>, view: V, words: W, lang: Lang): Promise<void> {
  const Plot = await import('../plot');
  const width: WidthOf = (chart, max, min = 280) => Math.max(min, Math.min(max, target(root, chart)?.figure.clientWidth || max));
  const options = plots(view, words, lang, Plot, width);
  for (const [chart, opts] of Object.entries(options)) target(root, chart)?.mount.replaceChildren(...plotList(opts).map((o) => Plot.plot(o)));
}
