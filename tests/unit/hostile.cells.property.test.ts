/**
 * Hostile input against every live cell (issue #6): for arbitrary states that the cell's schema
 * accepts (boundaries included) and for states parseQuery makes of hostile query strings, the cell
 * either refuses with a named RangeError/TypeError (the runtime shows it inline and keeps the last
 * state) or returns a view in which no string contains NaN, undefined, Infinity or null and every
 * number is finite. 1000 runs per cell and language mix. A new cell schema without an entry fails.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import diabetesJson from '../../public/data/diabetes.json';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runLab, runSweep } from '../../src/lib/lab';
import { labSchema, labView } from '../../src/cells/lab';
import { sweepSchema, sweepView } from '../../src/cells/labSweep';
import { defaults, formatParam, parseQuery, type ParamSpec, type Schema, type StateOf } from '../../src/lib/query';
import { kmeans } from '../../src/lib/kmeans';
import { RUNS, obeys } from './hostile';
import { declaredCells } from '../../src/cells/registry';
import { resourceNow } from '../../src/cells/define';
import type { Lang } from '../../src/i18n/ui';
import { fgsmSchema, fgsmView, normalizeFgsm } from '../../src/cells/adversarialFgsm';
import { advTrainSchema, advTrainView } from '../../src/cells/adversarialTraining';
import { advPgdSchema, advPgdView, cell as advPgdCell, pgdCost, pgdInput, pgdRun, type AdvPgdState, type PgdDigits, type PgdResult } from '../../src/cells/adversarialPgd';
import { augmentationImage, augmentationSchema, augmentationView } from '../../src/cells/augmentation';
import { batchNormSchema, batchNormView, normalizeBatchNorm } from '../../src/cells/batchNorm';
import { bnRunningSchema, bnRunningView } from '../../src/cells/batchNormRunning';
import { dropoutSchema, dropoutView } from '../../src/cells/dropout';
import { dropout2dSchema, dropout2dView } from '../../src/cells/dropout2d';
import {
  MAIN_THREAD_COST, checkTraining, earlyStoppingPendingView, earlyStoppingRun, earlyStoppingSchema, earlyStoppingView,
  trainingCost, trainingParams,
} from '../../src/cells/earlyStopping';
import { replaySchema, replayView } from '../../src/cells/earlyStoppingReplay';
import { perplexitySchema, perplexityView } from '../../src/cells/errataPerplexity';
import { smoothingSchema, smoothingView } from '../../src/cells/errataSmoothing';
import { nearestColourSchema, nearestColourView } from '../../src/cells/nearestColour';
import { l1l2AdamSchema, l1l2AdamView } from '../../src/cells/l1l2Adam';
import { l1l2GeometrySchema, l1l2GeometryView } from '../../src/cells/l1l2Geometry';
import { l1l2PathSchema, l1l2PathView, prepareDiabetes, type DiabetesJson } from '../../src/cells/l1l2Path';
import { l1l2BiasVarianceSchema, l1l2BiasVarianceView } from '../../src/cells/l1l2BiasVariance';
import { l1l2PenaltySchema, l1l2PenaltyView } from '../../src/cells/l1l2Penalty';
import { l1l2ProxSchema, l1l2ProxView } from '../../src/cells/l1l2Prox';
import { l1l2WeightDecaySchema, l1l2WeightDecayView } from '../../src/cells/l1l2WeightDecay';
import { labelSmoothingSchema, labelSmoothingView, normalizeLabelSmoothing } from '../../src/cells/labelSmoothing';
import { colorImage, vqColorsSchema, vqColorsView } from '../../src/cells/vqColors';
import { vqDigitsSchema, parseCodebook, vqDigitsView } from '../../src/cells/vqDigits';
import codebookJson from '../../public/models/digits-vq.codebook.json' with { type: 'json' };
import { normalizeVqLayer, vqLayerSchema, vqLayerView } from '../../src/cells/vqLayer';
import { vqTrainSchema, vqTrainView } from '../../src/cells/vqTrain';
import { weightSharingSchema, weightSharingView } from '../../src/cells/weightSharing';
import { normalizeSlide, slideSchema, slideView } from '../../src/cells/weightSharingSlide';
import { readCellData } from '../../src/components/cell/readCellData';

/** The digits cell's codebook, as the page fetches it. */
const CODEBOOK = parseCodebook(codebookJson);

