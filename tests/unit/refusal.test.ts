/** The message catalogue (src/i18n/refusal.ts) over the refusals src/lib and the URL parser raise. */
import { describe, expect, it } from 'vitest';
import { explainRefusal, refusalLine, splitParam } from '../../src/i18n/refusal';
import { parseParam, parseQuery, queryRefusal } from '../../src/lib/query';
import { inRange, integer, vector } from '../../src/lib/validate';
import { refusalOf } from '../../src/lib/refusal';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const r = refusalOf(e);
    if (!r) throw new Error(`no refusal on ${String(e)}`);
    return r;
  }
  throw new Error('did not throw');
};

describe('structured refusals', () => {
  it('carry the parameter, the rule, the bounds and the value, and keep the library message', () => {
    let err: unknown;
    try {
      inRange('lam', 20, 0, 10);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RangeError);
    // Still a plain RangeError to code that compares errors.
    expect(err).toEqual(new RangeError('lam must be in [0, 10]; received 20'));
    expect(Object.keys(err as object)).toEqual([]);
    expect((err as Error).message).toBe('lam must be in [0, 10]; received 20');
    expect(refusalOf(err)).toEqual({ param: 'lam', rule: 'range', min: 0, max: 10, received: '20' });
    expect(refusal(() => integer('k', 2.5, 2, 10))).toEqual({ param: 'k', rule: 'integer', received: '2.5' });
    expect(refusal(() => vector('w', [1, Number.NaN]))).toMatchObject({ param: 'w[1]', rule: 'finite' });
    expect(refusal(() => parseParam('eps', { kind: 'number', min: 0, max: 1, default: 0 }, 'abc'))).toMatchObject({ rule: 'number' });
  });
  it('reach parseQuery\'s errors', () => {
    const { errors } = parseQuery({ eps: { kind: 'number', min: 0, max: 1, default: 0.1 } }, '?eps=2');
    expect(errors[0]!.refusal).toEqual({ param: 'eps', rule: 'range', min: 0, max: 1, received: '2' });
    expect(queryRefusal(20000).refusal).toMatchObject({ rule: 'chars', max: 16384 });
  });
});

describe('explainRefusal', () => {
  it('names the field by its label, in Chinese with full-width punctuation', () => {
    const r = refusal(() => inRange('lam', 20, 0, 10));
    expect(explainRefusal(r, 'zh', '正则化系数 λ')).toBe('正则化系数 λ（lam）须在 0 到 10 之间（收到 20）');
    expect(explainRefusal(r, 'en', 'Regularization λ')).toBe('Regularization λ (lam) must be between 0 and 10 (received 20)');
    expect(refusalLine('zh', explainRefusal(r, 'zh', '正则化系数 λ'), '无效的值', '已保留上一个有效状态。'))
      .toBe('无效的值：正则化系数 λ（lam）须在 0 到 10 之间（收到 20）。已保留上一个有效状态。');
  });
  it('says where in a list or a matrix', () => {
    const spec = { kind: 'vector', minLength: 2, maxLength: 10, min: -50, max: 50, default: [0, 0] } as const;
    const r = refusal(() => parseParam('logits', spec, '1, abc, 2'));
    expect(explainRefusal(r, 'zh', '模型输出 logits')).toBe('模型输出 logits（logits）的第 2 个数须为数字（收到 "abc"）');
    expect(explainRefusal(r, 'en', 'Model logits')).toBe('Model logits (logits), number 2, must be a number (received "abc")');
    const m = { kind: 'matrix', minRows: 1, maxRows: 4, minCols: 1, maxCols: 4, min: 0, max: 9, default: [[0]] } as const;
    expect(explainRefusal(refusal(() => parseParam('x', m, '1,2;3')), 'zh', '输入')).toBe('输入（x）的第 2 行须与第 1 行一样有 2 个数（收到 1 个）');
    expect(explainRefusal(refusal(() => parseParam('x', m, '1,2;3,12')), 'zh', '输入')).toBe('输入（x）的第 2 行第 2 个数须在 0 到 9 之间（收到 12）');
  });
  it('explains a refused query and a choice', () => {
    expect(explainRefusal(queryRefusal(20000).refusal!, 'zh', null)).toBe('链接的参数部分须不超过 16384 个字符（收到 20000 个）');
    const e = { kind: 'enum', values: ['train', 'eval'], default: 'train' } as const;
    expect(explainRefusal(refusal(() => parseParam('mode', e, 'x')), 'zh', '模式')).toBe('模式（mode）须为 train、eval 之一（收到 "x"）');
    expect(explainRefusal(refusal(() => inRange('w', -200, -100, 100)), 'en', null)).toBe('w must be between −100 and 100 (received -200)');
  });
  it('splits element names', () => {
    expect(splitParam('x[2][0]')).toEqual({ base: 'x', path: [2, 0] });
    expect(splitParam('eps')).toEqual({ base: 'eps', path: [] });
  });
});

describe('what a Chinese keyboard types', () => {
  const spec = { kind: 'vector', minLength: 1, maxLength: 10, min: -50, max: 50, default: [0] } as const;
  it('accepts full-width commas, the enumeration comma, full-width digits and signs, and the true minus', () => {
    expect(parseParam('w', spec, '1，-2，0.5')).toEqual([1, -2, 0.5]);
    expect(parseParam('w', spec, '1、2、3')).toEqual([1, 2, 3]);
    expect(parseParam('w', spec, '１，－２．５')).toEqual([1, -2.5]);
    expect(parseParam('w', spec, '−3')).toEqual([-3]);
    expect(parseParam('eps', { kind: 'number', min: 0, max: 1, default: 0 }, '０．５')).toBe(0.5);
    const m = { kind: 'matrix', minRows: 1, maxRows: 4, minCols: 1, maxCols: 4, min: 0, max: 9, default: [[0]] } as const;
    expect(parseParam('x', m, '1，2；3，4')).toEqual([[1, 2], [3, 4]]);
  });
});
