/** Errors that carry their parameter (issue #12 §4): src/lib/refusal.ts's constructors and names. */
import { describe, expect, it } from 'vitest';
import { explainRefusal } from '../../src/i18n/refusal';
import { inRange } from '../../src/lib/validate';
import { paramRangeError, paramTypeError, refusalOf, refusedParam } from '../../src/lib/refusal';
import { dropout } from '../../src/lib/dropout';
import { kmeans } from '../../src/lib/kmeans';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};

describe('paramRangeError / paramTypeError', () => {
  it('are plain errors of their class with the parameter attached, not enumerable', () => {
    const r = paramRangeError('x[3]', 'x[3] must be 0 or 1; received 2');
    expect(r).toBeInstanceOf(RangeError);
    expect(r).toEqual(new RangeError('x[3] must be 0 or 1; received 2'));
    expect(Object.keys(r)).toEqual([]);
    expect(refusalOf(r)).toEqual({ param: 'x[3]', rule: 'message' });
    const t = paramTypeError('opts', 'opts must be an object; received null');
    expect(t).toBeInstanceOf(TypeError);
    expect(t.message).toBe('opts must be an object; received null');
    expect(refusalOf(t)).toEqual({ param: 'opts', rule: 'message' });
  });
  it('reach the library\'s own refusals', () => {
    expect(refusalOf(thrown(() => dropout([1], 0.5, { seed: 1, training: 'yes' as never })))).toEqual({ param: 'opts.training', rule: 'message' });
    expect(refusalOf(thrown(() => kmeans([1, 2], 1, 1, null as never)))).toMatchObject({ param: 'opts' });
  });
  it('are explained by their sentence: the catalogue has no words of its own for them', () => {
    expect(explainRefusal({ param: 'lr', rule: 'message' }, 'en', null)).toBe('lr is not valid');
    expect(explainRefusal({ param: 'lr', rule: 'message' }, 'zh', '学习率')).toBe('学习率（lr）的值无效');
  });
});

describe('refusedParam', () => {
  const named = (param: string) => refusedParam(paramRangeError(param, `${param} must be fine; received 0`));
  it('gives the bare parameter name', () => {
    expect(named('lr')).toBe('lr');
    expect(named('logits[1]')).toBe('logits');
    expect(named('x[2][0]')).toBe('x');
    expect(named('train.x[3]')).toBe('train');
    expect(named('opts.epochs')).toBe('epochs');
    expect(named('opts.fill[2]')).toBe('fill');
    expect(named('options.kernel')).toBe('kernel');
    expect(named('opts')).toBe('opts');
    expect(named('value (epoch 2)')).toBe('value');
    expect(refusedParam(thrown(() => inRange('lam', 20, 0, 10)))).toBe('lam');
  });
  it('is null for a computed quantity and for an error without a refusal', () => {
    expect(named('the parameter count')).toBeNull();
    expect(refusedParam(new RangeError('lr must be > 0; received 0'))).toBeNull();
    expect(refusedParam(new Error('x'))).toBeNull();
    expect(refusedParam('lr')).toBeNull();
  });
});
