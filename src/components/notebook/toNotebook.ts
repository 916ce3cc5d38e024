/**
 * A page as a Jupyter notebook (nbformat 4.5): pure, DOM-free. `fromPage.ts` reads the rendered page
 * into blocks; this turns the blocks into the notebook object (consecutive markdown blocks become one
 * markdown cell; every code block is a code cell, in page order).
 */

export type NotebookBlock =
  | { kind: 'markdown'; text: string }
  /** `file`: a file of the site the code opens by name; download.ts fetches it into a 'file' block. */
  | { kind: 'code'; source: string; cell?: string; file?: { name: string; href: string } }
  /** A file the next code opens, written beside the notebook by a code cell of its own. */
  | { kind: 'file'; name: string; text: string };

export interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: null;
  outputs?: unknown[];
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** nbformat stores a cell's source as lines, each but the last ending in "\n". */
export function sourceLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  return parts.map((line, i) => (i < parts.length - 1 ? `${line}\n` : line)).filter((l) => l !== '');
}

export function toNotebook(blocks: readonly NotebookBlock[], opts: { lang: 'zh' | 'en'; title: string }): Notebook {
  if (opts.lang !== 'zh' && opts.lang !== 'en') throw new RangeError(`toNotebook: lang must be zh or en; received ${String(opts.lang)}`);
  const cells: NotebookCell[] = [];
  let md: string[] = [];
  const flush = () => {
    const text = md.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
    md = [];
    if (text === '') return;
    cells.push({ id: `md-${cells.length}`, cell_type: 'markdown', metadata: {}, source: sourceLines(text) });
  };
  for (const b of blocks) {
    if (b.kind === 'markdown') {
      md.push(b.text);
    } else if (b.kind === 'code') {
      flush();
      const text = b.source.replace(/\s+$/, '');
      if (text === '') continue;
      cells.push({
        id: `code-${cells.length}`,
        cell_type: 'code',
        metadata: b.cell ? { 'regularization-live': { cell: b.cell } } : {},
        source: sourceLines(text),
        execution_count: null,
        outputs: [],
      });
    } else if (b.kind === 'file') {
      flush();
      if (!/^[\w.-]+$/.test(b.name)) throw new RangeError(`toNotebook: a file name must be letters, digits, "_", "." and "-"; received ${b.name}`);
      // A JSON string literal is also a Python string literal (JSON.stringify emits only \" \\ \n \t \b \f \r \uXXXX).
      const source = [`# ${b.name}, as the site serves it: the next cell opens it, so it is written beside the notebook`, `with open(${JSON.stringify(b.name)}, "w", encoding="utf-8") as f:`, `    f.write(${JSON.stringify(b.text)})`].join('\n');
      cells.push({ id: `file-${cells.length}`, cell_type: 'code', metadata: { 'regularization-live': { file: b.name } }, source: sourceLines(source), execution_count: null, outputs: [] });
    } else {
      throw new TypeError(`toNotebook: block kind must be markdown, code or file; received ${String((b as { kind: unknown }).kind)}`);
    }
  }
  flush();
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      title: opts.title,
      language: opts.lang,
    },
    cells,
  };
}

/** The file name of a page's notebook: `<slug>-<lang>.ipynb`. */
export function notebookFileName(slug: string, lang: 'zh' | 'en'): string {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new RangeError(`notebookFileName: slug must be lower-case letters, digits and "-"; received ${slug}`);
  return `${slug}-${lang}.ipynb`;
}
