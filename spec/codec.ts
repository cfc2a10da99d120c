import type { CodePage } from './ebcdic.js';
import { DEFAULT_CODE_PAGE, EBCDIC_BLANK, ebcdic } from './ebcdic.js';
import type { Diagnostic, ErrorKind, Severity } from './errors.js';
import { ZertError } from './errors.js';
import type { DecodeContext, FieldContext, SectionValue } from './fields.js';
import { companionKey, companionValue, decodeField, defaultValue, diagnostic, encodeField, significantLength } from './fields.js';
import type { PlacedField } from './layout.js';
import {
  existsIn, maximumSectionLength, minimumSectionLength, SELF_DEF_OFFSET, sectionLayout, subtypeDef, tripletField, tripletSections,
} from './layout.js';
import { isAll, parseHex, readSmallUint, toHex } from './primitives.js';
import type { DerivedRule, FailedHandshakeRule, FieldDef, FlagRef, Release, SectionDef, SectionKey, Subtype, SubtypeDef } from './types.js';
import { isRelease, LATEST_RELEASE, RELEASES, releaseIndex } from './types.js';

/** A record in canonical JSON form: Header and SelfDef objects, then one array of occurrences per triplet section. */
export type CanonicalRecord = Record<string, unknown>;

export const MAX_RECORD_LENGTH = 32756;
const HEADER_LENGTH = 24;
const RECORD_TYPE = 119;
const EXTRA_KEY = '@extra';
const RAW_KEY = '@raw';

export interface EncodeOptions {
  release: Release;
  codePage?: CodePage;
  /**
   * Explicit overrides of written values, for invalid variants: 'Header.SMF119HDLength', 'SelfDef.SMF119S3Num',
   * 'TLS[0].SMF119SC_TLS_SCert_Serial_Len'. A value is written with the field's codec without consistency
   * checks; { raw: 'hex' } writes bytes as given.
   */
  overrides?: Record<string, unknown>;
}

export interface DecodeOptions {
  /** Release to read the record as; inferred from its structure when left out. */
  release?: Release;
  codePage?: CodePage;
  /** Called for every field read, in record order of reading (for annotated dumps). */
  onField?: (trace: FieldTrace) => void;
}

export interface FieldTrace {
  path: string[];
  /** Record offset (RDW included). */
  offset: number;
  length: number;
  /** Canonical value; undefined for reserved bytes. */
  value: unknown;
}

export interface DecodeResult {
  record: CanonicalRecord | null;
  subtype: Subtype | null;
  release: Release | null;
  releaseInferred: boolean;
  diagnostics: Diagnostic[];
}

// --- shared helpers ------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function occurrencePath(root: string, s: SectionDef, index?: number): string[] {
  return index === undefined ? [root, s.key] : [root, `${s.key}[${index}]`];
}

function flagFrom(record: CanonicalRecord, current: { key: SectionKey; values: SectionValue }, ref: FlagRef): boolean {
  const holder = ref.section === current.key ? current.values : (record[ref.section] as SectionValue[] | undefined)?.[0];
  const v = holder?.[ref.field];
  return typeof v === 'number' && (v & ref.mask) !== 0;
}

function ruleApplies(rule: FailedHandshakeRule, release: Release, record: CanonicalRecord, current: { key: SectionKey; values: SectionValue }): boolean {
  if (releaseIndex(release) < releaseIndex(rule.since)) return false;
  return rule.when.some((w) => {
    const holder = w.section === current.key ? current.values : (record[w.section] as SectionValue[] | undefined)?.[0];
    const raw = holder?.[w.field];
    if (raw === undefined || raw === null) return false;
    const v = BigInt(raw as number | string);
    if ('equals' in w.test) return v === BigInt(w.test.equals);
    if ('mask' in w.test) return (v & BigInt(w.test.mask)) !== 0n;
    return v !== 0n;
  });
}

