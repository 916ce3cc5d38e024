/**
 * Live codebook training on seeded 2-D data: plain gradient steps on the seed's loss (β shown, and
 * why it does not move the codebook) or EMA updates, with the dead-code count and the perplexity
 * after every step. The whole run is a pure function of the parameters (small: ≤ 200 steps of
 * 120 points × 16 codes), so the build prints it and every edit recomputes it in a few ms.
 * The "Dead codes" line follows the codes no point chose at the start (gradient steps leave them
 * exactly where they are; EMA nearly so, since an unused code's N_k and m_k decay together) and
 * runs the same data and updates from the other initialization: starting from data points is one
 * remedy. The other is restarting unused codes (Jukebox, Dhariwal et al. 2020; Łańcucki et al.
 * 2020): with tRestart = 1, after every step each code no point chose moves onto a random data
 * point (trainVqCodebook's restartEvery = 1, rows drawn from createRng(tSeed); the rule is in
 * src/lib/vqTraining.ts), and the line counts the restarts and compares the same run without them.
 * The PyTorch view then carries the site's PRNG twin (randomPython.ts) so it draws the same rows.
 */
import { createRng } from '../lib/random';
import { formatNumber as fmt } from '../lib/format';
import { trainVqCodebook, vqAssign, type VqTrainingRun } from '../lib/vqTraining';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';
import { VECTOR_QUANTIZER_SOURCE, num, rowsOf, vec } from './vqShared';
import { pyMatrix } from './python';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';

export const vqTrainSchema = {
  tK: { kind: 'integer', min: 1, max: 16, default: 6 },
  tSeed: { kind: 'integer', min: 0, max: 9999, default: 1 },
  tSteps: { kind: 'integer', min: 0, max: 200, default: 60 },
  tLr: { kind: 'number', min: 0, max: 2, step: 0.05, default: 1 },
  tBeta: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.25 },
  tEma: { kind: 'integer', min: 0, max: 1, default: 0 },
  tDecay: { kind: 'number', min: 0, max: 0.999, step: 0.001, default: 0.9 },
  tInit: { kind: 'integer', min: 0, max: 1, default: 0 },
  tRestart: { kind: 'integer', min: 0, max: 1, default: 0 },
} as const satisfies Schema;

export type VqTrainState = StateOf<typeof vqTrainSchema>;

export const vqTrainParamOf: Record<string, keyof VqTrainState> = {
  lr: 'tLr', decay: 'tDecay', commitmentCost: 'tBeta', steps: 'tSteps', seed: 'tSeed',
};

export const TRAIN_POINTS = 120;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * The data (four Gaussian blobs, 30 points each, centres drawn from the seed) and the starting
 * codebook: the seed's uniform(−1/K, 1/K) or K distinct data rows. Rounded to 4 decimals so the
 * PyTorch view can print them exactly.
 */
export function vqTrainData(seed: number, k: number, init: number): { x: number[]; codebook: number[] } {
  const rng = createRng(seed);
  const centres = Array.from({ length: 4 }, (_, c) => {
    const angle = (c * Math.PI) / 2 + rng.uniform(-0.4, 0.4);
    const radius = rng.uniform(1.2, 2);
    return [radius * Math.cos(angle) + 3, radius * Math.sin(angle) + 2];
  });
  const x: number[] = [];
  for (let i = 0; i < TRAIN_POINTS; i++) {
    const c = centres[i % 4]!;
    x.push(round4(c[0]! + 0.45 * rng.normal()), round4(c[1]! + 0.45 * rng.normal()));
  }
  const codebook: number[] = [];
  if (init === 0) {
    for (let j = 0; j < 2 * k; j++) codebook.push(round4(rng.uniform(-1 / k, 1 / k)));
  } else {
    const picked = new Set<number>();
    while (picked.size < k) picked.add(rng.int(TRAIN_POINTS));
    for (const i of picked) codebook.push(x[2 * i]!, x[2 * i + 1]!);
  }
  return { x, codebook };
}

