import type { EbcdicCodec } from './ebcdic.js';
import { DEFAULT_CODE_PAGE, EBCDIC_BLANK, ebcdic } from './ebcdic.js';
import { ZertError } from './errors.js';
import type { FieldContext, SectionValue } from './fields.js';
import { companionKey, companionValue, defaultValue, encodeField, significantLength } from './fields.js';
import type { PlacedField } from './layout.js';
import { existsIn, SELF_DEF_OFFSET, sectionLayout, subtypeDef, tripletSections } from './layout.js';
import { isAll, parseHex } from './primitives.js';
import type { CanonicalRecord, EncodeOptions } from './record.js';
import { EXTRA_KEY, HEADER_LENGTH, isObject, MAX_RECORD_LENGTH, RAW_KEY, RECORD_TYPE } from './record.js';
import { failedHandshakeApplies, flagIsOn } from './rules.js';
import type { DerivedRule, FlagRef, Release, SectionDef, SectionKey, SubtypeDef } from './types.js';
import { isRelease, RELEASES } from './types.js';

// The reference record encoder (one field at a time, each into its own bytes, then assembled), which also
// applies overrides for invalid variants, and the checks it shares with the compiled encoder.

const NO_VALUES: SectionValue = Object.freeze({});

/**
 * The encoding context of one section occurrence; its path is built only when an error is thrown. The
 * compiled encoder keeps one per record layout and points it at each record in turn (`begin`).
 */
export class EncodeState implements FieldContext {
  codec: EbcdicCodec;
  readonly release: Release;
  readonly root: string;
  record: CanonicalRecord;
  key: SectionKey = 'Header';
  index = -1;
  siblings: SectionValue = {};
  /** Off/Len/Num of each triplet section and the record length, once the record is laid out. */
  placement = new Map<SectionKey, { off: number; len: number; num: number }>();
  length = 0;
  /** Fixed sections (Header, SelfDef) carry no address: their IPv6 question is always 'no'. */
  private fixed = true;

  constructor(codec: EbcdicCodec, release: Release, root: string, record: CanonicalRecord) {
    this.codec = codec;
    this.release = release;
    this.root = root;
    this.record = record;
  }

  /** Starts a record with a state made for an earlier one (no placement: the compiled encoder keeps its own). */
  begin(codec: EbcdicCodec, record: CanonicalRecord): void {
    this.codec = codec;
    this.record = record;
    this.enter('Header', -1, NO_VALUES, true);
  }

  get path(): string[] {
    return [this.root, this.index < 0 ? this.key : `${this.key}[${this.index}]`];
  }

  enter(key: SectionKey, index: number, values: SectionValue, fixed: boolean): void {
    this.key = key;
    this.index = index;
    this.siblings = values;
    this.fixed = fixed;
  }

  ipv6(ref: FlagRef): boolean {
    return !this.fixed && flagIsOn(ref, this.record, { key: this.key, values: this.siblings });
  }

  /** Record-level derived values, by the rule each field declares in the tables. */
  derive(d: DerivedRule): number | undefined {
    switch (d.rule) {
      case 'recordLength':
        return this.length;
      case 'segmentDescriptor':
        return 0;
      case 'recordType':
        return RECORD_TYPE;
      case 'tripletCount':
        return this.placement.size;
      case 'tripletOff':
        return this.placement.get(d.section)?.off;
      case 'tripletLen':
        return this.placement.get(d.section)?.len;
      case 'tripletNum':
        return this.placement.get(d.section)?.num;
      case 'lengthOf':
        return undefined;
    }
  }
}

// --- checks shared by both encoders ------------------------------------------------------------

const allowedKeysCache = new WeakMap<SectionDef, Set<string>>();

/** Field names of a section in any release, and the keys of their companions. */
export function allowedKeys(s: SectionDef): ReadonlySet<string> {
  let keys = allowedKeysCache.get(s);
  if (!keys) {
    keys = new Set();
    for (const f of s.fields) {
      if (f.name === 'reserved') continue;
      keys.add(f.name);
      const companion = companionKey(f);
      if (companion) keys.add(companion);
    }
    allowedKeysCache.set(s, keys);
  }
  return keys;
}