/** Fields of a failed-handshake section that must be zero/blank but are not. */
function failedHandshakeViolations(rule: FailedHandshakeRule, placed: PlacedField[], bytes: Uint8Array): PlacedField[] {
  return placed.filter((p) => {
    if (rule.keep.includes(p.def.name) || p.def.type.kind === 'reserved') return false;
    const b = bytes.subarray(p.offset, p.offset + p.def.length);
    return b.length > 0 && !isAll(b, 0) && !isAll(b, EBCDIC_BLANK);
  });
}

// --- encode --------------------------------------------------------------------------------------

interface EncodedOccurrence {
  bytes: Uint8Array;
  /** Where each field landed inside `bytes` (for overrides). */
  placed: PlacedField[];
}

interface EncodeState {
  st: SubtypeDef;
  release: Release;
  codec: ReturnType<typeof ebcdic>;
  record: CanonicalRecord;
}

const allowedKeys = new WeakMap<SectionDef, Set<string>>();

/** Field names of a section in any release, and the keys of their companions. */
function keysOf(s: SectionDef): Set<string> {
  let keys = allowedKeys.get(s);
  if (!keys) {
    keys = new Set();
    for (const f of s.fields) {
      if (f.name === 'reserved') continue;
      keys.add(f.name);
      const companion = companionKey(f);
      if (companion) keys.add(companion);
    }
    allowedKeys.set(s, keys);
  }
  return keys;
}

function checkKeys(values: SectionValue, s: SectionDef, path: string[], extra: string): void {
  const known = keysOf(s);
  for (const key of Object.keys(values)) {
    if (key !== extra && !known.has(key)) throw new ZertError('unknown-field', [...path, key], `${s.title} has no field ${key}`);
  }
}

function encodeOccurrence(state: EncodeState, s: SectionDef, values: SectionValue, path: string[]): EncodedOccurrence {
  const { release, codec, record } = state;
  if (!isObject(values)) throw new ZertError('invalid-value', path, 'a section occurrence must be a JSON object');
  if (!s.layoutKnown) {
    checkKeys(values, s, path, RAW_KEY);
    const raw = values[RAW_KEY] ?? '';
    const p = typeof raw === 'string' ? parseHex(raw) : undefined;
    if (!p?.ok) throw new ZertError('invalid-value', [...path, RAW_KEY], `the ${s.title} layout is unknown: give its bytes as a hex string in "${RAW_KEY}"`);
    return { bytes: p.value, placed: [] };
  }
  checkKeys(values, s, path, EXTRA_KEY);
  const layout = sectionLayout(s, release);
  const present = new Set(layout.fields.map((p) => p.def));
  const current = { key: s.key, values };
  const ctx: FieldContext = { codec, release, path, siblings: values, ipv6: (ref) => flagFrom(record, current, ref) };

  for (const f of s.fields) {
    if (present.has(f) || f.name === 'reserved' || values[f.name] === undefined) continue;
    const isDefault = String(values[f.name]) === String(defaultValue(f, ctx));
    if (!isDefault) throw new ZertError('not-in-release', [...path, f.name], `${f.name} exists ${f.until ? `until ${f.until}` : `from ${f.since}`}, not in ${release}`);
  }

  // Values first, then the length fields derived from them.
  const encoded = new Map<FieldDef, Uint8Array>();
  const significant = new Map<string, number>();
  for (const { def: f } of layout.fields) {
    if (f.type.kind === 'derived') continue;
    const given = values[f.name];
    const value = given === undefined ? defaultValue(f, ctx) : given;
    const bytes = encodeField(ctx, f, value, given !== undefined);
    const key = companionKey(f);
    if (key !== undefined && values[key] !== undefined) {
      const want = companionValue(f, value);
      if (JSON.stringify(values[key]) !== JSON.stringify(want)) {
        throw new ZertError('derived-mismatch', [...path, key], `${key} is ${JSON.stringify(values[key])} but ${f.name} ${JSON.stringify(value)} means ${JSON.stringify(want)}`);
      }
    }
    encoded.set(f, bytes);
    significant.set(f.name, significantLength(f, bytes, value));
  }
  for (const { def: f } of layout.fields) {
    if (f.type.kind !== 'derived') continue;
    const d = f.type.derive;
    if (d.rule !== 'lengthOf') throw new ZertError('invalid-value', [...path, f.name], `record-level derived field in ${s.title}`);
    const value = (significant.get(d.field) ?? 0) + d.plus;
    const given = values[f.name];
    if (given !== undefined && Number(given) !== value) {
      throw new ZertError('derived-mismatch', [...path, f.name], `is ${JSON.stringify(given)} but ${d.field} makes it ${value}; use an override for an invalid variant`);
    }
    encoded.set(f, encodeField(ctx, f, value, false));
  }

  const extraHex = values[EXTRA_KEY];
  let extra: Uint8Array = new Uint8Array(0);
  if (extraHex !== undefined) {
    const p = typeof extraHex === 'string' ? parseHex(extraHex) : undefined;
    if (!p?.ok) throw new ZertError('invalid-value', [...path, EXTRA_KEY], 'expected a hex string of bytes that follow the known fields');
    extra = p.value;
  }

  const parts = layout.fields.map((p) => encoded.get(p.def)!);
  const total = parts.reduce((n, b) => n + b.length, 0) + extra.length;
  const bytes = new Uint8Array(total);
  const placed: PlacedField[] = [];
  let at = 0;
  layout.fields.forEach((p, i) => {
    placed.push({ def: p.def, offset: at });
    bytes.set(parts[i]!, at);
    at += parts[i]!.length;
  });
  bytes.set(extra, at);

  if (s.failedHandshake && ruleApplies(s.failedHandshake, release, record, current)) {
    const rule = s.failedHandshake;
    const bad = failedHandshakeViolations(rule, placed, bytes);
    if (bad.length > 0) {
      throw new ZertError('failed-handshake-rule', [...path, bad[0]!.def.name], `must be zero/blank in a failed-handshake section (only ${rule.keep.join(', ')} are kept); ${rule.note}`);
    }
    for (const [name, want] of Object.entries(rule.fixed ?? {})) {
      if (values[name] !== want) throw new ZertError('failed-handshake-rule', [...path, name], `must be ${JSON.stringify(want)} in a failed-handshake section`);
    }
  }
  return { bytes, placed };
}

