/**
 * The browser side of a cell's resource (src/cells/define.ts `ResourceDef`, #12 §3): what the early-
 * stopping cell did by hand, once for every cell. `get` is called inside the view: it answers from the
 * cache (the last few results, so an edit that only replays a run never retrains), runs a cheap job at
 * once, and otherwise starts the job in the shared worker and answers `pending`; when the job ends the
 * cell is refreshed. While a job runs, the cell's `[data-progress]` bar and `[data-cancel]` button show
 * and its `[data-outputs]` is aria-busy. A cancelled run is not restarted until its input changes. A
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
  private readonly progress: HTMLProgressElement | null;
  private readonly cancelButton: HTMLButtonElement | null;
  private readonly outputs: HTMLElement | null;
  /** The input the reader last used: focus returns there when the cancel button hides itself. */
  private lastInput: HTMLElement | null = null;

  /**
   * @param module the file of src/cells that exports the cell (the worker loads it).
   * @param refresh shows the view again (the runtime's handle.refresh), called when a job ends.
   * @param data the cell's data file, parsed, and its URL (the worker fetches it itself), if it has one.
   */
  constructor(
    private readonly def: ResourceDef<any, I, T, D>,
    private readonly module: string,
    root: HTMLElement,
    private readonly refresh: () => void,
    private readonly data?: { value: D; url: string },
  ) {
    this.progress = root.querySelector('[data-progress]');
    this.cancelButton = root.querySelector('[data-cancel]');
    this.outputs = root.querySelector('[data-outputs]');
    root.addEventListener('focusin', (e) => {
      const t = e.target as HTMLElement;
      if (t.matches('input, select')) this.lastInput = t;
    });
    this.cancelButton?.addEventListener('click', () => this.cancel());
  }

  /** The resource of a state; throws what `def.input` throws for a bad value. */
  get(state: unknown): Resource<T> {
    const input = this.def.input(state as never);
    const key = this.def.key(input);
    if (key === this.cancelledKey) return this.idle({ status: 'cancelled' });
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
    return { status: 'pending' };
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
    this.busy(true);
    let value: { v: T } | null = null;
    let failed = false;
    this.worker.run({ module: this.module, input, dataUrl: this.data?.url }, {
      onMessage: (msg) => {
        if (msg.type === 'progress' && this.progress) this.progress.value = msg.done / msg.total;
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
