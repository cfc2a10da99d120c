import type { OccurrenceReader } from './decode.js';
import {
  absentFields, allowedKeys, checkAbsentFields, checkCompanion, checkFailedHandshake, checkKeys, checkRecordSections, EncodeState, EXTRA_PROBLEM,
  hexBytes, lengthMismatch, notOccurrenceList, RAW_PROBLEM, recordDerivedMismatch, recordSubtype, recordTooLong, sectionTotal, tooManyOccurrences,
} from './encode.js';
import { DEFAULT_CODE_PAGE, EBCDIC_BLANK, ebcdic } from './ebcdic.js';
import { ZertError } from './errors.js';
import { FIELD_TYPES, opsOf } from './field-types.js';
import type { SectionValue } from './fields.js';
import { companionKey, companionValue, defaultValue } from './fields.js';
import type { PlacedField, SectionLayout } from './layout.js';
import { codeLegalIn, existsIn, findCode, SELF_DEF_OFFSET, sectionLayout, tripletSections } from './layout.js';
import {
  formatTimeOfDay, readSmallUint, readUint64String, timeOfDayHundredths, writeCertTime, writeHex, writeIPv4, writeIPv6, writePackedDate, writeUint64Text,
} from './primitives.js';
import type { CanonicalRecord, EncodeOptions } from './record.js';
import { EXTRA_KEY, HEADER_LENGTH, isObject, MAX_RECORD_LENGTH, RAW_KEY, RECORD_TYPE } from './record.js';
import { failedHandshakeRule, flagIsOn } from './rules.js';
import type { CodeSet, DerivedRule, FailedHandshakeRule, FieldDef, FlagRef, Release, SectionDef, SectionKey, SubtypeDef } from './types.js';

// Specialised encode and decode functions, generated from the tables as ajv compiles schemas: a reader per
// section layout (a section in a release), and an encoder per subtype and release (the record's placement
// and triplets inline, a writer per section layout). Straight-line code per field with offsets as constants
// and the common values written and read inline; the per-type objects of field-types.ts are called for the
// rest and for every problem (so messages and paths are the same as the interpreter's).

const lit = (v: unknown): string => JSON.stringify(v);

/** Big-endian read of an unsigned integer of up to 4 bytes at b[o + k], as an expression. */
function readExpr(k: number, length: number): string {
  const at = (i: number): string => `b[o + ${k + i}]`;
  switch (length) {
    case 1:
      return at(0);
    case 2:
      return `(${at(0)} << 8 | ${at(1)})`;
    case 3:
      return `(${at(0)} << 16 | ${at(1)} << 8 | ${at(2)})`;
    case 4:
      return `(${at(0)} * 16777216 + (${at(1)} << 16 | ${at(2)} << 8 | ${at(3)}))`;
    default:
      return `env.readSmallUint(b, o + ${k}, ${length})`;
  }
}

/** Big-endian write of `v` (an integer that fits in 1 to 4 bytes) at out[o + k], as statements. */
function writeStmt(k: number, length: number, v = 'v'): string {
  return writeV(k, length).replace(/\bv\b/g, v);
}

function writeV(k: number, length: number): string {
  switch (length) {
    case 1:
      return `out[o + ${k}] = v;`;
    case 2:
      return `out[o + ${k}] = v >>> 8; out[o + ${k + 1}] = v & 255;`;
    case 3:
      return `out[o + ${k}] = v >>> 16; out[o + ${k + 1}] = v >>> 8 & 255; out[o + ${k + 2}] = v & 255;`;
    case 4:
      return `out[o + ${k}] = v >>> 24; out[o + ${k + 1}] = v >>> 16 & 255; out[o + ${k + 2}] = v >>> 8 & 255; out[o + ${k + 3}] = v & 255;`;
    default:
      throw new Error(`no inline write of ${length} bytes`);
  }
}

/** Per-value tables of a code set in a release: name (or null), and whether decoding/encoding it reports. */
function codeTables(set: CodeSet, release: Release): { legal: Set<number>; names: Map<number, string> } {
  const legal = new Set(set.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code));
  return { legal, names: new Map(set.codes.map((c) => [c.code, c.name])) };
}

/** For each byte value of a flags field: would the decoder report it, would the encoder refuse it. */
function flagTables(f: FieldDef, release: Release): { names: string[][]; reports: Uint8Array; refused: Uint8Array } {
  const names: string[][] = [];
  const reports = new Uint8Array(256);
  const refused = new Uint8Array(256);
  const ops = FIELD_TYPES.flags;
  const t = f.type as Extract<FieldDef['type'], { kind: 'flags' }>;
  for (let v = 0; v < 256; v++) {
    const out: SectionValue = {};
    let reported = false;
    const probe = { release, diag: () => (reported = true) } as never;
    ops.decode(probe, f, t, Uint8Array.of(v), 0, 1, out);
    names.push(out[f.name + '.flags'] as string[]);
    reports[v] = reported ? 1 : 0;
    try {
      ops.encode({ release, path: [] } as never, f, t, v, true, new Uint8Array(1), 0);
    } catch {
      refused[v] = 1;
    }
  }
  return { names, reports, refused };
}

