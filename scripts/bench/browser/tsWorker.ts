/** One worker of the TS pool: the argmin and loss of a slice of rows with the library kernel. */
import { vectorQuantize } from '../../../src/lib/vq';

interface Job { x: Float32Array; cb: Float32Array; d: number }

self.onmessage = (ev: MessageEvent<Job>) => {
  const { x, cb, d } = ev.data;
  const r = vectorQuantize(x, cb, d);
  (self as unknown as Worker).postMessage({ indices: r.indices, mse: r.eLatentLoss }, [r.indices.buffer]);
};
