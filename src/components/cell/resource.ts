/**
 * The browser side of a cell's resource (src/cells/define.ts `ResourceDef`, #12 §3): what the early-
 * stopping cell did by hand, once for every cell. `get` is called inside the view: it answers from the
 * cache (the last few results, so an edit that only replays a run never retrains), runs a cheap job at
 * once, and otherwise starts the job in the shared worker and answers `pending`; when the job ends the
 * cell is refreshed. While a job runs, the cell's `[data-progress]` bar and `[data-cancel]` button show,
 * its `[data-outputs]` is aria-busy and the view is refreshed as the job reports progress (once per
 * frame at most). A cancelled run is not restarted until its input changes or the reader presses
 * `[data-retry]`. A state whose input is null needs no run. A
 * worker that cannot start, crashes, falls silent or refuses the input: the job runs inline instead (the
 * same call, so the same numbers, only on the main thread).
 */
import type { Resource, ResourceDef } from '../../cells/define';
import { WorkerJob } from './workerJob';
import type { ResourceReply, ResourceRequest } from './resource.worker';

/** Results kept per cell: the reader's last few settings. */
const CACHE_SIZE = 4;

export class ResourceRunner<I, T, D = unknown> {
  private readonly cache = new Map<string, T>();
  private readonly worker = new WorkerJob<ResourceRequest, ResourceReply>(
    () => new Worker(new URL('./resource.worker.ts', import.meta.url), { type: 'module' }),
  );
  private runningKey: string | null = null;
  private cancelledKey: string | null = null;
  /** The running job's last report. */
  private done = { done: 0, total: 0 };
  private progressFrame = 0;
  private readonly progress: HTMLProgressElement | null;
  private readonly cancelButton: HTMLButtonElement | null;
  private readonly retryButton: HTMLButtonElement | null;
  private readonly outputs: HTMLElement | null;
  /** The input the reader last used: focus returns there when the cancel button hides itself. */
  private lastInput: HTMLElement | null = null;

  /**
   * @param module the file of src/cells that exports the cell (the worker loads it).
   * @param refresh shows the view again (the runtime's handle.refresh), called when a job ends.
   * @param data the cell's data, parsed, and — for a JSON file, which the worker fetches itself — its
   *   URL; `value` may change (the reader's own picture), so it is read at every call.
   */
  constructor(
    private readonly def: ResourceDef<any, I, T, D>,
    private readonly module: string,
    root: HTMLElement,
    private readonly refresh: () => void,
    private readonly data?: { value: D; url?: string },
  ) {
    this.progress = root.querySelector('[data-progress]');
    this.cancelButton = root.querySelector('[data-cancel]');
    this.retryButton = root.querySelector('[data-retry]');
    this.outputs = root.querySelector('[data-outputs]');
    // The defaults' result, when the page ships it (ResourceDef.ship): mounting there runs nothing.
    if (root.dataset.resource) {
      const { key, value } = JSON.parse(root.dataset.resource) as { key: string; value: T };
      this.remember(key, value);
    }
    root.addEventListener('focusin', (e) => {
      const t = e.target as HTMLElement;
      if (t.matches('input, select')) this.lastInput = t;
    });
    this.cancelButton?.addEventListener('click', () => this.cancel());
    this.retryButton?.addEventListener('click', () => {
      this.cancelledKey = null;
      this.refresh();
      this.cancelButton?.focus(); // the retry button hides itself; cancel is what the reader may want next
    });
  }

  /** The resource of a state; throws what `def.input` throws for a bad value. */
  get(state: unknown): Resource<T> {
    const input = this.def.input(state as never, this.data?.value as D);
    if (input === null) {
      if (this.runningKey !== null) this.stop();
      return this.idle({ status: 'none' });
    }
    const key = this.def.key(input);
    const cancelled = key === this.cancelledKey;
    if (this.retryButton) this.retryButton.hidden = !cancelled;
    if (cancelled) return this.idle({ status: 'cancelled' });
    this.cancelledKey = null;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      if (this.runningKey !== null) this.stop();
      return this.idle({ status: 'ready', value: cached });
    }
    if (this.def.cost(input) <= this.def.inlineCost) {
      if (this.runningKey !== null) this.stop();
      return this.idle({ status: 'ready', value: this.runInline(key, input) });
    }
    if (this.runningKey !== key) this.start(key, input);
    return { status: 'pending', ...this.done };
  }

  /** Stops the running job; its input is not run again until it changes. */
  cancel(): void {
    if (this.runningKey === null) return;
    this.cancelledKey = this.runningKey;
    this.stop();
    this.refresh();
    this.lastInput?.focus();
  }

  private start(key: string, input: I): void {
    this.runningKey = key;
    this.done = { done: 0, total: 0 };
    this.busy(true);
    let value: { v: T } | null = null;
    let failed = false;
    this.worker.run({ module: this.module, input, dataUrl: this.data?.url }, {
      onMessage: (msg) => {
        if (msg.type === 'progress') this.report(key, msg.done, msg.total);
        else if (msg.type === 'result') value = { v: msg.value as T };
        else if (msg.type === 'error') failed = true;
      },
      onEnd: (end) => {
        if (end === 'cancelled' || this.runningKey !== key) return;
        this.runningKey = null;
        if (end === 'done' && value && !failed) this.remember(key, value.v);
        else this.runInline(key, input); // no worker, or it failed: the same call here
        this.busy(false);
        this.refresh();
      },
    });
  }

  /** A job's progress: the bar at once, the view (its status line) at the next frame. */
  private report(key: string, done: number, total: number): void {
    if (this.runningKey !== key) return;
    this.done = { done, total };
    if (this.progress && total > 0) this.progress.value = done / total;
    if (this.progressFrame === 0) {
      this.progressFrame = requestAnimationFrame(() => {
        this.progressFrame = 0;
        if (this.runningKey === key) this.refresh();
      });
    }
  }

  private stop(): void {
    this.runningKey = null;
    this.worker.cancel();
    this.busy(false);
  }

  private runInline(key: string, input: I): T {
    const value = this.def.run(input, undefined, this.data?.value as D);
    this.remember(key, value);
    return value;
  }

  private remember(key: string, value: T): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  private idle(r: Resource<T>): Resource<T> {
    this.busy(false);
    return r;
  }

  private busy(on: boolean): void {
    this.outputs?.setAttribute('aria-busy', String(on));
    if (this.progress) {
      this.progress.hidden = !on;
      if (!on) this.progress.value = 0;
    }
    if (this.cancelButton) this.cancelButton.hidden = !on;
  }
}
