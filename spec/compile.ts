import type { OccurrenceReader } from './decode.js';
import type { EncodeState } from './encode.js';
import {
  checkAbsentFields, checkCompanion, checkFailedHandshake, checkKeys, EXTRA_PROBLEM, hexBytes, lengthMismatch, placeSections,
  prepareRecord, RAW_PROBLEM, recordDerivedMismatch,
} from './encode.js';
import { EBCDIC_BLANK } from './ebcdic.js';
import { ZertError } from './errors.js';
import { FIELD_TYPES, opsOf } from './field-types.js';
import type { SectionValue } from './fields.js';
import { companionKey, defaultValue } from './fields.js';
import type { PlacedField } from './layout.js';
import { codeLegalIn, SELF_DEF_OFFSET, sectionLayout } from './layout.js';
import { formatTimeOfDay, parseTimeOfDay, readSmallUint, readUint64String, writeHex, writeIPv4, writePackedDate, writeSmallUint } from './primitives.js';
import type { CanonicalRecord, EncodeOptions } from './record.js';
import { EXTRA_KEY, isObject, RAW_KEY } from './record.js';
import type { CodeSet, FieldDef, FlagRef, Release, SectionDef } from './types.js';

// Specialised encode and decode functions, generated once per section layout (a section in a release) from
// the tables, as ajv compiles schemas: straight-line code per field with offsets as constants, integers,
// enums, flags and text written and read inline, the per-type objects of field-types.ts called only for the
// rarer types and for every problem (so messages and paths are the same as the interpreter's).

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

/** Big-endian write of `v` (an integer that fits) at out[o + k], as statements. */
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
      return `env.writeSmallUint(out, o + ${k}, ${length}, v);`;
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

/** Writes one occurrence's fields at out[o ...]; returns nothing, throws ZertError like the reference encoder. */
type OccurrenceWriter = (values: SectionValue, out: Uint8Array, o: number, state: EncodeState) => void;

interface WriterEnv {
  fields: FieldDef[];
  legal: (Set<number> | undefined)[];
  refused: (Uint8Array | undefined)[];
  write(i: number, state: EncodeState, value: unknown, explicit: boolean, out: Uint8Array, at: number): number;
  defaultOf(i: number, state: EncodeState): unknown;
  defaults: unknown[];
  writeSmallUint: typeof writeSmallUint;
  text(table: Int16Array, s: string, out: Uint8Array, at: number, capacity: number): boolean;
  companion(i: number, values: SectionValue, value: unknown, state: EncodeState): void;
  lengthMismatch(i: number, given: unknown, value: number, state: EncodeState): never;
  /** Hundredths of a valid "HH:MM:SS.hh", else -1. */
  hundredths(v: unknown): number;
  packedDate: typeof writePackedDate;
  ipv4: typeof writeIPv4;
  ipv6Flags: (FlagRef | undefined)[];
  derive(i: number, state: EncodeState, given: unknown): number;
}

function writeText(table: Int16Array, s: string, out: Uint8Array, at: number, capacity: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const byte = table[s.charCodeAt(i)]!;
    if (byte < 0) return false;
    out[at + i] = byte;
  }
  out.fill(EBCDIC_BLANK, at + s.length, at + capacity);
  return true;
}

/**
 * `fixed` sections (Header, SelfDef) take their derived fields from the record layout and check no
 * companions, as the reference encoder does; occurrences derive their length fields from sibling values.
 */
