/**
 * The full-size VQ panel's pure half: parameters (prefixed `full`), the analytic memory table and
 * the panel's words in both languages.
 */
import type { ParamSpec } from '../../lib/query';
import { formatBytes, ortGraphBytes, tsBytes } from '../../lib/vqChunks';
import type { Lang } from '../../i18n/ui';

/** The seed's example: x = torch.randn(32, 128, 128, 64) → 524,288 rows of D = 64. */
export const FULL_N = 32 * 128 * 128;
export const FULL_MODEL = 'seed-vq-d64-k256';
/** Rows per onnxruntime-web run (the graph's N×K buffers are 64 MiB each at K = 256). */
export const ORT_CHUNK_ROWS = 65_536;

export const fullSchema = {
  fullN: { kind: 'integer', min: 1024, max: FULL_N, default: FULL_N },
  fullSeed: { kind: 'integer', min: 0, max: 2 ** 32 - 1, default: 0 },
  fullTs: { kind: 'integer', min: 0, max: 1, default: 1 },
  fullOrt: { kind: 'integer', min: 0, max: 1, default: 1 },
} as const satisfies Record<string, ParamSpec>;

export interface MemoryRow {
  what: string;
  bytes: string;
}

const ITEM = {
  zh: {
    input: '输入 x（N×D float32）', rowNorms: '‖x‖²（N×D 平方 + N 求和）', distanceMatrices: '四个 N×K 矩阵：‖x‖²+‖e‖²、x·eᵀ、×2、距离',
    indices: 'argmin 索引（N int64）', tsIndices: '索引（N int32）', quantizedAndLoss: 'quantized 与损失的中间量（5 个 N×D）', oneHot: 'one-hot（N×K bool + float32），用于困惑度',
    quantizedChunk: '一块的 quantized（块×D float32）', codebook: '码本 float64 副本与范数（K×D + K）', kernelRows: 'WebAssembly 内核的行缓冲（至多 2048 行 × D float64）',
  },
  en: {
    input: 'input x (N×D float32)', rowNorms: '‖x‖² (N×D squares + N sums)', distanceMatrices: 'four N×K matrices: ‖x‖²+‖e‖², x·eᵀ, ×2, distances',
    indices: 'argmin indices (N int64)', tsIndices: 'indices (N int32)', quantizedAndLoss: 'quantized and loss intermediates (5 × N×D)', oneHot: 'one-hot (N×K bool + float32) for the perplexity',
    quantizedChunk: 'one chunk’s quantized rows (chunk×D float32)', codebook: 'float64 codebook copy and norms (K×D + K)', kernelRows: 'the WebAssembly kernel’s row buffer (up to 2,048 rows × D float64)',
  },
} as const;

/** The analytic memory of both paths for n rows (K = 256, D = 64 unless given). */
export function memoryTable(n: number, lang: Lang, k = 256, d = 64) {
  const whole = ortGraphBytes(n, k, d);
  const chunk = ortGraphBytes(Math.min(n, ORT_CHUNK_ROWS), k, d);
  const ts = tsBytes(n, k, d, 16_384);
  const names = ITEM[lang] as Record<string, string>;
  return {
    ortWhole: whole.items.map((i) => ({ what: names[i.key] ?? i.key, bytes: formatBytes(i.bytes) })),
    ortWholeTotal: formatBytes(whole.total),
    ortDistances: formatBytes(whole.distances),
    ortChunkTotal: formatBytes(chunk.total),
    ortChunkDistances: formatBytes(chunk.distances),
    // Held by the worker across ORT chunks: the whole input and the N indices of both paths.
    ts: ts.items.map((i) => ({ what: names[i.key] ?? i.key, bytes: formatBytes(i.bytes) })),
    tsTotal: formatBytes(ts.total),
  };
}

export const FSTR = {
  zh: {
    notRun: '尚未运行。',
    needsJs: '需要 JavaScript。',
    cancelled: '已取消：后台线程已终止（内存随之释放），下次运行会启动新的线程。',
    done: '完成。',
    skipped: '未选择',
    heapNA: '这个浏览器不在 Worker 里提供 performance.memory',
    chunks: (c: number, rows: string) => `${c} 块，每块最多 ${rows} 行`,
    generated: (ms: string) => `生成输入用时 ${ms}`,
    agreement: (agree: string, n: string, pct: string) => `${agree} / ${n} 行（${pct} %）`,
    allocKept: 'onnxruntime-web 没能完成；TypeScript 的结果保留在表中。',
  },
  en: {
    notRun: 'Not run yet.',
    needsJs: 'Needs JavaScript.',
    cancelled: 'Cancelled: the background worker was terminated (its memory freed at once); the next run starts a new one.',
    done: 'Done.',
    skipped: 'not selected',
    heapNA: 'this browser does not expose performance.memory in workers',
    chunks: (c: number, rows: string) => `${c} chunks of at most ${rows} rows`,
    generated: (ms: string) => `input generated in ${ms}`,
    agreement: (agree: string, n: string, pct: string) => `${agree} of ${n} rows (${pct} %)`,
    allocKept: 'onnxruntime-web did not finish; the TypeScript results stay in the table.',
  },
} as const;