export interface VqTrainView {
  text: Record<string, string>;
  rows: Record<'codes', string[][]>;
  tables: Record<'curve', DataTable>;
  curve: { step: number; value: number; series: string }[];
  scatter: {
    points: { x: number; y: number; code: number }[];
    codes: { x: number; y: number; code: number; dead: boolean }[];
    paths: { x: number; y: number; code: number; step: number }[];
  };
  curveDescription: string;
  scatterDescription: string;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：训练码本（梯度或 EMA），看死码与困惑度',
    fields: {
      tK: { label: '码向量数 K' },
      tSeed: { label: '数据与初始化的随机种子' },
      tSteps: { label: '训练步数' },
      tLr: { label: '学习率（梯度模式）' },
      tBeta: { label: '承诺系数 β' },
      tEma: { label: '用 EMA 更新码本（而不是梯度）', hint: 'VQ-VAE 附录中的指数滑动平均' },
      tDecay: { label: 'EMA 衰减 γ' },
      tInit: { label: '从数据点初始化码本（否则用原文的 uniform(−1/K, 1/K)）', hint: '这是死码的一种补救办法；EMA 更新不是' },
      tRestart: { label: '重启不用的码：每一步之后，把没有点选中的码移到一个随机数据点上', hint: '死码的另一种补救办法（Jukebox；Łańcucki 等，2020）' },
    },
    mode: '更新方式', deadNote: '死码', finalPpl: '最终困惑度', finalDead: '最终死码数',
    start: '开始时：困惑度 / 死码数 / 损失', end: '结束时：困惑度 / 死码数 / 损失', beta: 'β 的作用',
    caption: '训练后的码本', code: '码', pos: '位置', rows: '分到的点数', status: '状态',
    sx: '训练步', sy: '值', px: '第 1 维', py: '第 2 维',
    step: '训练步', ppl: '困惑度', dead: '死码数',
    curve: '折线图：{steps} 步训练中每一步的困惑度与死码数。困惑度从 {p0} 变为 {p1}；死码从 {d0} 个变为 {d1} 个。',
    scatter: '散点图：{n} 个二维数据点按最终最近的码向量着色；{k} 个码向量（方块，连线为训练轨迹）及其 Voronoi 区域；{dead} 个码向量是死码（空心方块）。',
    modeEma: 'EMA 更新，衰减 γ = {decay}',
    modeSgd: '梯度下降（SGD），学习率 {lr}',
    used: '使用中', unused: '死码',
    stats: '{ppl} / {dead} / {loss}',
    betaEma: '损失 = (1 + β)·MSE = (1 + {beta})·{mse} = {loss}',
    betaSgd: '码本的梯度 ∂L/∂e_k = 2/(N·D)·Σ(e_k − x_i) 中不含 β（β = {beta}）；损失 = {loss}',
    // The dead-code note: its sentences, then how they are joined.
    deadCount: '开始时有 {start} 个死码，{steps} 步后有 {end} 个。',
    stillDeadOne: '码 {codes} 开始和结束时都是死码，最多移动了 {moved}：没有输入选中的码{why}。',
    stillDeadMany: '码 {codes} 开始和结束时都是死码，最多移动了 {moved}：没有输入选中的码{why}。',
    whyEma: '，N_k 与 m_k 按同一个因子 γ 衰减，位置基本不变（只有平滑带来的微小偏移）',
    whySgd: '得不到梯度，不会移动',
    revivedOne: '码 {codes} 开始时是死码，结束时被使用：不是更新把它拉向了数据，而是离数据更近的码移走以后，有些点离它最近了。',
    revivedMany: '码 {codes} 开始时是死码，结束时被使用：不是更新把它拉向了数据，而是离数据更近的码移走以后，有些点离它最近了。',
    remedyFromData: '补救办法是从数据点初始化码本（上面“从数据点初始化码本”的开关）：同样的数据、同样的更新，开始时 {start} 个死码，结束时 {end} 个。',
    remedyFromSeed: '本次从数据点初始化；改用原文的 uniform(−1/K, 1/K)，同样的数据、同样的更新，开始时 {start} 个死码，结束时 {end} 个。',
    restartOne: '每一步之后，没有点选中的码都被移到一个随机的数据点上（重启不用的码）：共重启 {count} 次，在第 {last} 步之后。',
    restartMany: '每一步之后，没有点选中的码都被移到一个随机的数据点上（重启不用的码）：共重启 {count} 次，最后一次在第 {last} 步之后。',
    restartNone: '没有哪一步留下不用的码，所以没有重启任何码。',
    withoutRestart: '不重启时，同样的数据、同样的初始化和更新：开始时 {start} 个死码，结束时 {end} 个。',
    listSep: '、', sentenceSep: '',
  },
  en: {
    title: 'Live cell: train the codebook (gradient or EMA), watch dead codes and perplexity',
    fields: {
      tK: { label: 'Codes K' },
      tSeed: { label: 'Seed for data and initialization' },
      tSteps: { label: 'Training steps' },
      tLr: { label: 'Learning rate (gradient mode)' },
      tBeta: { label: 'Commitment cost β' },
      tEma: { label: 'Update the codebook by EMA (instead of gradients)', hint: 'the exponential moving average of the VQ-VAE appendix' },
      tDecay: { label: 'EMA decay γ' },
      tInit: { label: 'Initialize the codes from data points (otherwise the seed’s uniform(−1/K, 1/K))', hint: 'a remedy for dead codes; EMA updates are not one' },
      tRestart: { label: 'Restart unused codes: after every step, move each code no point chose to a random data point', hint: 'the other remedy for dead codes (Jukebox; Łańcucki et al. 2020)' },
    },
    mode: 'Update', deadNote: 'Dead codes', finalPpl: 'Final perplexity', finalDead: 'Final dead codes',
    start: 'Start: perplexity / dead / loss', end: 'End: perplexity / dead / loss', beta: 'What β does',
    caption: 'The trained codebook', code: 'Code', pos: 'Position', rows: 'Points assigned', status: 'Status',
    sx: 'training step', sy: 'value', px: 'dimension 1', py: 'dimension 2',
    step: 'step', ppl: 'perplexity', dead: 'dead codes',
    curve: 'Line chart: perplexity and number of dead codes at each of {steps} training steps. Perplexity goes from {p0} to {p1}; dead codes from {d0} to {d1}.',
    scatter: 'Scatter plot: {n} 2-D data points coloured by their final nearest code; {k} codes (squares, lines trace their training paths) with their Voronoi cells; {dead} dead code(s) (hollow squares).',
    modeEma: 'EMA updates, decay γ = {decay}',
    modeSgd: 'gradient descent (SGD), learning rate {lr}',
    used: 'used', unused: 'dead',
    stats: '{ppl} / {dead} / {loss}',
    betaEma: 'loss = (1 + β)·mse = (1 + {beta})·{mse} = {loss}',
    betaSgd: '∂loss/∂e_k = 2/(N·D)·Σ(e_k − x_i) — β = {beta} does not appear in the codebook gradient; loss = {loss}',
    deadCount: '{start} dead at the start, {end} after {steps} steps.',
    stillDeadOne: 'Code {codes} is dead at the start and at the end and moved at most {moved}: a code no input chooses {why}.',
    stillDeadMany: 'Codes {codes} are dead at the start and at the end and moved at most {moved}: a code no input chooses {why}.',
    whyEma: 'keeps its place under EMA, as N_k and m_k decay by the same factor γ (only the smoothing shifts it slightly)',
    whySgd: 'gets no gradient and does not move',
    revivedOne: 'Code {codes} was dead at the start and is used at the end: not pulled to the data by the update, but left nearest to some points when the codes nearer the data moved away.',
    revivedMany: 'Codes {codes} were dead at the start and are used at the end: not pulled to the data by the update, but left nearest to some points when the codes nearer the data moved away.',
    remedyFromData: 'The remedy is to start from data points (the “initialize the codes from data points” switch above): with the same data and updates, {start} dead at the start, {end} at the end.',
    remedyFromSeed: 'Started from data points here; from the seed\'s uniform(−1/K, 1/K) instead, with the same data and updates: {start} dead at the start, {end} at the end.',
    restartOne: 'After every step each code no point chose was moved to a random data point (restarting unused codes): {count} restart in all, after step {last}.',
    restartMany: 'After every step each code no point chose was moved to a random data point (restarting unused codes): {count} restarts in all, the last after step {last}.',
    restartNone: 'No step left a code unused, so no code was restarted.',
    withoutRestart: 'Without restarts, with the same data, start and updates: {start} dead at the start, {end} at the end.',
    listSep: ', ', sentenceSep: ' ',
  },
} as const;

