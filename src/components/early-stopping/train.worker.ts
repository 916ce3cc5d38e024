/**
 * Trains one early-stopping run off the main thread: the same `earlyStoppingRun` call as the
 * build and the main thread, with progress messages about 50 times per run.
 */
import { earlyStoppingRun, type TrainingParams } from '../../cells/earlyStopping';

export interface TrainRequest {
  id: number;
  params: TrainingParams;
}

export type TrainReply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'done'; result: ReturnType<typeof earlyStoppingRun> }
  | { id: number; type: 'error'; message: string };

const scope = self as unknown as {
  postMessage(message: TrainReply, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<TrainRequest>) => void) | null;
};

scope.onmessage = (ev) => {
  const { id, params } = ev.data;
  try {
    const result = earlyStoppingRun(params, (done, total) => scope.postMessage({ id, type: 'progress', done, total }));
    scope.postMessage({ id, type: 'done', result }, [result.run.weights.buffer]);
  } catch (e) {
    scope.postMessage({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