export function checkKeys(values: SectionValue, s: SectionDef, state: EncodeState, extra: string): void {
  const known = allowedKeys(s);
  for (const key in values) {
    if (key !== extra && !known.has(key)) throw new ZertError('unknown-field', [...state.path, key], `${s.title} has no field ${key}`);
  }
}

const absentCache = new WeakMap<SectionDef, Map<Release, SectionDef['fields']>>();

/** Named fields of a section that its layout in `release` leaves out (fields of other releases). */
export function absentFields(s: SectionDef, release: Release): SectionDef['fields'] {
  let byRelease = absentCache.get(s);
  if (!byRelease) absentCache.set(s, (byRelease = new Map()));
  let absent = byRelease.get(release);
  if (!absent) {
    const present = new Set(sectionLayout(s, release).fields.map((p) => p.def));
    absent = s.fields.filter((f) => !present.has(f) && f.name !== 'reserved');
    byRelease.set(release, absent);
  }
  return absent;
}

/** A field of another release may only be given with its default value. */
export function checkAbsentFields(s: SectionDef, values: SectionValue, state: EncodeState): void {
  for (const f of absentFields(s, state.release)) {
    if (values[f.name] === undefined) continue;
    if (String(values[f.name]) !== String(defaultValue(f, state))) {
      throw new ZertError('not-in-release', [...state.path, f.name], `${f.name} exists ${f.until ? `until ${f.until}` : `from ${f.since}`}, not in ${state.release}`);
    }
  }
}

/** A companion given in the input must agree with the value it accompanies. */
export function checkCompanion(f: PlacedField['def'], values: SectionValue, value: unknown, state: EncodeState): void {
  const key = companionKey(f);
  if (key === undefined || values[key] === undefined) return;
  const want = companionValue(f, value);
  if (JSON.stringify(values[key]) !== JSON.stringify(want)) {
    throw new ZertError('derived-mismatch', [...state.path, key], `${key} is ${JSON.stringify(values[key])} but ${f.name} ${JSON.stringify(value)} means ${JSON.stringify(want)}`);
  }
}

export function lengthMismatch(f: PlacedField['def'], d: { field: string }, given: unknown, value: number, state: EncodeState): ZertError {
  return new ZertError('derived-mismatch', [...state.path, f.name], `is ${JSON.stringify(given)} but ${d.field} makes it ${value}; use an override for an invalid variant`);
}

export function recordDerivedMismatch(f: PlacedField['def'], given: unknown, want: number, state: EncodeState): ZertError {
  return new ZertError('derived-mismatch', [...state.path, f.name], `is ${JSON.stringify(given)} but the record makes it ${want}; use an override for an invalid variant`);
}

/** Bytes given as hex under `key` (@extra after the known fields, @raw for an unknown layout). */
export function hexBytes(values: SectionValue, key: string, state: EncodeState, problem: string): Uint8Array {
  const given = values[key];
  const p = typeof given === 'string' ? parseHex(given) : undefined;
  if (!p?.ok) throw new ZertError('invalid-value', [...state.path, key], problem);
  return p.value;
}

export const RAW_PROBLEM = (s: SectionDef): string => `the ${s.title} layout is unknown: give its bytes as a hex string in "${RAW_KEY}"`;
export const EXTRA_PROBLEM = 'expected a hex string of bytes that follow the known fields';

/** Refuses a failed-handshake occurrence whose bytes [start, ...) hold more than IBM lists. */
export function checkFailedHandshake(s: SectionDef, values: SectionValue, placed: readonly PlacedField[], bytes: Uint8Array, start: number, state: EncodeState): void {
  const rule = s.failedHandshake;
  if (!rule || !failedHandshakeApplies(rule, state.release, state.record, { key: s.key, values })) return;
  for (const p of placed) {
    if (rule.keep.includes(p.def.name) || p.def.type.kind === 'reserved' || p.def.length === 0) continue;
    const from = start + p.offset;
    const to = from + p.def.length;
    if (!isAll(bytes, 0, from, to) && !isAll(bytes, EBCDIC_BLANK, from, to)) {
      throw new ZertError('failed-handshake-rule', [...state.path, p.def.name], `must be zero/blank in a failed-handshake section (only ${rule.keep.join(', ')} are kept); ${rule.note}`);
    }
  }
  for (const [name, want] of Object.entries(rule.fixed ?? {})) {
    if (values[name] !== want) throw new ZertError('failed-handshake-rule', [...state.path, name], `must be ${JSON.stringify(want)} in a failed-handshake section`);
  }
}

