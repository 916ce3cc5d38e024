/**
 * The Chinese text keeps its terms (issue #13 §4): 码本 (never 代码簿 / 码书), 原文 for the source text
 * (种子 alone is the RNG seed's short form, never the text), 4000 万 and not 40 百万, and no English UI
 * word (loss, perplexity, early stopping, weight decay, indices) left untranslated in visible Chinese.
 *
 * Read-only scan of every src/pages/zh/*.mdx (its prose: code, math, URLs, markup and the References
 * list, which cites English titles, are left out) and of the zh words of every declared cell
 * (src/cells/registry.ts): the words tree — template functions called with sample arguments — and the
 * zh view of the defaults (its code panels left out), plus the overview lines and the UI catalogues.
 *
 * Allowed, because they are not untranslated words: identifiers and code (`val_loss`, `F.mse_loss`,
 * `CrossEntropyLoss`, `weight_decay`, `encoding_indices`), a gloss in full-width brackets right after
 * the Chinese term (困惑度（perplexity）, 承诺损失（commitment loss）), and 随机种子 / 每个种子 / 种子间.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredCells } from '../../src/cells/registry';
import { initialView, type AnyCell } from '../../src/cells/define';
import { readCellData } from '../../src/components/cell/readCellData';
import { overviewPreviews } from '../../src/cells/overview';
import { ui } from '../../src/i18n/ui';
import { topics } from '../../src/i18n/pages';

interface Hit { where: string; rule: string; excerpt: string }

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** 种子 after one of these characters is the RNG seed: 随机种子, 每个种子, 各种子, 同一种子, 这些种子, 一组种子, 带种子的, 数据种子, 掩码种子, 网络种子. */
const SEED_RNG_BEFORE = '随机个各一些组带据码络';

const RULES: { rule: string; re: RegExp }[] = [
  { rule: '码本, not 代码簿', re: /代码簿/g },
  { rule: '码本, not 码书', re: /码书/g },
  { rule: '4000 万, not 40 百万', re: /\d\s*百万/g },
  { rule: '原文, not 种子文本 / 种子代码 / 种子注释', re: /种子(?:文本|代码|注释|文件)/g },
  // The source text spoken of as 种子: 「种子的 6 种颜色」「种子那一行」「种子自己的」「种子写的是」「种子在这里」.
  { rule: '原文, not 种子 for the source text', re: new RegExp(`(?<![${SEED_RNG_BEFORE}])种子(?:自己|那一?行|的|写|在这|把|说|里|中)`, 'g') },
];

/** English UI words that the Chinese must translate; a letter, digit, `_`, `.` or `∂` next to one makes it an identifier. */
const ENGLISH: { rule: string; re: RegExp }[] = [
  { rule: '早停, not "early stopping"', re: /(?<![\w.∂-])early[ -]stopping(?![\w(])/gi },
  { rule: '损失, not "loss"', re: /(?<![\w.∂-])loss(?![\w(-])/gi },
  { rule: '困惑度, not "perplexity"', re: /(?<![\w.∂-])perplexity(?![\w(])/gi },
  { rule: '权重衰减, not "weight decay"', re: /(?<![\w.∂-])weight decay(?![\w(])/gi },
  { rule: '索引, not "indices"', re: /(?<![\w.∂-])indices(?![\w(])/gi },
];

/** A gloss: the English inside full-width brackets that follow a Chinese term, 困惑度（perplexity）. */
const GLOSS = new RegExp(`([${CJK}])（[^（）${CJK}]*）`, 'g');

function termHits(text: string, where: string): Hit[] {
  const hits: Hit[] = [];
  const excerpt = (i: number, n: number) => text.slice(Math.max(0, i - 12), i + n + 12).replace(/\s+/g, ' ');
  for (const { rule, re } of RULES) for (const m of text.matchAll(re)) hits.push({ where, rule, excerpt: excerpt(m.index!, m[0].length) });
  // English words count only in Chinese text (a string with no Chinese is code or a quote), outside glosses.
  if (!new RegExp(`[${CJK}]`).test(text)) return hits;
  const bare = text.replace(GLOSS, (_, c: string) => `${c}（）`).replace(/\{\w+\}/g, '{}');
  for (const { rule, re } of ENGLISH) for (const m of bare.matchAll(re)) hits.push({ where, rule, excerpt: bare.slice(Math.max(0, m.index! - 12), m.index! + m[0].length + 12) });
  return hits;
}

/** The visible prose of an MDX page: no frontmatter, imports, code, math, URLs, tags, or References list. */
function mdxProse(src: string): string {
  return src
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/\n## 参考文献\n[\s\S]*$/, '\n')
    .replace(/^import .*$/gm, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/<[^>]*>/g, ' ');
}

/** Every string of a words tree; a template function is called with sample arguments. */
function wordStrings(tree: unknown, path: string): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (typeof tree === 'function') {
    const f = tree as (...a: unknown[]) => unknown;
    for (const arg of [1, ['x']]) {
      try {
        const out = f(...Array.from({ length: f.length }, (_, i) => (i === f.length - 1 ? arg : 1)));
        if (typeof out === 'string') return [[path, out]];
      } catch { /* try the next sample */ }
    }
    return [];
  }
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => wordStrings(v, path ? `${path}.${k}` : k));
}

/** The zh view's strings, less its programs (the "PyTorch" panels and other code). */
function viewStrings(cell: AnyCell): [string, string][] {
  const view = initialView(cell, 'zh', readCellData(cell)) as { text: Record<string, unknown> };
  return Object.entries(view.text).flatMap(([k, v]) =>
    typeof v === 'string' && !/pytorch|python|code|program|notebook/i.test(k) && !/^\s*(import|from) \w/m.test(v) ? [[k, v] as [string, string]] : []);
}

const ZH_PAGES = readdirSync('src/pages/zh').filter((f) => f.endsWith('.mdx')).map((f) => join('src/pages/zh', f));

/** Sources whose Chinese is not a declared cell's words: the lab's cells and the components. */
function otherSources(): string[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : /\.(ts|astro)$/.test(d.name) ? [join(dir, d.name)] : []);
  return [...readdirSync('src/cells').filter((f) => /^lab.*\.ts$/.test(f)).map((f) => join('src/cells', f)), ...walk('src/components')];
}

/** The Chinese string literals of a source file ('…' and `…` with a Chinese character; ${…} left out). */
function chineseLiterals(src: string): string[] {
  return [...src.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0].replace(/\$\{[^}]*\}/g, '{}'))
    .filter((s) => new RegExp(`[${CJK}]`).test(s));
}