// --- readers -------------------------------------------------------------------------------------

interface ReaderEnv {
  fields: FieldDef[];
  codes: (Map<number, string> | undefined)[];
  legal: (Set<number> | undefined)[];
  flagNames: (string[][] | undefined)[];
  flagReports: (Uint8Array | undefined)[];
  readSmallUint: typeof readSmallUint;
  u64: typeof readUint64String;
  text(codec: { decodeTable: readonly string[] }, b: Uint8Array, start: number, end: number): string;
  slow(i: number, state: Parameters<OccurrenceReader>[3], b: Uint8Array, at: number, out: SectionValue): void;
  hundredths(v: number): string;
}

function readTrimmed(codec: { decodeTable: readonly string[] }, b: Uint8Array, start: number, end: number): string {
  let last = end;
  while (last > start && b[last - 1] === EBCDIC_BLANK) last--;
  const table = codec.decodeTable;
  let s = '';
  for (let i = start; i < last; i++) s += table[b[i]!];
  return s;
}

function compileReader(placed: readonly PlacedField[], release: Release): OccurrenceReader {
  const env: ReaderEnv = {
    fields: placed.map((p) => p.def),
    codes: [],
    legal: [],
    flagNames: [],
    flagReports: [],
    readSmallUint,
    u64: readUint64String,
    text: readTrimmed,
    slow(i, state, b, at, out) {
      const f = placed[i]!.def;
      state.at(f.name, at);
      opsOf(f).decode(state, f, f.type, b, at, at + f.length, out);
    },
    hundredths: formatTimeOfDay,
  };
  const lines: string[] = ['let v, c;'];
  placed.forEach((p, i) => {
    const f = p.def;
    const t = f.type;
    const k = p.offset;
    const name = lit(f.name);
    const slow = `env.slow(${i}, state, b, o + ${k}, out);`;
    switch (t.kind) {
      case 'uint':
      case 'derived':
        lines.push(f.length > 6 ? `out[${name}] = env.u64(b, o + ${k});` : `out[${name}] = ${readExpr(k, f.length)};`);
        break;
      case 'enum': {
        const { legal, names } = codeTables(t.codes, release);
        env.codes[i] = names;
        env.legal[i] = legal;
        // Reports: an undocumented non-zero code of a complete set, or a code not legal in the release.
        lines.push(
          `v = ${readExpr(k, f.length)}; c = env.codes[${i}].get(v); out[${name}] = v; out[${lit(f.name + '.name')}] = c === undefined ? null : c;`,
          `if (c === undefined ? ${t.codes.complete ? 'v !== 0' : 'false'} : !env.legal[${i}].has(v)) ${slow}`,
        );
        break;
      }
      case 'flags': {
        const tables = flagTables(f, release);
        env.flagNames[i] = tables.names;
        env.flagReports[i] = tables.reports;
        lines.push(`v = b[o + ${k}]; out[${name}] = v; out[${lit(f.name + '.flags')}] = env.flagNames[${i}][v].slice();`, `if (env.flagReports[${i}][v] === 1) ${slow}`);
        break;
      }
      case 'text':
        lines.push(`out[${name}] = env.text(state.codec, b, o + ${k}, o + ${k + f.length});`);
        break;
      case 'timeOfDay':
        lines.push(`v = ${readExpr(k, 4)}; if (v < 8640000) out[${name}] = env.hundredths(v); else ${slow}`);
        break;
      case 'reserved': {
        const bytes = Array.from({ length: f.length }, (_, j) => `b[o + ${k + j}]`).join(' | ');
        lines.push(`if ((${bytes}) !== 0) ${slow}`);
        break;
      }
      default:
        lines.push(slow);
    }
  });
  const factory = new Function('env', `return function read(b, o, out, state) {\n${lines.join('\n')}\n};`) as (env: ReaderEnv) => OccurrenceReader;
  return factory(env);
}

const readerCache = new WeakMap<readonly PlacedField[], Map<Release, OccurrenceReader>>();

/** The compiled reader of a layout (cached: compiled once per layout and release). */
export function readerFor(placed: readonly PlacedField[], release: Release): OccurrenceReader {
  let byRelease = readerCache.get(placed);
  if (!byRelease) readerCache.set(placed, (byRelease = new Map()));
  let reader = byRelease.get(release);
  if (!reader) byRelease.set(release, (reader = compileReader(placed, release)));
  return reader;
}

// --- writers -------------------------------------------------------------------------------------