function encodeFixedSection(state: EncodeState, s: SectionDef, values: SectionValue, derive: (rule: DerivedRule) => number | undefined, path: string[]): EncodedOccurrence {
  if (!isObject(values)) throw new ZertError('invalid-value', path, 'must be a JSON object');
  checkKeys(values, s, path, '');
  const layout = sectionLayout(s, state.release);
  const ctx: FieldContext = { codec: state.codec, release: state.release, path, siblings: values, ipv6: () => false };
  const bytes = new Uint8Array(layout.length);
  for (const p of layout.fields) {
    const f = p.def;
    let value: unknown = values[f.name];
    const explicit = value !== undefined;
    if (f.type.kind === 'derived') {
      const want = derive(f.type.derive);
      if (want === undefined) throw new ZertError('invalid-value', [...path, f.name], 'no derivation for this field');
      if (explicit && Number(value) !== want) {
        throw new ZertError('derived-mismatch', [...path, f.name], `is ${JSON.stringify(value)} but the record makes it ${want}; use an override for an invalid variant`);
      }
      value = want;
    } else if (!explicit) {
      value = defaultValue(f, ctx);
    }
    bytes.set(encodeField(ctx, f, value, explicit && f.type.kind !== 'derived'), p.offset);
  }
  return { bytes, placed: layout.fields };
}

