/**
 * Trains a k-means palette off the main thread: src/lib/kmeans.ts (k-means++ then Lloyd) on the
 * image's pixels, reporting every Lloyd iteration. The page cancels a run by terminating the worker.
 */
import { kmeans } from '../../lib/kmeans';

export interface KmeansRequest {
  id: number;
  /** RGB in [0, 1], n×3. */
  pixels: Float32Array;
  k: number;
  seed: number;
  maxIter: number;
}

export type KmeansReply =
  | { id: number; type: 'progress'; iteration: number; maxIter: number; inertia: number }
  | { id: number; type: 'done'; centroids: number[][]; inertia: number; iterations: number }
  | { id: number; type: 'error'; message: string };

const scope = self as unknown as {
  postMessage(message: KmeansReply): void;
  onmessage: ((ev: MessageEvent<KmeansRequest>) => void) | null;
};

scope.onmessage = (ev) => {
  const { id, pixels, k, seed, maxIter } = ev.data;
  try {
    const r = kmeans(pixels, 3, k, {
      seed,
      maxIter,
      onProgress: (p) => scope.postMessage({ id, type: 'progress', iteration: p.iteration, maxIter, inertia: p.inertia }),
    });
    const centroids: number[][] = [];
    for (let j = 0; j < k; j++) centroids.push([r.centroids[j * 3]!, r.centroids[j * 3 + 1]!, r.centroids[j * 3 + 2]!]);
    scope.postMessage({ id, type: 'done', centroids, inertia: r.inertia, iterations: r.iterations });
  } catch (e) {
    scope.postMessage({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
