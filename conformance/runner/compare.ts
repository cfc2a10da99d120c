import type { CanonicalRecord } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { findCode, SUBTYPE_DEFS } from '../../spec/layout.js';
import { parseIPv4, parseIPv6, parseTimeOfDay } from '../../spec/primitives.js';
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

function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^[0-9]+$/.test(s)) return BigInt(s);
    const hex = /^(?:0x|X')([0-9A-Fa-f]+)'?$/.exec(s);
    if (hex) return BigInt(`0x${hex[1]}`);
  }
  return undefined;
}

function ipBytes(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const p4 = parseIPv4(s);
  if (p4.ok) return `v4:${[...p4.value].join('.')}`;
  const p6 = parseIPv6(s.toLowerCase());
  if (!p6.ok) return undefined;
  const b = p6.value;
  // An IPv4-mapped text form names the same IPv4 address.
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `v4:${[...b.subarray(12)].join('.')}`;
  return `v6:${Buffer.from(b).toString('hex')}`;
}

function instant(v: unknown): number | null | undefined {
  if (v === null || v === '' || v === undefined) return null;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const utc = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (utc) return Date.parse(`${Number(utc[1]) >= 50 ? '19' : '20'}${utc[1]}-${utc[2]}-${utc[3]}T${utc[4]}:${utc[5]}:${utc[6]}Z`);
  const gt = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (gt) return Date.parse(`${gt[1]}-${gt[2]}-${gt[3]}T${gt[4]}:${gt[5]}:${gt[6]}Z`);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function dateValue(v: unknown): string | null | undefined {
  if (v === null || v === '' || v === 0) return null;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const julian = /^(\d{4})[.-]?(\d{3})$/.exec(s);
  if (julian) return new Date(Date.UTC(Number(julian[1]), 0, Number(julian[2]))).toISOString().slice(0, 10);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function hundredths(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const p = parseTimeOfDay(v.trim());
  if (p.ok) return p.value;
  const whole = /^(\d{2}):(\d{2}):(\d{2})$/.exec(v.trim());
  return whole ? ((Number(whole[1]) * 60 + Number(whole[2])) * 60 + Number(whole[3])) * 100 : undefined;
}

const rtrim = (s: string): string => s.replace(/[ \u0000]+$/, '');

/** Does `actual` express the same value as `expected` for a field of this definition? */
export function sameValue(f: FieldDef, expected: unknown, actual: unknown): boolean {
  const t = f.type;
  switch (t.kind) {
    case 'uint':
    case 'derived':
    case 'todDuration':
    case 'flags': {
      const a = toBigInt(actual);
      return a !== undefined && a === toBigInt(expected);
    }
    case 'enum': {
      const a = toBigInt(actual);
      if (a !== undefined) return a === BigInt(expected as number);
      const name = findCode(t.codes, expected as number)?.name;
      return typeof actual === 'string' && name !== undefined && actual.trim().toLowerCase() === name.toLowerCase();
    }
    case 'text':
    case 'varText':
      return typeof actual === 'string' && rtrim(actual) === rtrim(String(expected));
    case 'cipher':
      return typeof actual === 'string' && rtrim(actual).toUpperCase() === String(expected);
    case 'sizedBytes':
      return typeof actual === 'string' && actual.replace(/^0x/i, '').replace(/[:\s]/g, '').toUpperCase() === String(expected);
    case 'ip': {
      const a = ipBytes(actual);
      return a !== undefined && a === ipBytes(expected);
    }
    case 'timeOfDay': {
      const a = hundredths(actual);
      return a !== undefined && a === hundredths(expected);
    }
    case 'packedDate': {
      const a = dateValue(actual);
      return a !== undefined && a === dateValue(expected);
    }
    case 'certTime': {
      const a = instant(actual);
      return a !== undefined && a === instant(expected);
    }
    case 'reserved':
      return true;
  }
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
        const same = read !== undefined && sameValue(def, value, meaningfulBytes(def, o, read));
        results.push({ path, section: s.key, field: name, status: same ? 'pass' : 'fail', expected: value, actual: a });
      }
    });
  }
  return results;
}
