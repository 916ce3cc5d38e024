/**
 * The rendered page → notebook blocks (toNotebook.ts), in document order: headings, paragraphs, lists,
 * notes and tables of the prose as markdown, formulas as their TeX source (KaTeX keeps it in
 * <annotation encoding="application/x-tex">), and each live cell ([data-cell]) as its title plus the
 * text of its code panels (`details.code-view code[data-slot]`), which the runtime keeps equal to the
 * reader's current parameters. Controls, charts, error boxes and navigation are skipped.
 */
import type { NotebookBlock } from './toNotebook';

const SKIP = new Set(['NAV', 'SCRIPT', 'STYLE', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'FIGURE', 'SVG', 'CANVAS', 'TEMPLATE', 'LABEL', 'FORM']);

function tex(el: Element): string {
  return el.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim() ?? el.textContent ?? '';
}

function skipped(el: Element): boolean {
  return SKIP.has(el.tagName.toUpperCase()) || el.hasAttribute('hidden') || el.hasAttribute('data-notebook') || el.classList.contains('skip') || el.getAttribute('role') === 'alert' || el.classList.contains('cell-error');
}

/** Inline markdown of an element's children. */
function inline(node: Node): string {
  let out = '';
  node.childNodes.forEach((child) => {
    if (child.nodeType === 3) {
      out += (child.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (child.nodeType !== 1) return;
    const el = child as Element;
    if (skipped(el)) return;
    if (el.classList.contains('katex-display')) out += `\n\n$$\n${tex(el)}\n$$\n\n`;
    else if (el.classList.contains('katex')) out += `$${tex(el)}$`;
    else {
      const tag = el.tagName.toUpperCase();
      const inner = inline(el);
      if (tag === 'STRONG' || tag === 'B') out += inner.trim() ? `**${inner.trim()}**` : '';
      else if (tag === 'EM' || tag === 'I') out += inner.trim() ? `*${inner.trim()}*` : '';
      else if (tag === 'CODE') out += `\`${el.textContent ?? ''}\``;
      else if (tag === 'BR') out += '  \n';
      else if (tag === 'A') {
        const href = (el as HTMLAnchorElement).href;
        out += href && !href.startsWith('javascript:') ? `[${inner.trim()}](${href})` : inner;
      } else out += inner;
    }
  });
  return out;
}

function table(el: Element): string {
  const rows = [...el.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => inline(c).trim().replace(/\|/g, '\\|')));
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
  const caption = el.querySelector('caption');
  const head = line(rows[0]!);
  const sep = `| ${Array.from({ length: width }, () => '---').join(' | ')} |`;
  return `${caption ? `${inline(caption).trim()}\n\n` : ''}${[head, sep, ...rows.slice(1).map(line)].join('\n')}`;
}

/** A live cell: its title, then each code panel as a code cell. */
function liveCell(el: HTMLElement, out: NotebookBlock[]): void {
  const title = el.querySelector('h2');
  if (title) out.push({ kind: 'markdown', text: `### ${inline(title).trim()}` });
  el.querySelectorAll<HTMLElement>('details.code-view code[data-slot]').forEach((code) => {
    const { fileName, fileHref } = code.dataset;
    out.push({ kind: 'code', source: code.textContent ?? '', cell: el.dataset.cell, ...(fileName && fileHref ? { file: { name: fileName, href: fileHref } } : {}) });
  });
}

function walk(el: Element, out: NotebookBlock[], quote: boolean): void {
  el.childNodes.forEach((child) => {
    if (child.nodeType === 3) {
      const t = (child.textContent ?? '').trim();
      if (t) out.push({ kind: 'markdown', text: t });
      return;
    }
    if (child.nodeType !== 1) return;
    const c = child as HTMLElement;
    if (skipped(c)) return;
    const push = (text: string) => {
      const t = text.trim();
      if (t) out.push({ kind: 'markdown', text: quote ? t.split('\n').map((l) => `> ${l}`).join('\n') : t });
    };
    const tag = c.tagName.toUpperCase();
    if (c.hasAttribute('data-cell')) liveCell(c, out);
    else if (/^H[1-6]$/.test(tag)) push(`${'#'.repeat(Number(tag[1]))} ${inline(c).trim()}`);
    else if (tag === 'P') push(inline(c));
    else if (tag === 'UL' || tag === 'OL') {
      const items = [...c.children].filter((li) => li.tagName.toUpperCase() === 'LI');
      push(items.map((li, i) => `${tag === 'OL' ? `${i + 1}.` : '-'} ${inline(li).trim().replace(/\n/g, '\n  ')}`).join('\n'));
    } else if (tag === 'PRE') push(`\`\`\`\n${c.textContent ?? ''}\n\`\`\``);
    else if (tag === 'TABLE') push(table(c));
    else if (tag === 'DETAILS') return;
    else if (c.classList.contains('katex-display') || c.classList.contains('math-display')) push(`$$\n${tex(c)}\n$$`);
    else if (tag === 'BLOCKQUOTE' || c.classList.contains('note')) walk(c, out, true);
    else walk(c, out, quote);
  });
}

/** Blocks of the page's main content (`main`, or the element given). */
export function blocksFromPage(root: Element | null = document.querySelector('main')): NotebookBlock[] {
  if (!root) throw new TypeError('blocksFromPage: the page has no <main> element');
  const out: NotebookBlock[] = [];
  walk(root, out, false);
  return out;
}