export function vqTrainRun(s: VqTrainState): { data: { x: number[]; codebook: number[] }; run: VqTrainingRun } {
  const data = vqTrainData(s.tSeed, s.tK, s.tInit);
  const run = trainVqCodebook(data.x, data.codebook, 2, {
    steps: s.tSteps, mode: s.tEma === 1 ? 'ema' : 'gradient', lr: s.tLr, decay: s.tDecay, commitmentCost: s.tBeta,
    ...(s.tRestart === 1 ? { restartEvery: 1, restartSeed: s.tSeed } : {}),
  });
  return { data, run };
}

/** What happened to the dead codes of one run: which codes no point chose at the start and at the end. */
export interface DeadCodeStats {
  /** Dead before the first update / after the last one. */
  start: number;
  end: number;
  /** Dead at the start and at the end, and the largest distance any of them moved between the two. */
  stillDead: number[];
  stillDeadMoved: number;
  /** Dead at the start, used at the end. */
  revived: number[];
}

export function deadCodeStats(data: { x: number[] }, run: VqTrainingRun): DeadCodeStats {
  const startCounts = vqAssign(data.x, run.codebooks[0]!, 2).counts;
  const endCounts = run.final.counts;
  const first = run.codebooks[0]!;
  const last = run.codebooks.at(-1)!;
  const stillDead: number[] = [];
  const revived: number[] = [];
  let moved = 0;
  for (let j = 0; j < startCounts.length; j++) {
    if (startCounts[j] !== 0) continue;
    if (endCounts[j] === 0) {
      stillDead.push(j);
      moved = Math.max(moved, Math.hypot(last[2 * j]! - first[2 * j]!, last[2 * j + 1]! - first[2 * j + 1]!));
    } else revived.push(j);
  }
  return {
    start: run.history[0]!.deadCodes, end: run.history.at(-1)!.deadCodes, stillDead, stillDeadMoved: moved, revived,
  };
}

