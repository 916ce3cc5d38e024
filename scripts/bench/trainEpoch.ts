/**
 * One training epoch of the lab's default model, side by side in one run (`npm run bench`, issue #11):
 * a 64 → 128 → 10 ReLU MLP on 200 digits, batch 32, plain SGD (lr 0.1), from the same initial weights
 * and the same visiting orders, in
 *  - the site's trainer (`trainMLP`, float64),
 *  - PyTorch CPU (Debian's torch, float32 and float64, 1 thread; scripts/bench/train_epoch.py),
 *  - TensorFlow.js 4.22 (tfjs-core with the CPU backend, and the WebAssembly backend, float32).
 * Each figure is the median time of one epoch after a warm-up epoch. The last epoch's mean loss is
 * printed beside it: float64 rows must agree to rounding (the same computation), float32 rows closely.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { epochOrders, initMLP, parseDigits, splitDigits, trainMLP } from '../../src/lib/index';

export interface TrainEpochRow { engine: string; medianMs: number; lastLoss: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function makeCase(epochs: number) {
  const digits = parseDigits(JSON.parse(readFileSync('public/data/digits.json', 'utf8')));
  const { train } = splitDigits(digits, { train: 200, validation: 297, test: 500, seed: 0 });
  const init = initMLP([64, 128, 10], 1);
  return { ...init, x: train.x, y: train.y, orders: epochOrders(train.x.length, epochs, 1), lr: 0.1, batchSize: 32 };
}

function tsRow(c: ReturnType<typeof makeCase>): TrainEpochRow {
  const times: number[] = [];
  let model = { weights: c.weights, biases: c.biases };
  let lastLoss = NaN;
  for (const order of c.orders) {
    // Plain SGD keeps no state between steps, so epoch-by-epoch calls train exactly as one long call.
    const t0 = performance.now();
    const r = trainMLP(model, { x: c.x, y: c.y }, { epochs: 1, batchSize: c.batchSize, lr: c.lr, order: [order] });
    times.push(performance.now() - t0);
    model = { weights: r.weights, biases: r.biases };
    lastLoss = r.epochLosses[0]!;
  }
  return { engine: 'TS trainMLP, float64', medianMs: median(times.slice(1)), lastLoss };
}

async function tfjsRow(c: ReturnType<typeof makeCase>, backend: 'cpu' | 'wasm'): Promise<TrainEpochRow | null> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  await import('@tensorflow/tfjs-backend-cpu');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  }
  try {
    if (!(await tf.setBackend(backend))) return null;
    await tf.ready();
  } catch {
    return null;
  }
  // tfjs's dense layout is in × out: transpose nn.Linear's out × in.
  const vars = c.weights.flatMap((w, l) => [
    tf.variable(tf.tensor2d(w[0]!.map((_, i) => w.map((row) => row[i]!)))),
    tf.variable(tf.tensor1d(c.biases[l]!)),
  ]);
  const x = tf.tensor2d(c.x);
  const y = tf.oneHot(tf.tensor1d(c.y, 'int32'), 10);
  const opt = tf.train.sgd(c.lr);
  const forward = (xb: ReturnType<typeof tf.gather>) => {
    let h = xb;
    for (let l = 0; l < vars.length / 2; l++) {
      h = tf.add(tf.matMul(h, vars[2 * l]!), vars[2 * l + 1]!);
      if (l < vars.length / 2 - 1) h = tf.relu(h);
    }
    return h;
  };
  const times: number[] = [];
  let lastLoss = NaN;
  for (const order of c.orders) {
    const t0 = performance.now();
    let sum = 0;
    for (let s = 0; s < order.length; s += c.batchSize) {
      const idx = tf.tensor1d(order.slice(s, s + c.batchSize), 'int32');
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(tf.gather(y, idx), forward(tf.gather(x, idx))) as never, true);
      sum += (await loss!.data())[0]! * idx.shape[0]!;
      loss!.dispose();
      idx.dispose();
    }
    times.push(performance.now() - t0);
    lastLoss = sum / order.length;
  }
  tf.disposeVariables();
  return { engine: `TensorFlow.js ${tf.version_core} ${backend === 'cpu' ? 'CPU' : 'WebAssembly'} backend, float32`, medianMs: median(times.slice(1)), lastLoss };
}

export async function trainEpochBench(epochs = 11): Promise<TrainEpochRow[]> {
  const c = makeCase(epochs);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'train-epoch-'));
  const file = path.join(dir, 'case.json');
  writeFileSync(file, JSON.stringify(c));
  const rows: TrainEpochRow[] = [tsRow(c)];
  try {
    const out = execFileSync('/usr/bin/python3', ['scripts/bench/train_epoch.py', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of out.trim().split('\n')) if (line.startsWith('{')) rows.push(JSON.parse(line) as TrainEpochRow);
  } catch (e) {
    process.stderr.write(`PyTorch epoch bench skipped: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  for (const b of ['cpu', 'wasm'] as const) {
    const r = await tfjsRow(c, b);
    if (r) rows.push(r);
  }
  return rows;
}

export function trainEpochMarkdown(rows: TrainEpochRow[]): string[] {
  const ts = rows.find((r) => r.engine.startsWith('TS'));
  const ratio = (r: TrainEpochRow) => (ts ? (ts.medianMs / r.medianMs).toFixed(2) : '–');
  return [
    '## Training: one epoch of the lab\'s default model (64 → 128 → 10 MLP, 200 digits, batch 32, SGD), Node',
    '',
    'Same initial weights and visiting orders everywhere; median of 10 epochs after a warm-up. TS/engine < 1 means',
    'the site\'s trainer is faster. The last epoch\'s mean loss shows the runs are the same computation.',
    '',
    '| engine | ms per epoch | TS / engine | last epoch\'s loss |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.engine} | ${r.medianMs.toFixed(2)} | ${ratio(r)} | ${r.lastLoss.toPrecision(12)} |`),
  ];
}

export function trainEpochSummary(rows: TrainEpochRow[]): string {
  const ts = rows.find((r) => r.engine.startsWith('TS'));
  if (!ts) return 'Training epoch: not measured.';
  const others = rows.filter((r) => r !== ts).map((r) => `${r.engine.split(',')[0]!.replace(/ \d[\w.+]*/, '')}${r.engine.includes('float64') ? ' f64' : r.engine.includes('float32') ? ' f32' : ''} ${(ts.medianMs / r.medianMs).toFixed(2)}`);
  return `Training epoch (64→128→10, 200 digits): TS ${ts.medianMs.toFixed(2)} ms; TS/engine: ${others.join(', ')}.`;
}
