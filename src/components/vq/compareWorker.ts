/**
 * A restartable handle on ort.worker.ts for one panel: one job at a time, a watchdog that gives up
 * (with a message) when the worker stays silent too long, and a fresh worker after a crash, a
 * timeout or a cancel. The Worker is created lazily, on the first job.
 */
import type { WorkerRequest, WorkerResponse } from './compareProtocol';

/** A request without its job number (distributes over the union). */
export type JobRequest = WorkerRequest extends infer T ? (T extends WorkerRequest ? Omit<T, 'job'> : never) : never;

export type JobEnd = 'done' | 'timeout' | 'crashed' | 'cancelled' | 'unavailable';

export interface JobHandlers {
  onMessage(msg: WorkerResponse): void;
  onEnd(end: JobEnd, detail?: string): void;
}

export class VqWorker {
  private worker: Worker | null = null;
  private job = 0;
  private active: { job: number; handlers: JobHandlers } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param silenceMs longest time without any message from the worker before the job is abandoned. */
  constructor(private readonly silenceMs = 60_000) {}

  get busy(): boolean {
    return this.active !== null;
  }

  private create(): Worker | null {
    if (typeof Worker === 'undefined') return null;
    const w = new Worker(new URL('./ort.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
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
  run(request: JobRequest, handlers: JobHandlers): boolean {
    if (this.active) this.cancel();
    if (!this.worker) this.worker = this.create();
    if (!this.worker) {
      handlers.onEnd('unavailable');
      return false;
    }
    const job = ++this.job;
    this.active = { job, handlers };
    this.arm();
    this.worker.postMessage({ ...request, job } as WorkerRequest);
    return true;
  }
}
