/**
 * The browser half of VqComparison.astro. Nothing heavy happens on page load: the worker (and with
 * it onnxruntime-web's .wasm and the .onnx model) starts only when the panel scrolls into view or
 * the reader presses "Run comparison". Results go into text nodes only.
 */
import { formatNumber } from '../../lib/format';
import { formatBytes } from '../../lib/vqChunks';
import { isLang, type Lang } from '../../i18n/ui';
import {
  CMP_MAX_N, compareSchema, defaultCompareState, fmt, fmtInt, fmtMs, fmtPercent, fmtSig, inputDescription,
  inputKind, parseCompareQuery, STR, type CompareState,
} from './compare';
import { parseParam } from '../../lib/query';
import { pageQuery, writeQuery } from '../cell/pageQuery';
import type { ErrorMessage, ModelRef, OrtMessage, Phase, TieExample, WorkerResponse } from './compareProtocol';
import { VqWorker, type JobEnd } from './compareWorker';

const PHASE = {
  zh: { codebook: '读取码本', download: '下载模型', verify: '校验 sha256', session: '启动 onnxruntime-web', generate: '生成输入', ts: 'TypeScript 计算', ort: 'onnxruntime-web 计算', compare: '比较索引' },
  en: { codebook: 'Reading the codebook', download: 'Downloading the model', verify: 'Checking sha256', session: 'Starting onnxruntime-web', generate: 'Generating the input', ts: 'TypeScript computing', ort: 'onnxruntime-web computing', compare: 'Comparing indices' },
} as const satisfies Record<Lang, Record<Phase, string>>;

export function phaseText(lang: Lang, phase: Phase, done: number, total: number): string {
  const s = STR[lang];
  if (phase === 'download') {
    return total > 0 ? `${PHASE[lang].download}: ${s.progress(formatBytes(done), formatBytes(total))}` : `${PHASE[lang].download}: ${s.progressNoTotal(formatBytes(done))}`;
  }
  if (total > 1) return `${PHASE[lang][phase]}: ${fmtInt(done)} / ${fmtInt(total)}`;
  return `${PHASE[lang][phase]}…`;
}

/** The sentence for a failed path (shared with the full-size panel). */
export function errorText(lang: Lang, msg: ErrorMessage, file: string): string {
  const s = STR[lang];
  switch (msg.kind) {
    case 'missing': return s.missing(file);
    case 'http': return s.httpError(file, msg.status ?? 0);
    case 'network': return s.network(file);
    case 'corrupt': return s.corrupt(file, (msg.expected ?? '').slice(0, 16), (msg.got ?? '').slice(0, 16));
    case 'wasm': return s.wasm(msg.message);
    case 'alloc': return s.alloc(msg.message);
    case 'ts': return s.tsFailed(msg.message);
    default: return s.ortFailed(msg.message);
  }
}

export function endText(lang: Lang, end: JobEnd, detail?: string): string | null {
  const s = STR[lang];
  if (end === 'timeout') return s.timeout(Number(detail) || 60);
  if (end === 'crashed') return s.crashed;
  if (end === 'unavailable') return s.noWorker;
  return null;
}

/** Explanations of disagreeing rows (near-tie or not), one sentence each. */
export function tieTexts(lang: Lang, examples: readonly TieExample[], disagreements: number): string[] {
  const s = STR[lang];
  const out = examples.map((ex) =>
    ex.nearTie
      ? s.nearTie(ex.row, ex.a, ex.b, fmt(ex.distA, 9), fmt(ex.distB, 9), formatNumber(Math.abs(ex.distA - ex.distB), { digits: 2 }))
      : s.notTie(ex.row, ex.a, ex.b, fmt(ex.distA, 9), fmt(ex.distB, 9)),
  );
  if (disagreements > examples.length) out.push(s.moreDisagreements(disagreements - examples.length));
  return out;
}