function applyOverrides(
  state: EncodeState,
  out: Uint8Array,
  overrides: Record<string, unknown>,
  where: Map<string, { section: SectionDef; start: number; placed: PlacedField[] }>,
): void {
  for (const [target, value] of Object.entries(overrides)) {
    const m = /^([A-Za-z]+(?:\[\d+\])?)\.([A-Za-z0-9_]+)$/.exec(target);
    const loc = m ? where.get(m[1]!) : undefined;
    const placed = loc?.placed.find((p) => p.def.name === m![2]);
    if (!m || !loc || !placed) throw new ZertError('bad-override', [state.st.pathRoot, target], 'no such field in the encoded record (use Section[i].Field, Header.Field or SelfDef.Field)');
    const path = [state.st.pathRoot, m[1]!, m[2]!];
    let bytes: Uint8Array;
    if (isObject(value) && typeof value['raw'] === 'string') {
      const p = parseHex(value['raw']);
      if (!p.ok || p.value.length !== placed.def.length) throw new ZertError('bad-override', path, `raw override must be ${placed.def.length} bytes of hex`);
      bytes = p.value;
    } else {
      const ctx: FieldContext = { codec: state.codec, release: state.release, path: path.slice(0, 2), siblings: {}, ipv6: () => false };
      bytes = encodeField(ctx, placed.def, value, false);
    }
    out.set(bytes, loc.start + placed.offset);
  }
}

/** Encodes a canonical record as the exact bytes of one SMF 119 record (RDW included). Throws ZertError. */
export function encode(record: CanonicalRecord, options: EncodeOptions): Uint8Array {
  const { release } = options;
  if (!isRelease(release)) throw new ZertError('invalid-value', ['release'], `release must be one of ${RELEASES.join(', ')}`);
  if (!isObject(record)) throw new ZertError('invalid-value', ['record'], 'a record must be a JSON object');
  const header = record['Header'];
  if (!isObject(header)) throw new ZertError('invalid-value', ['record', 'Header'], 'Header is required (it names the subtype)');
  const st = subtypeDef(Number(header['SMF119HDSubType']));
  if (!st) throw new ZertError('unknown-subtype', ['record', 'Header', 'SMF119HDSubType'], `subtype ${JSON.stringify(header['SMF119HDSubType'])} is not 11 or 12`);
  const root = st.pathRoot;
  const state: EncodeState = { st, release, codec: ebcdic(options.codePage ?? DEFAULT_CODE_PAGE), record };

  const triplets = tripletSections(st, release);
  for (const key of Object.keys(record)) {
    const s = st.sections.find((x) => x.key === key);
    if (!s) throw new ZertError('unknown-section', [root, key], `subtype ${st.subtype} has no section ${key}`);
    if (!existsIn(s, release) && !(Array.isArray(record[key]) && (record[key] as unknown[]).length === 0)) {
      throw new ZertError('not-in-release', [root, key], `${s.title} exists from ${s.since}, not in ${release}`);
    }
  }

  const encodedSections = triplets.map((s) => {
    const given = record[s.key];
    const list = given === undefined ? (s.occurs === 'one' ? [{}] : []) : given;
    if (!Array.isArray(list)) throw new ZertError('invalid-value', [root, s.key], 'must be an array of occurrences');
    return { s, occurrences: list.map((v, i) => encodeOccurrence(state, s, v as SectionValue, occurrencePath(root, s, i))) };
  });

  const selfDefLength = 4 + 8 * triplets.length;
  let offset = HEADER_LENGTH + selfDefLength;
  const placement = new Map<SectionKey, { off: number; len: number; num: number }>();
  const starts: number[] = [];
  for (const { s, occurrences } of encodedSections) {
    const lengths = occurrences.map((o) => o.bytes.length);
    const total = lengths.reduce((a, b) => a + b, 0);
    if (!s.variable && new Set(lengths).size > 1) {
      throw new ZertError('invalid-value', [root, s.key], `occurrences differ in length (${lengths.join(', ')}); one triplet Len cannot describe them`);
    }
    if (occurrences.length > 0xffff) throw new ZertError('value-out-of-range', [root, s.key], 'more than 65535 occurrences');
    const present = occurrences.length > 0;
    placement.set(s.key, { off: present ? offset : 0, len: present ? (s.variable ? total : lengths[0]!) : 0, num: occurrences.length });
    starts.push(offset);
    offset += total;
  }
  const length = offset;
  if (length > MAX_RECORD_LENGTH) throw new ZertError('record-too-long', [root], `${length} bytes exceed the SMF maximum ${MAX_RECORD_LENGTH}`);

  const headerDef = st.sections[0]!;
  const selfDef = st.sections[1]!;
  const out = new Uint8Array(length);
  // Record-level derived values, by the rule each field declares in the tables.
  const derive = (d: DerivedRule): number | undefined => {
    switch (d.rule) {
      case 'recordLength':
        return length;
      case 'segmentDescriptor':
        return 0;
      case 'recordType':
        return RECORD_TYPE;
      case 'tripletCount':
        return triplets.length;
      case 'tripletOff':
        return placement.get(d.section)?.off;
      case 'tripletLen':
        return placement.get(d.section)?.len;
      case 'tripletNum':
        return placement.get(d.section)?.num;
      case 'lengthOf':
        return undefined;
    }
  };
  const headerBytes = encodeFixedSection(state, headerDef, header, derive, [root, 'Header']);
  const selfDefBytes = encodeFixedSection(state, selfDef, (record['SelfDef'] as SectionValue | undefined) ?? {}, derive, [root, 'SelfDef']);
  out.set(headerBytes.bytes, 0);
  out.set(selfDefBytes.bytes, SELF_DEF_OFFSET);

  const where = new Map<string, { section: SectionDef; start: number; placed: PlacedField[] }>([
    ['Header', { section: headerDef, start: 0, placed: headerBytes.placed }],
    ['SelfDef', { section: selfDef, start: SELF_DEF_OFFSET, placed: selfDefBytes.placed }],
  ]);
  encodedSections.forEach(({ s, occurrences }, i) => {
    let at = starts[i]!;
    occurrences.forEach((o, j) => {
      out.set(o.bytes, at);
      where.set(`${s.key}[${j}]`, { section: s, start: at, placed: o.placed });
      at += o.bytes.length;
    });
  });
  if (options.overrides) applyOverrides(state, out, options.overrides, where);
  return out;
}

