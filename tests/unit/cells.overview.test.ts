import { describe, expect, it } from 'vitest';
import { overviewPreviews } from '../../src/cells/overview';
import { topics } from '../../src/i18n/pages';

describe('overview previews', () => {
  it.each(['zh', 'en'] as const)('has a computed line for every topic (%s)', (lang) => {
    const p = overviewPreviews(lang);
    for (const t of topics) {
      expect(p[t.slug], t.slug).toBeTruthy();
      expect(p[t.slug]).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(p['label-smoothing']).toContain('[0.9333, 0.0333, 0.0333]');
    expect(p['adversarial-training']).toContain('[0.4, 0.6]');
    expect(p['early-stopping']).toMatch(/5.*3/);
  });

  it('compares the convolution with the linear layer between the same shapes, as the weight-sharing page does', () => {
    // Like for like (issue #13 §1.9): 3,072 → 16·32·32 = 16,384 values, not a 16-output layer (49,168).
    const en = overviewPreviews('en')['weight-sharing']!;
    const zh = overviewPreviews('zh')['weight-sharing']!;
    expect(en).toBe('3×3 conv, 3→16 channels on a 32×32×3 input: 448 parameters; the linear layer between the same shapes (3,072 → 16,384): 50,348,032');
    expect(zh).toBe('在 32×32×3 的输入上，3→16 通道的 3×3 卷积：448 个参数；输入、输出形状与它相同（3,072 → 16,384）的全连接层：50,348,032 个');
    for (const line of [en, zh]) expect(line).not.toMatch(/49,?168/);
  });
});
