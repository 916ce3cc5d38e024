/**
 * Python literals for the cells' "PyTorch" panels — one helper for every panel (issue #12 §4).
 *
 * A panel's code is what the reader copies and what the downloaded notebook runs, so a number must read
 * back in Python as the same float64 the page computed with. JavaScript's shortest round-trip form
 * (`String(x)`: "0.1", "1e-7", "1e+21") is also a Python float literal that parses to the same double;
 * only integers need a ".0" so that `torch.tensor([1.0, 2.0])` is floating point, and −0 keeps its sign.
 * Non-finite numbers never reach a panel (the schemas refuse them), so they are refused here too.
 */
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';

/**
 * The opening of a float64 PyTorch program that draws with the page's generator: its imports, torch
 * in float64, and src/lib/random.ts in Python (randomPython.ts), so the program's draws are the page's.
 */
export function torchWithPageRng(imports: readonly string[] = ['import math']): string[] {
  return [...imports, '', 'import torch', 'import torch.nn as nn', '', 'torch.set_default_dtype(torch.float64)', '', '', PYTHON_RNG_SOURCE, '', ''];
}

/**
 * The page's weights in Python: `draw(n, fan_in)` gives n values of nn.Linear's default
 * U(−1/√fan_in, 1/√fan_in), drawn from Mulberry32(seed) in the order src/lib draws them. `seed` is a
 * Python expression (a literal or a variable the program set).
 */
export function pageWeightDraw(seed: string | number): string[] {
  return [
    `# The page's weights: nn.Linear's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from Mulberry32(${seed}).`,
    `rng = Mulberry32(${seed})`,
    '',
    '',
    'def draw(n, fan_in):',
    '    bound = 1 / math.sqrt(fan_in)',
    '    return torch.tensor([rng.uniform(-bound, bound) for _ in range(n)])',
    '',
    '',
  ];
}

/** A finite number as a Python float literal: 1 → "1.0", 0.1 → "0.1", −0 → "-0.0", 1e21 → "1e+21". */
export function pyFloat(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError(`pyFloat: x must be a finite number; received ${String(x)}`);
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** A Python list of floats: [1, 0.5] → "[1.0, 0.5]". */
export function pyList(xs: ArrayLike<number>): string {
  return `[${Array.from(xs, pyFloat).join(', ')}]`;
}

/** A nested Python list of floats, row by row: [[1, 2], [3, 4]] → "[[1.0, 2.0], [3.0, 4.0]]". */
export function pyMatrix(m: ArrayLike<ArrayLike<number>>): string {
  return `[${Array.from(m, pyList).join(', ')}]`;
}

/** A boolean as Python's True / False. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}