function compileWriter(placed: readonly PlacedField[], release: Release, fixed: boolean): OccurrenceWriter {
  const env: WriterEnv = {
    fields: placed.map((p) => p.def),
    legal: [],
    refused: [],
    write(i, state, value, explicit, out, at) {
      const f = placed[i]!.def;
      return opsOf(f).encode(state, f, f.type, value, explicit, out, at);
    },
    defaultOf: (i, state) => defaultValue(placed[i]!.def, state),
    defaults: placed.map((p) => (p.def.type.kind === 'ip' ? undefined : defaultValue(p.def))),
    hundredths: (v) => {
      if (typeof v !== 'string') return -1;
      const p = parseTimeOfDay(v);
      return p.ok ? p.value : -1;
    },
    packedDate: writePackedDate,
    ipv4: writeIPv4,
    ipv6Flags: [],
    writeSmallUint,
    text: writeText,
    companion: (i, values, value, state) => checkCompanion(placed[i]!.def, values, value, state),
    lengthMismatch(i, given, value, state) {
      const f = placed[i]!.def;
      throw lengthMismatch(f, (f.type as Extract<FieldDef['type'], { kind: 'derived' }>).derive as { field: string }, given, value, state);
    },
    derive(i, state, given) {
      const f = placed[i]!.def;
      const want = state.derive((f.type as Extract<FieldDef['type'], { kind: 'derived' }>).derive);
      if (want === undefined) throw new ZertError('invalid-value', [...state.path, f.name], 'no derivation for this field');
      if (given !== undefined && Number(given) !== want) throw recordDerivedMismatch(f, given, want, state);
      return want;
    },
  };
  const lines: string[] = ['let v, given, c;'];
  const significant = new Map<string, string>();
  const lengthFields: { i: number; f: FieldDef; d: { field: string; plus: number } }[] = [];
  placed.forEach((p, i) => {
    const f = p.def;
    const t = f.type;
    const k = p.offset;
    const name = lit(f.name);
    const max = 2 ** (8 * Math.min(f.length, 6)) - 1;
    const inRange = `typeof v === 'number' && v >= 0 && v <= ${max} && v % 1 === 0`;
    const generic = (explicit: string): string => `env.write(${i}, state, v, ${explicit}, out, o + ${k})`;
    if (t.kind === 'derived') {
      if (fixed) {
        lines.push(`v = env.derive(${i}, state, values[${name}]); ${f.length <= 4 ? writeStmt(k, f.length) : generic('false') + ';'}`);
      } else if (t.derive.rule === 'lengthOf') {
        lengthFields.push({ i, f, d: t.derive });
      } else {
        lines.push(`throw new Error('record-level derived field ${f.name} in an occurrence');`);
      }
      return;
    }
    const value = t.kind === 'ip' ? `env.defaultOf(${i}, state)` : `env.defaults[${i}]`;
    lines.push(`v = values[${name}]; given = v !== undefined; if (!given) v = ${value};`);
    const explicit = 'given';
    switch (t.kind) {
      case 'uint':
      case 'enum':
      case 'flags':
        if (f.length <= 4) {
          let check = '';
          if (t.kind === 'enum') {
            env.legal[i] = codeTables(t.codes, release).legal;
            check = ` && (!given || env.legal[${i}].has(v))`;
          }
          if (t.kind === 'flags') {
            env.refused[i] = flagTables(f, release).refused;
            check = ` && (!given || env.refused[${i}][v] === 0)`;
          }
          lines.push(`if (${inRange}${check}) { ${writeStmt(k, f.length)} } else ${generic(explicit)};`);
          break;
        }
        lines.push(`${generic(explicit)};`);
        break;
      case 'text':
        lines.push(`if (!(typeof v === 'string' && v.length <= ${f.length} && env.text(state.codec.encodeTable, v, out, o + ${k}, ${f.length}))) ${generic(explicit)};`);
        break;
      case 'timeOfDay':
        lines.push(`c = env.hundredths(v); if (c >= 0) { ${writeStmt(k, 4, 'c')} } else ${generic(explicit)};`);
        break;
      case 'packedDate':
        lines.push(`if (!env.packedDate(v, out, o + ${k}).ok) ${generic(explicit)};`);
        break;
      case 'ip':
        env.ipv6Flags[i] = t.ipv6When;
        lines.push(`if (!(typeof v === 'string' && !state.ipv6(env.ipv6Flags[${i}]) && env.ipv4(v, out, o + ${k}))) ${generic(explicit)}; else out.fill(0, o + ${k + 4}, o + ${k + 16});`);
        break;
      case 'sizedBytes':
      case 'varText':
        significant.set(f.name, `sig_${f.name}`);
        lines.push(`const sig_${f.name} = ${generic(explicit)};`);
        break;
      default:
        lines.push(`${generic(explicit)};`);
    }
    if (!fixed && companionKey(f) !== undefined) lines.push(`if (values[${lit(companionKey(f))}] !== undefined) env.companion(${i}, values, v, state);`);
  });
  // Length fields last: they count the significant bytes of the values written above.
  for (const { i, f, d } of lengthFields) {
    const k = placed[i]!.offset;
    const counted = significant.get(d.field) ?? '0';
    lines.push(`given = values[${lit(f.name)}]; v = ${counted} + ${d.plus}; if (given !== undefined && Number(given) !== v) env.lengthMismatch(${i}, given, v, state);`);
    lines.push(f.length <= 4 ? writeStmt(k, f.length) : `env.write(${i}, state, v, false, out, o + ${k});`);
  }
  const factory = new Function('env', `return function write(values, out, o, state) {\n${lines.join('\n')}\n};`) as (env: WriterEnv) => OccurrenceWriter;
  return factory(env);
}

const writerCache = new WeakMap<SectionDef, Map<Release, OccurrenceWriter>>();

function writerFor(s: SectionDef, release: Release, fixed: boolean): OccurrenceWriter {
  let byRelease = writerCache.get(s);
  if (!byRelease) writerCache.set(s, (byRelease = new Map()));
  let writer = byRelease.get(release);
  if (!writer) byRelease.set(release, (writer = compileWriter(sectionLayout(s, release).fields, release, fixed)));
  return writer;
}

// --- the compiled record encoder -----------------------------------------------------------------