const keyCache = new WeakMap<SubtypeDef, Map<string, SectionDef>>();

function sectionsByKey(st: SubtypeDef): Map<string, SectionDef> {
  let byKey = keyCache.get(st);
  if (!byKey) keyCache.set(st, (byKey = new Map(st.sections.map((s) => [s.key, s]))));
  return byKey;
}

export interface PreparedRecord {
  st: SubtypeDef;
  state: EncodeState;
  header: SectionValue;
  /** Triplet sections of the release with their occurrences (validated as arrays). */
  sections: { s: SectionDef; list: unknown[] }[];
}

/** The subtype a record names, after checking the options and the record's outer shape. */
export function recordSubtype(record: CanonicalRecord, options: EncodeOptions): SubtypeDef {
  if (!isRelease(options.release)) throw new ZertError('invalid-value', ['release'], `release must be one of ${RELEASES.join(', ')}`);
  if (!isObject(record)) throw new ZertError('invalid-value', ['record'], 'a record must be a JSON object');
  const header = record['Header'];
  if (!isObject(header)) throw new ZertError('invalid-value', ['record', 'Header'], 'Header is required (it names the subtype)');
  const st = subtypeDef(Number(header['SMF119HDSubType']));
  if (!st) throw new ZertError('unknown-subtype', ['record', 'Header', 'SMF119HDSubType'], `subtype ${JSON.stringify(header['SMF119HDSubType'])} is not 11 or 12`);
  return st;
}

/** Refuses a record key that names no section of the subtype, or a non-empty section of another release. */
export function checkRecordSections(st: SubtypeDef, record: CanonicalRecord, release: Release): void {
  const byKey = sectionsByKey(st);
  for (const key in record) {
    const s = byKey.get(key);
    if (!s) throw new ZertError('unknown-section', [st.pathRoot, key], `subtype ${st.subtype} has no section ${key}`);
    if (!existsIn(s, release) && !(Array.isArray(record[key]) && (record[key] as unknown[]).length === 0)) {
      throw new ZertError('not-in-release', [st.pathRoot, key], `${s.title} exists from ${s.since}, not in ${release}`);
    }
  }
}

export const notOccurrenceList = (st: SubtypeDef, s: SectionDef): ZertError => new ZertError('invalid-value', [st.pathRoot, s.key], 'must be an array of occurrences');

/** Checks the record's shape (subtype, sections of the release) before any field is written. */
export function prepareRecord(record: CanonicalRecord, options: EncodeOptions): PreparedRecord {
  const st = recordSubtype(record, options);
  const { release } = options;
  checkRecordSections(st, record, release);
  const sections = tripletSections(st, release).map((s) => {
    const given = record[s.key];
    const list = given === undefined ? (s.occurs === 'one' ? [{}] : []) : given;
    if (!Array.isArray(list)) throw notOccurrenceList(st, s);
    return { s, list };
  });
  const state = new EncodeState(ebcdic(options.codePage ?? DEFAULT_CODE_PAGE), release, st.pathRoot, record);
  return { st, state, header: record['Header'] as SectionValue, sections };
}

/** Total bytes of a section's occurrences; refuses a fixed-length section whose occurrences differ in length. */
export function sectionTotal(st: SubtypeDef, s: SectionDef, own: readonly number[]): number {
  let total = 0;
  for (const n of own) total += n;
  if (!s.variable && own.some((n) => n !== own[0])) {
    throw new ZertError('invalid-value', [st.pathRoot, s.key], `occurrences differ in length (${own.join(', ')}); one triplet Len cannot describe them`);
  }
  return total;
}

