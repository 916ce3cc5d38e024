/**
 * Erratum 8: which of the seed's six colours is nearest a colour the reader picks, under the page's
 * own distance — the squared Euclidean distance in RGB with values in [0, 1], the argmin of the
 * seed's `VectorQuantizer`. The seed says a light purple pixel becomes blue; lavender #E6E6FA is
 * nearest white.
 *
 * The d² are exact: with bytes v and codes of 0s and 1s, ‖v/255 − e‖² = Σ(v − 255·e)² / 255², an
 * integer over 65025, so equal distances compare equal. The nearest code is the lowest index among
 * the smallest (torch.argmin's rule); away from ties it is the code `vectorQuantize` (the photo's
 * quantizer, float32 inputs) picks (tests/unit/cells.nearestColour.test.ts checks a grid of colours).
 * On an exact tie float rounding decides which code a float32 quantizer picks, so the cell says so.
 * The errata page renders `cell` (end of file) with the picker and the swatches in its slots.
 */
import { formatNumber as fmt } from '../lib/format';
import { integer } from '../lib/validate';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { SEED_COLORS, SEED_COLOR_NAMES } from './seedColors';
import { hexColor, num, vec } from './vqShared';
import { paramTypeError } from '../lib/refusal';
import { defineCell, fill } from './define';

/** One byte per channel; the default is CSS lavender, #E6E6FA. */
export const nearestColourSchema = {
  colR: { kind: 'integer', min: 0, max: 255, default: 230 },
  colG: { kind: 'integer', min: 0, max: 255, default: 230 },
  colB: { kind: 'integer', min: 0, max: 255, default: 250 },
} as const satisfies Schema;

export type NearestColourState = StateOf<typeof nearestColourSchema>;

/** Light purples among the CSS named colours (CSS Color Module Level 4), and one saturated blue-violet. */
export const LIGHT_PURPLES = { lavender: '#e6e6fa', thistle: '#d8bfd8', plum: '#dda0dd', violet: '#ee82ee', mediumpurple: '#9370db' } as const;
export const BLUE_VIOLET = { blueviolet: '#8a2be2' } as const;

/** CSS named colours the errata text cites, shown by name when the reader picks one. */
export const CSS_NAMED: Record<string, string> = Object.fromEntries(
  Object.entries({ ...LIGHT_PURPLES, ...BLUE_VIOLET }).map(([name, hex]) => [hex, name]),
);