/**
 * The dead codes of the reader's run, and of the same run (same data, same updates) started the
 * other way — from data points, or from the seed's uniform(−1/K, 1/K): the remedy measured.
 */
export function vqDeadCodes(s: VqTrainState): { run: DeadCodeStats; other: DeadCodeStats } {
  const a = vqTrainRun(s);
  const b = vqTrainRun({ ...s, tInit: s.tInit === 1 ? 0 : 1 });
  return { run: deadCodeStats(a.data, a.run), other: deadCodeStats(b.data, b.run) };
}

/** The note with restarts on: the restarts made, and the same run without them. */
function restartNote(s: VqTrainState, lang: Lang, run: VqTrainingRun): string {
  const w = words[lang];
  const h = run.history;
  const wh = vqTrainRun({ ...s, tRestart: 0 }).run.history;
  const count = run.restarts.length;
  return [
    fill(w.deadCount, { start: h[0]!.deadCodes, end: h.at(-1)!.deadCodes, steps: s.tSteps }),
    count === 0 ? w.restartNone : fill(count === 1 ? w.restartOne : w.restartMany, { count, last: run.restarts.at(-1)!.step }),
    fill(w.withoutRestart, { start: wh[0]!.deadCodes, end: wh.at(-1)!.deadCodes }),
  ].join(w.sentenceSep);
}

function deadNote(s: VqTrainState, lang: Lang, run: DeadCodeStats, other: DeadCodeStats): string {
  const w = words[lang];
  const codes = (js: number[]) => js.join(w.listSep);
  const parts = [fill(w.deadCount, { start: run.start, end: run.end, steps: s.tSteps })];
  if (run.stillDead.length > 0) {
    const d = run.stillDead;
    const why = s.tEma === 1 ? w.whyEma : w.whySgd;
    parts.push(fill(d.length === 1 ? w.stillDeadOne : w.stillDeadMany, { codes: codes(d), moved: fmt(run.stillDeadMoved), why }));
  }
  if (run.revived.length > 0) {
    const r = run.revived;
    parts.push(fill(r.length === 1 ? w.revivedOne : w.revivedMany, { codes: codes(r) }));
  }
  parts.push(fill(s.tInit === 0 ? w.remedyFromData : w.remedyFromSeed, { start: other.start, end: other.end }));
  return parts.join(w.sentenceSep);
}