// --- decode --------------------------------------------------------------------------------------

class Diagnostics {
  readonly list: Diagnostic[] = [];
  add(severity: Severity, kind: ErrorKind, path: string[], message: string, offset?: number): void {
    this.list.push(diagnostic(severity, kind, path, message, offset));
  }
}

interface Triplet {
  section: SectionDef;
  off: number;
  len: number;
  num: number;
}

function inferRelease(st: SubtypeDef, trn: number, triplets: Triplet[]): Release {
  if (st.subtype === 11) return trn >= 8 ? LATEST_RELEASE : '2.4';
  // Subtype 12 keeps 6 triplets; only the V2 section lengths tell 3.2 apart.
  const common = triplets.find((t) => t.section.key === 'Common');
  return common && common.len >= sectionLayout(common.section, '3.2').length ? '3.2' : '3.1';
}

function decodeFields(
  placedFields: PlacedField[],
  bytes: Uint8Array,
  start: number,
  available: number,
  base: DecodeBase & { key: SectionKey; path: string[]; reportAbsent: boolean },
): SectionValue {
  const values: SectionValue = {};
  const current = { key: base.key, values };
  // One context per occurrence (not per field): decoding is hot, and the path is only built when needed.
  let field: FieldDef = placedFields[0]?.def as FieldDef;
  const ctx: DecodeContext = {
    codec: base.codec,
    release: base.release,
    path: base.path,
    siblings: values,
    ipv6: (ref) => flagFrom(base.record, current, ref),
    offset: 0,
    diag: (sev, kind, msg) => base.diags.add(sev, kind, [...base.path, field.name], msg, ctx.offset),
  };
  for (const p of placedFields) {
    const f = p.def;
    if (p.offset + f.length > available) {
      if (p.offset < available) base.diags.add('error', 'field-truncated', [...base.path, f.name], `section ends ${available - p.offset} byte(s) into this ${f.length}-byte field`, start + p.offset);
      else if (base.reportAbsent && f.name !== 'reserved') base.diags.add('info', 'field-absent', [...base.path, f.name], `not in this (shorter, older) section of ${available} bytes`, start + p.offset);
      continue;
    }
    field = f;
    ctx.offset = start + p.offset;
    decodeField(ctx, f, bytes.subarray(ctx.offset, ctx.offset + f.length), values);
    base.onField?.({ path: [...base.path, f.name], offset: ctx.offset, length: f.length, value: values[f.name] });
  }
  return values;
}

