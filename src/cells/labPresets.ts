/**
 * The lab's presets: the "Does it help?" cell of each topic page is the lab itself (the same schema,
 * view, worker and PyTorch program) with other defaults — its technique switched on at a strength
 * where the question is worth asking — and its technique's controls shown first.
 *
 * Why defaults and not a second cell: a preset page's URL and the lab page's URL mean the same thing
 * parameter by parameter (`labDrop=0.5` is dropout p = 0.5 on both), so "open in the lab" only has
 * to write the parameters that differ from the lab page's defaults (`labLinkQuery`). Only the
 * defaults change, so a preset's default state is also what it trains at build time.
 *
 * Every preset keeps the lab's data (50 training images, seeds 0–4), network (64 → 128 → 10) and
 * optimizer (Adam, lr 0.003, batch 32), so pages differ only in the regularizer being asked about —
 * except where the technique's question needs another budget: batch norm is asked at a larger learning
 * rate (what it is said to allow), early stopping and augmentation with more epochs (a stopping rule
 * needs room to stop; randomly rotated images take longer to fit). The verdict each page shows is
 * computed from its own build-time run (labView), never typed here.
 */
import { formatParam, type ParamValue, type Schema } from '../lib/query';
import { labSchema, type LabState } from './lab';

/** The lab page ('lab') and the topic pages that embed a preset (their slugs). */
export const LAB_PRESETS = [
  'lab', 'l1-l2', 'data-augmentation', 'dropout', 'label-smoothing', 'early-stopping', 'weight-sharing', 'adversarial-training',
  'batch-norm', 'vq',
] as const;
export type LabPreset = (typeof LAB_PRESETS)[number];

export function isLabPreset(x: unknown): x is LabPreset {
  return typeof x === 'string' && (LAB_PRESETS as readonly string[]).includes(x);
}

interface PresetSpec {
  /** Defaults that differ from the lab page's. */
  defaults: Partial<LabState>;
  /** The technique's controls, shown first (the others fold into "more settings"). */
  focus: (keyof LabState)[];
}

/** The lab page's default is label smoothing; every other preset turns it off and its own technique on. */
const PRESETS: Record<LabPreset, PresetSpec> = {
  lab: { defaults: {}, focus: [] },
  'l1-l2': { defaults: { labLs: 0, labL2: 0.001 }, focus: ['labL2', 'labL1', 'labWd'] },
  'data-augmentation': { defaults: { labLs: 0, labAug: 1, labEpochs: 100 }, focus: ['labAug', 'labShift', 'labRot', 'labNoise'] },
  dropout: { defaults: { labLs: 0, labDrop: 0.3 }, focus: ['labDrop'] },
  'label-smoothing': { defaults: {}, focus: ['labLs'] },
  'early-stopping': { defaults: { labLs: 0, labEs: 1, labPat: 10, labEpochs: 100 }, focus: ['labEs', 'labPat', 'labEpochs'] },
  'weight-sharing': { defaults: { labLs: 0, labConv: 1, labCh: 16, labK: 4 }, focus: ['labConv', 'labCh', 'labK'] },
  'adversarial-training': { defaults: { labLs: 0, labFgsm: 1, labEps: 0.05, labAlpha: 0.5 }, focus: ['labFgsm', 'labEps', 'labAlpha'] },
  'batch-norm': { defaults: { labLs: 0, labBn: 1, labLr: 0.01, labEpochs: 60 }, focus: ['labBn', 'labLr'] },
  vq: { defaults: { labLs: 0, labVq: 1 }, focus: ['labVq', 'labVqD', 'labVqK', 'labVqBeta'] },
};

export type LabSchema = typeof labSchema;

/** The lab's schema with the preset's defaults (bounds unchanged; `preset` must be one of LAB_PRESETS). */
export function labSchemaFor(preset: LabPreset): LabSchema {
  if (!isLabPreset(preset)) throw new RangeError(`preset must be one of ${LAB_PRESETS.join(', ')}; received ${String(preset)}`);
  const over = PRESETS[preset].defaults as Record<string, ParamValue>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(labSchema)) out[name] = name in over ? { ...spec, default: over[name] } : spec;
  return out as LabSchema;
}

/** The parameters the preset's page shows first (empty for the lab page, which shows them all). */
export function presetFocus(preset: LabPreset): readonly (keyof LabState)[] {
  if (!isLabPreset(preset)) throw new RangeError(`preset must be one of ${LAB_PRESETS.join(', ')}; received ${String(preset)}`);
  return PRESETS[preset].focus;
}

/** "?labDrop=0.3&labLs=0" for a state: the parameters that differ from the lab page's defaults, in schema order. */
export function labLinkQuery(state: LabState): string {
  const params = new URLSearchParams();
  for (const [name, spec] of Object.entries(labSchema as Schema)) {
    const value = formatParam(state[name as keyof LabState] as ParamValue);
    if (value !== formatParam(spec.default)) params.set(name, value);
  }
  const q = params.toString().replace(/%2C/g, ',');
  return q === '' ? '' : `?${q}`;
}
