import { describe, expect, it } from 'vitest';
import { conv2dParams, convOutputSize, fullyConnectedEquivalent, linearParams } from '../../src/lib/weightSharing';
import fx from '../fixtures/weight_sharing.json';

// Integer results: compared exactly with sum(p.numel()) of nn.Conv2d / nn.Linear and with the
// output shape of running nn.Conv2d on a zero tensor.

const pairOf = (v: number | number[]): [number, number] => (Array.isArray(v) ? [v[0]!, v[1]!] : [v, v]);

describe('against torch nn.Conv2d / nn.Linear', () => {
  it('has enough cases', () => {
    expect(fx.conv.length).toBeGreaterThanOrEqual(50);
    expect(fx.linear.length).toBeGreaterThanOrEqual(30);
  });
  it('conv2dParams = sum(p.numel())', () => {
    for (const c of fx.conv) {
      expect(conv2dParams({ inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: pairOf(c.kernelSize), bias: c.bias, groups: c.groups })).toBe(c.params);
      if (!Array.isArray(c.kernelSize)) {
        expect(conv2dParams({ inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize, bias: c.bias, groups: c.groups })).toBe(c.params);
      }
    }
  });
  it('convOutputSize = the output shape torch produces', () => {
    for (const c of fx.conv) {
      const [kh, kw] = pairOf(c.kernelSize);
      const [sh, sw] = pairOf(c.stride);
      const [ph, pw] = pairOf(c.padding);
      expect(convOutputSize({ inputSize: c.height, kernelSize: kh, stride: sh, padding: ph, dilation: c.dilation })).toBe(c.outHeight);
      expect(convOutputSize({ inputSize: c.width, kernelSize: kw, stride: sw, padding: pw, dilation: c.dilation })).toBe(c.outWidth);
    }
  });
  it('fullyConnectedEquivalent = nn.Linear(C·H·W, C′·H′·W′) parameters', () => {
    for (const c of fx.conv) {
      const r = fullyConnectedEquivalent({
        height: c.height, width: c.width, inChannels: c.inChannels, outChannels: c.outChannels,
        kernelSize: pairOf(c.kernelSize), stride: pairOf(c.stride), padding: pairOf(c.padding),
        dilation: c.dilation, groups: c.groups, bias: c.bias,
      });
      expect(r).toMatchObject({ outHeight: c.outHeight, outWidth: c.outWidth, convParams: c.params, linearParams: c.linearParams });
      expect(r.ratio).toBe(c.linearParams / c.params);
    }
  });
  it('linearParams = sum(p.numel())', () => {
    for (const c of fx.linear) expect(linearParams(c)).toBe(c.params);
  });
});

describe('worked numbers', () => {
  it('a 3×3 conv, 3 → 16 channels, on 32×32 inputs vs the equivalent Linear layer', () => {
    expect(conv2dParams({ inChannels: 3, outChannels: 16, kernelSize: 3 })).toBe(448);
    expect(conv2dParams({ inChannels: 3, outChannels: 16, kernelSize: 3, bias: false })).toBe(432);
    const r = fullyConnectedEquivalent({ height: 32, width: 32, inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1 });
    expect(r).toMatchObject({ outHeight: 32, outWidth: 32, inFeatures: 3072, outFeatures: 16384 });
    expect(r.linearParams).toBe(3072 * 16384 + 16384);
    expect(linearParams({ inFeatures: 10, outFeatures: 1 })).toBe(11); // the seed's nn.Linear(10, 1)
    expect(convOutputSize({ inputSize: 28, kernelSize: 5 })).toBe(24);
    expect(convOutputSize({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 })).toBe(4);
    expect(convOutputSize({ inputSize: 7, kernelSize: 3, dilation: 3 })).toBe(1);
  });
});

describe('weightSharing input validation', () => {
  it('integers ≥ 1 named in the message', () => {
    expect(() => conv2dParams({ inChannels: 0, outChannels: 1, kernelSize: 3 })).toThrow(RangeError);
    expect(() => conv2dParams({ inChannels: 0, outChannels: 1, kernelSize: 3 })).toThrow(/^inChannels must be an integer in \[1, 1048576\]; received 0/);
    expect(() => conv2dParams({ inChannels: 1.5, outChannels: 1, kernelSize: 3 })).toThrow(TypeError);
    expect(() => conv2dParams({ inChannels: 1, outChannels: 1, kernelSize: [3, 0] })).toThrow(/^kernelSize\[1\] must be an integer/);
    expect(() => conv2dParams({ inChannels: 1, outChannels: 1, kernelSize: [3] as never })).toThrow(/^kernelSize must be a number or a pair/);
    expect(() => conv2dParams({ inChannels: 1, outChannels: 1, kernelSize: 3, bias: 1 as never })).toThrow(/^bias must be a boolean/);
    expect(() => linearParams({ inFeatures: 3, outFeatures: NaN })).toThrow(/^outFeatures must be a finite number/);
    expect(() => linearParams(null as never)).toThrow(/^opts must be an object/);
  });
  it('groups must divide both channel counts, like torch', () => {
    expect(() => conv2dParams({ inChannels: 3, outChannels: 4, kernelSize: 1, groups: 2 })).toThrow(/^inChannels must be divisible by groups=2; received 3/);
    expect(() => conv2dParams({ inChannels: 4, outChannels: 3, kernelSize: 1, groups: 2 })).toThrow(/^outChannels must be divisible by groups=2; received 3/);
  });
  it('a kernel larger than the padded input is a RangeError, like torch', () => {
    expect(() => convOutputSize({ inputSize: 2, kernelSize: 5 })).toThrow(RangeError);
    expect(() => convOutputSize({ inputSize: 2, kernelSize: 5 })).toThrow(/^kernelSize must span at most inputSize \+ 2·padding = 2/);
    expect(() => convOutputSize({ inputSize: 3, kernelSize: 2, stride: 0 })).toThrow(/^stride must be an integer/);
    expect(() => convOutputSize({ inputSize: 3, kernelSize: 2, padding: -1 })).toThrow(/^padding must be an integer/);
    expect(() => fullyConnectedEquivalent({ height: 2, width: 9, inChannels: 1, outChannels: 1, kernelSize: 3 })).toThrow(/^kernelSize\[0\] must span at most height/);
  });
  it('counts beyond 2^53 are refused rather than rounded', () => {
    expect(() => linearParams({ inFeatures: 2 ** 30, outFeatures: 2 ** 30 })).toThrow(/must be ≤ 2\^53 − 1/);
  });
});
