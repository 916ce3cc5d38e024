/**
 * Numbers quoted in the prose of the adversarial pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * The training cell's numbers are those of its defaults (src/cells/adversarialTraining.ts); "exact"
 * numbers are accuracies over the whole data distribution (src/lib/adversarialExpected.ts), "test"
 * numbers are on the cell's n + n test points. The spread over seeds retrains both models for seeds
 * 1 to SEEDS with every other default unchanged.
 */
import { advTrainSchema } from '../adversarialTraining';
import { adversarialLoss } from '../../lib/fgsm';
import { expectedAccuracyUnderFgsm, testAccuracyStd } from '../../lib/adversarialExpected';
import { accuracyUnderFgsm, trainLogistic, twoClassSplit, TWO_CLASS_SHAPE } from '../../lib/adversarialTraining';
import { formatNumber, formatTyped as typed } from '../../lib/format';
import { defaults } from '../../lib/query';
import type { ProseNumbers } from './types';
import { advPgdSchema, cell as pgdCell, largestGap, pgdInput, pgdRun, PGD_EPS, type PgdDigits } from '../adversarialPgd';
import { readCellData } from '../../components/cell/readCellData';

const S = defaults(advTrainSchema);
/** Seeds 1 … SEEDS for the spread. */
const SEEDS = 20;
/** |w₂| below this share of w₁ counts as "w₂ ≈ 0". */
const W2_SHARE = 0.05;
/** The attack that exactly closes the x₂ gap: the class centres ±0.2 both move to 0. */
const GAP_EPS = TWO_CLASS_SHAPE.mean[1]!;

const pct = (v: number) => `${formatNumber(100 * v, { digits: 1 })}%`;
const pts = (v: number) => formatNumber(100 * v, { digits: 1 });
const two = (v: number) => formatNumber(v, { digits: 2 });

function once<T>(f: () => T): () => T {
  let hit: { v: T } | undefined;
  return () => (hit ??= { v: f() }).v;
}

function models(seed: number, teps = S.teps) {
  const { train, test } = twoClassSplit(seed, S.n, S.n);
  const std = trainLogistic(train, { steps: S.steps, lr: S.lr, eps: 0, alpha: 1 }).model;
  const adv = trainLogistic(train, { steps: S.steps, lr: S.lr, eps: teps, alpha: S.talpha }).model;
  return { std, adv, test };
}

const cell = once(() => models(S.seed));
const exact = (which: 'std' | 'adv', eps: number) => expectedAccuracyUnderFgsm(cell()[which], eps);
const onTest = (which: 'std' | 'adv', eps: number) => accuracyUnderFgsm(cell()[which], cell().test, eps);

/** The adversarial model's w (the cell's seed and defaults) at training ε = teps. */
const w2At = (teps: number) => models(S.seed, teps).adv.w;
/** The smallest k such that training ε = k/100 (the cell's step) gives |w₂| < W2_SHARE·|w₁|. */
const w2SmallFrom = once(() => {
  for (let k = 0; k <= 100; k++) {
    const w = w2At(k / 100);
    if (Math.abs(w[1]!) < W2_SHARE * Math.abs(w[0]!)) return k;
  }
  throw new RangeError('w2SmallFrom must find a training ε in [0, 1]; received none');
});
/** w₂ as a share of w₁ (%) at training ε = k/100. */
const w2Share = (k: number) => {
  const w = w2At(k / 100);
  return (100 * w[1]!) / w[0]!;
};

