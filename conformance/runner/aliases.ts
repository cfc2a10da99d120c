import { Ajv } from 'ajv';
import { SUBTYPE_DEFS } from '../../spec/layout.js';
import type { FieldDef, FieldType, SectionKey, Subtype } from '../../spec/types.js';

// Alias maps: how a parser's own vocabulary (section keys, field names, values, notations) maps to IBM names
// and our canonical values. A map has a global part, and parts scoped by subtype and by section, because real
// parsers reuse one key for different fields in subtypes 11 and 12, or number their sections S1..S6 per
// subtype. The most specific scope wins: subtype+section, then section, then subtype, then global.

/** How a parser writes a field's value, where that is not one the comparison already reads by type. */
export const NOTATIONS = {
  hex: 'hexadecimal digits, with or without 0x or X\'..\' ("80" = 128, "0303" = 771; bytes: "01AB" or "0x01ab")',
  decimal: 'a decimal digit string ("771")',
  hundredths: 'hundredths of a second, as a number or digit string (a time of day since midnight, or a duration)',
  seconds: 'seconds, as a number or digit string (a time of day since midnight, or a duration)',
  epoch: 'seconds since 1970-01-01T00:00:00Z (a date or an instant)',
  'epoch-ms': 'milliseconds since 1970-01-01T00:00:00Z (a date or an instant)',
  base64: 'bytes in base64',
} as const;
export type Notation = keyof typeof NOTATIONS;

/** Which notations a field type can be given in. */
const NOTATIONS_BY_KIND: Record<FieldType['kind'], readonly Notation[]> = {
  uint: ['hex', 'decimal'],
  derived: ['hex', 'decimal'],
  enum: ['hex', 'decimal'],
  flags: ['hex', 'decimal'],
  todDuration: ['hex', 'decimal', 'hundredths', 'seconds'],
  timeOfDay: ['hundredths', 'seconds'],
  packedDate: ['epoch', 'epoch-ms'],
  certTime: ['epoch', 'epoch-ms'],
  sizedBytes: ['hex', 'base64'],
  cipher: ['hex'],
  ip: ['hex'],
  text: [],
  varText: [],
  reserved: [],
};

interface ScopeShape {
  fields?: Record<string, string>;
  values?: Record<string, Record<string, unknown>>;
  notations?: Record<string, Notation>;
}
interface SubtypeShape extends ScopeShape {
  sections?: Record<string, string>;
  bySection?: Partial<Record<SectionKey, ScopeShape>>;
}

/** An alias map as written in a JSON file (see ALIAS_MAP_SCHEMA and conformance/README.md). */
export interface AliasMap extends SubtypeShape {
  $schema?: string;
  bySubtype?: Partial<Record<'11' | '12', SubtypeShape>>;
}

const SECTION_KEYS = [...new Set(Object.values(SUBTYPE_DEFS).flatMap((d) => d.sections.map((s) => s.key)))];
const stringMap = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } } as const;
const scopeProperties = {
  fields: { ...stringMap, description: "the parser's field name -> IBM field name" },
  values: { type: 'object', description: 'IBM field name -> { "the parser\'s value": canonical value }', additionalProperties: { type: 'object' } },
  notations: { type: 'object', description: "IBM field name -> how the parser writes its value", additionalProperties: { enum: Object.keys(NOTATIONS) } },
} as const;
const sectionScope = { type: 'object', properties: scopeProperties, additionalProperties: false } as const;
const subtypeScope = {
  type: 'object',
  properties: {
    ...scopeProperties,
    sections: { ...stringMap, description: "the parser's section key -> IBM section key (Header, Common, TLS, ...)" },
    bySection: { type: 'object', description: 'IBM section key -> fields, values and notations that hold in that section only', propertyNames: { enum: SECTION_KEYS }, additionalProperties: sectionScope },
  },
} as const;

/** JSON Schema (draft 2020-12 subset) of an alias map; a key it does not know is an error, not ignored. */
export const ALIAS_MAP_SCHEMA = {
  $id: 'zert-forge/alias-map/1',
  title: 'zert-forge conformance alias map',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    ...subtypeScope.properties,
    bySubtype: { type: 'object', description: 'subtype ("11" or "12") -> the same keys, for that subtype only', propertyNames: { enum: ['11', '12'] }, additionalProperties: { ...subtypeScope, additionalProperties: false } },
  },
  additionalProperties: false,
} as const;

/** A problem with an alias map, at a JSON path into it. */
export class AliasMapError extends Error {}