export const tooManyOccurrences = (st: SubtypeDef, s: SectionDef): ZertError => new ZertError('value-out-of-range', [st.pathRoot, s.key], 'more than 65535 occurrences');
export const recordTooLong = (st: SubtypeDef, length: number): ZertError => new ZertError('record-too-long', [st.pathRoot], `${length} bytes exceed the SMF maximum ${MAX_RECORD_LENGTH}`);

/** Places the sections one after the other; returns the record length. Throws when they cannot be described. */
export function placeSections(prepared: PreparedRecord, lengths: readonly (readonly number[])[]): number {
  const { st, state, sections } = prepared;
  let offset = HEADER_LENGTH + 4 + 8 * sections.length;
  sections.forEach(({ s }, i) => {
    const own = lengths[i]!;
    const total = sectionTotal(st, s, own);
    if (own.length > 0xffff) throw tooManyOccurrences(st, s);
    const present = own.length > 0;
    state.placement.set(s.key, { off: present ? offset : 0, len: present ? (s.variable ? total : own[0]!) : 0, num: own.length });
    offset += total;
  });
  if (offset > MAX_RECORD_LENGTH) throw recordTooLong(st, offset);
  state.length = offset;
  return offset;
}

// --- the reference encoder ---------------------------------------------------------------------

interface EncodedOccurrence {
  bytes: Uint8Array;
  /** Where each field landed inside `bytes` (for overrides). */
  placed: PlacedField[];
}

function encodeOccurrence(state: EncodeState, s: SectionDef, values: SectionValue, index: number): EncodedOccurrence {
  state.enter(s.key, index, values, false);
  if (!isObject(values)) throw new ZertError('invalid-value', state.path, 'a section occurrence must be a JSON object');
  if (!s.layoutKnown) {
    checkKeys(values, s, state, RAW_KEY);
    return { bytes: hexBytes({ [RAW_KEY]: values[RAW_KEY] ?? '' }, RAW_KEY, state, RAW_PROBLEM(s)), placed: [] };
  }
  checkKeys(values, s, state, EXTRA_KEY);
  checkAbsentFields(s, values, state);
  const layout = sectionLayout(s, state.release);

  // Values first, then the length fields derived from them.
  const encoded = new Map<PlacedField['def'], Uint8Array>();
  const significant = new Map<string, number>();
  for (const { def: f } of layout.fields) {
    if (f.type.kind === 'derived') continue;
    const given = values[f.name];
    const value = given === undefined ? defaultValue(f, state) : given;
    const bytes = encodeField(state, f, value, given !== undefined);
    checkCompanion(f, values, value, state);
    encoded.set(f, bytes);
    significant.set(f.name, significantLength(f, bytes, value));
  }
  for (const { def: f } of layout.fields) {
    if (f.type.kind !== 'derived') continue;
    const d = f.type.derive;
    if (d.rule !== 'lengthOf') throw new ZertError('invalid-value', [...state.path, f.name], `record-level derived field in ${s.title}`);
    const value = (significant.get(d.field) ?? 0) + d.plus;
    const given = values[f.name];
    if (given !== undefined && Number(given) !== value) throw lengthMismatch(f, d, given, value, state);
    encoded.set(f, encodeField(state, f, value, false));
  }
  const extra = values[EXTRA_KEY] === undefined ? new Uint8Array(0) : hexBytes(values, EXTRA_KEY, state, EXTRA_PROBLEM);

  const parts = layout.fields.map((p) => encoded.get(p.def)!);
  const bytes = new Uint8Array(parts.reduce((n, b) => n + b.length, 0) + extra.length);
  const placed: PlacedField[] = [];
  let at = 0;
  layout.fields.forEach((p, i) => {
    placed.push({ def: p.def, offset: at });
    bytes.set(parts[i]!, at);
    at += parts[i]!.length;
  });
  bytes.set(extra, at);
  checkFailedHandshake(s, values, placed, bytes, 0, state);
  return { bytes, placed };
}

