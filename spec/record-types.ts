import { opsOf } from './field-types.js';
import { existsIn, SUBTYPE_DEFS } from './layout.js';
import { EXTRA_KEY, RAW_KEY } from './record.js';
import type { SectionDef, SubtypeDef } from './types.js';
import { RELEASES } from './types.js';

// Source of spec/generated/record-types.ts: the decoded record's TypeScript types, per subtype and section,
// derived from the tables (field names, value types, companions; optional where a field exists only in
// some releases). `npm run generate:types` writes it; test/record-types.test.ts fails when it is stale.

const quote = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name}'`);

function typeName(st: SubtypeDef, s: SectionDef): string {
  return `St${st.subtype}${s.key}`;
}

function sectionInterface(st: SubtypeDef, s: SectionDef): string[] {
  const releases = RELEASES.filter((r) => existsIn(s, r));
  const lines = [`/** ${s.title} (subtype ${st.subtype}). */`, `export interface ${typeName(st, s)} {`];
  const seen = new Set<string>();
  for (const f of s.fields) {
    const ops = opsOf(f);
    const type = ops.tsType(f);
    if (type === null || seen.has(f.name)) continue;
    seen.add(f.name);
    const always = releases.every((r) => existsIn(f, r));
    const optional = always ? '' : '?';
    const when = always ? '' : ` (${f.since}${f.until ? `-${f.until}` : '+'})`;
    if (f.note || when) lines.push(`  /** ${(f.note ?? f.name).replace(/\*\//g, '* /')}${when} */`);
    lines.push(`  ${quote(f.name)}${optional}: ${type};`);
    if (ops.companion) lines.push(`  ${quote(f.name + ops.companion.suffix)}${optional}: ${ops.companion.tsType};`);
  }
  if (s.triplet !== undefined) {
    if (s.layoutKnown) lines.push(`  /** Bytes after the known fields of a longer (newer) section, as hex. */`, `  '${EXTRA_KEY}'?: string;`);
    else lines.push(`  /** The section's bytes as hex (layout not documented). */`, `  '${RAW_KEY}'?: string;`);
  }
  lines.push('}');
  return lines;
}

export function recordTypesSource(): string {
  const out = [
    '// Generated from the tables by spec/record-types.ts (npm run generate:types): do not edit.',
    '// Types of decoded canonical records, per subtype and section. Fields that exist only in some releases',
    '// are optional; a record with error diagnostics may lack fields its type lists.',
    '',
  ];
  const records: string[] = [];
  for (const st of Object.values(SUBTYPE_DEFS)) {
    for (const s of st.sections) out.push(...sectionInterface(st, s), '');
    const members = st.sections.map((s) => {
      const type = typeName(st, s);
      if (s.triplet === undefined) return `  ${s.key}: ${type};`;
      // A section whose triplet the record does not carry is left out (absent is not empty).
      return `  ${s.key}?: ${type}[];`;
    });
    out.push(`/** A decoded ${st.title}. */`, `export interface St${st.subtype}Record {`, ...members, '}', '');
    records.push(`St${st.subtype}Record`);
  }
  out.push(
    `/** A decoded record of either subtype (DecodeResult.subtype tells which). */`,
    `export type DecodedRecord = ${records.join(' | ')};`,
    '',
    '/** The decoded record type of a subtype. */',
    `export type RecordOf<S extends ${Object.keys(SUBTYPE_DEFS).join(' | ')}> = ${Object.keys(SUBTYPE_DEFS).map((n) => `S extends ${n} ? St${n}Record : `).join('')}never;`,
    '',
  );
  return out.join('\n');
}