/** Which explicit values of an enum the encoder takes in a release, and each value's name (index = value). */
interface EnumTables {
  /** 1 where the value is taken: a code legal in the release, or an unlisted value the set allows. */
  accept: Uint8Array;
  /** Are values past the table taken (an incomplete set lists only some codes)? */
  acceptBeyond: boolean;
  names: (string | null)[];
}

const enumCache = new WeakMap<CodeSet, Map<Release, EnumTables>>();

function enumTables(set: CodeSet, release: Release): EnumTables {
  let byRelease = enumCache.get(set);
  if (!byRelease) enumCache.set(set, (byRelease = new Map()));
  let tables = byRelease.get(release);
  if (!tables) {
    const size = set.codes.reduce((m, c) => Math.max(m, c.code), 0) + 1;
    const accept = new Uint8Array(size);
    const names: (string | null)[] = [];
    for (let v = 0; v < size; v++) {
      const code = findCode(set, v);
      names.push(code ? code.name : null);
      // As field-types' checkCode: an unlisted value is refused only by a complete set, and never 0 (no value).
      accept[v] = (code ? codeLegalIn(code, release) : !set.complete || v === 0) ? 1 : 0;
    }
    byRelease.set(release, (tables = { accept, acceptBeyond: !set.complete, names }));
  }
  return tables;
}

/** Does the field's own encoder take `value` as given in the release (a probe of field-types.ts at compile time)? */
function takes(f: FieldDef, release: Release, value: unknown): boolean {
  try {
    const probe = { release, codec: ebcdic(DEFAULT_CODE_PAGE), path: [], siblings: {}, ipv6: () => false };
    opsOf(f).encode(probe, f, f.type, value, true, new Uint8Array(Math.max(f.length, 64)), 0);
    return true;
  } catch {
    return false;
  }
}

function writeText(table: Int16Array, s: string, out: Uint8Array, at: number, capacity: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const byte = table[s.charCodeAt(i)]!;
    if (byte < 0) return false;
    out[at + i] = byte;
  }
  for (let i = at + s.length; i < at + capacity; i++) out[i] = EBCDIC_BLANK;
  return true;
}

/** A cipher of the shapes field-types.ts takes ('', 4 or 6 upper-case hex characters), written as 6 characters; else false. */
function writeCipher(table: Int16Array, s: string, out: Uint8Array, at: number): boolean {
  if (s.length !== 0 && s.length !== 4 && s.length !== 6) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || (c > 57 && c < 65) || c > 70) return false;
  }
  return writeText(table, s, out, at, 6);
}

