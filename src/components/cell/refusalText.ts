/**
 * The line under a cell when a value is refused, in the reader's language (issue #13 §4): the
 * refusal's data (src/lib/validate.ts) explained by the catalogue (src/i18n/refusal.ts), the field
 * named by its visible label, the URL parameter in brackets. The library's own English sentence
 * stays on the error box as `data-message`, for code, tests and bug reports.
 */
import { explainRefusal, refusalLine, splitParam } from '../../i18n/refusal';
import { isLang } from '../../i18n/ui';
import { refusalOf, type Refusal } from '../../lib/refusal';

/** The visible label of the input that holds `param` (a number box's <label>, a radio group's legend). */
export function fieldLabel(root: HTMLElement, param: string): string | null {
  const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[data-param]')).filter((i) => i.dataset.param === param);
  for (const input of inputs) {
    const text = input.labels?.[0]?.textContent ?? input.closest('fieldset')?.querySelector('legend')?.textContent;
    if (text && text.trim() !== '') return text.trim();
  }
  return null;
}

/** Text and library message for an error about `culprit` (the cell's parameter, if known). */
export function refusalText(root: HTMLElement, e: unknown, culprit: string | null, refusal: Refusal | null = refusalOf(e)): { text: string; message: string } {
  // The cell's language, else the page's (<html lang="zh-CN">).
  const lang = isLang(root.dataset.lang) ? root.dataset.lang : document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
  const invalid = root.dataset.msgInvalid ?? 'Invalid value';
  const kept = root.dataset.msgKept ?? '';
  const message = e instanceof Error ? e.message : String(e);
  // No refusal, or one that names only its parameter: the library's sentence says why.
  if (!refusal || refusal.rule === 'message') return { text: refusalLine(lang, message, invalid, kept), message };
  // Name the parameter as the URL does (the library may call it otherwise: epsilon → eps).
  const { path } = splitParam(refusal.param);
  const param = culprit ? culprit + path.map((i) => `[${i}]`).join('') : refusal.param;
  const label = culprit ? fieldLabel(root, culprit) : null;
  return { text: refusalLine(lang, explainRefusal({ ...refusal, param }, lang, label), invalid, kept), message };
}
