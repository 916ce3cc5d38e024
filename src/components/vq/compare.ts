/**
 * The VQ comparison panel's pure half (no DOM, no onnxruntime): URL parameters, the seeded input
 * for a model, the TypeScript result as display strings, and the panel's words in both languages.
 * Used at build time (VqComparison.astro), in the browser (compareClient.ts) and in the worker.
 */
import { createRng } from '../../lib/random';
import { formatNumber } from '../../lib/format';
import { parseParam, readQuery, type ParamSpec, type QueryParams } from '../../lib/query';
import type { VqModelEntry } from '../../lib/modelManifest';
import type { Lang } from '../../i18n/ui';

export const CMP_MAX_N = 65_536;

export const compareSchema = {
  cmpN: { kind: 'integer', min: 1, max: CMP_MAX_N, default: 1024 },
  cmpSeed: { kind: 'integer', min: 0, max: 2 ** 32 - 1, default: 0 },
} as const satisfies Record<string, ParamSpec>;

export const DEFAULT_MODEL = 'seed-colors';

export interface CompareState {
  cmpModel: string;
  cmpN: number;
  cmpSeed: number;
}

export function defaultCompareState(): CompareState {
  return { cmpModel: DEFAULT_MODEL, cmpN: compareSchema.cmpN.default, cmpSeed: compareSchema.cmpSeed.default };
}

/** Reads cmpModel / cmpN / cmpSeed; a bad value keeps the default and is reported. */
export function parseCompareQuery(search: string | QueryParams, modelIds: readonly string[]): { state: CompareState; errors: string[] } {
  const { params, refused } = typeof search === 'string' ? readQuery(search) : search;
  const state = defaultCompareState();
  const errors: string[] = refused ? [refused.message] : [];
  const m = params.get('cmpModel');
  if (m !== null) {
    if (modelIds.includes(m)) state.cmpModel = m;
    else errors.push(`cmpModel must be one of ${modelIds.join(', ')}; received ${JSON.stringify(m.slice(0, 40))}`);
  }
  for (const name of ['cmpN', 'cmpSeed'] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    try {
      state[name] = parseParam(name, compareSchema[name], raw) as number;
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { state, errors };
}

/** How a model's random input is drawn. */
export type InputKind = 'rgb' | 'digits' | 'normal' | 'uniform';

/**
 * RGB models (D = 3): uniform colours in [0, 1]³. digits-vq: rows of the shipped digits sample
 * (picked by the PRNG) when available, else uniform in [0, 1]. The seed's full-size model: standard
 * normal, as the seed's `torch.randn`. Anything else: uniform in [0, 1].
 */
export function inputKind(model: Pick<VqModelEntry, 'id' | 'dim'>, hasDigits: boolean): InputKind {
  if (model.dim === 3) return 'rgb';
  if (model.id === 'digits-vq' && hasDigits) return 'digits';
  if (model.id === 'seed-vq-d64-k256') return 'normal';
  return 'uniform';
}

/**
 * Digits sample rows scaled to [0, 1]: accepts `{ data: number[][] }` (raw 0–16 values, as
 * scikit-learn's digits, divided by 16; rows already in [0, 1] are kept) with rows of length `dim`.
 * Returns null for anything else, so the caller falls back to uniform rows.
 */
export function digitsRows(json: unknown, dim: number): number[][] | null {
  if (typeof json !== 'object' || json === null) return null;
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length === 0) return null;
  let max = 0;
  for (const row of data) {
    if (!Array.isArray(row) || row.length !== dim) return null;
    for (const v of row) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return null;
      if (v > max) max = v;
    }
  }
  const scale = max > 1 ? 16 : 1;
  if (max > 16) return null;
  return data.map((row: number[]) => row.map((v) => v / scale));
}

/** The seeded N×D float32 input for a model (same numbers at build time, in the page, in the worker). */
export function makeCompareInput(
  model: Pick<VqModelEntry, 'id' | 'dim'>,
  n: number,
  seed: number,
  digits: readonly (readonly number[])[] | null,
): Float32Array {
  const d = model.dim;
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  const kind = inputKind(model, digits !== null && digits.length > 0);
  if (kind === 'digits') {
    for (let i = 0; i < n; i++) x.set(digits![rng.int(digits!.length)]!, i * d);
  } else if (kind === 'normal') {
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  } else {
    for (let i = 0; i < x.length; i++) x[i] = rng.next();
  }
  return x;
}

