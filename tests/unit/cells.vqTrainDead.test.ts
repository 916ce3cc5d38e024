/**
 * Issue #13 item 5: EMA does not revive dead codes; starting from data points avoids them. The
 * training cell's "Dead codes" line says which, with the numbers of its own run and of the same run
 * started the other way; the VQ page quotes the default run's numbers.
 */
import { describe, expect, it } from 'vitest';
import { deadCodeStats, vqDeadCodes, vqTrainRun, vqTrainSchema, vqTrainView } from '../../src/cells/vqTrain';
import { defaults } from '../../src/lib/query';
import { vqAssign } from '../../src/lib/vqTraining';
import { proseNumber } from '../../src/cells/prose';

const s0 = defaults(vqTrainSchema);

describe('dead codes in the training cell', () => {
  it('gradient steps: a code no point chooses gets zero gradient and does not move at all', () => {
    const { run } = vqDeadCodes(s0);
    expect(run.start).toBe(4);
    expect(run.end).toBe(4);
    expect(run.stillDead).toEqual([0, 1, 3, 4]);
    expect(run.stillDeadMoved).toBe(0);
    expect(run.revived).toEqual([]);
  });

  it('EMA: the codes still dead barely move (N_k and m_k decay together); the one back in use was not moved to the data', () => {
    const s = { ...s0, tEma: 1 };
    const { data, run: r } = vqTrainRun(s);
    const d = deadCodeStats(data, r);
    expect(d.start).toBe(4);
    expect(d.end).toBe(3);
    expect(d.stillDead).toEqual([0, 3, 4]);
    expect(d.stillDeadMoved).toBeGreaterThan(0);
    expect(d.stillDeadMoved).toBeLessThan(1e-3);
    expect(d.revived).toEqual([1]);
    // Code 1 comes back after the first update, while it has itself moved by less than 1e-3:
    // its neighbour (code 2) left for the data and some points were then nearest code 1.
    const c0 = r.codebooks[0]!, c1 = r.codebooks[1]!;
    expect(vqAssign(data.x, c0, 2).counts[1]).toBe(0);
    expect(vqAssign(data.x, c1, 2).counts[1]).toBeGreaterThan(0);
    expect(Math.hypot(c1[2]! - c0[2]!, c1[3]! - c0[3]!)).toBeLessThan(1e-3);
    expect(Math.hypot(c1[4]! - c0[4]!, c1[5]! - c0[5]!)).toBeGreaterThan(1);
  });

  it('the remedy: from data points no code is dead, with either update', () => {
    for (const tEma of [0, 1]) {
      const { run, other } = vqDeadCodes({ ...s0, tEma, tInit: 1 });
      expect(run.start).toBe(0);
      expect(run.end).toBe(0);
      expect(other.start).toBe(4); // the same run from the seed's uniform(−1/K, 1/K)
    }
  });

  it('the cell says it, in both languages', () => {
    const en = vqTrainView(s0, 'en').text.deadNote;
    expect(en).toBe('4 dead at the start, 4 after 60 steps. Codes 0, 1, 3, 4 are dead at the start and at the end and moved at most 0.0000: a code no input chooses gets no gradient and does not move. The remedy is to start from data points (the “initialize the codes from data points” switch above): with the same data and updates, 0 dead at the start, 0 at the end.');
    const ema = vqTrainView({ ...s0, tEma: 1 }, 'en').text.deadNote;
    expect(ema).toContain('Codes 0, 3, 4 are dead at the start and at the end and moved at most 0.0009');
    expect(ema).toContain('Code 1 was dead at the start and is used at the end');
    expect(vqTrainView({ ...s0, tInit: 1 }, 'en').text.deadNote).toBe('0 dead at the start, 0 after 60 steps. Started from data points here; from the seed\'s uniform(−1/K, 1/K) instead, with the same data and updates: 4 dead at the start, 4 at the end.');
    const zh = vqTrainView({ ...s0, tEma: 1 }, 'zh').text.deadNote;
    expect(zh).toMatch(/^开始时有 4 个死码，60 步后有 3 个。码 0、3、4 开始和结束时都是死码，最多移动了 0\.0009：/);
    expect(zh).toContain('补救办法是从数据点初始化码本');
  });

  it('the VQ page quotes the same run', () => {
    expect(['trainSeed', 'trainK', 'trainSteps', 'deadStart', 'deadGradient', 'deadEma', 'deadEmaMoved', 'revivedEma', 'deadData', 'deadDataEma']
      .map((k) => proseNumber(`vq.${k}`))).toEqual(['1', '6', '60', '4', '4', '3', '0.0009', '1', '0', '0']);
    expect(['labCodes', 'labBits', 'labPieces', 'labLayerBits'].map((k) => proseNumber(`vq.${k}`))).toEqual(['32', '5', '32', '160']);
  });
});
