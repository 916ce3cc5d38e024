/**
 * The Train / Cancel / progress part of the lab's two cells (the lab run, labMount.ts, and the
 * strength sweep, SweepCell.astro), in one place: a press runs the cell's request in its Web Worker
 * (WorkerJob: watchdog, restart, cancel), the progress bar follows the worker's progress messages, the
 * buttons and aria-busy follow the job, and every way a job ends (done, failed, cancelled, timed out,
 * crashed, no worker at all) becomes one status for the cell's words. The result stays the cell's:
 * `onResult` hands it over, `onEnd` re-renders.
 */
import type { WithoutJob, WorkerJob } from '../cell/workerJob';
import type { TrainReply, TrainStatus } from '../../cells/trainStatus';

export interface TrainJobHooks<Q extends { job: number }, P, R> {
  /** The request for the cell's current state, or null when the state is refused (mountCell shows why). */
  request(): WithoutJob<Q> | null;
  /** The status changed (show the status line only: a progress tick must not re-render the tables). */
  onStatus(status: TrainStatus<P>): void;
  onResult(result: R): void;
  /** The job is over (status final): re-render the cell. */
  onEnd(): void;
}

/** Wires the cell's Train (`[data-train]`), Cancel (`[data-cancel]`) and progress bar (`[data-progress]`) to `job`. */
export function trainJob<Q extends { job: number }, P extends { done: number; total: number }, R>(
  root: HTMLElement,
  job: WorkerJob<Q, TrainReply<P, R>>,
  hooks: TrainJobHooks<Q, P, R>,
): void {
  const trainButton = root.querySelector<HTMLButtonElement>('[data-train]')!;
  const cancelButton = root.querySelector<HTMLButtonElement>('[data-cancel]')!;
  const progress = root.querySelector<HTMLProgressElement>('[data-progress]')!;
  const outputs = root.querySelector<HTMLElement>('[data-outputs]')!;
  let status: TrainStatus<P> = { kind: 'idle', origin: 'build' };

  function busy(on: boolean): void {
    outputs.setAttribute('aria-busy', String(on));
    progress.hidden = !on;
    const hadFocus = document.activeElement === cancelButton;
    cancelButton.hidden = !on;
    if (!on) {
      progress.value = 0;
      if (hadFocus) trainButton.focus(); // the button hides itself: keep keyboard focus in the cell
    }
  }

  function set(next: TrainStatus<P>): void {
    status = next;
    hooks.onStatus(next);
  }

  function end(next: TrainStatus<P>): void {
    busy(false);
    set(next);
    hooks.onEnd();
  }

  trainButton.addEventListener('click', () => {
    const req = hooks.request();
    if (req === null) return;
    // Train during a run restarts with the current state: end the old job first (its onEnd hides the bar).
    if (job.busy) job.cancel();
    busy(true);
    set({ kind: 'loading' });
    job.run(req, {
      onMessage(msg) {
        if (msg.type === 'loaded') set({ kind: 'training', progress: null });
        else if (msg.type === 'progress') {
          progress.value = msg.progress.total > 0 ? msg.progress.done / msg.progress.total : 0;
          set({ kind: 'training', progress: msg.progress });
        } else if (msg.type === 'result') {
          hooks.onResult(msg.result);
          status = { kind: 'idle', origin: 'browser' };
        } else if (msg.type === 'error') status = { kind: 'failed', message: msg.message };
      },
      onEnd(how, detail) {
        if (how === 'done') end(status.kind === 'failed' ? status : { kind: 'idle', origin: 'browser' });
        else if (how === 'cancelled') end({ kind: 'cancelled' });
        else if (how === 'unavailable') end({ kind: 'noWorker' });
        else if (how === 'timeout') end({ kind: 'timeout', seconds: Number(detail) || 60 });
        else end({ kind: 'crashed' });
      },
    });
  });

  cancelButton.addEventListener('click', () => job.cancel());
}