/** Checks a parsed alias map against the schema and the tables (field and section names must exist). */
export function validateAliasMap(map: unknown): AliasMap {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(ALIAS_MAP_SCHEMA);
  if (!validate(map)) {
    const e = validate.errors![0]!;
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : e.keyword === 'propertyName' || e.keyword === 'enum' ? ` (allowed: ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})` : '';
    throw new AliasMapError(`${e.instancePath || '/'} ${e.message}${extra}`);
  }
  const m = map as AliasMap;
  const check = (scope: ScopeShape, at: string, subtypes: Subtype[], section?: SectionKey): void => {
    const known = (name: string): FieldDef | undefined => {
      for (const st of subtypes) for (const s of SUBTYPE_DEFS[st].sections) if (!section || s.key === section) {
        const f = s.fields.find((x) => x.name === name);
        if (f) return f;
      }
      return undefined;
    };
    for (const [from, to] of Object.entries(scope.fields ?? {})) if (!known(to)) throw new AliasMapError(`${at}/fields/${from}: no field ${to}${section ? ` in section ${section}` : ''} of subtype ${subtypes.join(' or ')}`);
    for (const name of Object.keys(scope.values ?? {})) if (!known(name)) throw new AliasMapError(`${at}/values/${name}: no such field${section ? ` in section ${section}` : ''}`);
    for (const [name, notation] of Object.entries(scope.notations ?? {})) {
      const f = known(name);
      if (!f) throw new AliasMapError(`${at}/notations/${name}: no such field${section ? ` in section ${section}` : ''}`);
      if (!NOTATIONS_BY_KIND[f.type.kind].includes(notation)) throw new AliasMapError(`${at}/notations/${name}: a ${f.type.kind} field cannot be written in notation ${notation} (possible: ${NOTATIONS_BY_KIND[f.type.kind].join(', ') || 'none'})`);
    }
  };
  const checkSubtype = (scope: SubtypeShape, at: string, subtypes: Subtype[]): void => {
    check(scope, at, subtypes);
    for (const [from, to] of Object.entries(scope.sections ?? {})) if (!subtypes.some((st) => SUBTYPE_DEFS[st].sections.some((s) => s.key === to))) throw new AliasMapError(`${at}/sections/${from}: no section ${to} in subtype ${subtypes.join(' or ')}`);
    for (const [key, s] of Object.entries(scope.bySection ?? {})) check(s!, `${at}/bySection/${key}`, subtypes, key as SectionKey);
  };
  checkSubtype(m, '', [11, 12]);
  for (const [st, scope] of Object.entries(m.bySubtype ?? {})) checkSubtype(scope!, `/bySubtype/${st}`, [Number(st) as Subtype]);
  return m;
}

/** What holds for the fields of one section of one subtype: the scopes merged, most specific last. */
export interface FieldScope {
  fields: Record<string, string>;
  values: Record<string, Record<string, unknown>>;
  notations: Record<string, Notation>;
}

export function fieldScope(map: AliasMap | undefined, subtype: Subtype, section: SectionKey): FieldScope {
  const sub = map?.bySubtype?.[String(subtype) as '11' | '12'];
  const layers: (ScopeShape | undefined)[] = [map, sub, map?.bySection?.[section], sub?.bySection?.[section]];
  return {
    fields: Object.assign({}, ...layers.map((l) => l?.fields)),
    values: Object.assign({}, ...layers.map((l) => l?.values)),
    notations: Object.assign({}, ...layers.map((l) => l?.notations)),
  };
}

/** The parser's section key -> IBM section key, for one subtype. */
export function sectionNames(map: AliasMap | undefined, subtype: Subtype): Record<string, string> {
  return { ...map?.sections, ...map?.bySubtype?.[String(subtype) as '11' | '12']?.sections };
}

const hexDigits = (v: unknown): string | undefined => {
  const m = /^(?:0x|X')?([0-9A-F:\s]+?)'?$/i.exec(typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '');
  if (!m) return undefined;
  const digits = m[1]!.replace(/[:\s]/g, '').toUpperCase();
  return digits.length % 2 ? `0${digits}` : digits;
};
const digitString = (v: unknown): bigint | undefined => {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? BigInt(v.trim()) : undefined;
};
const numberValue = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined;
};
/** TOD clock units per microsecond (bit 51 = 1 microsecond). */
const TOD_PER_US = 4096n;

function ipFromHex(hex: string): string | undefined {
  const b = Buffer.from(hex, 'hex');
  if (b.length === 4) return [...b].join('.');
  if (b.length !== 16) return undefined;
  return Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(':');
}

/**
 * A parser's value in the declared notation, as a value the type-aware comparison reads (a number or digit
 * string, hex bytes, an ISO date or instant, an IP address text); undefined when it is not in that notation.
 */
export function fromNotation(notation: Notation, def: FieldDef, value: unknown): unknown {
  const kind = def.type.kind;
  switch (notation) {
    case 'hex': {
      const hex = hexDigits(value);
      if (!hex) return undefined;
      if (kind === 'sizedBytes' || kind === 'cipher') return hex;
      if (kind === 'ip') return ipFromHex(hex);
      return BigInt(`0x${hex}`).toString();
    }
    case 'decimal':
      return digitString(value)?.toString();
    case 'base64':
      return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value.trim()) ? Buffer.from(value.trim(), 'base64').toString('hex').toUpperCase() : undefined;
    case 'hundredths':
    case 'seconds': {
      const n = numberValue(value);
      if (n === undefined) return undefined;
      const hundredths = notation === 'seconds' ? Math.round(n * 100) : n;
      if (kind === 'timeOfDay') return hundredths;
      return (BigInt(Math.round(hundredths * 10_000)) * TOD_PER_US).toString();
    }
    case 'epoch':
    case 'epoch-ms': {
      const n = numberValue(value);
      if (n === undefined) return undefined;
      const iso = new Date(notation === 'epoch' ? n * 1000 : n).toISOString();
      return kind === 'packedDate' ? iso.slice(0, 10) : iso;
    }
  }
}