interface CellCase {
  schema: Schema;
  /** normalize (if any) then view, as mountCell does. */
  run: (s: never, lang: Lang) => unknown;
  /** Fewer distinct values for parameters that make the view expensive (the bounds are always included). */
  cheap?: Record<string, fc.Arbitrary<unknown>>;
}

/** Mostly cheap values, the expensive bound now and then (1 run in `rare`). */
const mostly = <T,>(cheap: readonly T[], bound: readonly T[], rare = 25) =>
  fc.oneof({ weight: rare - 1, arbitrary: fc.constantFrom(...cheap) }, { weight: 1, arbitrary: fc.constantFrom(...bound) });

const diabetes = prepareDiabetes(diabetesJson as DiabetesJson);
/** A small image standing in for the photo (the view's work grows with the pixel count only). */
const image = colorImage({
  width: 4, height: 3, source: 'file', id: 'data/chelsea.png',
  data: Uint8ClampedArray.from({ length: 48 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)),
});

/** One tiny finished lab result: the lab's view only formats a result, it never trains. */
const LAB_RESULT = runLab(labSplit(parseDigits(digitsJson), 50), {
  hidden: [4], epochs: 2, batchSize: 32, lr: 0.003, optimizer: 'adam', momentum: 0, l2: 0, l1: 0, weightDecay: 0,
  dropout: 0, labelSmoothing: 0.2, batchNorm: false, earlyStopping: null, fgsm: null,
}, [0, 1]);

/** One tiny finished sweep (the sweep's view, too, only formats a result). */
const SWEEP_RESULT = runSweep(labSplit(parseDigits(digitsJson), 50), {
  hidden: [4], epochs: 2, batchSize: 32, lr: 0.003, optimizer: 'adam', momentum: 0, l2: 0, l1: 0, weightDecay: 0,
  dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
}, 'labelSmoothing', [0, 0.2], [0, 1]);

/** The PGD cell's one run at its defaults (two trainings: the view only formats a result), and one where PGD never gains. */
const PGD_RESULT: PgdResult = pgdRun(pgdInput(defaults(advPgdSchema)), undefined, readCellData(advPgdCell) as PgdDigits);
const PGD_NO_GAP: PgdResult = { ...PGD_RESULT, standard: { ...PGD_RESULT.standard, pgd: PGD_RESULT.standard.fgsm } };

