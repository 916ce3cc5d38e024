/**
 * The sweep cell's Web Worker: fetches public/data/digits.json once (the URL comes with the request,
 * so the base path is the page's), then runs one sweep per message with src/lib/lab's runSweep — the
 * same call as the build — posting progress after every epoch, the result, and 'done' (WorkerJob's
 * end of job). A failure is reported as an 'error' message (then 'done'); the page keeps its results.
 */
import { parseDigits, type DigitsData } from '../../lib/digits';
import type { TrainReply } from '../../cells/trainStatus';
import { labSplit, runSweep, type LabSetting, type SweepParam, type SweepProgress, type SweepResult } from '../../lib/lab';

export type SweepWorkerRequest = {
  job: number; url: string; setting: LabSetting; param: SweepParam; values: number[]; train: number; seeds: number[];
};

export type SweepWorkerReply = TrainReply<SweepProgress, SweepResult>;

const scope = self as unknown as {
  postMessage(message: SweepWorkerReply): void;
  onmessage: ((ev: MessageEvent<SweepWorkerRequest>) => void) | null;
};

let data: Promise<DigitsData> | null = null;

async function load(url: string): Promise<DigitsData> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return parseDigits(await res.json());
}

scope.onmessage = async (ev) => {
  const { job, url, setting, param, values, train, seeds } = ev.data;
  try {
    data ??= load(url);
    let d: DigitsData;
    try {
      d = await data;
    } catch (e) {
      data = null; // try again on the next request
      throw e;
    }
    scope.postMessage({ job, type: 'loaded' });
    const result = runSweep(labSplit(d, train), setting, param, values, seeds, (progress) => scope.postMessage({ job, type: 'progress', progress }));
    scope.postMessage({ job, type: 'result', result });
  } catch (e) {
    scope.postMessage({ job, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  scope.postMessage({ job, type: 'done' });
};