/** Do a given companion list and the one the value implies hold the same names (as JSON would compare them)? */
function sameNames(given: unknown, want: readonly string[]): boolean {
  if (!Array.isArray(given) || given.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (given[i] !== want[i]) return false;
  return true;
}

/** What generated writer code calls: tables for the common values, field-types.ts for the rest and for every problem. */
interface WriterEnv {
  defaults4: unknown[];
  defaults6: unknown[];
  accept: (Uint8Array | undefined)[];
  names: ((string | null)[] | undefined)[];
  refused: (Uint8Array | undefined)[];
  flagNames: (string[][] | undefined)[];
  ipv6Flags: (FlagRef | undefined)[];
  write(i: number, state: EncodeState, value: unknown, explicit: boolean, out: Uint8Array, at: number): number;
  companion(i: number, values: SectionValue, value: unknown, state: EncodeState): void;
  companionOf(i: number, value: unknown): unknown;
  lengthMismatch(i: number, given: unknown, value: number, state: EncodeState): never;
  recordMismatch(i: number, given: unknown, want: number, state: EncodeState): never;
  noDerivation(i: number, state: EncodeState): never;
  checkKeys(values: SectionValue, state: EncodeState): void;
  checkAbsent(values: SectionValue, state: EncodeState): void;
  failedHandshake(values: SectionValue, out: Uint8Array, o: number, state: EncodeState): void;
  badExtra(values: SectionValue, state: EncodeState): never;
  flagIsOn: typeof flagIsOn;
  sameNames: typeof sameNames;
  text: typeof writeText;
  cipher: typeof writeCipher;
  hundredths: typeof timeOfDayHundredths;
  packedDate: typeof writePackedDate;
  ipv4: typeof writeIPv4;
  ipv6: typeof writeIPv6;
  u64: typeof writeUint64Text;
  certTime: typeof writeCertTime;
  hex: typeof writeHex;
}

/** Statements writing `count` zero bytes at out[o + k ...]. */
function zeroStmt(k: number, count: number): string {
  if (count > 16) return `out.fill(0, o + ${k}, o + ${k + count});`;
  return Array.from({ length: count }, (_, j) => `out[o + ${k + j}] = 0;`).join(' ');
}

/**
 * Code writing one section occurrence, or the Header / SelfDef (`derivedExpr` then gives each record-level
 * derived value as an expression, or undefined where there is none). In scope: `values`, `out`, `o`,
 * `state`, `table` (the code page's encode table), `length` (the occurrence's bytes) and the variables
 * `v, given, c, n, v6, fh, w`; `E` names the returned env. Every value goes the field-types.ts way when
 * the inline test does not take it, so problems are reported as the reference encoder reports them.
 */
function sectionSource(s: SectionDef, release: Release, E: string, derivedExpr: ((d: DerivedRule) => string | undefined) | null): { lines: string[]; env: WriterEnv } {
  const fixed = derivedExpr !== null;
  const placed = sectionLayout(s, release).fields;
  const extraKey = fixed ? '' : EXTRA_KEY;
  const env: WriterEnv = {
    defaults4: placed.map((p) => defaultValue(p.def, { ipv6: () => false })),
    defaults6: placed.map((p) => defaultValue(p.def, { ipv6: () => true })),
    accept: [],
    names: [],
    refused: [],
    flagNames: [],
    ipv6Flags: [],
    write(i, state, value, explicit, out, at) {
      const f = placed[i]!.def;
      return opsOf(f).encode(state, f, f.type, value, explicit, out, at);
    },
    companion: (i, values, value, state) => checkCompanion(placed[i]!.def, values, value, state),
    companionOf: (i, value) => companionValue(placed[i]!.def, value),
    lengthMismatch(i, given, value, state) {
      const f = placed[i]!.def;
      throw lengthMismatch(f, (f.type as Extract<FieldDef['type'], { kind: 'derived' }>).derive as { field: string }, given, value, state);
    },
    recordMismatch(i, given, want, state) {
      throw recordDerivedMismatch(placed[i]!.def, given, want, state);
    },
    noDerivation(i, state) {
      throw new ZertError('invalid-value', [...state.path, placed[i]!.def.name], 'no derivation for this field');
    },
    checkKeys: (values, state) => checkKeys(values, s, state, extraKey),
    checkAbsent: (values, state) => checkAbsentFields(s, values, state),
    failedHandshake: (values, out, o, state) => checkFailedHandshake(s, values, placed, out, o, state),
    badExtra(values, state) {
      throw hexBytes(values, EXTRA_KEY, state, EXTRA_PROBLEM);
    },
    flagIsOn,
    sameNames,
    text: writeText,
    cipher: writeCipher,
    hundredths: timeOfDayHundredths,
    packedDate: writePackedDate,
    ipv4: writeIPv4,
    ipv6: writeIPv6,
    u64: writeUint64Text,
    certTime: writeCertTime,
    hex: writeHex,
  };
  // The key check: count the known keys given; only a count short of the record's keys runs checkKeys.
  const keys = [...allowedKeys(s), extraKey];
  const locals = new Map(keys.map((key, j) => [key, `k${j}`]));
  const local = (name: string): string => locals.get(name) ?? `values[${lit(name)}]`;
  const lines: string[] = [
    'n = 0;',
    'for (const key in values) n++;',
    `const ${keys.map((key, j) => `k${j} = values[${lit(key)}]`).join(', ')};`,
    `if (${keys.map((_, j) => `(k${j} === undefined ? 0 : 1)`).join(' + ')} !== n) ${E}.checkKeys(values, state);`,
  ];
  if (!fixed) {
    const absent = absentFields(s, release).map((f) => `${local(f.name)} !== undefined`);
    if (absent.length > 0) lines.push(`if (${absent.join(' || ')}) ${E}.checkAbsent(values, state);`);
  }
  const significant = new Map<string, string>();
  const lengthFields: { i: number; f: FieldDef; d: { field: string; plus: number } }[] = [];
  placed.forEach((p, i) => {
    const f = p.def;
    const t = f.type;
    const k = p.offset;
    const generic = `${E}.write(${i}, state, v, given, out, o + ${k})`;
    if (t.kind === 'derived') {
      if (fixed) {
        const want = derivedExpr(t.derive);
        if (want === undefined) {
          lines.push(`${E}.noDerivation(${i}, state);`);
          return;
        }
        const write = f.length <= 4 ? writeStmt(k, f.length) : `${E}.write(${i}, state, v, false, out, o + ${k});`;
        lines.push(`given = ${local(f.name)}; v = ${want}; if (given !== undefined && Number(given) !== v) ${E}.recordMismatch(${i}, given, v, state); ${write}`);
      } else if (t.derive.rule === 'lengthOf') {
        lengthFields.push({ i, f, d: t.derive });
      } else {
        lines.push(`throw new Error('record-level derived field ${f.name} in an occurrence');`);
      }
      return;
    }
    if (t.kind === 'reserved') {
      lines.push(zeroStmt(k, f.length));
      return;
    }
    if (t.kind === 'ip') {
      const ref = t.ipv6When;
      env.ipv6Flags[i] = ref;
      // As EncodeState.ipv6: the flag of this occurrence when it lives in this section, else of the record.
      const flag = local(ref.field);
      const v6 = fixed ? 'false' : ref.section === s.key ? `typeof ${flag} === 'number' && (${flag} & ${ref.mask}) !== 0` : `${E}.flagIsOn(${E}.ipv6Flags[${i}], state.record)`;
      lines.push(`v6 = ${v6}; v = ${local(f.name)}; given = v !== undefined; if (!given) v = v6 ? ${E}.defaults6[${i}] : ${E}.defaults4[${i}];`);
    } else {
      lines.push(`v = ${local(f.name)}; given = v !== undefined; if (!given) v = ${lit(env.defaults4[i])};`);
    }
    const max = 2 ** (8 * Math.min(f.length, 6)) - 1;
    const inRange = `typeof v === 'number' && v >= 0 && v <= ${max} && v % 1 === 0`;
    switch (t.kind) {
      case 'uint':
      case 'enum':
      case 'flags':
      case 'todDuration':
        if (f.length <= 4) {
          let check = '';
          if (t.kind === 'enum') {
            const tables = enumTables(t.codes, release);
            env.accept[i] = tables.accept;
            env.names[i] = tables.names;
            check = ` && (!given || (v < ${tables.accept.length} ? ${E}.accept[${i}][v] === 1 : ${tables.acceptBeyond}))`;
          }
          if (t.kind === 'flags') {
            const tables = flagTables(f, release);
            env.refused[i] = tables.refused;
            env.flagNames[i] = tables.names;
            check = ` && (!given || ${E}.refused[${i}][v] === 0)`;
          }
          lines.push(`if (${inRange}${check}) { ${writeStmt(k, f.length)} } else ${generic};`);
        } else if (f.length === 8) {
          // Decimal strings of any size and safe integers without BigInt; anything else the field-types.ts way.
          const safe = `typeof v === 'number' && v >= 0 && v <= ${Number.MAX_SAFE_INTEGER} && v % 1 === 0`;
          const number = `c = Math.floor(v / 4294967296); ${writeStmt(k, 4, 'c')} c = v - c * 4294967296; ${writeStmt(k + 4, 4, 'c')}`;
          lines.push(`if (typeof v === 'string') { if (!${E}.u64(out, o + ${k}, v)) ${generic}; } else if (${safe}) { ${number} } else ${generic};`);
        } else {
          lines.push(`${generic};`);
        }
        break;
      case 'text':
        lines.push(`if (!(typeof v === 'string' && v.length <= ${f.length} && ${E}.text(table, v, out, o + ${k}, ${f.length}))) ${generic};`);
        break;
      case 'cipher': {
        // 'FFFFFF' (unknown) goes the long way in the releases that refuse it.
        const unknownRefused = takes(f, release, 'FFFFFF') ? '' : ` && !(given && v === 'FFFFFF')`;
        lines.push(`if (!(typeof v === 'string'${unknownRefused} && ${E}.cipher(table, v, out, o + ${k}))) ${generic};`);
        break;
      }
      case 'timeOfDay':
        lines.push(`c = ${E}.hundredths(v); if (c >= 0) { ${writeStmt(k, 4, 'c')} } else ${generic};`);
        break;
      case 'packedDate':
        lines.push(`if (!${E}.packedDate(v, out, o + ${k}).ok) ${generic};`);
        break;
      case 'certTime':
        lines.push(`if (!${E}.certTime(v, ${local(t.typeField)}, table, out, o + ${k})) ${generic};`);
        break;
      case 'ip':
        lines.push(`if (typeof v === 'string' && (v6 ? ${E}.ipv6(v, out, o + ${k}) : ${E}.ipv4(v, out, o + ${k}))) { if (!v6) { ${zeroStmt(k + 4, 12)} } } else ${generic};`);
        break;
      case 'sizedBytes':
        significant.set(f.name, `sig${i}`);
        lines.push(
          `let sig${i};`,
          `if (typeof v === 'string' && v.length <= ${2 * f.length} && ${E}.hex(v, out, o + ${k})) { sig${i} = v.length >> 1; for (c = o + ${k} + sig${i}; c < o + ${k + f.length}; c++) out[c] = 0; } else sig${i} = ${generic};`,
        );
        break;
      case 'varText':
        significant.set(f.name, `sig${i}`);
        lines.push(`const sig${i} = ${generic};`);
        break;
      default:
        lines.push(`${generic};`);
    }
    const companion = companionKey(f);
    if (fixed || companion === undefined) return;
    const given = local(companion);
    // A given companion equal (===) to the one the value implies is the same JSON; else checkCompanion decides.
    let same = `${given} === ${E}.companionOf(${i}, v)`;
    if (t.kind === 'enum') same = `typeof v === 'number' && ${given} === (v < ${env.names[i]!.length} ? ${E}.names[${i}][v] : null)`;
    if (t.kind === 'flags') same = `typeof v === 'number' && ${E}.sameNames(${given}, ${E}.flagNames[${i}][v])`;
    lines.push(`if (${given} !== undefined && !(${same})) ${E}.companion(${i}, values, v, state);`);
  });
  // Length fields last: they count the significant bytes of the values written above.
  for (const { i, f, d } of lengthFields) {
    const k = placed[i]!.offset;
    const counted = significant.get(d.field) ?? '0';
    lines.push(`given = ${local(f.name)}; v = ${counted} + ${d.plus}; if (given !== undefined && Number(given) !== v) ${E}.lengthMismatch(${i}, given, v, state);`);
    lines.push(f.length <= 4 ? writeStmt(k, f.length) : `${E}.write(${i}, state, v, false, out, o + ${k});`);
  }
  if (!fixed) {
    const extra = local(EXTRA_KEY);
    lines.push(`if (${extra} !== undefined && !${E}.hex(${extra}, out, o + length - ${extra}.length / 2)) ${E}.badExtra(values, state);`);
    const rule = failedHandshakeRule(s, release);
    if (rule) lines.push(...failedHandshakeTest(s, rule, local, E));
  }
  return { lines, env };
}

/**
 * Whether an occurrence may be a failed handshake, decided inline for plain integer values (the rule then
 * surely does not apply, or checkFailedHandshake runs); anything else runs checkFailedHandshake, which decides.
 */
function failedHandshakeTest(s: SectionDef, rule: FailedHandshakeRule, local: (name: string) => string, E: string): string[] {
  const lines = ['fh = false;'];
  for (const when of rule.when) {
    // As rules.ts' fieldOf: this occurrence's field, or the field of the section's first occurrence in the record.
    const value = when.section === s.key ? local(when.field) : `(w = state.record[${lit(when.section)}], w = Array.isArray(w) ? w[0] : w, w == null ? undefined : w[${lit(when.field)}])`;
    const test = 'equals' in when.test ? `w === ${when.test.equals}` : 'mask' in when.test ? `(w & ${when.test.mask}) !== 0` : 'w !== 0';
    lines.push(`w = ${value}; if (typeof w === 'number' && w >= 0 && w <= 2147483647 && w % 1 === 0) { if (${test}) fh = true; } else if (w !== undefined) fh = true;`);
  }
  lines.push(`if (fh) ${E}.failedHandshake(values, out, o, state);`);
  return lines;
}

/** Writes one occurrence at out[o ...] (`length` bytes, its extra bytes last); throws ZertError as the reference encoder. */
type OccurrenceWriter = (values: SectionValue, out: Uint8Array, o: number, length: number, state: EncodeState, table: Int16Array) => void;

const VARIABLES = 'let v, given, c, n, v6, fh, w;';

function compileOccurrenceWriter(s: SectionDef, release: Release): OccurrenceWriter {
  const { lines, env } = sectionSource(s, release, 'E', null);
  const factory = new Function('E', `return function write(values, out, o, length, state, table) {\n${VARIABLES}\n${lines.join('\n')}\n};`) as (env: WriterEnv) => OccurrenceWriter;
  return factory(env);
}

/** Bytes an occurrence takes: its layout (or its DN text) plus extra bytes; refuses a malformed shape. */
function measureOccurrence(s: SectionDef, layout: SectionLayout | null, textField: string | null, values: unknown, state: EncodeState): number {
  if (!isObject(values)) throw new ZertError('invalid-value', state.path, 'a section occurrence must be a JSON object');
  if (layout === null) {
    checkKeys(values, s, state, RAW_KEY);
    return hexBytes({ [RAW_KEY]: values[RAW_KEY] ?? '' }, RAW_KEY, state, RAW_PROBLEM(s)).length;
  }
  let length = layout.length;
  if (textField !== null) {
    const text = values[textField];
    if (typeof text === 'string') length += text.length;
  }
  const extra = values[EXTRA_KEY];
  if (extra !== undefined) {
    if (typeof extra !== 'string' || extra.length % 2 !== 0) hexBytes(values, EXTRA_KEY, state, EXTRA_PROBLEM);
    length += (extra as string).length / 2;
  }
  return length;
}

// --- the compiled record encoder -----------------------------------------------------------------

/** Writes a whole record into `buf` at `base` (a new array when `buf` is null, then returned); else returns its length. */
type RecordWriter = (record: CanonicalRecord, header: SectionValue, buf: Uint8Array | null, base: number, table: Int16Array, state: EncodeState) => number | Uint8Array;

/** What the generated record code calls for everything but the common case. */
interface RecordEnv {
  checkSections(record: CanonicalRecord): void;
  notList(k: number): never;
  /** Default occurrences of a section the record leaves out. */
  lists: unknown[][];
  /** Every occurrence's length, where the section is variable, of unknown layout or has an occurrence out of the ordinary. */
  measure(k: number, list: unknown[], state: EncodeState): number[];
  total(k: number, lengths: number[]): number;
  tooMany(k: number): never;
  tooLong(length: number): never;
  noRoom(length: number, room: number): never;
  notObject(state: EncodeState): never;
  empty: SectionValue;
}

const NO_VALUES: SectionValue = Object.freeze({});

function rawWriter(s: SectionDef): OccurrenceWriter {
  return (values, out, o, _length, state) => {
    if (!writeHex(String(values[RAW_KEY] ?? ''), out, o)) hexBytes(values, RAW_KEY, state, RAW_PROBLEM(s));
  };
}

/**
 * The encoder of one subtype in one release, generated as one function: the record's keys, its sections'
 * lengths and placement, then each occurrence's writer, then the Header and SelfDef with the triplets inline.
 * Errors are thrown in the order and with the paths of the field-by-field steps it replaces.
 */
function compileRecordWriter(st: SubtypeDef, release: Release): RecordWriter {
  const sections = tripletSections(st, release);
  const others = st.sections.filter((s) => s.triplet !== undefined && !existsIn(s, release));
  const layouts = sections.map((s) => (s.layoutKnown ? sectionLayout(s, release) : null));
  const textFields = sections.map((s, k) => (s.variable && layouts[k] ? (layouts[k].fields.find((p) => p.def.length === 0)?.def.name ?? null) : null));
  const R: RecordEnv = {
    checkSections: (record) => checkRecordSections(st, record, release),
    notList(k) {
      throw notOccurrenceList(st, sections[k]!);
    },
    lists: sections.map((s) => (s.occurs === 'one' ? [NO_VALUES] : [])),
    measure: (k, list, state) =>
      list.map((values, j) => {
        state.enter(sections[k]!.key, j, values as SectionValue, false);
        return measureOccurrence(sections[k]!, layouts[k]!, textFields[k]!, values, state);
      }),
    total: (k, lengths) => sectionTotal(st, sections[k]!, lengths),
    tooMany(k) {
      throw tooManyOccurrences(st, sections[k]!);
    },
    tooLong(length) {
      throw recordTooLong(st, length);
    },
    noRoom(length, room) {
      throw new ZertError('record-too-long', [st.pathRoot], `${length} bytes do not fit in the ${room} bytes left in the buffer`);
    },
    notObject(state) {
      throw new ZertError('invalid-value', state.path, 'must be a JSON object');
    },
    empty: NO_VALUES,
  };
  const writers = sections.map((s) => (s.layoutKnown ? compileOccurrenceWriter(s, release) : rawWriter(s)));
  const index = new Map(sections.map((s, k) => [s.key, k]));
  const triplet = (section: SectionKey, part: 'off' | 'len' | 'n'): string | undefined => (index.has(section) ? `${part}${index.get(section)}` : undefined);
  const derivedExpr = (d: DerivedRule): string | undefined => {
    switch (d.rule) {
      case 'recordLength':
        return 'length';
      case 'segmentDescriptor':
        return '0';
      case 'recordType':
        return String(RECORD_TYPE);
      case 'tripletCount':
        return String(sections.length);
      case 'tripletOff':
        return triplet(d.section, 'off');
      case 'tripletLen':
        return triplet(d.section, 'len');
      case 'tripletNum':
        return triplet(d.section, 'n');
      case 'lengthOf':
        return undefined;
    }
  };
  const header = sectionSource(st.sections[0]!, release, 'H', derivedExpr);
  const selfDef = sectionSource(st.sections[1]!, release, 'D', derivedExpr);

  const ks = sections.map((_, k) => k);
  const known = ['1', '(sd === undefined ? 0 : 1)', ...ks.map((k) => `(g${k} === undefined ? 0 : 1)`)].join(' + ');
  const otherGiven = others.map((s) => ` || record[${lit(s.key)}] !== undefined`).join('');
  const lines: string[] = [
    VARIABLES,
    'n = 0;',
    'for (const key in record) n++;',
    `const sd = record["SelfDef"]${ks.map((k) => `, g${k} = record[${lit(sections[k]!.key)}]`).join('')};`,
    `if (${known} !== n${otherGiven}) R.checkSections(record);`,
  ];
  for (const k of ks) lines.push(`const l${k} = g${k} === undefined ? R.lists[${k}] : g${k};`, `if (!Array.isArray(l${k})) R.notList(${k});`);
  // Lengths: a fixed-length section of plain occurrences takes its layout's; anything else is measured one by one.
  for (const k of ks) {
    lines.push(`const n${k} = l${k}.length; let m${k} = null;`);
    if (layouts[k] && !sections[k]!.variable) {
      lines.push(
        `for (let j = 0; j < n${k}; j++) { c = l${k}[j]; if (typeof c !== 'object' || c === null || Array.isArray(c) || c[${lit(EXTRA_KEY)}] !== undefined) { m${k} = R.measure(${k}, l${k}, state); break; } }`,
      );
    } else {
      lines.push(`if (n${k} > 0) m${k} = R.measure(${k}, l${k}, state);`);
    }
  }
  lines.push(`let at = ${HEADER_LENGTH + 4 + 8 * sections.length}${ks.map((k) => `, off${k}, len${k}`).join('')};`);
  for (const k of ks) {
    const fixedLength = layouts[k]?.length ?? 0;
    lines.push(
      `if (m${k} === null) { w = n${k} * ${fixedLength}; len${k} = n${k} > 0 ? ${fixedLength} : 0; } else { w = R.total(${k}, m${k}); len${k} = n${k} > 0 ? ${sections[k]!.variable ? 'w' : `m${k}[0]`} : 0; }`,
      `if (n${k} > 65535) R.tooMany(${k});`,
      `off${k} = n${k} > 0 ? at : 0; at += w;`,
    );
  }
  lines.push(
    `if (at > ${MAX_RECORD_LENGTH}) R.tooLong(at);`,
    'const length = at;',
    'const out = buf === null ? new Uint8Array(length) : buf;',
    'const b = buf === null ? 0 : base;',
    'if (out.length - b < length) R.noRoom(length, out.length - b);',
    'let p;',
  );
  for (const k of ks) {
    const fixedLength = layouts[k]?.length ?? 0;
    lines.push(
      `p = b + off${k};`,
      `for (let j = 0; j < n${k}; j++) { c = l${k}[j]; w = m${k} === null ? ${fixedLength} : m${k}[j]; state.enter(${lit(sections[k]!.key)}, j, c, false); W${k}(c, out, p, w, state, table); p += w; }`,
    );
  }
  lines.push(
    '{',
    'const values = header, o = b;',
    'state.enter("Header", -1, values, true);',
    ...header.lines,
    '}',
    '{',
    `const values = sd == null ? R.empty : sd, o = b + ${SELF_DEF_OFFSET};`,
    'state.enter("SelfDef", -1, values, true);',
    "if (typeof values !== 'object' || values === null || Array.isArray(values)) R.notObject(state);",
    ...selfDef.lines,
    '}',
    'return buf === null ? out : length;',
  );
  const params = ['R', 'H', 'D', ...ks.map((k) => `W${k}`)];
  const factory = new Function(...params, `return function encodeRecord(record, header, buf, base, table, state) {\n${lines.join('\n')}\n};`) as (
    ...args: unknown[]
  ) => RecordWriter;
  return factory(R, header.env, selfDef.env, ...writers);
}

interface RecordPlan {
  write: RecordWriter;
  /** Reused record after record; a nested call (from a getter in the record) gets its own. */
  state: EncodeState;
  depth: number;
}

const planCache = new WeakMap<SubtypeDef, Map<Release, RecordPlan>>();
const NO_RECORD: CanonicalRecord = Object.freeze({});

function planFor(st: SubtypeDef, release: Release): RecordPlan {
  let byRelease = planCache.get(st);
  if (!byRelease) planCache.set(st, (byRelease = new Map()));
  let plan = byRelease.get(release);
  if (!plan) {
    plan = { write: compileRecordWriter(st, release), state: new EncodeState(ebcdic(DEFAULT_CODE_PAGE), release, st.pathRoot, NO_RECORD), depth: 0 };
    byRelease.set(release, plan);
  }
  return plan;
}

function run(record: CanonicalRecord, buf: Uint8Array | null, offset: number, options: EncodeOptions): number | Uint8Array {
  const st = recordSubtype(record, options);
  const plan = planFor(st, options.release);
  const codec = ebcdic(options.codePage ?? DEFAULT_CODE_PAGE);
  const shared = plan.depth === 0;
  const state = shared ? plan.state : new EncodeState(codec, options.release, st.pathRoot, record);
  state.begin(codec, record);
  plan.depth++;
  try {
    return plan.write(record, record['Header'] as SectionValue, buf, offset, codec.encodeTable, state);
  } finally {
    plan.depth--;
    // The shared state outlives the record: let go of it.
    if (shared) state.begin(codec, NO_RECORD);
  }
}

/** Encodes a canonical record with the compiled encoder into a new array. Throws ZertError. Overrides are not supported here. */
export function encodeCompiled(record: CanonicalRecord, options: EncodeOptions): Uint8Array {
  return run(record, null, 0, options) as Uint8Array;
}

/** Encodes a canonical record into `buf` at `offset` and returns its length. Throws ZertError (also when `buf` has no room). */
export function encodeCompiledInto(record: CanonicalRecord, buf: Uint8Array, offset: number, options: EncodeOptions): number {
  return run(record, buf, offset, options) as number;
}