const LISTED: Record<string, CellCase> = {
  lab: { schema: labSchema, run: (s: never, l) => labView(s, l, LAB_RESULT) },
  labSweep: { schema: sweepSchema, run: (s: never, l) => sweepView(s, l, SWEEP_RESULT) },
  fgsm: { schema: fgsmSchema, run: (s: never, l) => fgsmView(normalizeFgsm(s), l) },
  advTrain: {
    schema: advTrainSchema, run: (s: never, l) => advTrainView(s, l),
    cheap: { n: mostly([5, 6, 9], [200]), steps: mostly([0, 1, 7, 20], [1000]) },
  },
  advPgd: {
    schema: advPgdSchema,
    run: (s: never, l) => {
      const st = s as AdvPgdState;
      expect(Number.isFinite(pgdCost(pgdInput(st)))).toBe(true);
      return [
        advPgdView(st, l, PGD_RESULT), advPgdView(st, l, PGD_NO_GAP),
        advPgdCell.view(st, l, { status: 'pending', done: 1, total: 62 }, undefined as never),
        advPgdCell.view(st, l, { status: 'cancelled' }, undefined as never),
      ];
    },
  },
  augmentation: {
    schema: augmentationSchema,
    // A 1×1 and a 4×3 picture stand in for the photo (the view reads only its size and mean gray level).
    run: (s: never, l) => [1, 4].map((w) => augmentationView(s, l, augmentationImage({
      width: w, height: w === 1 ? 1 : 3, source: 'upload', id: `upload-${w}`,
      data: Uint8ClampedArray.from({ length: w * (w === 1 ? 1 : 3) * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)),
    }))),
  },
  batchNorm: { schema: batchNormSchema, run: (s: never, l) => batchNormView(normalizeBatchNorm(s), l) },
  bnRunning: { schema: bnRunningSchema, run: (s: never, l) => bnRunningView(s, l), cheap: { bs: mostly([2, 3, 16], [128]), steps: mostly([1, 2, 30], [500]) } },
  dropout: { schema: dropoutSchema, run: (s: never, l) => dropoutView(s, l), cheap: { passes: mostly([1, 2, 50], [2000]) } },
  dropout2d: { schema: dropout2dSchema, run: (s: never, l) => dropout2dView(s, l) },
  earlyStopping: {
    schema: earlyStoppingSchema,
    // What the page does: validate at once; train here only when cheap, else show the pending view.
    run: (s: never, l) => {
      const p = trainingParams(s);
      checkTraining(p);
      if (trainingCost(p) > MAIN_THREAD_COST) return earlyStoppingPendingView(s, l);
      return earlyStoppingView(s, l, earlyStoppingRun(p));
    },
    cheap: { epochs: mostly([10, 11, 50], [20000], 5), ntrain: mostly([3, 4, 15], [200], 5) },
  },
  replay: { schema: replaySchema, run: (s: never, l) => replayView(s, l) },
  perplexity: { schema: perplexitySchema, run: (s: never) => perplexityView(s) },
  smoothing: { schema: smoothingSchema, run: (s: never) => smoothingView(s) },
  nearestColour: { schema: nearestColourSchema, run: (s: never, l) => nearestColourView(s, l) },
  l1l2Adam: { schema: l1l2AdamSchema, run: (s: never, l) => l1l2AdamView(s, l) },
  l1l2Geometry: { schema: l1l2GeometrySchema, run: (s: never, l) => l1l2GeometryView(s, l) },
  l1l2Path: {
    schema: l1l2PathSchema, run: (s: never, l) => l1l2PathView(s, diabetes, l),
    cheap: { pts: mostly([5, 6], [200], 50), eps: mostly([0.5, 0.1], [0.0001, 0.001], 10), rlo: fc.constantFrom(-4, 2, 8), rhi: fc.constantFrom(-4, 5, 8) },
  },
  l1l2BiasVariance: {
    schema: l1l2BiasVarianceSchema, run: (s: never, l) => l1l2BiasVarianceView(s, l),
    cheap: { bvsets: mostly([2, 3, 20], [300]), bvn: mostly([10, 11, 20], [100]) },
  },
  l1l2Penalty: { schema: l1l2PenaltySchema, run: (s: never, l) => l1l2PenaltyView(s, l) },
  l1l2Prox: { schema: l1l2ProxSchema, run: (s: never, l) => l1l2ProxView(s, l) },
  l1l2WeightDecay: { schema: l1l2WeightDecaySchema, run: (s: never, l) => l1l2WeightDecayView(s, l) },
  labelSmoothing: { schema: labelSmoothingSchema, run: (s: never, l) => labelSmoothingView(normalizeLabelSmoothing(s), l) },
  vqColors: {
    schema: vqColorsSchema,
    run: (s: never, l) => {
      const st = s as StateOf<typeof vqColorsSchema>;
      const k = Math.min(st.palK, 12);
      const r = kmeans(image.rgb, 3, k, { seed: st.palSeed, maxIter: 5 });
      const centroids = Array.from({ length: k }, (_, j) => Array.from(r.centroids.slice(j * 3, j * 3 + 3)));
      const trained = { centroids, inertia: r.inertia, iterations: r.iterations };
      return [
        vqColorsView(st, l, st.pal === 1 ? { status: 'pending', done: 3, total: 300 } : { status: 'none' }, image),
        vqColorsView(st, l, st.pal === 1 ? { status: 'ready', value: trained } : { status: 'none' }, image),
      ];
    },
  },
  vqDigits: { schema: vqDigitsSchema, run: (s: never, l) => vqDigitsView(s, l, CODEBOOK) },
  vqLayer: { schema: vqLayerSchema, run: (s: never, l) => vqLayerView(normalizeVqLayer(s), l) },
  vqTrain: { schema: vqTrainSchema, run: (s: never, l) => vqTrainView(s, l), cheap: { tSteps: mostly([0, 1, 5], [200]) } },
  weightSharing: { schema: weightSharingSchema, run: (s: never, l) => weightSharingView(s, l) },
  slide: { schema: slideSchema, run: (s: never, l) => slideView(normalizeSlide(s), l) },
};

/**
 * A declared cell (src/cells/define.ts) needs no entry: the registry gives its schema and view. An entry
 * above stays for cells with their own data or cheap values.
 */
