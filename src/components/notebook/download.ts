/**
 * The "Download as notebook" button's click: read the page now (current parameters), fetch the site's
 * files that code panels open by name (same origin: the site serves them), save the notebook.
 */
import { blocksFromPage } from './fromPage';
import { notebookFileName, toNotebook, type NotebookBlock } from './toNotebook';

/** Each code block that opens a file is preceded by a block that writes it. */
async function withFiles(blocks: readonly NotebookBlock[]): Promise<NotebookBlock[]> {
  const out: NotebookBlock[] = [];
  for (const b of blocks) {
    if (b.kind === 'code' && b.file) {
      const res = await fetch(b.file.href);
      if (!res.ok) throw new Error(`${b.file.href}: HTTP ${res.status}`);
      out.push({ kind: 'file', name: b.file.name, text: await res.text() });
    }
    out.push(b);
  }
  return out;
}

export async function downloadNotebook(button: HTMLElement): Promise<void> {
  const lang = button.dataset.lang === 'zh' ? 'zh' : 'en';
  const slug = button.dataset.slug ?? '';
  const title = button.dataset.title ?? document.title;
  const nb = toNotebook(await withFiles(blocksFromPage()), { lang, title });
  const blob = new Blob([`${JSON.stringify(nb, null, 1)}\n`], { type: 'application/x-ipynb+json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = notebookFileName(slug, lang);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