export function vqTrainView(s: VqTrainState, lang: Lang): VqTrainView {
  const w = words[lang];
  const { data, run } = vqTrainRun(s);
  const h = run.history;
  const first = h[0]!;
  const last = h.at(-1)!;
  const final = run.codebooks.at(-1)!;
  const counts = run.final.counts;
  const curve = h.flatMap((p) => [
    { step: p.step, value: p.perplexity, series: w.ppl },
    { step: p.step, value: p.deadCodes, series: w.dead },
  ]);
  const pts = rowsOf(data.x, 2).map((r, i) => ({ x: r[0]!, y: r[1]!, code: run.final.indices[i]! }));
  const codes = rowsOf(final, 2).map((r, j) => ({ x: r[0]!, y: r[1]!, code: j, dead: counts[j] === 0 }));
  // Paths: every code's position at (at most) 40 evenly spaced steps.
  const stride = Math.max(1, Math.ceil(run.codebooks.length / 40));
  const paths: VqTrainView['scatter']['paths'] = [];
  run.codebooks.forEach((cb, step) => {
    if (step % stride !== 0 && step !== run.codebooks.length - 1) return;
    for (let j = 0; j < s.tK; j++) paths.push({ x: cb[2 * j]!, y: cb[2 * j + 1]!, code: j, step });
  });
  const curveDescription = fill(w.curve, {
    steps: s.tSteps, p0: fmt(first.perplexity), p1: fmt(last.perplexity), d0: first.deadCodes, d1: last.deadCodes,
  });
  const scatterDescription = fill(w.scatter, { n: TRAIN_POINTS, k: s.tK, dead: last.deadCodes });
  const ema = s.tEma === 1;
  const note = (): string => {
    if (s.tRestart === 1) return restartNote(s, lang, run);
    const other = vqTrainRun({ ...s, tInit: s.tInit === 1 ? 0 : 1 });
    return deadNote(s, lang, deadCodeStats(data, run), deadCodeStats(other.data, other.run));
  };
  return {
    text: {
      mode: ema ? fill(w.modeEma, { decay: num(s.tDecay) }) : fill(w.modeSgd, { lr: num(s.tLr) }),
      deadNote: note(),
      finalPerplexity: fmt(last.perplexity),
      finalDead: String(last.deadCodes),
      startStats: fill(w.stats, { ppl: fmt(first.perplexity), dead: first.deadCodes, loss: fmt(first.loss) }),
      endStats: fill(w.stats, { ppl: fmt(last.perplexity), dead: last.deadCodes, loss: fmt(last.loss) }),
      betaNote: ema
        ? fill(w.betaEma, { beta: num(s.tBeta), mse: fmt(last.loss / (1 + s.tBeta)), loss: fmt(last.loss) })
        : fill(w.betaSgd, { beta: num(s.tBeta), loss: fmt(last.loss) }),
      curveDescription,
      scatterDescription,
      summary: summary(lang, [['最终困惑度', 'Final perplexity', fmt(last.perplexity)], ['死码', 'dead codes', String(last.deadCodes)], ['损失', 'loss', fmt(last.loss)]]),
      pytorch: vqTrainPytorch(s, data),
    },
    rows: {
      codes: rowsOf(final, 2).map((r, j) => [
        String(j), vec(r), String(counts[j]), counts[j] === 0 ? w.unused : w.used,
      ]),
    },
    tables: {
      curve: dataTable([w.step, w.ppl, w.dead], h, (p) => [String(p.step), fmt(p.perplexity), String(p.deadCodes)]),
    },
    curve,
    scatter: { points: pts, codes, paths },
    curveDescription,
    scatterDescription,
  };
}

