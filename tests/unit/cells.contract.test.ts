/**
 * The contract every declared cell (src/cells/define.ts) keeps, walked over the registry: a unique
 * id, its layout names only slots and words that exist, every parameter has a control
 * and words in both languages, both languages' templates take the same names, and the view of the
 * defaults prints no NaN / undefined / Infinity.
 */
import { describe, expect, it } from 'vitest';
import { declaredCells } from '../../src/cells/registry';
import { blockKeys, fieldRef, fill, flatBlocks, initialState, initialView, kebab, rangeHint, resourceNow, shippedResource, slotId, type AnyCell, type Block, type CellView } from '../../src/cells/define';
import { topics } from '../../src/i18n/pages';
import { TOPICS } from '../browser/pages';
import type { Schema } from '../../src/lib/query';
import { readCellData } from '../../src/components/cell/readCellData';

const LANGS = ['zh', 'en'] as const;

/** Every string of a words tree with its path: 'fields.eps.label' → '平滑因子 ε'. */
function strings(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}
const names = (template: string) => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('the cell registry', () => {
  it('finds the declared cells, each with its own id', () => {
    expect(declaredCells.length).toBeGreaterThan(0);
    const ids = declaredCells.map(([, c]) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('the browser specs list the same topics as the site', () => {
    expect([...TOPICS]).toEqual(topics.map((t) => t.slug));
  });
});

for (const [file, cell] of declaredCells as readonly (readonly [string, AnyCell])[]) {
  describe(`declared cell ${file}`, () => {
    const blocks = flatBlocks(cell.layout as readonly Block<Schema, CellView, Record<string, string>>[]);
    const schema = cell.schema as Schema;

    it('offers every parameter exactly once, with words in both languages', () => {
      const offered = blocks.flatMap((b) => ('fields' in b ? b.fields.map((f) => fieldRef<Schema>(f).param) : []));
      expect([...offered].sort()).toEqual(Object.keys(schema).sort());
      for (const lang of LANGS) {
        for (const param of offered) {
          const w = cell.words[lang].fields[param];
          expect(w?.label, `${lang} ${param}`).toBeTruthy();
          const spec = schema[param]!;
          if (spec.kind === 'enum') {
            for (const v of spec.values) expect(w.options?.[v], `${lang} ${param}=${v}`).toBeTruthy();
            for (const v of spec.values) expect(v).toMatch(/^[a-z][a-z0-9-]*$/);
          }
        }
      }
    });

    it('gives every slot one element (ids are <prefix>-<slot>, unique on the page)', () => {
      const slots = blocks.flatMap((b) => blockKeys(b).slots);
      expect(slots.length).toBe(new Set(slots).size);
      // A slot's id never equals an input's (<prefix>-<param>): the field's label would point at it.
      const inputIds = new Set(Object.keys(schema).map((p) => `${cell.prefix}-${kebab(p)}`));
      expect(slots.map((s) => slotId(cell.prefix, s)).filter((id) => inputIds.has(id))).toEqual([]);
    });

    it('has the same words in both languages, and the same names in every template', () => {
      const zh = new Map(strings(cell.words.zh));
      const en = new Map(strings(cell.words.en));
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [path, text] of en) expect(names(zh.get(path)!), path).toEqual(names(text));
    });

    if (cell.resource?.ship) {
      it('ships the defaults\' resource as JSON that reads back to the same value and the same view', () => {
        const data = readCellData(cell);
        const shipped = shippedResource(cell, data)!;
        expect(shipped).not.toBeNull();
        const back = JSON.parse(JSON.stringify(shipped)) as typeof shipped;
        expect(back).toEqual(shipped);
        const s = initialState(cell);
        expect(back.key).toBe(cell.resource!.key(cell.resource!.input(s, data)!));
        for (const lang of LANGS) {
          expect(cell.view(s, lang, { status: 'ready', value: back.value }, data)).toEqual(cell.view(s, lang, resourceNow(cell, s, data), data));
        }
      });
    }

    for (const lang of LANGS) {
      it(`the view of the defaults (${lang}) fills every slot the layout names, with no NaN`, () => {
        const view: CellView = initialView(cell, lang, readCellData(cell));
        const words = cell.words[lang] as Record<string, unknown>;
        for (const b of blocks) {
          const keys = blockKeys(b);
          for (const slot of keys.slots) expect(typeof view.text[slot], `text.${slot}`).toBe('string');
          for (const k of keys.words) expect(typeof words[k], `words.${k}`).toBe('string');
          if ('table' in b) expect(Array.isArray(view.rows?.[b.table]), `rows.${b.table}`).toBe(true);
          if ('chart' in b && !b.rowsTable) {
            for (const t of b.tables ?? [b.chart]) expect(view.tables?.[t]?.rows.length, `tables.${t}`).toBeGreaterThan(0);
          }
          if ('chart' in b && b.rowsTable) expect(blocks.some((t) => 'table' in t && t.table === b.rowsTable), `rowsTable ${b.rowsTable}`).toBe(true);
        }
        expect(JSON.stringify(view)).not.toMatch(/NaN|undefined|Infinity/);
        // An unfilled template name; the code panels are Python, whose f-strings use braces.
        const codeSlots = new Set(blocks.flatMap((b) => ('code' in b ? [b.code] : [])));
        const prose = { ...view, text: Object.fromEntries(Object.entries(view.text).filter(([k]) => !codeSlots.has(k))) };
        expect(JSON.stringify(prose)).not.toMatch(/\{\w+\}/);
      });
    }
  });
}

describe('define.ts helpers', () => {
  it('fill puts values in by name and refuses a missing one', () => {
    expect(fill('ε = {e} at {m}', { e: '0.1', m: '2.5' })).toBe('ε = 0.1 at 2.5');
    expect(fill('{n} classes', { n: 3 })).toBe('3 classes');
    expect(() => fill('{n}', {} as { n: string })).toThrow(TypeError);
    expect(() => fill('{n}', { n: Number.NaN })).toThrow(/\{n\}/);
  });
  it('rangeHint says the schema range in each language, with a true minus', () => {
    expect(rangeHint({ kind: 'number', min: 0, max: 1, default: 0 }, 'en')).toBe('0 to 1');
    expect(rangeHint({ kind: 'integer', min: -2, max: 10, default: 0 }, 'zh')).toBe('−2 到 10');
    expect(rangeHint({ kind: 'vector', minLength: 2, maxLength: 10, min: -50, max: 50, default: [0, 0] }, 'en')).toBe('2 to 10 numbers, comma-separated, each −50 to 50');
  });
  it('kebab makes element ids of slot names', () => {
    expect(kebab('lossPlain')).toBe('loss-plain');
  });
});
