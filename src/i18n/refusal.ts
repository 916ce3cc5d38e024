/**
 * One message catalogue for refused values (issue #13 §4): a refusal (src/lib/validate.ts, as data)
 * becomes a sentence in the reader's language that names the field as its label does, with the URL
 * parameter in brackets so a shared link can be read against it:
 *   zh 「平滑因子 ε（eps）须在 0 到 1 之间（收到 1.5）」
 *   en  "Smoothing ε (eps) must be between 0 and 1 (received 1.5)"
 * An element of a list is named by its place: 「模型输出 logits（logits）的第 2 个数须为数字……」.
 */
import { formatBound as num } from '../lib/format';
import type { Refusal } from '../lib/refusal';
import type { Lang } from './ui';

/** 'logits[1]' → { base: 'logits', path: [1] }; 'x[2][0]' → { base: 'x', path: [2, 0] }. */
export function splitParam(param: string): { base: string; path: number[] } {
  const m = /^([^[]*)((?:\[\d+\])*)$/.exec(param);
  if (!m) return { base: param, path: [] };
  return { base: m[1]!, path: [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) };
}

const zhRule = (r: Refusal): string => {
  switch (r.rule) {
    case 'number': return `须为数字（收到 ${r.received}）`;
    case 'finite': return `须为有限数（收到 ${r.received}）`;
    case 'integer': return `须为整数（收到 ${r.received}）`;
    case 'range': return `须在 ${num(r.min)} 到 ${num(r.max)} 之间（收到 ${r.received}）`;
    case 'atLeast': return `须不小于 ${num(r.min)}（收到 ${r.received}）`;
    case 'greaterThan': return `须大于 ${num(r.min)}（收到 ${r.received}）`;
    case 'count': return `须有 ${r.min} 到 ${r.max} 个数（收到 ${r.received} 个）`;
    case 'rows': return `须有 ${r.min} 到 ${r.max} 行（收到 ${r.received} 行）`;
    case 'cols': return `每行须有 ${r.min} 到 ${r.max} 个数（收到 ${r.received} 个）`;
    case 'chars': return `须不超过 ${r.max} 个字符（收到 ${r.received} 个）`;
    case 'sameCount': return `须与第 1 行一样有 ${r.count} 个数（收到 ${r.received} 个）`;
    case 'choice': return `须为 ${r.values.join('、')} 之一（收到 ${r.received}）`;
    // Explained only by the library's English sentence, which the cell shows instead (refusalText).
    case 'message': return '的值无效';
  }
};

const enRule = (r: Refusal): string => {
  switch (r.rule) {
    case 'number': return `must be a number (received ${r.received})`;
    case 'finite': return `must be a finite number (received ${r.received})`;
    case 'integer': return `must be a whole number (received ${r.received})`;
    case 'range': return `must be between ${num(r.min)} and ${num(r.max)} (received ${r.received})`;
    case 'atLeast': return `must be at least ${num(r.min)} (received ${r.received})`;
    case 'greaterThan': return `must be greater than ${num(r.min)} (received ${r.received})`;
    case 'count': return `must have ${r.min} to ${r.max} numbers (received ${r.received})`;
    case 'rows': return `must have ${r.min} to ${r.max} rows (received ${r.received})`;
    case 'cols': return `must have ${r.min} to ${r.max} numbers per row (received ${r.received})`;
    case 'chars': return `must be at most ${r.max} characters (received ${r.received})`;
    case 'sameCount': return `must have ${r.count} numbers like the first row (received ${r.received})`;
    case 'choice': return `must be one of ${r.values.join(', ')} (received ${r.received})`;
    case 'message': return 'is not valid';
  }
};

/**
 * Where in a list or a matrix: 「的第 2 个数」「的第 1 行第 2 个数」, ", number 2," ", row 1, number 2,".
 * A row's own count (`rowOnly`) names the row alone.
 */
function place(path: number[], lang: Lang, rowOnly: boolean): string {
  if (path.length === 0) return '';
  const [i, j] = [path[0]! + 1, path[1] === undefined ? null : path[1] + 1];
  if (lang === 'zh') return rowOnly ? `的第 ${i} 行` : j === null ? `的第 ${i} 个数` : `的第 ${i} 行第 ${j} 个数`;
  return rowOnly ? `, row ${i},` : j === null ? `, number ${i},` : `, row ${i}, number ${j},`;
}

/**
 * The refusal as a sentence without its final stop. `label` is the field's visible label (or null:
 * the parameter name alone, e.g. for the whole query or a parameter no input shows).
 */
export function explainRefusal(r: Refusal, lang: Lang, label: string | null): string {
  const { base, path } = splitParam(r.param);
  const where = place(path, lang, r.rule === 'sameCount');
  if (lang === 'zh') {
    const who = base === 'query' && label === null ? '链接的参数部分' : label ? `${label}（${base}）` : base;
    return `${who}${where}${zhRule(r)}`;
  }
  const who = base === 'query' && label === null ? 'The query string' : label ? `${label} (${base})` : base;
  return `${who}${where} ${enRule(r)}`;
}

/** The whole line under a cell: 「无效的值：……。保留了上一个有效状态。」 / "Invalid value: …. The last valid state is kept." */
export function refusalLine(lang: Lang, explained: string, invalid: string, kept: string): string {
  return lang === 'zh' ? `${invalid}：${explained}。${kept}` : `${invalid}: ${explained}. ${kept}`;
}
