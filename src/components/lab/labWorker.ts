/**
 * The lab's worker (lab.worker.ts) behind a WorkerJob, for either of its tasks: the lab run or the
 * sweep. Each cell gets its own (a sweep and a lab run can train side by side); the watchdog gives
 * up after a minute without a message (one epoch reports far more often).
 */
import { WorkerJob } from '../cell/workerJob';
import type { LabWorkerReply, LabWorkerRequest, SweepWorkerReply, SweepWorkerRequest } from './lab.worker';

const makeWorker = () => new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });

export function labWorker(task: 'lab'): WorkerJob<LabWorkerRequest, LabWorkerReply>;
export function labWorker(task: 'sweep'): WorkerJob<SweepWorkerRequest, SweepWorkerReply>;
export function labWorker(_task: 'lab' | 'sweep'): WorkerJob<LabWorkerRequest, LabWorkerReply> | WorkerJob<SweepWorkerRequest, SweepWorkerReply> {
  return new WorkerJob(makeWorker, 60_000);
}
