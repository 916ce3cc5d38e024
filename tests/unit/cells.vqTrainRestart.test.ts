/**
 * Issue #13 §1.5: restarting unused codes (Jukebox; Łańcucki et al. 2020) is the training cell's
 * second remedy for dead codes. With the default data the seed's initialization leaves codes dead
 * under either update; with restarts on, none is dead at the end, and the "Dead codes" line says so
 * with the run's own numbers. Off (the default), the cell is as before.
 */
import { describe, expect, it } from 'vitest';
import { vqDeadCodes, vqTrainPytorch, vqTrainRun, vqTrainSchema, vqTrainView } from '../../src/cells/vqTrain';
import { defaults } from '../../src/lib/query';

const s0 = defaults(vqTrainSchema);

describe('restarting unused codes in the training cell', () => {
  it('is off by default', () => {
    expect(s0.tRestart).toBe(0);
    expect(vqTrainRun(s0).run.restarts).toEqual([]);
  });

  it('brings the dead codes to 0 where, without restarts, they stay > 0 (gradient and EMA)', () => {
    for (const tEma of [0, 1]) {
      const off = vqTrainRun({ ...s0, tEma }).run;
      const on = vqTrainRun({ ...s0, tEma, tRestart: 1 }).run;
      expect(off.history.at(-1)!.deadCodes).toBeGreaterThan(0);
      expect(on.history[0]!.deadCodes).toBe(off.history[0]!.deadCodes);
      expect(on.history.at(-1)!.deadCodes).toBe(0);
      expect(on.final.counts.every((c) => c > 0)).toBe(true);
      expect(on.restarts.length).toBeGreaterThanOrEqual(on.history[0]!.deadCodes);
      // Each restarted code sits on its data row in the codebook after that step.
      const x = vqTrainRun(s0).data.x;
      for (const r of on.restarts) {
        const cb = on.codebooks[r.step]!;
        expect([cb[2 * r.code], cb[2 * r.code + 1]]).toEqual([x[2 * r.row], x[2 * r.row + 1]]);
      }
    }
  });

  it('the "Dead codes" line counts the restarts and compares the run without them, in both languages', () => {
    const on = { ...s0, tRestart: 1 };
    const r = vqTrainRun(on).run;
    const off = vqDeadCodes(s0).run;
    const last = r.restarts.at(-1)!.step;
    expect(vqTrainView(on, 'en').text.deadNote).toBe(
      `${off.start} dead at the start, 0 after ${s0.tSteps} steps. After every step each code no point chose was moved to a random data point (restarting unused codes): ${r.restarts.length} restarts in all, the last after step ${last}. Without restarts, with the same data, start and updates: ${off.start} dead at the start, ${off.end} at the end.`,
    );
    const zh = vqTrainView({ ...on, tEma: 1 }, 'zh').text.deadNote;
    expect(zh).toMatch(/^开始时有 \d+ 个死码，60 步后有 0 个。每一步之后，没有点选中的码都被移到一个随机的数据点上（重启不用的码）：共重启 \d+ 次/);
    expect(zh).toContain(`不重启时，同样的数据、同样的初始化和更新：开始时 ${off.start} 个死码，结束时 ${vqDeadCodes({ ...s0, tEma: 1 }).run.end} 个。`);
    // From data points nothing is dead, so nothing is restarted.
    expect(vqTrainView({ ...on, tInit: 1 }, 'en').text.deadNote).toContain('No step left a code unused, so no code was restarted.');
  });

  it('the PyTorch view draws the same rows with the page\'s generator only when restarts are on', () => {
    const data = vqTrainRun(s0).data;
    const off = vqTrainPytorch(s0, data);
    expect(off).not.toContain('Mulberry32');
    for (const tEma of [0, 1]) {
      const code = vqTrainPytorch({ ...s0, tEma, tRestart: 1 }, data);
      expect(code).toContain(`rng = Mulberry32(${s0.tSeed})`);
      expect(code).toContain('for k, row in restarts(');
      expect(code.startsWith('import math')).toBe(true);
    }
    expect(vqTrainPytorch({ ...s0, tEma: 1, tRestart: 1 }, data)).toContain('w[k], cluster_size[k], embed_sum[k] = x[row], 1.0, x[row]');
  });
});