const listedSchemas = new Set(Object.values(LISTED).map((c) => c.schema));
const CELLS: Record<string, CellCase> = {
  ...LISTED,
  ...Object.fromEntries(
    declaredCells
      .filter(([, cell]) => !listedSchemas.has(cell.schema))
      .map(([file, cell]) => [file, { schema: cell.schema, run: (s: never, l: Lang) => {
        const n = cell.normalize ? cell.normalize(s) : s;
        const data = readCellData(cell);
        return cell.view(n, l, resourceNow(cell, n, data), data);
      } }]),
  ),
};

/** Values the spec accepts, its bounds and default always among them. */
function valueOf(spec: ParamSpec): fc.Arbitrary<unknown> {
  const inRange = (min: number, max: number) =>
    fc.oneof(fc.constantFrom(min, max, (min + max) / 2), fc.double({ min, max, noNaN: true }), fc.constantFrom(0, -0, 1).filter((v) => v >= min && v <= max));
  switch (spec.kind) {
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'number':
      return fc.oneof(fc.constant(spec.default), inRange(spec.min, spec.max));
    case 'integer':
      return fc.oneof(fc.constantFrom(spec.default, spec.min, spec.max), fc.integer({ min: spec.min, max: spec.max }));
    case 'vector':
      return fc.oneof(
        fc.constant(spec.default),
        fc.array(inRange(spec.min, spec.max), { minLength: spec.minLength, maxLength: spec.maxLength }),
      );
    case 'matrix':
      return fc.oneof(
        fc.constant(spec.default),
        fc.tuple(fc.integer({ min: spec.minRows, max: spec.maxRows }), fc.integer({ min: spec.minCols, max: spec.maxCols })).chain(([r, c]) =>
          fc.array(fc.array(inRange(spec.min, spec.max), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
      );
  }
}

/** Raw query values: valid ones formatted as the page writes them, and garbage. */
const HOSTILE_RAW = [
  'NaN', '1e999', '-1e999', '<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>', '99999999',
  '', '%00', '\u0000', '-0', '0x10', '1e-400', 'Infinity', '1,2,3', '1;2', ' 1 ', 'x'.repeat(3000),
];

function stateArb(c: CellCase): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(c.schema)) fields[name] = c.cheap?.[name] ?? valueOf(spec);
  const direct = fc.record(fields);
  // The same states, or garbage, through the URL: what parseQuery accepts is what the page shows.
  // (A refused value keeps the fallback's value: the page passes its defaults or the last valid
  // state; here a drawn state, so expensive defaults do not dominate the run time.)
  const viaQuery = fc.tuple(direct, fc.record(
    Object.fromEntries(Object.entries(fields).map(([name, arb]) => [
      name,
      fc.oneof(
        { weight: 3, arbitrary: arb.map((v) => formatParam(v as number)) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_RAW) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
    ])),
  )).map(([fallback, raw]) => {
    const q = new URLSearchParams(raw as Record<string, string>).toString();
    const { state, errors } = parseQuery(c.schema, q, fallback as StateOf<Schema>);
    // Every refused value is reported with its parameter's name and without echoing 3000 characters.
    for (const e of errors) {
      expect(e.message.startsWith(e.param)).toBe(true);
      expect(e.message.length).toBeLessThan(400);
    }
    return state as Record<string, unknown>;
  });
  return fc.oneof(direct, viaQuery);
}

describe('every cell schema has a hostile-input property', () => {
  it('CELLS covers every schema exported by src/cells', async () => {
    const schemas = new Set<unknown>();
    for (const file of readdirSync(new URL('../../src/cells/', import.meta.url))) {
      const mod = (await import(`../../src/cells/${file}`)) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) if (/Schema$/.test(name)) schemas.add(v);
    }
    const covered = new Set(Object.values(CELLS).map((c) => c.schema));
    expect([...schemas].filter((s) => !covered.has(s as Schema))).toEqual([]);
  });
});

describe('cell views: a named RangeError/TypeError or clean strings, for every state the schema accepts (1000 runs each)', () => {
  for (const [name, c] of Object.entries(CELLS)) {
    it(name, () => {
      // The defaults always render.
      for (const lang of ['en', 'zh'] as const) expect(obeys(name, () => c.run(defaults(c.schema) as never, lang))).toBeDefined();
      fc.assert(
        fc.property(stateArb(c), fc.constantFrom<Lang>('en', 'zh'), (s, lang) => {
          obeys(`${name} view`, () => c.run(s as never, lang));
        }),
        RUNS,
      );
    });
  }
});
