/**
 * Early stopping with the semantics of Keras 3's `keras.callbacks.EarlyStopping`, replayed on a
 * sequence of monitored values (one per epoch) or driven live, one epoch at a time.
 *
 * Per epoch (0-based index e, e ≥ startFromEpoch):
 *   wait += 1
 *   improvement ⇔ current + |minDelta| < best (mode 'min')  or  current − |minDelta| > best ('max'),
 *     best starting at +∞ (−∞), so the first counted epoch always improves;
 *   on improvement: best = current, bestEpoch = e, and wait = 0 unless a baseline is set and not beaten;
 *   otherwise, stop when wait ≥ patience and e > 0.
 * Keras stores min_delta negated in 'min' mode and tests `current − min_delta < best`; that is the
 * same rule as above. With restoreBestWeights the weights of bestEpoch are restored when training
 * ends — whether it stopped early or ran out of epochs.
 * Example: [0.2, 0.15, 0.1, 0.11, 0.12] with patience 2 stops after epoch 5 and restores index 2.
 */
import { describe, finite, integer, isArrayLike } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface EarlyStoppingOptions {
  /** Epochs without improvement tolerated before stopping (default 0). */
  patience?: number;
  /** Smallest change that counts as an improvement; its absolute value is used (default 0). */
  minDelta?: number;
  /** 'min' for losses (default), 'max' for accuracies. */
  mode?: 'min' | 'max';
  /** Report which epoch's weights would be restored at the end (default false). */
  restoreBestWeights?: boolean;
  /** A value to beat: until it is beaten, wait is not reset even on improvements. */
  baseline?: number;
  /** Epochs (0-based) before this one are ignored, a warm-up (default 0). */
  startFromEpoch?: number;
}

export interface EarlyStoppingStep {
  /** Training should stop after this epoch. */
  stop: boolean;
  /** This epoch's value improved on the best so far. */
  improved: boolean;
  /** Epochs since the last improvement that reset the counter (Keras's `wait`). */
  wait: number;
  /** 0-based epoch of the best value so far, or null before the first counted epoch. */
  bestEpoch: number | null;
  /** Best value so far, or null before the first counted epoch. */
  bestValue: number | null;
  /** 0-based index of this epoch. */
  epoch: number;
}

export interface EarlyStoppingResult {
  /** 1-based epoch after which training stops (Keras prints "Epoch N: early stopping"), or null. */
  stoppedEpoch: number | null;
  /** 0-based index of the best value, or null when no epoch was counted. */
  bestEpoch: number | null;
  bestValue: number | null;
  /** 0-based epoch whose weights are restored at the end, or null (restoreBestWeights off). */
  restoredEpoch: number | null;
  /** Keras's `wait` after each epoch that ran (length = epochs run). */
  waits: number[];
}

export interface EarlyStopping {
  /** Feeds the next epoch's monitored value. Throws if training has already stopped. */
  update(value: number): EarlyStoppingStep;
  /** Summary so far (what `earlyStopping` returns for the values fed). */
  result(): EarlyStoppingResult;
  /** Starts over (Keras re-initializes on every `fit`). */
  reset(): void;
}

interface Config {
  patience: number;
  minDelta: number;
  mode: 'min' | 'max';
  restore: boolean;
  baseline: number | undefined;
  startFromEpoch: number;
}

function checkOptions(opts: unknown): Config {
  if (opts === undefined) opts = {};
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  }
  const o = opts as EarlyStoppingOptions;
  const mode = o.mode ?? 'min';
  if (mode !== 'min' && mode !== 'max') {
    throw paramRangeError('mode', `mode must be "min" or "max"; received ${describe(mode)}`);
  }
  const restore = o.restoreBestWeights ?? false;
  if (typeof restore !== 'boolean') {
    throw paramTypeError('restoreBestWeights', `restoreBestWeights must be a boolean; received ${describe(restore)}`);
  }
  return {
    patience: integer('patience', o.patience ?? 0, 0),
    minDelta: Math.abs(finite('minDelta', o.minDelta ?? 0)),
    mode,
    restore,
    baseline: o.baseline === undefined ? undefined : finite('baseline', o.baseline),
    startFromEpoch: integer('startFromEpoch', o.startFromEpoch ?? 0, 0),
  };
}

/** A stateful early-stopping monitor for live training loops. */
export function createEarlyStopping(opts: EarlyStoppingOptions = {}): EarlyStopping {
  const cfg = checkOptions(opts);
  let epoch = 0;
  let wait = 0;
  let best = cfg.mode === 'min' ? Infinity : -Infinity;
  let bestEpoch: number | null = null;
  let stoppedEpoch: number | null = null;
  let waits: number[] = [];
  const isImprovement = (current: number, reference: number): boolean =>
    cfg.mode === 'min' ? current + cfg.minDelta < reference : current - cfg.minDelta > reference;

  return {
    update(value: number): EarlyStoppingStep {
      const current = finite(`value (epoch ${epoch})`, value);
      if (stoppedEpoch !== null) {
        throw paramRangeError('update', `update must not be called after training stopped at epoch ${stoppedEpoch}; received epoch ${epoch + 1}`);
      }
      const e = epoch++;
      const step = (stop: boolean, improved: boolean): EarlyStoppingStep => {
        waits.push(wait);
        if (stop) stoppedEpoch = e + 1;
        return { stop, improved, wait, bestEpoch, bestValue: bestEpoch === null ? null : best, epoch: e };
      };
      if (e < cfg.startFromEpoch) return step(false, false);
      wait += 1;
      if (isImprovement(current, best)) {
        best = current;
        bestEpoch = e;
        if (cfg.baseline === undefined || isImprovement(current, cfg.baseline)) wait = 0;
        return step(false, true);
      }
      return step(wait >= cfg.patience && e > 0, false);
    },
    result(): EarlyStoppingResult {
      return {
        stoppedEpoch,
        bestEpoch,
        bestValue: bestEpoch === null ? null : best,
        restoredEpoch: cfg.restore ? bestEpoch : null,
        waits: waits.slice(),
      };
    },
    reset(): void {
      epoch = 0;
      wait = 0;
      best = cfg.mode === 'min' ? Infinity : -Infinity;
      bestEpoch = null;
      stoppedEpoch = null;
      waits = [];
    },
  };
}

/** Replays early stopping over a whole history of monitored values (e.g. val_loss per epoch). */
export function earlyStopping(values: ArrayLike<number>, opts: EarlyStoppingOptions = {}): EarlyStoppingResult {
  if (!isArrayLike(values)) {
    throw paramTypeError('values', `values must be an array of numbers; received ${describe(values)}`);
  }
  const monitor = createEarlyStopping(opts);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw paramTypeError(`values[${i}]`, `values[${i}] must be a finite number; received ${describe(v)}`);
    }
    if (monitor.update(v).stop) break;
  }
  return monitor.result();
}