/** What the compiled encoder needs of a triplet section in a release, looked up once. */
interface SectionPlan {
  writer: OccurrenceWriter | null;
  layout: ReturnType<typeof sectionLayout> | null;
  /** The variable text of an entry (DN), whose length adds to the layout's. */
  textField: string | null;
}

const planCache = new WeakMap<SectionDef, Map<Release, SectionPlan>>();

function planFor(s: SectionDef, release: Release): SectionPlan {
  let byRelease = planCache.get(s);
  if (!byRelease) planCache.set(s, (byRelease = new Map()));
  let plan = byRelease.get(release);
  if (!plan) {
    const layout = s.layoutKnown ? sectionLayout(s, release) : null;
    plan = {
      writer: s.layoutKnown ? writerFor(s, release, false) : null,
      layout,
      textField: s.variable && layout ? (layout.fields.find((p) => p.def.length === 0)?.def.name ?? null) : null,
    };
    byRelease.set(release, plan);
  }
  return plan;
}

/** Bytes an occurrence takes: its layout (or its DN text) plus extra bytes; refuses a malformed shape. */
function measure(s: SectionDef, plan: SectionPlan, values: unknown, state: EncodeState): number {
  if (!isObject(values)) throw new ZertError('invalid-value', state.path, 'a section occurrence must be a JSON object');
  if (plan.layout === null) {
    checkKeys(values, s, state, RAW_KEY);
    return hexBytes({ [RAW_KEY]: values[RAW_KEY] ?? '' }, RAW_KEY, state, RAW_PROBLEM(s)).length;
  }
  let length = plan.layout.length;
  if (plan.textField !== null) {
    const text = values[plan.textField];
    if (typeof text === 'string') length += text.length;
  }
  const extra = values[EXTRA_KEY];
  if (extra !== undefined) {
    if (typeof extra !== 'string' || extra.length % 2 !== 0) hexBytes(values, EXTRA_KEY, state, EXTRA_PROBLEM);
    length += (extra as string).length / 2;
  }
  return length;
}

/**
 * Encodes a canonical record into `buf` at `offset` with the compiled writers and returns the number of
 * bytes written. Throws ZertError (also when `buf` has no room). Overrides are not supported here.
 */
export function encodeCompiled(record: CanonicalRecord, buf: Uint8Array | null, offset: number, options: EncodeOptions): { out: Uint8Array; length: number } {
  const prepared = prepareRecord(record, options);
  const { st, state, header, sections } = prepared;
  const release = state.release;
  const plans = sections.map(({ s }) => planFor(s, release));
  const lengths = sections.map(({ s, list }, k) =>
    list.map((v, i) => {
      state.enter(s.key, i, v as SectionValue, false);
      return measure(s, plans[k]!, v, state);
    }),
  );
  const length = placeSections(prepared, lengths);
  const out = buf ?? new Uint8Array(length);
  const base = buf ? offset : 0;
  if (out.length - base < length) throw new ZertError('record-too-long', [st.pathRoot], `${length} bytes do not fit in the ${out.length - base} bytes left in the buffer`);

  sections.forEach(({ s, list }, i) => {
    let at = base + state.placement.get(s.key)!.off;
    const { writer, layout } = plans[i]!;
    list.forEach((v, j) => {
      const values = v as SectionValue;
      state.enter(s.key, j, values, false);
      if (writer === null) {
        if (!writeHex(String(values[RAW_KEY] ?? ''), out, at)) hexBytes(values, RAW_KEY, state, RAW_PROBLEM(s));
      } else {
        checkKeys(values, s, state, EXTRA_KEY);
        checkAbsentFields(s, values, state);
        writer(values, out, at, state);
        const extra = values[EXTRA_KEY];
        if (extra !== undefined && !writeHex(extra as string, out, at + lengths[i]![j]! - (extra as string).length / 2)) hexBytes(values, EXTRA_KEY, state, EXTRA_PROBLEM);
        if (s.failedHandshake) checkFailedHandshake(s, values, layout!.fields, out, at, state);
      }
      at += lengths[i]![j]!;
    });
  });
  state.enter('Header', -1, header, true);
  if (!isObject(header)) throw new ZertError('invalid-value', state.path, 'must be a JSON object');
  checkKeys(header, st.sections[0]!, state, '');
  writerFor(st.sections[0]!, release, true)(header, out, base, state);
  const selfDef = (record['SelfDef'] as SectionValue | undefined) ?? {};
  state.enter('SelfDef', -1, selfDef, true);
  if (!isObject(selfDef)) throw new ZertError('invalid-value', state.path, 'must be a JSON object');
  checkKeys(selfDef, st.sections[1]!, state, '');
  writerFor(st.sections[1]!, release, true)(selfDef, out, base + SELF_DEF_OFFSET, state);
  return { out, length };
}
