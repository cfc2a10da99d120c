import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { existsIn, sectionLayout, SUBTYPE_DEFS, tripletSections } from '../spec/layout.js';
import { SOURCES } from '../spec/sources.js';
import type { FieldDef, Release, SectionDef, SectionKey, SubtypeDef } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';
import type { RefField, RefSection, RefValue } from './helpers/reference.js';
import { common, referenceFields, st11, ST11_KEYS, st12, st12Key } from './helpers/reference.js';

// Our tables declare fields in order and never type an offset; the reference (spec/reference, a copy of
// ../shared/reference) types every offset. Agreement here is the independent check of the layout.

const section = (st: SubtypeDef, key: SectionKey): SectionDef => st.sections.find((s) => s.key === key)!;
const recordBase = (key: SectionKey): number => (key === 'SelfDef' ? 24 : 0);

function releasesOf(f: { since?: string; until?: string }): Release[] {
  return RELEASES.filter((r) => existsIn({ since: (f.since ?? '2.3') as Release, until: f.until as Release | undefined }, r));
}

describe('every reference field is in the tables at the same offset and length', () => {
  const rows = referenceFields();
  it('covers the whole reference', () => expect(rows.length).toBeGreaterThan(330));
  it.each(rows.map((r) => [`st${r.subtype} ${r.key} ${r.field.name}@${r.field.offset}`, r] as const))('%s', (_label, { subtype, key, field }) => {
    const s = section(SUBTYPE_DEFS[subtype], key);
    for (const release of releasesOf(field)) {
      const placed = sectionLayout(s, release).fields.find((p) => p.offset + recordBase(key) === field.offset && (p.def.name === field.name || (field.name === 'reserved' && p.def.type.kind === 'reserved')));
      expect(placed, `${field.name} at ${field.offset} in ${release}`).toBeDefined();
      expect(placed!.def.length).toBe(field.length ?? 0);
    }
    if (field.name !== 'reserved') {
      const def = s.fields.find((f) => f.name === field.name)!;
      expect(def.since).toBe(field.since ?? '2.3');
      expect(def.until).toBe(field.until ?? undefined);
    }
  });
});

/** Codes a reference value string names, or undefined when it is prose ("bits 3-6", "(others)", "X'0009'+"). */
function parseCode(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const hex = /^X'([0-9A-F]+)'$/.exec(v);
  if (hex) return parseInt(hex[1]!, 16);
  const dec = /^(\d+)(?: \(X'[0-9A-F]+'\))?$/.exec(v);
  if (dec) return Number(dec[1]);
  const text = /^'([^']+)'$/.exec(v);
  if (text) return text[1]!.trim();
  return undefined;
}

describe('every named value code of the reference is in the code sets', () => {
  const rows = referenceFields().filter((r) => Array.isArray(r.field.values) && r.field.name !== 'reserved');
  it.each(rows.map((r) => [`st${r.subtype} ${r.field.name}`, r] as const))('%s', (_label, { subtype, key, field }) => {
    const def: FieldDef = section(SUBTYPE_DEFS[subtype], key).fields.find((f) => f.name === field.name)!;
    const t = def.type;
    for (const v of field.values!) {
      const code = parseCode(v.value);
      if (code === undefined || t.kind === 'derived' || t.kind === 'cipher') continue;
      if (t.kind === 'text') {
        expect(t.known?.map((k) => k.value), `${field.name} '${code}'`).toContain(String(code).trim());
        continue;
      }
      if (t.kind !== 'enum' && t.kind !== 'flags') throw new Error(`${field.name} has codes but type ${t.kind}`);
      const set = t.kind === 'enum' ? t.codes : t.flags;
      if (t.kind === 'flags' && code === 0) continue; // X'00' = no bit set
      const ours = set.codes.find((c) => c.code === code);
      expect(ours, `${field.name} code ${String(code)}`).toBeDefined();
      if (v.since && v.since !== '2.3') expect(ours!.since, `${field.name} code ${String(code)} since`).toBe(v.since);
    }
  });
  it('text known values from smf119-common', () => {
    const comp = common.tcpipIdentificationSection.fields.find((f: RefField) => f.name === 'SMF119TI_Comp');
    const def = section(SUBTYPE_DEFS[11], 'Ident').fields.find((f) => f.name === 'SMF119TI_Comp')!;
    expect(def.type.kind === 'text' && def.type.known!.map((k) => k.value).sort()).toEqual(comp.values.map((v: RefValue) => v.value).sort());
  });
});