function encodeFixedSection(state: EncodeState, s: SectionDef, values: SectionValue): EncodedOccurrence {
  state.enter(s.key, -1, values, true);
  if (!isObject(values)) throw new ZertError('invalid-value', state.path, 'must be a JSON object');
  checkKeys(values, s, state, '');
  const layout = sectionLayout(s, state.release);
  const bytes = new Uint8Array(layout.length);
  for (const p of layout.fields) {
    const f = p.def;
    let value: unknown = values[f.name];
    const explicit = value !== undefined;
    if (f.type.kind === 'derived') {
      const want = state.derive(f.type.derive);
      if (want === undefined) throw new ZertError('invalid-value', [...state.path, f.name], 'no derivation for this field');
      if (explicit && Number(value) !== want) throw recordDerivedMismatch(f, value, want, state);
      value = want;
    } else if (!explicit) {
      value = defaultValue(f, state);
    }
    bytes.set(encodeField(state, f, value, explicit && f.type.kind !== 'derived'), p.offset);
  }
  return { bytes, placed: layout.fields };
}

function applyOverrides(st: SubtypeDef, state: EncodeState, out: Uint8Array, overrides: Record<string, unknown>, where: Map<string, { start: number; placed: PlacedField[] }>): void {
  for (const [target, value] of Object.entries(overrides)) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?\.([A-Za-z0-9_]+)$/.exec(target);
    const label = m ? (m[2] === undefined ? m[1]! : `${m[1]}[${m[2]}]`) : '';
    const loc = m ? where.get(label) : undefined;
    const placed = loc?.placed.find((p) => p.def.name === m![3]);
    if (!m || !loc || !placed) throw new ZertError('bad-override', [st.pathRoot, target], 'no such field in the encoded record (use Section[i].Field, Header.Field or SelfDef.Field)');
    const path = [st.pathRoot, label, m[3]!];
    let bytes: Uint8Array;
    if (isObject(value) && typeof value['raw'] === 'string') {
      const p = parseHex(value['raw']);
      if (!p.ok || p.value.length !== placed.def.length) throw new ZertError('bad-override', path, `raw override must be ${placed.def.length} bytes of hex`);
      bytes = p.value;
    } else {
      state.enter(m[1] as SectionKey, m[2] === undefined ? -1 : Number(m[2]), {}, true);
      bytes = encodeField(state, placed.def, value, false);
    }
    out.set(bytes, loc.start + placed.offset);
  }
}

/** Encodes a canonical record field by field (the reference the compiled encoder is tested against). Throws ZertError. */
export function encodeReference(record: CanonicalRecord, options: EncodeOptions): Uint8Array {
  const prepared = prepareRecord(record, options);
  const { st, state, header, sections } = prepared;
  const encoded = sections.map(({ s, list }) => list.map((v, i) => encodeOccurrence(state, s, v as SectionValue, i)));
  const length = placeSections(prepared, encoded.map((occurrences) => occurrences.map((o) => o.bytes.length)));
  const out = new Uint8Array(length);
  const headerBytes = encodeFixedSection(state, st.sections[0]!, header);
  const selfDefBytes = encodeFixedSection(state, st.sections[1]!, (record['SelfDef'] as SectionValue | undefined) ?? {});
  out.set(headerBytes.bytes, 0);
  out.set(selfDefBytes.bytes, SELF_DEF_OFFSET);
  const where = new Map<string, { start: number; placed: PlacedField[] }>([
    ['Header', { start: 0, placed: headerBytes.placed }],
    ['SelfDef', { start: SELF_DEF_OFFSET, placed: selfDefBytes.placed }],
  ]);
  sections.forEach(({ s }, i) => {
    let at = state.placement.get(s.key)!.off;
    encoded[i]!.forEach((o, j) => {
      out.set(o.bytes, at);
      where.set(`${s.key}[${j}]`, { start: at, placed: o.placed });
      at += o.bytes.length;
    });
  });
  if (options.overrides) applyOverrides(st, state, out, options.overrides, where);
  return out;
}