const spread = once(() => {
  const rows = Array.from({ length: SEEDS }, (_, i) => {
    const m = models(i + 1);
    const gain = (e: number) => expectedAccuracyUnderFgsm(m.adv, e) - expectedAccuracyUnderFgsm(m.std, e);
    const testGain = (e: number) => accuracyUnderFgsm(m.adv, m.test, e) - accuracyUnderFgsm(m.std, m.test, e);
    return { gap: gain(GAP_EPS), gapTest: testGain(GAP_EPS), attack: gain(S.aeps), clean: gain(0) };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    gapWins: rows.filter((r) => r.gap > 0).length,
    gapTestWins: rows.filter((r) => r.gapTest > 0).length,
    gapMean: mean(rows.map((r) => r.gap)),
    attackWins: rows.filter((r) => r.attack > 0).length,
    attackMean: mean(rows.map((r) => r.attack)),
    attackMin: Math.min(...rows.map((r) => r.attack)),
    cleanLower: rows.filter((r) => r.clean < 0).length,
    cleanMean: mean(rows.map((r) => -r.clean)),
  };
});

// The PGD cell's defaults (src/cells/adversarialPgd.ts): its one run, shared with the cell's build-time view.
const P = defaults(advPgdSchema);
const pgd = once(() => pgdRun(pgdInput(P), undefined, readCellData(pgdCell) as PgdDigits));
/** The radius where the FGSM-trained model is quoted at a small ε: the second point of the curve above 0. */
export const PGD_SMALL_EPS = PGD_EPS[2]!;
const at = (e: number) => {
  const i = PGD_EPS.indexOf(e);
  if (i < 0) throw new RangeError(`the PGD cell's ε grid must contain ${e}; received ${PGD_EPS.join(', ')}`);
  return i;
};
const gapOf = (which: 'standard' | 'adversarial') => {
  const g = largestGap(pgd()[which]);
  if (g === null) throw new RangeError(`the PGD cell's ${which} model must lose accuracy to PGD somewhere; it never does at the defaults`);
  return g;
};

const fgsmExample = once(() => adversarialLoss([0.5, 0.5], { w: [1, -2], b: 0 }, 1, 0.1, 0.5));

export const adversarial: ProseNumbers = {
  // The FGSM worked example (the FGSM cell's defaults).
  fgsmLoss: () => formatNumber(fgsmExample().clean, { digits: 6 }),
  fgsmLossAdv: () => formatNumber(fgsmExample().adversarial, { digits: 6 }),
  // The training cell's defaults.
  gapEps: () => typed(GAP_EPS),
  attackEps: () => typed(S.aeps),
  trainEps: () => typed(S.teps),
  testPoints: () => String(2 * S.n),
  stdW1: () => two(cell().std.w[0]!),
  stdW2: () => two(cell().std.w[1]!),
  advW1: () => two(cell().adv.w[0]!),
  advW2: () => two(cell().adv.w[1]!),
  w2AtGap: () => two(w2At(GAP_EPS)[1]!),
  w2Share: () => formatNumber(100 * W2_SHARE, { digits: 0 }),
  w2SmallFrom: () => typed(w2SmallFrom() / 100),
  w2SmallBefore: () => typed((w2SmallFrom() - 1) / 100),
  w2ShareBefore: () => formatNumber(w2Share(w2SmallFrom() - 1), { digits: 0 }),
  stdExactClean: () => pct(exact('std', 0)),
  advExactClean: () => pct(exact('adv', 0)),
  stdExactAttack: () => pct(exact('std', S.aeps)),
  advExactAttack: () => pct(exact('adv', S.aeps)),
  stdTestAttack: () => pct(onTest('std', S.aeps)),
  advTestAttack: () => pct(onTest('adv', S.aeps)),
  stdExactGap: () => pct(exact('std', GAP_EPS)),
  advExactGap: () => pct(exact('adv', GAP_EPS)),
  stdTestGap: () => pct(onTest('std', GAP_EPS)),
  advTestGap: () => pct(onTest('adv', GAP_EPS)),
  testStdGap: () => pts(testAccuracyStd((exact('std', GAP_EPS) + exact('adv', GAP_EPS)) / 2, 2 * S.n)),
  testStdAttack: () => pts(testAccuracyStd((exact('std', S.aeps) + exact('adv', S.aeps)) / 2, 2 * S.n)),
  // The spread over seeds 1 … SEEDS.
  seeds: () => String(SEEDS),
  seedsGapWins: () => String(spread().gapWins),
  seedsGapTestWins: () => String(spread().gapTestWins),
  seedsGapMean: () => pts(spread().gapMean),
  seedsAttackWins: () => String(spread().attackWins),
  seedsAttackMean: () => pts(spread().attackMean),
  seedsAttackMin: () => pts(spread().attackMin),
  seedsCleanLower: () => String(spread().cleanLower),
  seedsCleanMean: () => pts(spread().cleanMean),
  // The PGD cell's defaults.
  pgdTeps: () => typed(P.pgdTeps),
  pgdSteps: () => String(P.pgdSteps),
  pgdRatio: () => typed(P.pgdStep),
  pgdTest: () => String(pgd().testSize),
  pgdEpsMax: () => typed(PGD_EPS[PGD_EPS.length - 1]!),
  pgdStdClean: () => pct(pgd().standard.fgsm[0]!),
  pgdAdvClean: () => pct(pgd().adversarial.fgsm[0]!),
  pgdStdGapEps: () => typed(PGD_EPS[gapOf('standard').index]!),
  pgdStdGap: () => pts(gapOf('standard').gap),
  pgdStdGapFgsm: () => pct(pgd().standard.fgsm[gapOf('standard').index]!),
  pgdStdGapPgd: () => pct(pgd().standard.pgd[gapOf('standard').index]!),
  pgdAdvGapEps: () => typed(PGD_EPS[gapOf('adversarial').index]!),
  pgdAdvGap: () => pts(gapOf('adversarial').gap),
  pgdAdvGapImages: () => String(Math.round(gapOf('adversarial').gap * pgd().testSize)),
  pgdAdvGapFgsm: () => pct(pgd().adversarial.fgsm[gapOf('adversarial').index]!),
  pgdAdvGapPgd: () => pct(pgd().adversarial.pgd[gapOf('adversarial').index]!),
  pgdStdFgsmAtTeps: () => pct(pgd().standard.fgsm[at(P.pgdTeps)]!),
  pgdStdPgdAtTeps: () => pct(pgd().standard.pgd[at(P.pgdTeps)]!),
  pgdAdvFgsmAtTeps: () => pct(pgd().adversarial.fgsm[at(P.pgdTeps)]!),
  pgdAdvPgdAtTeps: () => pct(pgd().adversarial.pgd[at(P.pgdTeps)]!),
  pgdSmallEps: () => typed(PGD_SMALL_EPS),
  pgdStdPgdSmall: () => pct(pgd().standard.pgd[at(PGD_SMALL_EPS)]!),
  pgdAdvPgdSmall: () => pct(pgd().adversarial.pgd[at(PGD_SMALL_EPS)]!),
};