export function vqTrainPytorch(s: VqTrainState, data: { x: number[]; codebook: number[] }): string {
  const ema = s.tEma === 1;
  const restart = s.tRestart === 1;
  const lines = [
    ...(restart ? ['import math  # for the page\'s generator below'] : []),
    VECTOR_QUANTIZER_SOURCE,
    '',
    '',
    `# The page's data (seed ${s.tSeed}) and starting codebook (${s.tInit === 0 ? "the seed's uniform(-1/K, 1/K)" : 'K random data rows'}), as printed`,
    `x = torch.tensor(${pyMatrix(rowsOf(data.x, 2))}, dtype=torch.float64)`,
    `codebook = torch.tensor(${pyMatrix(rowsOf(data.codebook, 2))}, dtype=torch.float64)`,
    `vq = VectorQuantizer(${s.tK}, 2, commitment_cost=${s.tBeta}).double()`,
    'with torch.no_grad():',
    '    vq.embedding.weight.copy_(codebook)',
    '',
    'def dead_codes(w):',
    '    idx = torch.cdist(x, w).argmin(dim=1)',
    `    return int((torch.bincount(idx, minlength=${s.tK}) == 0).sum())`,
    '',
  ];
  if (restart) {
    lines.push(
      '',
      PYTHON_RNG_SOURCE,
      '',
      '',
      `rng = Mulberry32(${s.tSeed})  # the page's generator, so the restarts pick the page's rows`,
      '',
      'def restarts(counts):',
      '    """Codes no row chose in this step, each paired with a distinct random row (a partial shuffle)."""',
      '    unused = [k for k in range(len(counts)) if counts[k] == 0]',
      '    perm = list(range(len(x)))',
      '    for i in range(len(unused)):',
      '        j = i + int(rng.next() * (len(x) - i))',
      '        perm[i], perm[j] = perm[j], perm[i]',
      '    return list(zip(unused, perm))',
      '',
    );
  }
  if (!ema) {
    lines.push(
      `opt = torch.optim.SGD(vq.parameters(), lr=${s.tLr})`,
      `for step in range(${s.tSteps}):`,
      '    _, loss, perplexity = vq(x)',
      ...(restart ? [`    counts = torch.bincount(torch.cdist(x, vq.embedding.weight.detach()).argmin(dim=1), minlength=${s.tK})`] : []),
      '    opt.zero_grad()',
      '    loss.backward()',
      '    opt.step()',
      ...(restart ? [
        '    with torch.no_grad():',
        '        for k, row in restarts(counts):  # each unused code restarts on a data point',
        '            vq.embedding.weight[k] = x[row]',
      ] : []),
      '    print(step, round(loss.item(), 4), round(perplexity.item(), 4), dead_codes(vq.embedding.weight.detach()))',
    );
  } else {
    lines.push(
      `decay, eps, K = ${s.tDecay}, 1e-5, ${s.tK}`,
      'w = vq.embedding.weight.detach().clone()',
      'cluster_size, embed_sum = torch.ones(K, dtype=torch.float64), w.clone()',
      `for step in range(${s.tSteps}):`,
      '    with torch.no_grad():',
      '        _, loss, perplexity = vq(x)',
      '        onehot = F.one_hot(torch.cdist(x, w).argmin(dim=1), K).double()',
      '        cluster_size = decay * cluster_size + (1 - decay) * onehot.sum(0)',
      '        embed_sum = decay * embed_sum + (1 - decay) * onehot.t() @ x',
      '        n = cluster_size.sum()',
      '        w = embed_sum / ((cluster_size + eps) / (n + K * eps) * n).unsqueeze(1)',
      ...(restart ? [
        '        for k, row in restarts(onehot.sum(0)):  # each unused code restarts on a data point: N_k = 1, m_k = e_k',
        '            w[k], cluster_size[k], embed_sum[k] = x[row], 1.0, x[row]',
      ] : []),
      '        vq.embedding.weight.copy_(w)',
      '    print(step, round(loss.item(), 4), round(perplexity.item(), 4), dead_codes(w))',
    );
  }
  lines.push('', '_, loss, perplexity = vq(x)', 'print("final:", perplexity.item(), dead_codes(vq.embedding.weight.detach()), loss.item())');
  return lines.join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'vq-train',
  prefix: 'vq',
  schema: vqTrainSchema,
  paramOf: vqTrainParamOf,
  words,
  layout: [
    {
      fields: [
        'tK', 'tSteps', 'tLr', 'tBeta', 'tDecay', { param: 'tSeed', slider: false },
        { param: 'tEma', control: 'switch' }, { param: 'tInit', control: 'switch' },
        { param: 'tRestart', control: 'switch' },
      ],
    },
    { result: 'mode', label: 'mode' },
    { result: 'finalPerplexity', label: 'finalPpl', output: true },
    { result: 'finalDead', label: 'finalDead', output: true },
    { result: 'startStats', label: 'start' },
    { result: 'endStats', label: 'end' },
    { result: 'betaNote', label: 'beta' },
    { result: 'deadNote', label: 'deadNote' },
    { chart: 'curve', caption: 'curveDescription' },
    { chart: 'scatter', caption: 'scatterDescription', rowsTable: 'codes' },
    { table: 'codes', caption: 'caption', head: ['code', 'pos', 'rows', 'status'] },
    { code: 'pytorch' },
  ],
  view: vqTrainView,
});
