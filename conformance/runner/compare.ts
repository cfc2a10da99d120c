import type { CanonicalRecord } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { compareField } from '../../spec/fields.js';
import { SUBTYPE_DEFS } from '../../spec/layout.js';
import type { FieldDef, SectionDef, Subtype } from '../../spec/types.js';
import type { AliasMap, FieldScope } from './aliases.js';
import { fieldScope, fromNotation, sectionNames } from './aliases.js';

// Field-by-field comparison of a parser's output with the expected canonical JSON, by field type: numbers
// and digit strings, any textual form of an IP address, trimmed text, timestamps as instants, enums by code
// or name; a value in a notation the alias map declares is read in that notation first. A field the parser
// leaves out is 'missing' (partial coverage), not 'fail'; a section it says is absent while the record has
// it (or the reverse) is a 'fail': absent and empty are different things.

export type FieldStatus = 'pass' | 'fail' | 'missing';

export interface FieldResult {
  path: string;
  section: string;
  field: string;
  status: FieldStatus;
  expected: unknown;
  actual?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One occurrence (or a flat record) with the scope's field renames and value maps applied. */
function renameFields(obj: Record<string, unknown>, scope: FieldScope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const name = scope.fields[k] ?? k;
    const map = scope.values[name];
    out[name] = map && (typeof v !== 'object' || v === null) ? (map[String(v)] ?? v) : v;
  }
  return out;
}

function fieldMap(s: SectionDef): Map<string, FieldDef> {
  return new Map(s.fields.filter((f) => f.type.kind !== 'reserved').map((f) => [f.name, f]));
}

/** A byte field holds `_Len` meaningful bytes: what a parser prints past them (the field's padding) is not compared. */
function meaningfulBytes(def: FieldDef, occurrence: SectionValue, value: unknown): unknown {
  if (def.type.kind !== 'sizedBytes' || typeof value !== 'string') return value;
  const length = Number(occurrence[def.type.lengthField]);
  const hex = value.trim().replace(/^0x/i, '').replace(/[:\s]/g, '');
  return Number.isInteger(length) && /^[0-9A-Fa-f]*$/.test(hex) && hex.length > 2 * length ? hex.slice(0, 2 * length) : value;
}

/**
 * Compares one record: every field of the expected record, looked up in the nested or flat actual record,
 * with the alias map's renames, value maps and notations for the record's subtype and each section.
 */
export function compareRecord(subtype: Subtype, expected: CanonicalRecord, actualRaw: Record<string, unknown>, index: number, aliases?: AliasMap): FieldResult[] {
  const sectionName = sectionNames(aliases, subtype);
  const actual = Object.fromEntries(Object.entries(actualRaw).map(([k, v]) => [sectionName[k] ?? k, v]));
  const nested = isObject(actual['Header']);
  const results: FieldResult[] = [];
  const prefix = `record[${index}]`;
  for (const s of SUBTYPE_DEFS[subtype].sections) {
    const want = expected[s.key];
    if (want === undefined) continue;
    const scope = fieldScope(aliases, subtype, s.key);
    const defs = fieldMap(s);
    const wantOccurrences = Array.isArray(want) ? (want as SectionValue[]) : [want as SectionValue];
    const got = actual[s.key];
    const gotOccurrences: Record<string, unknown>[] | undefined = nested
      ? Array.isArray(got) ? got.map((o) => (isObject(o) ? renameFields(o, scope) : {})) : isObject(got) ? [renameFields(got, scope)] : undefined
      : [renameFields(actual, scope)];
    if (Array.isArray(want) && Array.isArray(got) && (want.length === 0) !== (got.length === 0)) {
      results.push({ path: `${prefix} ${s.key}`, section: s.key, field: '(occurrences)', status: 'fail', expected: want.length, actual: got.length });
      continue;
    }
    wantOccurrences.forEach((o, i) => {
      const other = gotOccurrences?.[nested ? i : 0];
      for (const [name, value] of Object.entries(o)) {
        const def = defs.get(name);
        if (!def) continue; // companions and @extra/@raw are ours, not compared
        const label = Array.isArray(want) ? `${s.key}[${i}]` : s.key;
        const path = `${prefix} ${label}.${name}`;
        const a = nested || i === 0 ? other?.[name] : undefined;
        if (a === undefined) {
          results.push({ path, section: s.key, field: name, status: 'missing', expected: value });
          continue;
        }
        const notation = scope.notations[name];
        const read = notation === undefined ? a : fromNotation(notation, def, a);
        const same = read !== undefined && compareField(def, value, meaningfulBytes(def, o, read));
        results.push({ path, section: s.key, field: name, status: same ? 'pass' : 'fail', expected: value, actual: a });
      }
    });
  }
  return results;
}
