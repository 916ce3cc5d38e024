/**
 * A restartable handle on one Web Worker for one panel: one job at a time, progress messages passed
 * through, a watchdog that gives up (with a message) when the worker stays silent too long, and a
 * fresh worker after a crash, a timeout or a cancel (terminating a worker is the only way to stop
 * synchronous work inside it, and it frees its memory at once). The Worker is created lazily, on the
 * first job, so a page pays for it only when the reader asks for heavy work.
 *
 * Protocol: every request gets a `job` number; the worker echoes it on every reply, so replies of a
 * cancelled job are ignored. A reply whose `type` is 'done' ends the job (a worker reports a failure
 * with its own message type, then 'done').
 * Generalized from the VQ comparison's worker (src/components/vq/compareWorker.ts uses it).
 */
export type JobEnd = 'done' | 'timeout' | 'crashed' | 'cancelled' | 'unavailable';

export interface JobHandlers<Res> {
  onMessage(msg: Res): void;
  onEnd(end: JobEnd, detail?: string): void;
}

/** Drops `job` from each member of a request union. */
export type WithoutJob<T> = T extends unknown ? Omit<T, 'job'> : never;

export class WorkerJob<Req extends { job: number }, Res extends { job: number; type: string }> {
  private worker: Worker | null = null;
  private job = 0;
  private active: { job: number; handlers: JobHandlers<Res> } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param makeWorker creates the worker (`new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`,
   *   written where the worker file lives, so the bundler finds it).
   * @param silenceMs longest time without any message from the worker before the job is abandoned.
   */
  constructor(private readonly makeWorker: () => Worker, private readonly silenceMs = 60_000) {}

  get busy(): boolean {
    return this.active !== null;
  }

  private create(): Worker | null {
    if (typeof Worker === 'undefined') return null;
    let w: Worker;
    try {
      w = this.makeWorker();
    } catch {
      return null; // e.g. a CSP without worker-src 'self'
    }
    w.onmessage = (ev: MessageEvent<Res>) => {
      const a = this.active;
      if (!a || ev.data?.job !== a.job) return;
      this.arm();
      a.handlers.onMessage(ev.data);
      if (ev.data.type === 'done') this.finish('done');
    };
    const crash = (detail: string) => {
      this.restart();
      this.finish('crashed', detail);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      crash(ev.message || 'error');
    };
    w.onmessageerror = () => crash('messageerror');
    return w;
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.restart();
      this.finish('timeout', String(Math.round(this.silenceMs / 1000)));
    }, this.silenceMs);
  }

  private finish(end: JobEnd, detail?: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const a = this.active;
    this.active = null;
    a?.handlers.onEnd(end, detail);
  }

  /** Terminates the worker (its memory is freed at once); the next job starts a new one. */
  restart(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stops the running job, if any. */
  cancel(): void {
    if (!this.active) return;
    this.restart();
    this.finish('cancelled');
  }

  /** Starts a job; returns false when Web Workers are unavailable (onEnd('unavailable') is called). */
  run(request: WithoutJob<Req>, handlers: JobHandlers<Res>): boolean {
    if (this.active) this.cancel();
    if (!this.worker) this.worker = this.create();
    if (!this.worker) {
      handlers.onEnd('unavailable');
      return false;
    }
    const job = ++this.job;
    this.active = { job, handlers };
    this.arm();
    this.worker.postMessage({ ...request, job } as unknown as Req);
    return true;
  }
}