interface DecodeBase {
  release: Release;
  codec: ReturnType<typeof ebcdic>;
  record: CanonicalRecord;
  diags: Diagnostics;
  onField: DecodeOptions['onField'];
}

function decodeDnEntries(t: Triplet, bytes: Uint8Array, end: number, base: DecodeBase & { root: string }): SectionValue[] {
  const s = t.section;
  const [lenField, , textField] = sectionLayout(s, base.release).fields;
  const entries: SectionValue[] = [];
  let at = t.off;
  for (let i = 0; i < t.num; i++) {
    const path = occurrencePath(base.root, s, i);
    if (at + 4 > end) {
      base.diags.add('error', 'count-overflow', path, `${s.triplet}Num says ${t.num} entries but the record ends after ${i}`, at);
      break;
    }
    const entryLength = readSmallUint(bytes, at, 2);
    if (entryLength < 4 || at + entryLength > end) {
      base.diags.add('error', 'triplet-out-of-bounds', [...path, lenField!.def.name], `entry length ${entryLength} does not fit (needs 4..${end - at})`, at);
      break;
    }
    const entry = decodeFields(sectionLayout(s, base.release).fields.slice(0, 2), bytes, at, 4, { ...base, key: s.key, path, reportAbsent: false });
    const textPath = [...path, textField!.def.name];
    decodeField(
      {
        codec: base.codec, release: base.release, path, siblings: entry, ipv6: () => false, offset: at + 4,
        diag: (sev, kind, msg) => base.diags.add(sev, kind, textPath, msg, at + 4),
      },
      textField!.def,
      bytes.subarray(at + 4, at + entryLength),
      entry,
    );
    base.onField?.({ path: textPath, offset: at + 4, length: entryLength - 4, value: entry[textField!.def.name] });
    if (entryLength - 4 > 1024) base.diags.add('warning', 'value-out-of-range', textPath, `DN text of ${entryLength - 4} bytes exceeds the documented 1024`, at + 4);
    entries.push(entry);
    at += entryLength;
  }
  return entries;
}

function crossChecks(st: SubtypeDef, release: Release, record: CanonicalRecord, diags: Diagnostics): void {
  const root = st.pathRoot;
  const common = (record['Common'] as SectionValue[] | undefined)?.[0];
  const protosField = st.subtype === 11 ? 'SMF119SC_SASecProtos' : 'SMF119SS_SASecProtos';
  const protos = common?.[protosField];
  if (typeof protos === 'number') {
    for (const [mask, key] of [[0x80, 'TLS'], [0x40, 'SSH'], [0x20, 'IPSec']] as const) {
      const list = record[key] as SectionValue[] | undefined;
      if (list === undefined) continue;
      const flagged = (protos & mask) !== 0;
      if (flagged !== list.length > 0) {
        diags.add('warning', 'invalid-value', [root, 'Common[0]', protosField], `${key} bit is ${flagged ? 'on' : 'off'} but the record has ${list.length} ${key} section(s) (inferred pairing)`);
      }
    }
  }
  for (const s of st.sections) {
    const rule = s.failedHandshake;
    const list = record[s.key] as SectionValue[] | undefined;
    if (!rule || !list) continue;
    list.forEach((values, i) => {
      if (!ruleApplies(rule, release, record, { key: s.key, values })) return;
      const defaults = sectionLayout(s, release).fields.filter((p) => !rule.keep.includes(p.def.name) && p.def.type.kind !== 'reserved');
      for (const p of defaults) {
        const v = values[p.def.name];
        if (v === undefined) continue;
        const zero = v === 0 || v === '0' || v === '' || v === null || v === '0.0.0.0' || v === '::';
        if (!zero) diags.add('warning', 'failed-handshake-rule', [root, `${s.key}[${i}]`, p.def.name], 'should be zero/blank in a failed-handshake section');
      }
      for (const [name, want] of Object.entries(rule.fixed ?? {})) {
        if (values[name] !== undefined && values[name] !== want) diags.add('warning', 'failed-handshake-rule', [root, `${s.key}[${i}]`, name], `should be ${JSON.stringify(want)} in a failed-handshake section`);
      }
    });
  }
}