describe('section lengths and triplet counts per release', () => {
  const cases: [number, RefSection][] = [...st11.sections.map((s: RefSection) => [11, s]), ...st12.sections.map((s: RefSection) => [12, s])];
  it.each(cases.map(([st, s]) => [`st${st} ${s.name}`, st, s] as const))('%s', (_label, st, ref) => {
    const def = section(SUBTYPE_DEFS[st as 11 | 12], st === 11 ? ST11_KEYS[ref.key!]! : st12Key(ref.name));
    for (const release of RELEASES) {
      const want = ref.lengthByRelease?.[release];
      if (typeof want === 'number') {
        expect(sectionLayout(def, release).length, `${def.key} ${release}`).toBe(want);
      } else if (want === null || want === undefined || want === '?') {
        // The reference has no figure: we keep the previous length and say so.
        if (existsIn(def, release) && def.layoutKnown) expect(def.lengthConfidence?.[release], `${def.key} ${release}`).toMatch(/inferred|unknown/);
      } else if (String(want).includes('absent')) {
        expect(existsIn(def, release)).toBe(false);
      } else {
        expect(def.variable, `${def.key} is variable`).toBe(true);
      }
    }
    if (ref.tripletsByRelease) for (const r of RELEASES) expect(tripletSections(SUBTYPE_DEFS[12], r)).toHaveLength(ref.tripletsByRelease[r]!);
  });
  it('subtype 11 triplet count: 7 before 2.5, 8 from 2.5', () => {
    expect(RELEASES.map((r) => tripletSections(SUBTYPE_DEFS[11], r).length)).toEqual([7, 7, 8, 8, 8]);
  });
});

describe('table hygiene', () => {
  const all = [11, 12].flatMap((st) => SUBTYPE_DEFS[st as 11 | 12].sections.map((s) => [st, s] as const));
  it.each(all.map(([st, s]) => [`st${st} ${s.key}`, s] as const))('%s: fields tile the section, names unique, sources known', (_l, s) => {
    for (const r of RELEASES.filter((x) => existsIn(s, x))) {
      const layout = sectionLayout(s, r);
      let expected = 0;
      for (const p of layout.fields) {
        expect(p.offset).toBe(expected);
        expected += p.def.length;
      }
      const names = layout.fields.map((p) => p.def.name).filter((n) => n !== 'reserved');
      expect(new Set(names).size).toBe(names.length);
    }
    for (const f of s.fields) for (const id of f.source) expect(SOURCES[id], `${f.name} cites ${id}`).toBeDefined();
    for (const id of s.source) expect(SOURCES[id], `${s.key} cites ${id}`).toBeDefined();
    for (const name of s.failedHandshake?.keep ?? []) expect(s.fields.some((f) => f.name === name)).toBe(true);
  });
  it('derived length fields point at a field of their section', () => {
    for (const st of [11, 12] as const) for (const s of SUBTYPE_DEFS[st].sections) for (const f of s.fields) {
      if (f.type.kind === 'derived' && f.type.derive.rule === 'lengthOf') expect(s.fields.some((g) => g.name === (f.type as { derive: { field: string } }).derive.field)).toBe(true);
    }
  });
  it('the vendored reference matches ../shared/reference when it is beside the checkout', async () => {
    const { existsSync } = await import('node:fs');
    const shared = new URL('../../shared/reference/', import.meta.url);
    if (!existsSync(shared)) return; // a clone without the workplace's shared/ folder: nothing to compare
    for (const name of ['smf119-common.json', 'smf119-st11.json', 'smf119-st12.json']) {
      expect(readFileSync(new URL(name, shared), 'utf8'), name).toBe(readFileSync(new URL(`../spec/reference/${name}`, import.meta.url), 'utf8'));
    }
  });
});