/**
 * Loss and perplexity as shown in the panel: 6 significant digits. The graph computes in float32
 * (about 7 significant digits, fewer after long sums), the kernel in float64, so 6 is the precision
 * at which the two are expected to print the same. Never NaN/Infinity: formatNumber refuses them.
 */
export function fmtSig(v: number, sig = 6): string {
  const a = Math.abs(v);
  const digits = a === 0 ? sig - 1 : Math.max(0, Math.min(12, sig - 1 - Math.floor(Math.log10(a))));
  return formatNumber(v, { digits });
}
/** A number with fixed decimals (distances, differences). */
export const fmt = (v: number, digits = 6): string => formatNumber(v, { digits });
/** Percent of rows: "100" only when every row agrees, otherwise at most "99.99". */
export function fmtPercent(agree: number, rows: number): string {
  if (rows <= 0 || agree === rows) return '100';
  const p = Math.min(99.99, Math.floor((agree / rows) * 10_000) / 100);
  return formatNumber(p, { digits: 2 });
}
export const fmtMs = (ms: number): string => `${formatNumber(Math.max(0, ms), { digits: ms < 10 ? 2 : 0 })} ms`;
export const fmtInt = (v: number): string => Math.round(v).toLocaleString('en-US');

export const STR = {
  zh: {
    loading: '正在下载模型',
    verifying: '正在校验 sha256',
    startingOrt: '正在启动 onnxruntime-web（WebAssembly）',
    running: '正在计算',
    ready: '完成',
    tsRunning: 'TypeScript 正在计算…',
    needsJs: '需要 JavaScript：onnxruntime-web 在浏览器里运行。',
    notRun: '尚未运行：滚动到这里或按“运行对比”。',
    agreeAll: '全部一致',
    missing: (file: string) => `找不到模型文件 ${file}（HTTP 404）。TypeScript 的结果仍然有效。`,
    httpError: (file: string, status: number) => `下载模型 ${file} 失败（HTTP ${status}）。TypeScript 的结果仍然有效。`,
    network: (file: string) => `无法下载模型 ${file}（网络错误）。TypeScript 的结果仍然有效。`,
    corrupt: (file: string, expected: string, got: string) =>
      `模型 ${file} 未通过完整性校验：sha256 应为 ${expected}…，实际为 ${got}…。没有运行这个模型；TypeScript 的结果仍然有效。`,
    wasm: (msg: string) => `onnxruntime-web 无法启动（WebAssembly 不可用或加载失败：${msg}）。TypeScript 的结果仍然有效。`,
    ortFailed: (msg: string) => `onnxruntime-web 运行失败：${msg}。TypeScript 的结果仍然有效。`,
    alloc: (msg: string) => `onnxruntime-web 无法分配内存（${msg}）。TypeScript 的结果仍然有效。`,
    timeout: (s: number) => `${s} 秒内没有完成，已停止并重启后台线程。TypeScript 的结果（如有）仍然有效。`,
    crashed: '后台线程意外停止，已重新启动；请再按一次运行。',
    noWorker: '这个浏览器不支持 Web Worker，无法在后台运行 onnxruntime-web。',
    tsFailed: (msg: string) => `TypeScript 计算失败：${msg}`,
    progress: (done: string, total: string) => `已下载 ${done} / ${total}`,
    progressNoTotal: (done: string) => `已下载 ${done}`,
    cached: '（模型已在本页加载，直接复用）',
    agreement: (agree: string, n: string, pct: string) => `${agree} / ${n} 行（${pct} %）`,
    nearTie: (row: number, a: number, b: number, da: string, db: string, gap: string) =>
      `第 ${row} 行：TypeScript 选 ${a} 号（距离² ${da}），onnxruntime-web 选 ${b} 号（距离² ${db}）；两者相差 ${gap}，低于 float32 在这个量级上的分辨率——这是近似平局，不是错误。`,
    notTie: (row: number, a: number, b: number, da: string, db: string) =>
      `第 ${row} 行：TypeScript 选 ${a} 号（距离² ${da}），onnxruntime-web 选 ${b} 号（距离² ${db}）；差距大于 float32 的舍入误差，请报告这个问题。`,
    moreDisagreements: (k: number) => `另有 ${k} 行不一致（同样的检查）。`,
    qAgreeing: '（仅一致的行）',
    inputRgb: '随机 RGB 颜色，各分量在 [0, 1]',
    inputDigits: '随机抽取的 8×8 手写数字样本行（/16）',
    inputNormal: '标准正态随机数（与原文代码的 torch.randn 同分布，不同的随机流）',
    inputUniform: '[0, 1] 均匀随机数',
  },
  en: {
    loading: 'Downloading the model',
    verifying: 'Checking sha256',
    startingOrt: 'Starting onnxruntime-web (WebAssembly)',
    running: 'Running',
    ready: 'Done',
    tsRunning: 'TypeScript is computing…',
    needsJs: 'Needs JavaScript: onnxruntime-web runs in the browser.',
    notRun: 'Not run yet: scroll here or press “Run comparison”.',
    agreeAll: 'all agree',
    missing: (file: string) => `The model file ${file} is missing (HTTP 404). The TypeScript results still stand.`,
    httpError: (file: string, status: number) => `Downloading the model ${file} failed (HTTP ${status}). The TypeScript results still stand.`,
    network: (file: string) => `The model ${file} could not be downloaded (network error). The TypeScript results still stand.`,
    corrupt: (file: string, expected: string, got: string) =>
      `The model ${file} failed its integrity check: sha256 should be ${expected}…, got ${got}…. It was not run; the TypeScript results still stand.`,
    wasm: (msg: string) => `onnxruntime-web could not start (WebAssembly unavailable or failed to load: ${msg}). The TypeScript results still stand.`,
    ortFailed: (msg: string) => `onnxruntime-web failed: ${msg}. The TypeScript results still stand.`,
    alloc: (msg: string) => `onnxruntime-web could not allocate memory (${msg}). The TypeScript results still stand.`,
    timeout: (s: number) => `Nothing finished within ${s} s; the background worker was stopped and restarted. Any TypeScript results still stand.`,
    crashed: 'The background worker stopped unexpectedly and was restarted; press run again.',
    noWorker: 'This browser has no Web Workers, so onnxruntime-web cannot run in the background.',
    tsFailed: (msg: string) => `The TypeScript computation failed: ${msg}`,
    progress: (done: string, total: string) => `Downloaded ${done} of ${total}`,
    progressNoTotal: (done: string) => `Downloaded ${done}`,
    cached: '(model already loaded on this page, reused)',
    agreement: (agree: string, n: string, pct: string) => `${agree} of ${n} rows (${pct} %)`,
    nearTie: (row: number, a: number, b: number, da: string, db: string, gap: string) =>
      `Row ${row}: TypeScript picks code ${a} (squared distance ${da}), onnxruntime-web picks code ${b} (${db}); they differ by ${gap}, below float32's resolution at this magnitude — a near-tie, not a bug.`,
    notTie: (row: number, a: number, b: number, da: string, db: string) =>
      `Row ${row}: TypeScript picks code ${a} (squared distance ${da}), onnxruntime-web picks code ${b} (${db}); the gap is larger than float32 rounding — please report this.`,
    moreDisagreements: (k: number) => `${k} more rows disagree (same check).`,
    qAgreeing: '(agreeing rows only)',
    inputRgb: 'random RGB colours, each channel in [0, 1]',
    inputDigits: 'rows of the 8×8 digits sample (/16), drawn at random',
    inputNormal: 'standard normal numbers (the distribution of the seed’s torch.randn; a different random stream)',
    inputUniform: 'uniform random numbers in [0, 1]',
  },
} as const;

export type CompareStrings = (typeof STR)[Lang];

export function inputDescription(kind: InputKind, lang: Lang): string {
  const s = STR[lang];
  return { rgb: s.inputRgb, digits: s.inputDigits, normal: s.inputNormal, uniform: s.inputUniform }[kind];
}

/**
 * Whether two codes chosen for one row are a near-tie: the exact distances differ by less than
 * what float32 arithmetic of ‖x‖² + ‖e‖² − 2x·e can resolve (a few ulps of the largest term).
 */
export function isNearTie(distA: number, distB: number, rowNormSq: number): boolean {
  const scale = Math.max(Math.abs(distA), Math.abs(distB), rowNormSq, 1e-30);
  return Math.abs(distA - distB) <= 64 * 2 ** -24 * scale;
}
