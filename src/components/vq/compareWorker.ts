/**
 * The VQ panels' handle on ort.worker.ts: the shared one-job-at-a-time worker with its watchdog
 * (src/components/cell/workerJob.ts), bound to this worker file and protocol.
 */
import { WorkerJob, type JobEnd, type JobHandlers, type WithoutJob } from '../cell/workerJob';
import type { WorkerRequest, WorkerResponse } from './compareProtocol';

export type { JobEnd };
export type JobRequest = WithoutJob<WorkerRequest>;
export type VqJobHandlers = JobHandlers<WorkerResponse>;

export class VqWorker extends WorkerJob<WorkerRequest, WorkerResponse> {
  /** @param silenceMs longest time without any message from the worker before the job is abandoned. */
  constructor(silenceMs = 60_000) {
    super(() => new Worker(new URL('./ort.worker.ts', import.meta.url), { type: 'module' }), silenceMs);
  }
}
