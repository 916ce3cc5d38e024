import { describe, expect, it } from 'vitest';
import { conv2dSingle, conv2dSingleShape, conv2dWindow, locallyConnectedParams } from '../../src/lib/convolution';
import { conv2dParams, convOutputSize } from '../../src/lib/weightSharing';
import { expectAllClose } from './close';
import fx from '../fixtures/convolution.json';

type Case = (typeof fx.cases)[number] & { windows?: number[][] };

describe('conv2dSingle = torch.nn.functional.conv2d (one channel in, one out)', () => {
  it('has enough cases', () => expect(fx.cases.length).toBeGreaterThanOrEqual(50));
  it('every output value', () => {
    for (const [n, c] of fx.cases.entries()) {
      const out = conv2dSingle(c.image, c.kernel, { stride: c.stride, padding: c.padding, bias: c.bias });
      expect(out.length, `case ${n} rows`).toBe(c.out.length);
      out.forEach((row, i) => expectAllClose(row, c.out[i]!, 1e-12, `case ${n} row ${i}`));
      expect(conv2dSingleShape(c.image, c.kernel, { stride: c.stride, padding: c.padding })).toEqual([c.out.length, c.out[0]!.length]);
    }
  });
  it('the shape follows PyTorch’s output-size formula (convOutputSize)', () => {
    for (const c of fx.cases) {
      const [h, w] = conv2dSingleShape(c.image, c.kernel, { stride: c.stride, padding: c.padding });
      expect(h).toBe(convOutputSize({ inputSize: c.image.length, kernelSize: c.kernel.length, stride: c.stride, padding: c.padding }));
      expect(w).toBe(convOutputSize({ inputSize: c.image[0]!.length, kernelSize: c.kernel[0]!.length, stride: c.stride, padding: c.padding }));
    }
  });
  it('conv2dWindow reads the receptive field F.unfold reads, and sums to the output', () => {
    let checked = 0;
    for (const c of fx.cases as Case[]) {
      if (!c.windows) continue;
      const cols = c.out[0]!.length;
      c.windows.forEach((win, p) => {
        const i = Math.floor(p / cols);
        const j = p % cols;
        const w = conv2dWindow(c.image, c.kernel, i, j, { stride: c.stride, padding: c.padding, bias: c.bias });
        expectAllClose(w.terms.map((t) => t.x), win, 0);
        expectAllClose([w.value], [c.out[i]![j]!], 1e-12);
        expect(w.bottom - w.top + 1).toBe(c.kernel.length);
        expect(w.right - w.left + 1).toBe(c.kernel[0]!.length);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });
  it('is a cross-correlation: the kernel is not flipped', () => {
    const c = fx.cases[0]!; // 0..15 in a 4×4 grid, kernel [[1, 2], [0, −1]]
    expect(conv2dSingle(c.image, c.kernel)[0]![0]).toBe(1 * 0 + 2 * 1 + 0 * 4 - 1 * 5);
  });
  it('refuses a kernel larger than the (padded) image, like PyTorch', () => {
    expect(fx.kernelTooBig).toMatch(/Kernel size can't be greater than actual input size/);
    expect(() => conv2dSingle([[0, 0, 0], [0, 0, 0], [0, 0, 0]], [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]])).toThrow(
      /kernel must fit in the image \(3×3\); received 4×4/,
    );
    expect(conv2dSingle([[1]], [[1, 1, 1], [1, 1, 1], [1, 1, 1]], { padding: 1 })).toEqual([[1]]);
  });
  it('validates its inputs', () => {
    expect(() => conv2dSingle([[1, 2], [3]], [[1]])).toThrow(/image\[1\] must have length 2 like row 0; received length 1/);
    expect(() => conv2dSingle([[1, Number.NaN]], [[1]])).toThrow(/image\[0\]\[1\] must be a finite number; received NaN/);
    expect(() => conv2dSingle([[1]], [[1]], { stride: 0 })).toThrow(/stride must be an integer in \[1, 256\]; received 0/);
    expect(() => conv2dWindow([[1, 2]], [[1]], 0, 2)).toThrow(/j must be an integer in \[0, 1\]; received 2/);
    expect(() => conv2dSingle([[1]], [[1]], { bias: Number.POSITIVE_INFINITY })).toThrow(/bias must be a finite number/);
  });
});

describe('locallyConnectedParams', () => {
  it('= output positions × the conv’s parameters (no sharing)', () => {
    expect(locallyConnectedParams({ outHeight: 32, outWidth: 32, inChannels: 3, outChannels: 16, kernelSize: 3 })).toBe(32 * 32 * 448);
    for (const [h, w, ci, co, k, bias] of [[5, 7, 2, 3, 3, true], [1, 1, 1, 1, 1, false], [10, 4, 8, 4, [3, 5], true]] as const) {
      const conv = conv2dParams({ inChannels: ci, outChannels: co, kernelSize: k as number | [number, number], bias });
      expect(locallyConnectedParams({ outHeight: h, outWidth: w, inChannels: ci, outChannels: co, kernelSize: k as number | [number, number], bias })).toBe(h * w * conv);
    }
  });
  it('rejects bad input', () => {
    expect(() => locallyConnectedParams({ outHeight: 0, outWidth: 1, inChannels: 1, outChannels: 1, kernelSize: 1 })).toThrow(/outHeight must be an integer ≥ 1; received 0/);
  });
});
