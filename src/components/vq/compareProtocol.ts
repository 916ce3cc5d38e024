/**
 * Messages between the VQ panels (compareClient.ts, fullsizeClient.ts) and ort.worker.ts.
 * Plain structured-clone data only.
 */

/** What the worker needs to know about one manifest model, with URLs resolved under the site base. */
export interface ModelRef {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  dim: number;
  numEmbeddings: number;
  commitmentCost: number;
  input: string;
  outputs: { indices: string; quantized: string; loss?: string; perplexity?: string };
  modelUrl: string;
  codebookUrl: string;
}

export interface CompareRequest {
  type: 'compare';
  job: number;
  model: ModelRef;
  n: number;
  seed: number;
  digits: number[][] | null;
}

export interface FullRequest {
  type: 'full';
  job: number;
  model: ModelRef;
  n: number;
  seed: number;
  chunkRows: number;
  runTs: boolean;
  runOrt: boolean;
}

export type WorkerRequest = CompareRequest | FullRequest;

export type Phase = 'codebook' | 'download' | 'verify' | 'session' | 'generate' | 'ts' | 'ort' | 'compare';

export interface ProgressMessage {
  type: 'progress';
  job: number;
  phase: Phase;
  done: number;
  /** 0 when unknown (e.g. no Content-Length). */
  total: number;
}

export interface PathResult {
  loss: number;
  perplexity: number;
  codesUsed: number;
  /** Milliseconds of the computation itself. */
  ms: number;
  /** Chunks the rows were run in (1 for a single call). */
  chunks: number;
  /** usedJSHeapSize after the path, where the browser exposes performance.memory in workers. */
  heapBytes?: number;
}

export interface TsMessage {
  type: 'ts';
  job: number;
  result: PathResult;
}

export interface TieExample {
  row: number;
  a: number;
  b: number;
  distA: number;
  distB: number;
  nearTie: boolean;
}

export interface OrtMessage {
  type: 'ort';
  job: number;
  result: PathResult & {
    /** Milliseconds to download (or 0 when reused), verify and create the session. */
    loadMs: number;
    reused: boolean;
    /** Present when the TS path ran too. */
    agree?: number;
    rows: number;
    examples?: TieExample[];
    disagreements?: number;
    maxDq?: number;
    maxDqAgreeing?: number;
  };
}

export type ErrorKind = 'missing' | 'http' | 'network' | 'corrupt' | 'wasm' | 'alloc' | 'run' | 'ts';

export interface ErrorMessage {
  type: 'error';
  job: number;
  path: 'ts' | 'ort';
  kind: ErrorKind;
  message: string;
  status?: number;
  expected?: string;
  got?: string;
}

export interface DoneMessage {
  type: 'done';
  job: number;
  /** Milliseconds spent generating the input (full-size runs). */
  generateMs?: number;
  heapBytes?: number;
}

export type WorkerResponse = ProgressMessage | TsMessage | OrtMessage | ErrorMessage | DoneMessage;