export function mountComparison(root: HTMLElement): void {
  const lang: Lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const s = STR[lang];
  const models = JSON.parse(root.dataset.models ?? '[]') as ModelRef[];
  const digits = root.dataset.digits ? (JSON.parse(root.dataset.digits) as number[][]) : null;
  const ids = models.map((m) => m.id);
  const $ = <T extends HTMLElement = HTMLElement>(name: string) => root.querySelector<T>(`[data-cmp="${name}"]`)!;
  const select = $<HTMLSelectElement>('model');
  const nInput = $<HTMLInputElement>('n');
  const seedInput = $<HTMLInputElement>('seed');
  const runButton = $<HTMLButtonElement>('run');
  const status = $('status');
  const bar = $<HTMLProgressElement>('progress');
  const message = $('message');
  const fieldError = $('field-error');
  const ties = $<HTMLUListElement>('ties');
  const worker = new VqWorker(60_000);

  const parsed = parseCompareQuery(pageQuery(), ids);
  let state: CompareState = parsed.state;
  let activated = false;
  let shown = root.dataset.shownState ?? '';
  const key = (st: CompareState) => `${st.cmpModel}|${st.cmpN}|${st.cmpSeed}`;

  function set(name: string, text: string): void {
    const el = $(name);
    if (el && el.textContent !== text) el.textContent = text;
  }

  function clearOrt(text: string): void {
    for (const k of ['ort-loss', 'ort-ppl', 'ort-used', 'ort-ms', 'ort-load']) set(k, text);
    set('agree', text);
    set('dq', text);
    set('dloss', text);
    ties.replaceChildren();
  }

  function clearTs(text: string): void {
    for (const k of ['ts-loss', 'ts-ppl', 'ts-used', 'ts-ms']) set(k, text);
  }

  function syncInputs(): void {
    select.value = state.cmpModel;
    nInput.value = String(state.cmpN);
    seedInput.value = String(state.cmpSeed);
    const model = models.find((m) => m.id === state.cmpModel);
    if (model) {
      set('input-desc', `${fmtInt(state.cmpN)} × ${model.dim}: ${inputDescription(inputKind(model, digits !== null), lang)}`);
      set('model-desc', `${model.id}: K = ${model.numEmbeddings}, D = ${model.dim}`);
    }
  }

  function writeUrl(): void {
    const params = new URLSearchParams(pageQuery().params);
    const d = defaultCompareState();
    for (const k of ['cmpModel', 'cmpN', 'cmpSeed'] as const) {
      if (state[k] === d[k]) params.delete(k);
      else params.set(k, String(state[k]));
    }
    writeQuery(params, 'replace');
  }

  let tsRows: { loss: number; ppl: number } | null = null;

  function onMessage(msg: WorkerResponse): void {
    const model = models.find((m) => m.id === state.cmpModel)!;
    if (msg.type === 'progress') {
      status.textContent = phaseText(lang, msg.phase, msg.done, msg.total);
      if (msg.phase === 'download' && msg.total > 0) {
        bar.hidden = false;
        bar.max = msg.total;
        bar.value = Math.min(msg.done, msg.total);
      }
    } else if (msg.type === 'ts') {
      const r = msg.result;
      tsRows = { loss: r.loss, ppl: r.perplexity };
      set('ts-loss', fmtSig(r.loss));
      set('ts-ppl', fmtSig(r.perplexity));
      set('ts-used', `${r.codesUsed} / ${model.numEmbeddings}`);
      set('ts-ms', fmtMs(r.ms));
    } else if (msg.type === 'ort') {
      showOrt(msg.result, model);
    } else if (msg.type === 'error') {
      message.textContent = errorText(lang, msg, model.file);
      if (msg.path === 'ort') clearOrt('—');
      else clearTs('—');
      root.dataset.ortError = msg.kind;
    }
  }

  function showOrt(r: OrtMessage['result'], model: ModelRef): void {
    set('ort-loss', fmtSig(r.loss));
    set('ort-ppl', fmtSig(r.perplexity));
    set('ort-used', `${r.codesUsed} / ${model.numEmbeddings}`);
    set('ort-ms', fmtMs(r.ms));
    set('ort-load', r.reused ? s.cached : fmtMs(r.loadMs));
    if (r.agree !== undefined) {
      set('agree', s.agreement(fmtInt(r.agree), fmtInt(r.rows), fmtPercent(r.agree, r.rows)));
      const dq = r.maxDq ?? 0;
      const dqa = r.maxDqAgreeing ?? 0;
      set('dq', (r.disagreements ?? 0) > 0 ? `${formatNumber(dq, { digits: 6 })}; ${formatNumber(dqa, { digits: 6 })} ${s.qAgreeing}` : formatNumber(dq, { digits: 6 }));
      ties.replaceChildren(
        ...tieTexts(lang, r.examples ?? [], r.disagreements ?? 0).map((t) => {
          const li = document.createElement('li');
          li.textContent = t;
          return li;
        }),
      );
    }
    if (tsRows) {
      const dl = Math.abs(tsRows.loss - r.loss);
      const dp = Math.abs(tsRows.ppl - r.perplexity);
      set('dloss', `|Δ loss| = ${formatNumber(dl, { digits: 2 })}, |Δ perplexity| = ${formatNumber(dp, { digits: 2 })}`);
    }
  }

  function onEnd(end: JobEnd, detail?: string): void {
    runButton.disabled = false;
    root.removeAttribute('aria-busy');
    bar.hidden = true;
    const text = endText(lang, end, detail);
    if (text) {
      message.textContent = text;
      if (!root.dataset.ortError) root.dataset.ortError = end;
    }
    status.textContent = end === 'done' ? s.ready : (text ?? '');
    root.dataset.state = end;
    if (pending) {
      pending = false;
      run();
    }
  }

  let pending = false;
  let runningKey = '';

  function run(): void {
    activated = true;
    const model = models.find((m) => m.id === state.cmpModel);
    if (!model) return;
    if (worker.busy) {
      // One job at a time: a request for another input runs when the current job ends.
      if (key(state) !== runningKey) pending = true;
      return;
    }
    message.textContent = '';
    delete root.dataset.ortError;
    root.dataset.state = 'running';
    root.setAttribute('aria-busy', 'true');
    tsRows = null;
    const k = key(state);
    runningKey = k;
    if (k !== shown) clearTs('…');
    shown = k;
    clearOrt('…');
    status.textContent = s.tsRunning;
    runButton.disabled = true;
    worker.run({ type: 'compare', model, n: state.cmpN, seed: state.cmpSeed, digits }, { onMessage, onEnd });
  }

  function edit(): void {
    const next = { ...state, cmpModel: ids.includes(select.value) ? select.value : state.cmpModel };
    try {
      next.cmpN = parseParam('cmpN', compareSchema.cmpN, nInput.value) as number;
      nInput.removeAttribute('aria-invalid');
      next.cmpSeed = parseParam('cmpSeed', compareSchema.cmpSeed, seedInput.value) as number;
      seedInput.removeAttribute('aria-invalid');
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      (msg.startsWith('cmpN') ? nInput : seedInput).setAttribute('aria-invalid', 'true');
      fieldError.textContent = `${root.dataset.msgInvalid ?? 'Invalid value'}: ${msg}. ${root.dataset.msgKept ?? ''}`;
      return;
    }
    fieldError.textContent = '';
    if (key(next) === key(state)) return;
    state = next;
    syncInputs();
    writeUrl();
    if (key(state) !== shown) {
      clearTs(activated ? '…' : '—');
      clearOrt(activated ? '…' : '—');
    }
    if (activated) run();
  }

  select.addEventListener('change', edit);
  for (const input of [nInput, seedInput]) input.addEventListener('change', edit);
  runButton.addEventListener('click', run);
  nInput.max = String(CMP_MAX_N);

  syncInputs();
  status.textContent = s.notRun;
  if (parsed.errors.length > 0) fieldError.textContent = `${root.dataset.msgInvalid ?? 'Invalid value'}: ${parsed.errors[0]}. ${root.dataset.msgKept ?? ''}`;
  clearOrt('—');
  if (key(state) !== shown) {
    // The build-time numbers belong to the default input; this URL asks for another one.
    clearTs('—');
  }

  // Start when the panel comes into view (once); a button press starts it earlier.
  if ('IntersectionObserver' in window) {
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          if (!activated) run();
        }
      },
      { threshold: 0.15 },
    );
    io.observe(root);
  }
  root.dataset.ready = 'true';
}
