/**
 * Erratum 8's cell: the seed's six colours under the page's squared RGB distance. Lavender is
 * nearest white (not blue, as the seed says), a saturated blue-violet is nearest blue; the nearest
 * code is vectorQuantize's (the photo's quantizer) and agrees with the exact d² table, ties included.
 */
import { describe, expect, it } from 'vitest';
import {
  BLUE_VIOLET, CSS_NAMED, LIGHT_PURPLES, cell, hexBytes, namedColourLines, nearestColourSchema, nearestColourView, nearestSeedColour,
} from '../../src/cells/nearestColour';
import { SEED_COLORS } from '../../src/cells/vqColors';
import { defaults, parseParam, parseQuery } from '../../src/lib/query';
import { vectorQuantize } from '../../src/lib/vq';
import { proseNumber } from '../../src/cells/prose';
import { initialView, slotId } from '../../src/cells/define';

const RED = 0, BLUE = 1, WHITE = 5;

describe('nearest seed colour', () => {
  it('lavender #E6E6FA is nearest white: d² 0.0196 against 1.6275 for blue', () => {
    const r = nearestSeedColour(230, 230, 250);
    expect(r.nearest).toBe(WHITE);
    expect(r.tied).toEqual([WHITE]);
    // Σ(v − 255·e)² / 255², exactly
    expect(r.d2[WHITE]).toBe((25 ** 2 + 25 ** 2 + 5 ** 2) / 65025);
    expect(r.d2[BLUE]).toBe((230 ** 2 + 230 ** 2 + 5 ** 2) / 65025);
    expect(r.d2[WHITE]).toBeCloseTo(0.0196, 4);
    expect(r.d2[BLUE]).toBeCloseTo(1.6275, 4);
    expect(r.nearer(BLUE)).toBe(2); // white and yellow are nearer
    expect(r.hex).toBe('#e6e6fa');
  });

  it('a saturated blue-violet (CSS blueviolet #8A2BE2) is nearest blue', () => {
    const r = nearestSeedColour(0x8a, 0x2b, 0xe2);
    expect(r.nearest).toBe(BLUE);
    expect(r.d2[BLUE]).toBeCloseTo(0.3342, 4);
    expect(r.d2[WHITE]).toBeCloseTo(0.9146, 4);
    expect(r.nearer(BLUE)).toBe(0);
  });

  it('every light purple among the CSS named colours cited is nearest white', () => {
    for (const hex of Object.values(LIGHT_PURPLES)) expect(nearestSeedColour(...hexBytes(hex)).nearest, hex).toBe(WHITE);
    for (const hex of Object.values(BLUE_VIOLET)) expect(nearestSeedColour(...hexBytes(hex)).nearest, hex).toBe(BLUE);
    expect(namedColourLines('en', LIGHT_PURPLES)[0]).toBe('lavender #e6e6fa → 5 (white)');
    expect(namedColourLines('zh', BLUE_VIOLET)).toEqual(['blueviolet #8a2be2 → 1（蓝）']);
    expect(CSS_NAMED['#8a2be2']).toBe('blueviolet');
  });

  it('the six codes themselves: d² 0 to their own code', () => {
    SEED_COLORS.forEach((e, j) => {
      const r = nearestSeedColour(...(e.map((v) => v * 255) as [number, number, number]));
      expect(r.nearest).toBe(j);
      expect(r.d2[j]).toBe(0);
    });
  });

  it('away from exact ties, vectorQuantize (the photo cell’s argmin) picks the cell’s nearest code; on a tie, one of the tied', () => {
    const values = Array.from({ length: 86 }, (_, i) => i * 3); // 0, 3, …, 255: includes r = g = b planes and r + g = 255
    const rows: number[] = [];
    for (const r of values) for (const g of values) for (const b of values) rows.push(r / 255, g / 255, b / 255);
    const idx = vectorQuantize(rows, SEED_COLORS.flat(), 3).indices;
    let n = 0, ties = 0, tippedByRounding = 0;
    for (const r of values) for (const g of values) for (const b of values) {
      const c = nearestSeedColour(r, g, b);
      const ok = c.nearest !== c.tied[0] ? false : c.tied.length === 1 ? idx[n] === c.nearest : c.tied.includes(idx[n]!);
      if (!ok) throw new Error(`(${r}, ${g}, ${b}): vectorQuantize ${idx[n]}, exact ${c.tied.join('/')}`);
      if (c.tied.length > 1) ties++;
      if (c.tied.length > 1 && idx[n] !== c.nearest) tippedByRounding++;
      n++;
    }
    expect(n).toBe(86 ** 3);
    expect(ties).toBeGreaterThan(0);
    // e.g. (3, 252, 252): blue, green and white are exactly tied; float32 rounding tips it to white
    expect(tippedByRounding).toBeGreaterThan(0);
    expect(nearestSeedColour(3, 252, 252).tied).toEqual([1, 2, 5]);
  });
});

