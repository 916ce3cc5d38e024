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
});
