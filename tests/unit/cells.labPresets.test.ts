/**
 * The lab presets of the topic pages: each is the lab's schema with other defaults (same bounds),
 * its default state is a valid request that turns on its own technique (and the label smoothing of
 * the lab page's default off), its focus controls are parameters of the schema, and "open in the
 * lab" writes a query that the lab page's schema reads back as the same state.
 */
import { describe, expect, it } from 'vitest';
import { checkLabState, labSchema, techniqueText, type LabState } from '../../src/cells/lab';
import { LAB_PRESETS, isLabPreset, labLinkQuery, labSchemaFor, presetFocus } from '../../src/cells/labPresets';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';
import { baselineOf, isBaseline, labWork, LAB_MAX_WORK, LAB_VALIDATION } from '../../src/lib/lab';

const techniqueOf = {
  'l1-l2': (s: LabState) => s.labL2 > 0 || s.labL1 > 0 || s.labWd > 0,
  dropout: (s: LabState) => s.labDrop > 0,
  'label-smoothing': (s: LabState) => s.labLs > 0,
  'early-stopping': (s: LabState) => s.labEs === 1,
  'adversarial-training': (s: LabState) => s.labFgsm === 1,
  'batch-norm': (s: LabState) => s.labBn === 1,
  'data-augmentation': (s: LabState) => s.labAug === 1,
  'weight-sharing': (s: LabState) => s.labConv === 1,
  vq: (s: LabState) => s.labVq === 1,
} as const;

describe('lab presets', () => {
  it('the lab page preset is the lab schema itself', () => {
    expect(defaults(labSchemaFor('lab'))).toEqual(defaults(labSchema));
    expect(presetFocus('lab')).toEqual([]);
  });

  for (const preset of LAB_PRESETS.filter((p) => p !== 'lab')) {
    it(`${preset}: same bounds, a valid default that turns on its technique and only that one`, () => {
      const schema = labSchemaFor(preset);
      for (const [name, spec] of Object.entries(labSchema)) {
        const { default: _a, ...bounds } = spec as unknown as Record<string, unknown>;
        const { default: _b, ...mine } = schema[name as keyof typeof schema] as unknown as Record<string, unknown>;
        expect(mine, name).toEqual(bounds);
      }
      const state = defaults(schema);
      const req = checkLabState(state);
      expect(isBaseline(req.setting)).toBe(false);
      for (const [other, on] of Object.entries(techniqueOf)) expect(on(state), `${preset} turns ${other}`).toBe(other === preset);
      expect(techniqueText(req.setting, 'en')).not.toMatch(/no regularizer/);
      // The baseline every topic page compares against is the lab page's (only the regularizers differ),
      // except batch norm's, which asks its question at a larger learning rate and epoch budget.
      const labBase = baselineOf(checkLabState(defaults(labSchema)).setting);
      const { lr, epochs, hidden, ...rest } = baselineOf(req.setting);
      const { lr: lr0, epochs: e0, hidden: h0, ...rest0 } = labBase;
      expect(rest).toEqual(rest0);
      // weight sharing's baseline has the dense twin of its conv in front of the same hidden layers
      expect(hidden.slice(-h0.length)).toEqual(h0);
      if (preset !== 'weight-sharing') expect(hidden).toEqual(h0);
      if (!['batch-norm', 'early-stopping', 'data-augmentation'].includes(preset)) expect([lr, epochs]).toEqual([lr0, e0]);
      // Every preset is a request Train accepts (the build trains each once).
      expect(labWork(req.setting, { train: req.train, validation: LAB_VALIDATION, seeds: req.seeds.length })).toBeLessThanOrEqual(LAB_MAX_WORK);
      for (const p of presetFocus(preset)) expect(p in labSchema, p).toBe(true);
    });

    it(`${preset}: "open in the lab" keeps the state the preset page shows`, () => {
      const state = defaults(labSchemaFor(preset));
      const q = labLinkQuery(state);
      expect(q === '' || q.startsWith('?lab')).toBe(true);
      expect(parseQuery(labSchema, q)).toEqual({ state, errors: [] });
      // and the preset's own URL of an edited state also round-trips
      const edited = { ...state, labSeeds: 3, labHidden: [32, 16] };
      expect(parseQuery(labSchema, labLinkQuery(edited)).state).toEqual(edited);
      expect(parseQuery(labSchemaFor(preset), toQuery(labSchemaFor(preset), edited)).state).toEqual(edited);
    });
  }

  it('the lab page defaults write an empty link query', () => {
    expect(labLinkQuery(defaults(labSchema))).toBe('');
  });

  it('an unknown preset is refused by name', () => {
    expect(isLabPreset('vq-bottleneck')).toBe(false);
    expect(() => labSchemaFor('nope' as never)).toThrow(RangeError);
    expect(() => labSchemaFor('nope' as never)).toThrow(/preset must be one of lab, l1-l2, .*; received nope/);
    expect(() => presetFocus(7 as never)).toThrow(/preset must be one of/);
  });
});