describe('nearest colour view', () => {
  it('defaults: lavender, white marked nearest in the table, blue two places down', () => {
    const v = nearestColourView(defaults(nearestColourSchema), 'en');
    expect(v.hex).toBe('#e6e6fa');
    expect(v.text.colour).toBe('#e6e6fa (CSS lavender)');
    expect(v.text.colX).toBe('(230, 230, 250) / 255 = [0.902, 0.902, 0.9804]');
    expect(v.text.colNearest).toBe('5 (white), d² = 0.0196');
    expect(v.nearestHex).toBe('#ffffff');
    expect(v.text.colBlue).toBe('d² = 1.6275 (2 of the 6 codes are nearer)');
    expect(v.text.colTie).toBe('');
    expect(v.rows.dist).toHaveLength(6);
    expect(v.rows.dist[WHITE]).toEqual(['5 (white)', '[1, 1, 1]', '(0.902 − 1)² + (0.902 − 1)² + (0.9804 − 1)²', '0.0196', 'nearest']);
    expect(v.rows.dist[BLUE]).toEqual(['1 (blue)', '[0, 0, 1]', '(0.902 − 0)² + (0.902 − 0)² + (0.9804 − 1)²', '1.6275', '']);
    expect(v.rows.dist.filter((r) => r[4] !== '')).toHaveLength(1);
    const z = nearestColourView(defaults(nearestColourSchema), 'zh');
    expect(z.text.colNearest).toBe('5（白），d² = 0.0196');
    expect(z.text.colBlue).toBe('d² = 1.6275（6 个码中有 2 个比它更近）');
    expect(z.rows.dist[WHITE]![4]).toBe('最近');
  });

  it('blue-violet: blue marked nearest', () => {
    const v = nearestColourView({ colR: 138, colG: 43, colB: 226 }, 'en');
    expect(v.text.colNearest).toBe('1 (blue), d² = 0.3342');
    expect(v.rows.dist[BLUE]![4]).toBe('nearest');
    expect(v.text.colour).toBe('#8a2be2 (CSS blueviolet)');
  });

  it('a tie is said, and argmin takes the lowest index as torch.argmin does', () => {
    // r = b: red and blue are exactly as far (and nearer than every other code)
    const v = nearestColourView({ colR: 200, colG: 50, colB: 200 }, 'en');
    expect(v.nearest).toBe(RED);
    expect(v.rows.dist[RED]![3]).toBe(v.rows.dist[BLUE]![3]);
    expect(v.rows.dist[RED]![4]).toBe('nearest (tie: lowest index)');
    expect(v.rows.dist[BLUE]![4]).toBe('');
    expect(v.text.colTie).toBe('Tie: 0 (red), 1 (blue) are exactly equally near; argmin takes the lowest index, 0 (red), as torch.argmin does. Computed in float32 (the photo cell, PyTorch), rounding can tip such a tie to another code.');
    expect(nearestColourView({ colR: 200, colG: 50, colB: 200 }, 'zh').text.colTie).toMatch(/^并列：0（红）、1（蓝）的距离严格相等；argmin 取序号最小的 0（红），与 torch.argmin 相同。/);
    // three-way: blue, green, white
    const three = nearestColourView({ colR: 3, colG: 252, colB: 252 }, 'en');
    expect(three.nearest).toBe(BLUE);
    expect(three.text.colTie).toMatch(/^Tie: 1 \(blue\), 2 \(green\), 5 \(white\) are exactly equally near; argmin takes the lowest index, 1 \(blue\)/);
  });

  it('the VQ page and the errata quote the same numbers as the cell', () => {
    expect(proseNumber('vq.lavenderToWhite')).toBe('0.0196');
    expect(proseNumber('vq.lavenderToBlue')).toBe('1.6275');
    expect(proseNumber('vq.blueVioletToBlue')).toBe('0.3342');
    expect(proseNumber('vq.blueVioletToWhite')).toBe('0.9146');
  });

  it('bad input: named messages from the URL/inputs and from direct calls', () => {
    const spec = nearestColourSchema.colR;
    expect(() => parseParam('colR', spec, '256')).toThrow('colR must be an integer in [0, 255]; received 256');
    expect(() => parseParam('colG', nearestColourSchema.colG, '-1')).toThrow('colG must be an integer in [0, 255]; received -1');
    expect(() => parseParam('colB', nearestColourSchema.colB, '12.5')).toThrow('colB must be an integer; received 12.5');
    expect(() => parseParam('colB', nearestColourSchema.colB, 'blue')).toThrow(/^colB must be a number; received/);
    const q = parseQuery(nearestColourSchema, '?colR=138&colG=999&colB=226');
    expect(q.state).toEqual({ colR: 138, colG: 230, colB: 226 }); // the bad one keeps its last valid value
    expect(q.errors).toMatchObject([{ param: 'colG', message: 'colG must be an integer in [0, 255]; received 999' }]);
    expect(() => nearestColourView({ colR: 300, colG: 0, colB: 0 }, 'en')).toThrow('colR must be an integer in [0, 255]; received 300');
    expect(() => nearestSeedColour(Number.NaN, 0, 0)).toThrow(/^colR must be a finite number/);
    expect(() => hexBytes('#12345')).toThrow(/colour must be #rrggbb/);
    expect(hexBytes('#8A2BE2')).toEqual([138, 43, 226]);
  });
});

describe('the nearest-colour cell', () => {
  it('keeps the errata’s element ids (err-col-r, err-col-nearest, …) and the words’ byte hint', () => {
    const ids = [...Object.keys(cell.schema), 'colX', 'colNearest', 'colBlue', 'colTie'].map((k) => slotId(cell.prefix, k));
    expect(ids).toEqual(['err-col-r', 'err-col-g', 'err-col-b', 'err-col-x', 'err-col-nearest', 'err-col-blue', 'err-col-tie']);
    expect(cell.words.en.fields.colG.hint).toBe('integer from 0 to 255');
    expect(cell.words.zh.fields.colG.hint).toBe('0 到 255 的整数');
    expect(initialView(cell, 'en')).toEqual(nearestColourView(defaults(nearestColourSchema), 'en'));
  });
});
