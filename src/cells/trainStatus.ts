/**
 * Where a training job in a Web Worker is, as a lab cell's status line says it (src/cells/lab.ts,
 * labSweep.ts) and as src/components/lab/trainJob.ts drives it: idle (showing the build's or the
 * browser's result), loading the data, training (with progress once it reports), or ended otherwise.
 */
export type TrainStatus<P> =
  | { kind: 'idle'; origin: 'build' | 'browser' }
  | { kind: 'loading' }
  | { kind: 'training'; progress: P | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'crashed' }
  | { kind: 'noWorker' };

/** What the lab's worker sends (src/components/lab/lab.worker.ts). */
export type TrainReply<P, R> =
  | { job: number; type: 'loaded' }
  | { job: number; type: 'progress'; progress: P }
  | { job: number; type: 'result'; result: R }
  | { job: number; type: 'error'; message: string }
  | { job: number; type: 'done' };
