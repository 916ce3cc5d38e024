/**
 * The Web Worker of the lab's two cells (the lab run, labMount.ts, and the strength sweep,
 * SweepCell.astro): fetches public/data/digits.json once (the URL comes with the request, so the
 * base path is the page's), then runs one request per message with src/lib/lab's runLab or runSweep —
 * the same calls as the build — posting progress after every epoch, the result, and 'done'
 * (WorkerJob's end of job). A failure is reported as an 'error' message (then 'done'); the page keeps
 * its results. Create it with `labWorker()` (labWorker.ts).
 */
import { parseDigits, type DigitsData } from '../../lib/digits';
import type { TrainReply } from '../../cells/trainStatus';
import {
  labSplit, runLab, runSweep, type LabProgress, type LabResult, type LabSetting, type SweepParam, type SweepProgress, type SweepResult,
} from '../../lib/lab';

export type LabWorkerRequest = { job: number; task: 'lab'; url: string; setting: LabSetting; train: number; seeds: number[] };
export type SweepWorkerRequest = {
  job: number; task: 'sweep'; url: string; setting: LabSetting; param: SweepParam; values: number[]; train: number; seeds: number[];
};

export type LabWorkerReply = TrainReply<LabProgress, LabResult>;
export type SweepWorkerReply = TrainReply<SweepProgress, SweepResult>;

const scope = self as unknown as {
  postMessage(message: TrainReply<LabProgress | SweepProgress, LabResult | SweepResult>): void;
  onmessage: ((ev: MessageEvent<LabWorkerRequest | SweepWorkerRequest>) => void) | null;
};

let data: Promise<DigitsData> | null = null;

async function load(url: string): Promise<DigitsData> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return parseDigits(await res.json());
}

scope.onmessage = async (ev) => {
  const req = ev.data;
  const job = req.job;
  try {
    data ??= load(req.url);
    let d: DigitsData;
    try {
      d = await data;
    } catch (e) {
      data = null; // try again on the next request
      throw e;
    }
    scope.postMessage({ job, type: 'loaded' });
    const split = labSplit(d, req.train);
    const result = req.task === 'lab'
      ? runLab(split, req.setting, req.seeds, (progress) => scope.postMessage({ job, type: 'progress', progress }))
      : runSweep(split, req.setting, req.param, req.values, req.seeds, (progress) => scope.postMessage({ job, type: 'progress', progress }));
    scope.postMessage({ job, type: 'result', result });
  } catch (e) {
    scope.postMessage({ job, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  scope.postMessage({ job, type: 'done' });
};
