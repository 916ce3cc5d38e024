/**
 * The README's Limits table is the schemas' bounds (issue #12 §5): every row names a parameter some
 * cell schema has with exactly that range, and every parameter of every schema in src/cells has a row.
 * A bound changed in a schema and not in the README (or the reverse) fails here.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { ParamSpec, Schema } from '../../src/lib/query';

const num = (x: number): string => {
  if (x === 2 ** 32 - 1) return '2³² − 1';
  const s = String(x).replace('e-', 'e−');
  return x < 0 ? `−${s.slice(1)}` : s;
};
const count = (lo: number, hi: number) => (lo === hi ? `${lo}` : `${lo}–${hi}`);

/** A spec's range as the README words it. */
function describeRange(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number': return `number in [${num(spec.min)}, ${num(spec.max)}]`;
    case 'integer': return `integer in [${num(spec.min)}, ${num(spec.max)}]`;
    case 'vector': return `${count(spec.minLength, spec.maxLength)} numbers in [${num(spec.min)}, ${num(spec.max)}]`;
    case 'matrix': return `${count(spec.minRows, spec.maxRows)} rows × ${count(spec.minCols, spec.maxCols)} columns in [${num(spec.min)}, ${num(spec.max)}]`;
    case 'enum': return `one of ${spec.values.join(', ')}`;
  }
}

async function allSchemas(): Promise<Schema[]> {
  const out: Schema[] = [];
  for (const file of readdirSync(new URL('../../src/cells/', import.meta.url)).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(`../../src/cells/${file}`)) as Record<string, unknown>;
    for (const [name, v] of Object.entries(mod)) if (/Schema$/.test(name) && typeof v === 'object') out.push(v as Schema);
  }
  // The VQ comparison panel's parameters live beside its worker client.
  const { compareSchema } = await import('../../src/components/vq/compare');
  out.push(compareSchema as unknown as Schema);
  return [...new Set(out)];
}

const rows = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => /^\| `([\w-]+)` \| `(\w+)` \| (.+) \|$/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ page: m[1]!, param: m[2]!, range: m[3]! }));

describe("README's Limits table", () => {
  it('has a row for every parameter of every cell schema, with its exact range', async () => {
    const schemas = await allSchemas();
    expect(rows.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const schema of schemas) {
      for (const [param, spec] of Object.entries(schema)) {
        const range = describeRange(spec);
        if (!rows.some((r) => r.param === param && r.range === range)) missing.push(`${param}: ${range}`);
      }
    }
    expect(missing, 'parameters whose README row is missing or differs').toEqual([]);
  });
  it('lists no range that no schema has', async () => {
    const schemas = await allSchemas();
    const known = new Set(schemas.flatMap((s) => Object.entries(s).map(([p, spec]) => `${p}: ${describeRange(spec)}`)));
    expect(rows.filter((r) => !known.has(`${r.param}: ${r.range}`)).map((r) => `${r.page} ${r.param}: ${r.range}`)).toEqual([]);
  });
});
