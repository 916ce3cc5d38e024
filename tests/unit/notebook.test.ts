/** The notebook converter (src/components/notebook/toNotebook.ts): nbformat 4.5 structure, TeX kept, code as given. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookFileName, sourceLines, toNotebook, type NotebookBlock } from '../../src/components/notebook/toNotebook';
import { cell as labelSmoothing } from '../../src/cells/labelSmoothing';
import { initialView } from '../../src/cells/define';

const code = initialView(labelSmoothing, 'en').text.pytorch!;
const blocks: NotebookBlock[] = [
  { kind: 'markdown', text: '# Label smoothing' },
  { kind: 'markdown', text: 'With $K$ classes and $\\epsilon \\in [0, 1]$:' },
  { kind: 'markdown', text: '$$\ny_{\\text{smoothed}} = (1 - \\epsilon)\\, y + \\frac{\\epsilon}{K}\n$$' },
  { kind: 'code', source: code, cell: 'label-smoothing' },
  { kind: 'markdown', text: '## After' },
];

describe('toNotebook', () => {
  const nb = toNotebook(blocks, { lang: 'en', title: 'Label smoothing' });

  it('is nbformat 4.5 with a python3 kernel', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toEqual({ name: 'python3', display_name: 'Python 3', language: 'python' });
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    // A JSON round trip keeps it (what the file holds).
    expect(JSON.parse(JSON.stringify(nb))).toEqual(nb);
  });

  it('merges consecutive markdown into one cell and keeps the TeX', () => {
    expect(nb.cells.map((c) => c.cell_type)).toEqual(['markdown', 'code', 'markdown']);
    const md = nb.cells[0]!.source.join('');
    expect(md).toContain('$\\epsilon \\in [0, 1]$');
    expect(md).toContain('$$\ny_{\\text{smoothed}} = (1 - \\epsilon)\\, y + \\frac{\\epsilon}{K}\n$$');
    expect(nb.cells[0]).not.toHaveProperty('outputs');
  });

  it("keeps a code cell's source line by line, with no outputs yet", () => {
    const c = nb.cells[1]!;
    expect(c.source.join('')).toBe(code.replace(/\s+$/, ''));
    expect(c.source.slice(0, -1).every((l) => l.endsWith('\n'))).toBe(true);
    expect(c.execution_count).toBeNull();
    expect(c.outputs).toEqual([]);
    expect(c.source.join('')).toContain('label_smoothing');
    expect(c.metadata).toEqual({ 'regularization-live': { cell: 'label-smoothing' } });
  });

  it('drops empty blocks and refuses an unknown kind or language', () => {
    expect(toNotebook([{ kind: 'markdown', text: '  ' }, { kind: 'code', source: '\n' }], { lang: 'zh', title: 't' }).cells).toEqual([]);
    expect(() => toNotebook([{ kind: 'raw', text: 'x' } as never], { lang: 'en', title: 't' })).toThrow(TypeError);
    expect(() => toNotebook([], { lang: 'fr' as never, title: 't' })).toThrow(RangeError);
  });

  it('splits source lines as nbformat stores them', () => {
    expect(sourceLines('a\nb\n')).toEqual(['a\n', 'b\n']);
    expect(sourceLines('a\n\nb')).toEqual(['a\n', '\n', 'b']);
    expect(sourceLines('')).toEqual([]);
  });

  it('names the file <slug>-<lang>.ipynb', () => {
    expect(notebookFileName('label-smoothing', 'zh')).toBe('label-smoothing-zh.ipynb');
    expect(() => notebookFileName('../x', 'en')).toThrow(RangeError);
  });
});

describe('file blocks', () => {
  const text = '{"a": [1, 2.5], "quote": "\\"\\\\ \\u00e9 \\n"}\n';
  const nb = toNotebook([{ kind: 'file', name: 'digits-vq.codebook.json', text }, { kind: 'code', source: 'print(1)' }], { lang: 'en', title: 't' });

  it('become a code cell that writes the file, before the code that opens it', () => {
    expect(nb.cells.map((c) => c.cell_type)).toEqual(['code', 'code']);
    expect(nb.cells[0]!.source.join('')).toContain('with open("digits-vq.codebook.json", "w", encoding="utf-8") as f:');
  });

  it('refuse a name that is not a plain file name', () => {
    for (const name of ['../x.json', 'a/b', 'x y', '']) {
      expect(() => toNotebook([{ kind: 'file', name, text: '' }], { lang: 'en', title: 't' })).toThrow(RangeError);
    }
  });

  it.runIf(existsSync('/usr/bin/python3'))('write the exact text when Python runs the cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbfile-'));
    try {
      execFileSync('/usr/bin/python3', ['-c', nb.cells[0]!.source.join('')], { cwd: dir });
      expect(readFileSync(join(dir, 'digits-vq.codebook.json'), 'utf8')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