/** Bytes of "#rrggbb". */
export function hexBytes(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw paramTypeError('colour', `colour must be #rrggbb; received ${JSON.stringify(String(hex).slice(0, 20))}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** The index of blue among the seed's colours. */
const BLUE = SEED_COLOR_NAMES.en.indexOf('blue');

export interface NearestColour {
  /** The colour as [0, 1] values. */
  x: number[];
  hex: string;
  /** Squared distance to each of the six codes. */
  d2: number[];
  /** The lowest index among the nearest codes (torch.argmin on equal distances). */
  nearest: number;
  /** Every code at the smallest distance (more than one: a tie). */
  tied: number[];
  /** How many codes are strictly nearer than code j. */
  nearer: (j: number) => number;
}

/** d² to each seed colour and the nearest code, for bytes r, g, b (each an integer in [0, 255]). */
export function nearestSeedColour(r: number, g: number, b: number): NearestColour {
  const bytes = [integer('colR', r, 0, 255), integer('colG', g, 0, 255), integer('colB', b, 0, 255)];
  const x = bytes.map((v) => v / 255);
  const sums = SEED_COLORS.map((e) => e.reduce((s, et, t) => s + (bytes[t]! - 255 * et) ** 2, 0));
  const min = Math.min(...sums);
  const tied = sums.flatMap((s, j) => (s === min ? [j] : []));
  return {
    x,
    hex: hexColor(x[0]!, x[1]!, x[2]!),
    d2: sums.map((s) => s / 65025),
    nearest: tied[0]!,
    tied,
    nearer: (j) => sums.filter((s) => s < sums[j]!).length,
  };
}

/** Every word the cell shows (the picker's and the swatches' too: ColourPicker.astro, ColourSwatches.astro). */
const words = {
  zh: {
    title: '实时单元：原文 6 种颜色中最近的一种',
    fields: {
      colR: { label: 'R（红）', hint: '0 到 255 的整数' },
      colG: { label: 'G（绿）', hint: '0 到 255 的整数' },
      colB: { label: 'B（蓝）', hint: '0 到 255 的整数' },
    },
    pick: '选一种颜色', pickHint: '取色器写入下面的 R、G、B',
    colour: '你的颜色', nearestCode: '最近的码（argmin）', toBlue: '到蓝色的距离',
    caption: '到原文 6 种颜色的平方距离 d² = ‖x − e_k‖²', code: '码 k', ek: 'e_k', terms: '逐项', d2: 'd²', argmin: 'argmin',
    name: '{j}（{hue}）',
    css: '（CSS 颜色名 {name}）',
    mark: '最近', markTie: '最近（并列，取最小序号）',
    nearest: '{code}，d² = {d}',
    blue: 'd² = {d}（6 个码中有 {nearer} 个比它更近）',
    tie: '并列：{list}的距离严格相等；argmin 取序号最小的 {code}，与 torch.argmin 相同。用 float32 计算时（如照片单元和 PyTorch），舍入可能让并列偏向另一个码。',
    and: '、',
  },
  en: {
    title: 'Live cell: the nearest of the seed’s six colours',
    fields: {
      colR: { label: 'R (red)', hint: 'integer from 0 to 255' },
      colG: { label: 'G (green)', hint: 'integer from 0 to 255' },
      colB: { label: 'B (blue)', hint: 'integer from 0 to 255' },
    },
    pick: 'Pick a colour', pickHint: 'the picker writes R, G and B below',
    colour: 'Your colour', nearestCode: 'Nearest code (argmin)', toBlue: 'Distance to blue',
    caption: 'Squared distance d² = ‖x − e_k‖² to each of the seed’s six colours', code: 'Code k', ek: 'e_k', terms: 'Term by term', d2: 'd²', argmin: 'argmin',
    name: '{j} ({hue})',
    css: ' (CSS {name})',
    mark: 'nearest', markTie: 'nearest (tie: lowest index)',
    nearest: '{code}, d² = {d}',
    blue: 'd² = {d} ({nearer} of the 6 codes are nearer)',
    tie: 'Tie: {list} are exactly equally near; argmin takes the lowest index, {code}, as torch.argmin does. Computed in float32 (the photo cell, PyTorch), rounding can tip such a tie to another code.',
    and: ', ',
  },
} as const;

/** "5 (white)": a code by its index and its colour's name. */
const codeName = (lang: Lang, j: number) => fill(words[lang].name, { j, hue: SEED_COLOR_NAMES[lang][j]! });

/**
 * The view. Slot names start with `col` where the errata's element ids (err-col-x, err-col-nearest, …,
 * from the prefix `err`) predate the cell object; `hex` and `nearestHex` paint the swatches and the
 * picker (src/components/charts/errata-colour.ts).
 */
export function nearestColourView(s: NearestColourState, lang: Lang) {
  const w = words[lang];
  const r = nearestSeedColour(s.colR, s.colG, s.colB);
  const d = (j: number) => fmt(r.d2[j]!);
  const name = (j: number) => codeName(lang, j);
  const tie = r.tied.length > 1;
  const named = CSS_NAMED[r.hex];
  const e = SEED_COLORS[r.nearest]!;
  return {
    text: {
      colour: `${r.hex}${named ? fill(w.css, { name: named }) : ''}`,
      colX: `(${s.colR}, ${s.colG}, ${s.colB}) / 255 = ${vec(r.x)}`,
      colNearest: fill(w.nearest, { code: name(r.nearest), d: d(r.nearest) }),
      colBlue: fill(w.blue, { d: d(BLUE), nearer: r.nearer(BLUE) }),
      colTie: tie ? fill(w.tie, { list: r.tied.map(name).join(w.and), code: name(r.nearest) }) : '',
      summary: summary(lang, [['最近的码', 'nearest code', name(r.nearest)], ['d²', 'd²', d(r.nearest)], ['到蓝色 d²', 'd² to blue', d(BLUE)]]),
    },
    rows: {
      dist: SEED_COLORS.map((e, j) => [
        name(j),
        vec(e),
        e.map((et, t) => `(${num(r.x[t]!)} − ${num(et)})²`).join(' + '),
        d(j),
        j === r.nearest ? (tie ? w.markTie : w.mark) : '',
      ]),
    },
    hex: r.hex,
    nearestHex: hexColor(e[0]!, e[1]!, e[2]!),
    nearest: r.nearest,
  };
}

export type NearestColourView = ReturnType<typeof nearestColourView>;

/** "lavender #e6e6fa → 5 (white)" for each named colour: the errata's examples, computed. */
export function namedColourLines(lang: Lang, named: Record<string, string>): string[] {
  return Object.entries(named).map(([name, hex]) => `${name} ${hex} → ${codeName(lang, nearestSeedColour(...hexBytes(hex)).nearest)}`);
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'errata-colour',
  prefix: 'err',
  schema: nearestColourSchema,
  words,
  layout: [
    // The colour picker, which sets R, G and B (src/components/errata/ColourPicker.astro).
    { slot: 'picker' },
    { fields: ['colR', 'colG', 'colB'] },
    // "Your colour" and "Nearest code", each after its swatch (src/components/errata/ColourSwatches.astro).
    { slot: 'swatches' },
    { result: 'colBlue', label: 'toBlue' },
    { note: 'colTie' },
    { table: 'dist', caption: 'caption', head: ['code', 'ek', 'terms', 'd2', 'argmin'] },
  ],
  view: (s, lang) => nearestColourView(s, lang),
});
