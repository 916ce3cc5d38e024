/**
 * The browser half of VqFullSize.astro: runs only on a button press, in its own worker (so a cancel,
 * which terminates the worker, never touches the comparison panel's loaded session).
 */
import { formatBytes, tsBytes, ortGraphBytes } from '../../lib/vqChunks';
import { parseParam } from '../../lib/query';
import { pageQuery, writeQuery } from '../cell/pageQuery';
import { isLang, type Lang } from '../../i18n/ui';
import { fmtInt, fmtMs, fmtPercent, fmtSig, STR } from './compare';
import { endText, errorText, phaseText, tieTexts } from './compareClient';
import type { ModelRef, WorkerResponse } from './compareProtocol';
import { VqWorker, type JobEnd } from './compareWorker';
import { FSTR, fullSchema, ORT_CHUNK_ROWS } from './fullsize';

export function mountFullSize(root: HTMLElement): void {
  const lang: Lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const f = FSTR[lang];
  const s = STR[lang];
  const model = JSON.parse(root.dataset.model ?? '{}') as ModelRef;
  const $ = <T extends HTMLElement = HTMLElement>(name: string) => root.querySelector<T>(`[data-full="${name}"]`)!;
  const nInput = $<HTMLInputElement>('n');
  const seedInput = $<HTMLInputElement>('seed');
  const tsBox = $<HTMLInputElement>('ts');
  const ortBox = $<HTMLInputElement>('ort');
  const runButton = $<HTMLButtonElement>('run');
  const cancelButton = $<HTMLButtonElement>('cancel');
  const status = $('status');
  const bar = $<HTMLProgressElement>('progress');
  const message = $('message');
  const fieldError = $('field-error');
  const ties = $<HTMLUListElement>('ties');
  // A 65,536-row onnxruntime-web chunk may take a while on a slow machine: 120 s of silence at most.
  const worker = new VqWorker(120_000);

  const set = (name: string, text: string) => {
    const el = $(name);
    if (el && el.textContent !== text) el.textContent = text;
  };
  const PATH_KEYS = ['ms', 'loss', 'ppl', 'used', 'chunks', 'heap'];

  // URL → inputs (bad values keep the defaults and are reported).
  const { params, refused } = pageQuery();
  const errors: string[] = refused ? [refused.message] : [];
  const read = (name: keyof typeof fullSchema): number => {
    const raw = params.get(name);
    if (raw === null) return fullSchema[name].default;
    try {
      return parseParam(name, fullSchema[name], raw) as number;
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
      return fullSchema[name].default;
    }
  };
  nInput.value = String(read('fullN'));
  seedInput.value = String(read('fullSeed'));
  tsBox.checked = read('fullTs') === 1;
  ortBox.checked = read('fullOrt') === 1;
  if (errors.length > 0) fieldError.textContent = `${root.dataset.msgInvalid ?? 'Invalid value'}: ${errors[0]}. ${root.dataset.msgKept ?? ''}`;

  function readInputs(): { n: number; seed: number } | null {
    try {
      const n = parseParam('fullN', fullSchema.fullN, nInput.value) as number;
      nInput.removeAttribute('aria-invalid');
      const seed = parseParam('fullSeed', fullSchema.fullSeed, seedInput.value) as number;
      seedInput.removeAttribute('aria-invalid');
      fieldError.textContent = '';
      return { n, seed };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      (msg.startsWith('fullN') ? nInput : seedInput).setAttribute('aria-invalid', 'true');
      fieldError.textContent = `${root.dataset.msgInvalid ?? 'Invalid value'}: ${msg}. ${root.dataset.msgKept ?? ''}`;
      return null;
    }
  }

  function writeUrl(): void {
    const v = readInputs();
    if (!v) return;
    const p = new URLSearchParams(pageQuery().params);
    const values: Record<keyof typeof fullSchema, number> = {
      fullN: v.n, fullSeed: v.seed, fullTs: tsBox.checked ? 1 : 0, fullOrt: ortBox.checked ? 1 : 0,
    };
    for (const [k, val] of Object.entries(values) as [keyof typeof fullSchema, number][]) {
      if (val === fullSchema[k].default) p.delete(k);
      else p.set(k, String(val));
    }
    writeQuery(p, 'replace');
  }
  for (const el of [nInput, seedInput, tsBox, ortBox]) el.addEventListener('change', writeUrl);

  let rows = 0;
  function onMessage(msg: WorkerResponse): void {
    if (msg.type === 'progress') {
      status.textContent = phaseText(lang, msg.phase, msg.done, msg.total);
      if (msg.total > 0) {
        bar.hidden = false;
        bar.max = msg.total;
        bar.value = Math.min(msg.done, msg.total);
      }
    } else if (msg.type === 'ts' || msg.type === 'ort') {
      const p = msg.type;
      const r = msg.result;
      set(`${p}-ms`, fmtMs(r.ms));
      set(`${p}-loss`, fmtSig(r.loss));
      set(`${p}-ppl`, fmtSig(r.perplexity));
      set(`${p}-used`, `${r.codesUsed} / ${model.numEmbeddings}`);
      set(`${p}-chunks`, f.chunks(r.chunks, fmtInt(p === 'ort' ? ORT_CHUNK_ROWS : 16_384)));
      set(`${p}-heap`, r.heapBytes !== undefined ? formatBytes(r.heapBytes) : f.heapNA);
      if (msg.type === 'ort') {
        const o = msg.result;
        set('ort-load', o.reused ? s.cached : fmtMs(o.loadMs));
        if (o.agree !== undefined) {
          set('agree', f.agreement(fmtInt(o.agree), fmtInt(o.rows), fmtPercent(o.agree, o.rows)));
          ties.replaceChildren(
            ...tieTexts(lang, o.examples ?? [], o.disagreements ?? 0).map((t) => {
              const li = document.createElement('li');
              li.textContent = t;
              return li;
            }),
          );
        }
      }
    } else if (msg.type === 'error') {
      const text = errorText(lang, msg, model.file);
      message.textContent = msg.path === 'ort' ? `${text} ${f.allocKept}` : text;
      root.dataset.ortError = msg.kind;
      for (const k of PATH_KEYS) set(`${msg.path}-${k}`, '—');
    } else if (msg.type === 'done') {
      if (msg.generateMs !== undefined) set('gen', `${fmtInt(rows)} × ${model.dim}; ${f.generated(fmtMs(msg.generateMs))}`);
    }
  }

  function onEnd(end: JobEnd, detail?: string): void {
    runButton.disabled = false;
    cancelButton.disabled = true;
    root.removeAttribute('aria-busy');
    bar.hidden = true;
    root.dataset.state = end;
    if (end === 'cancelled') {
      status.textContent = f.cancelled;
      for (const p of ['ts', 'ort']) for (const k of PATH_KEYS) if ($(`${p}-${k}`).textContent === '…') set(`${p}-${k}`, '—');
      return;
    }
    const text = endText(lang, end, detail);
    if (text) message.textContent = text;
    status.textContent = end === 'done' ? f.done : (text ?? '');
    if (end !== 'done' || document.activeElement === cancelButton) runButton.focus();
  }

  function run(): void {
    const v = readInputs();
    if (!v) return;
    writeUrl();
    rows = v.n;
    const runTs = tsBox.checked;
    const runOrt = ortBox.checked;
    message.textContent = '';
    delete root.dataset.ortError;
    ties.replaceChildren();
    for (const [p, on] of [['ts', runTs], ['ort', runOrt]] as const) {
      for (const k of PATH_KEYS) set(`${p}-${k}`, on ? '…' : f.skipped);
    }
    set('ort-load', runOrt ? '…' : f.skipped);
    set('agree', runTs && runOrt ? '…' : f.skipped);
    set('gen', '…');
    set('ts-bytes', formatBytes(tsBytes(v.n, model.numEmbeddings, model.dim, 16_384).total));
    set('ort-bytes', formatBytes(ortGraphBytes(Math.min(v.n, ORT_CHUNK_ROWS), model.numEmbeddings, model.dim).total));
    runButton.disabled = true;
    cancelButton.disabled = false;
    root.setAttribute('aria-busy', 'true');
    root.dataset.state = 'running';
    worker.run(
      { type: 'full', model, n: v.n, seed: v.seed, chunkRows: ORT_CHUNK_ROWS, runTs, runOrt },
      { onMessage, onEnd },
    );
    cancelButton.focus();
  }

  runButton.addEventListener('click', run);
  cancelButton.addEventListener('click', () => worker.cancel());
  status.textContent = f.notRun;
  for (const p of ['ts', 'ort']) for (const k of PATH_KEYS) set(`${p}-${k}`, '—');
  for (const k of ['ort-load', 'agree', 'gen']) set(k, '—');
  root.dataset.ready = 'true';
}