function decodeRecord(bytes: Uint8Array, options: DecodeOptions, diags: Diagnostics): Omit<DecodeResult, 'diagnostics'> {
  const none = { record: null, subtype: null, release: null, releaseInferred: false };
  const codec = ebcdic(options.codePage ?? DEFAULT_CODE_PAGE);
  if (bytes.length < HEADER_LENGTH + 4) {
    diags.add('error', 'truncated', ['record'], `${bytes.length} bytes cannot hold the 24-byte header and the triplet count`);
    return none;
  }
  const type = bytes[5]!;
  const subtype = readSmallUint(bytes, 22, 2);
  if (type !== RECORD_TYPE) {
    diags.add('error', 'not-smf119', ['record', 'Header', 'SMF119HDType'], `record type is ${type}, not 119`, 5);
    return none;
  }
  const st = subtypeDef(subtype);
  if (!st) {
    diags.add('error', 'unknown-subtype', ['record', 'Header', 'SMF119HDSubType'], `subtype ${subtype} is not 11 or 12`, 22);
    return none;
  }
  const root = st.pathRoot;
  const declared = readSmallUint(bytes, 0, 2);
  if (declared !== bytes.length) {
    diags.add('error', 'length-mismatch', [root, 'Header', 'SMF119HDLength'], `says ${declared} bytes but the record has ${bytes.length}`, 0);
  }
  // Never read past the declared length when it is plausible; otherwise past the bytes we have.
  const end = declared >= HEADER_LENGTH + 4 && declared <= bytes.length ? declared : bytes.length;

  const trn = readSmallUint(bytes, SELF_DEF_OFFSET, 2);
  const allTriplets = st.sections.filter((s) => s.triplet !== undefined);
  const fitting = Math.min(trn, Math.floor((end - SELF_DEF_OFFSET - 4) / 8));
  if (fitting < trn) diags.add('error', 'truncated', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets do not fit in the record; reading ${fitting}`, SELF_DEF_OFFSET);
  if (trn > allTriplets.length) diags.add('warning', 'triplet-count', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets; the tables know ${allTriplets.length}, the rest are ignored`, SELF_DEF_OFFSET);
  const triplets: Triplet[] = allTriplets.slice(0, fitting).map((section, k) => {
    const at = SELF_DEF_OFFSET + 4 + 8 * k;
    return { section, off: readSmallUint(bytes, at, 4), len: readSmallUint(bytes, at + 4, 2), num: readSmallUint(bytes, at + 6, 2) };
  });

  const releaseInferred = options.release === undefined;
  const release = options.release ?? inferRelease(st, trn, triplets);
  const expected = tripletSections(st, release).length;
  if (trn !== expected) diags.add('warning', 'triplet-count', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets; release ${release} writes ${expected}`, SELF_DEF_OFFSET);

  const record: CanonicalRecord = {};
  const base: DecodeBase = { release, codec, record, diags, onField: options.onField };
  record['Header'] = decodeFields(sectionLayout(st.sections[0]!, release).fields, bytes, 0, HEADER_LENGTH, { ...base, key: 'Header', path: [root, 'Header'], reportAbsent: false });
  if (readSmallUint(bytes, 2, 2) !== 0) diags.add('warning', 'framing', [root, 'Header', 'SMF119HDSegDesc'], 'non-zero segment descriptor in a logical record (spanned segment not reassembled?)', 2);
  const selfDefFields = sectionLayout(st.sections[1]!, LATEST_RELEASE).fields.slice(0, 2 + 3 * fitting);
  record['SelfDef'] = decodeFields(selfDefFields, bytes, SELF_DEF_OFFSET, 4 + 8 * fitting, { ...base, key: 'SelfDef', path: [root, 'SelfDef'], reportAbsent: false });

  const dataStart = SELF_DEF_OFFSET + 4 + 8 * fitting;
  for (const t of triplets) {
    const s = t.section;
    const tripletPath = [root, 'SelfDef', tripletField(st, s.key, 'tripletOff')];
    if (t.num === 0) {
      if (t.off !== 0 || t.len !== 0) diags.add('info', 'triplet-out-of-bounds', tripletPath, `Num is 0 but Off/Len are ${t.off}/${t.len}`);
      record[s.key] = [];
      continue;
    }
    if (t.off < dataStart || t.off >= end) {
      diags.add('error', 'triplet-out-of-bounds', tripletPath, `offset ${t.off} is outside the data area ${dataStart}..${end - 1}`);
      record[s.key] = [];
      continue;
    }
    if (s.variable) {
      record[s.key] = decodeDnEntries(t, bytes, end, { ...base, root });
      continue;
    }
    if (t.len === 0) {
      diags.add('error', 'section-too-short', [root, 'SelfDef', tripletField(st, s.key, 'tripletLen')], `${s.title} has Num ${t.num} but Len 0`);
      record[s.key] = [];
      continue;
    }
    const fits = Math.min(t.num, Math.floor((end - t.off) / t.len));
    if (fits < t.num) diags.add('error', fits === 0 ? 'triplet-out-of-bounds' : 'count-overflow', [root, 'SelfDef', tripletField(st, s.key, 'tripletNum')], `${t.num} x ${t.len} bytes from offset ${t.off} pass the record end ${end}; reading ${fits}`);
    const occurrences: SectionValue[] = [];
    for (let i = 0; i < fits; i++) {
      const start = t.off + i * t.len;
      const path = occurrencePath(root, s, i);
      if (!s.layoutKnown) {
        diags.add('info', 'unknown-layout', path, `${s.title}: layout not documented; bytes kept as ${RAW_KEY}`, start);
        occurrences.push({ [RAW_KEY]: toHex(bytes.subarray(start, start + t.len)) });
        options.onField?.({ path: [...path, RAW_KEY], offset: start, length: t.len, value: undefined });
        continue;
      }
      if (t.len < minimumSectionLength(s)) diags.add('error', 'section-too-short', path, `${t.len} bytes; the shortest known layout is ${minimumSectionLength(s)}`, start);
      const layout = sectionLayout(s, release);
      const values = decodeFields(layout.fields, bytes, start, t.len, { ...base, key: s.key, path, reportAbsent: true });
      const known = Math.max(layout.length, maximumSectionLength(s));
      if (t.len > layout.length) {
        const extraFrom = layout.length;
        values[EXTRA_KEY] = toHex(bytes.subarray(start + extraFrom, start + t.len));
        options.onField?.({ path: [...path, EXTRA_KEY], offset: start + extraFrom, length: t.len - extraFrom, value: undefined });
        diags.add('info', 'section-longer', path, `${t.len} bytes; release ${release} defines ${layout.length}${t.len > known ? ' (longer than any known release)' : ''}: the rest is kept as ${EXTRA_KEY}`, start + extraFrom);
      }
      occurrences.push(values);
    }
    record[s.key] = occurrences;
  }
  // Sections whose triplet the record does not carry stay out of the record (not the same as empty).
  crossChecks(st, release, record, diags);
  return { record, subtype: st.subtype, release, releaseInferred };
}

/** Decodes one logical record (RDW included). Never throws: problems are typed diagnostics with paths. */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const diags = new Diagnostics();
  try {
    return { ...decodeRecord(bytes, options, diags), diagnostics: diags.list };
  } catch (e) {
    diags.add('error', 'internal-error', ['record'], `decoder fault: ${e instanceof Error ? e.message : String(e)}`);
    return { record: null, subtype: null, release: null, releaseInferred: false, diagnostics: diags.list };
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