describe('zh terms', () => {
  it('the rules catch each banned variant (planted examples)', () => {
    const planted = [
      ['把每个向量映射到代码簿中最近的一项', '码本, not 代码簿'],
      ['码书里的 K 个码', '码本, not 码书'],
      ['一层约有 40 百万个参数', '4000 万, not 40 百万'],
      ['种子文本把 dropout 归入数据正则化', '原文, not 种子文本 / 种子代码 / 种子注释'],
      ['对种子代码的更正', '原文, not 种子文本 / 种子代码 / 种子注释'],
      ['到种子的 6 种颜色的平方距离', '原文, not 种子 for the source text'],
      ['正确值（种子写的是 421.0）', '原文, not 种子 for the source text'],
      ['Epoch 5: early stopping（第 5 轮后停止）', '早停, not "early stopping"'],
      ['最近的码 [0, 0, 0]，loss 398', '损失, not "loss"'],
      ['码本的 perplexity 为 3.2', '困惑度, not "perplexity"'],
      ['SGD 的 weight decay 等于在梯度上加 wd·w', '权重衰减, not "weight decay"'],
      ['码本索引 indices', '索引, not "indices"'],
    ] as const;
    for (const [text, rule] of planted) expect(termHits(text, 'planted').map((h) => h.rule), text).toContain(rule);
  });

  it('the rules leave the right terms, identifiers and glosses alone', () => {
    const fine = [
      '随机种子 0 到 9 各训练一次；每个种子的表格；种子间的波动；同一种子 → 同一掩码；带种子的随机数生成器；各种子的均值',
      '原文的 6 种颜色；原文那一行算出的“困惑度”',
      '监控 val_loss，也就是 F.mse_loss 和 nn.CrossEntropyLoss 的值；SGD 的 weight_decay；encoding_indices',
      '码本真正用到了多少个码，看困惑度（perplexity）；承诺损失（commitment loss）；早停（Early Stopping）',
      '约 4000 万个参数',
      'Epoch 5: early stopping', // no Chinese: a log line quoted as it is
    ];
    for (const text of fine) expect(termHits(text, 'fine'), text).toEqual([]);
    expect(mdxProse('---\ntitle: x\n---\n文字 `val loss` $\\text{loss}$ [链接](https://x/loss)\n\n## 参考文献\n\n- Early stopping — but when?\n')).not.toMatch(/loss|Early/);
  });

  it.each(ZH_PAGES)('%s', (page) => {
    expect(termHits(mdxProse(readFileSync(page, 'utf8')), page)).toEqual([]);
  });

  it.each(declaredCells.map(([file, cell]) => [file, cell] as const))('cell %s: its zh words and its zh view', (file, cell) => {
    const c = cell as AnyCell;
    const strings = [...wordStrings((c.words as { zh: unknown }).zh, 'words'), ...viewStrings(c)];
    expect(strings.flatMap(([path, s]) => termHits(s, `${file}: ${path}`))).toEqual([]);
  });

  it('the Chinese string literals of the lab cells and the components', () => {
    const files = otherSources();
    expect(files).toContain(join('src/components/errata/Errata.astro'));
    expect(files.flatMap((f) => chineseLiterals(readFileSync(f, 'utf8')).flatMap((s) => termHits(s, f)))).toEqual([]);
    const planted = chineseLiterals("title: '种子文本的勘误', en: 'Errata', s: `第 ${e} 轮：loss ${v}`");
    expect(planted).toEqual(["'种子文本的勘误'", '`第 {} 轮：loss {}`']);
    expect(planted.flatMap((s) => termHits(s, 'planted')).map((h) => h.rule)).toEqual(['原文, not 种子文本 / 种子代码 / 种子注释', '损失, not "loss"']);
  });

  it('the overview, the topic list and the UI words', () => {
    const strings: [string, string][] = [
      ...Object.entries(overviewPreviews('zh')),
      ...topics.flatMap((t) => [[`${t.slug}.title`, t.title.zh], [`${t.slug}.group`, t.group.zh]] as [string, string][]),
      ...Object.entries(ui.zh),
    ];
    expect(strings.flatMap(([path, s]) => termHits(s, path))).toEqual([]);
  });
});
