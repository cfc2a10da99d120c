import type { EbcdicCodec } from './ebcdic.js';
import { DEFAULT_CODE_PAGE, ebcdic } from './ebcdic.js';
import type { ErrorKind, Severity } from './errors.js';
import { opsOf } from './field-types.js';
import type { DecodeContext, SectionValue } from './fields.js';
import type { PlacedField } from './layout.js';
import { maximumSectionLength, minimumSectionLength, SELF_DEF_OFFSET, sectionLayout, subtypeDef, tripletField, tripletSections } from './layout.js';
import { readSmallUint, toHex } from './primitives.js';
import type { CanonicalRecord, DecodeOptions, DecodeResult } from './record.js';
import { Diagnostics, EXTRA_KEY, HEADER_LENGTH, RAW_KEY, RECORD_TYPE } from './record.js';
import type { ObservedTriplet } from './rules.js';
import { failedHandshakeApplies, failedHandshakeClears, flagIsOn, inferRelease, presenceRules } from './rules.js';
import type { FlagRef, Release, SectionKey, SubtypeDef } from './types.js';
import { LATEST_RELEASE } from './types.js';

// The record decoder: walks the self-defining section and reads each occurrence, either with a compiled
// reader (spec/compile.ts) or, field by field, with the interpreter below, which also traces every field
// for annotated dumps and reads sections shorter than their layout. Work and diagnostics are bounded by
// the record's size.

/** Reads one complete occurrence (all of its layout's bytes are present) into `out`. */
export type OccurrenceReader = (b: Uint8Array, start: number, out: SectionValue, state: DecodeState) => void;
/** Compiled readers by layout, or undefined where the interpreter must read. */
export type ReaderFactory = (fields: readonly PlacedField[], release: Release) => OccurrenceReader;

/** The decoding context of one record; fields move as the decoder goes (no per-field allocation). */
export class DecodeState implements DecodeContext {
  readonly codec: EbcdicCodec;
  readonly release: Release;
  readonly diags: Diagnostics;
  readonly root: string;
  readonly record: CanonicalRecord = {};
  /** Section and occurrence being read (label 'TLS[0]' is built only for a diagnostic). */
  key: SectionKey = 'Header';
  index = -1;
  field = '';
  offset = 0;
  siblings: SectionValue = {};

  constructor(codec: EbcdicCodec, release: Release, diags: Diagnostics, root: string) {
    this.codec = codec;
    this.release = release;
    this.diags = diags;
    this.root = root;
  }

  get path(): string[] {
    return [this.root, this.index < 0 ? this.key : `${this.key}[${this.index}]`];
  }

  enter(key: SectionKey, index: number, values: SectionValue): void {
    this.key = key;
    this.index = index;
    this.siblings = values;
  }

  /** Points diagnostics at a field (the compiled readers call it only before a field that reports). */
  at(field: string, offset: number): this {
    this.field = field;
    this.offset = offset;
    return this;
  }

  ipv6(ref: FlagRef): boolean {
    return flagIsOn(ref, this.record, { key: this.key, values: this.siblings });
  }

  diag(severity: Severity, kind: ErrorKind, message: string): void {
    const key = this.repeatKey(kind);
    if (this.diags.admit(key)) this.diags.push(key, severity, kind, [...this.path, this.field], message, this.offset);
  }

  /** Repeat keys by kind, section and field, built once a record: a flood of capped repeats then costs lookups, not new strings to hash. */
  private repeatKeys: Map<string, Map<string, Map<string, string>>> | undefined;

  private repeatKey(kind: ErrorKind): string {
    const byKind = (this.repeatKeys ??= new Map());
    let bySection = byKind.get(kind);
    if (bySection === undefined) byKind.set(kind, (bySection = new Map()));
    let byField = bySection.get(this.key);
    if (byField === undefined) bySection.set(this.key, (byField = new Map()));
    let key = byField.get(this.field);
    if (key === undefined) byField.set(this.field, (key = `${kind}\u0000${this.root}\u0000${this.key}\u0000${this.field}`));
    return key;
  }
}

/** The interpreter: reads fields one by one, tolerating a section that ends early, tracing each field. */
function decodeFields(placed: readonly PlacedField[], bytes: Uint8Array, start: number, available: number, state: DecodeState, onField: DecodeOptions['onField'], reportAbsent: boolean): void {
  const values = state.siblings;
  for (const p of placed) {
    const f = p.def;
    if (p.offset + f.length > available) {
      const path = [...state.path, f.name];
      if (p.offset < available) state.diags.add('error', 'field-truncated', path, `section ends ${available - p.offset} byte(s) into this ${f.length}-byte field`, start + p.offset);
      else if (reportAbsent && f.name !== 'reserved') state.diags.add('info', 'field-absent', path, `not in this (shorter, older) section of ${available} bytes`, start + p.offset);
      continue;
    }
    const at = start + p.offset;
    state.at(f.name, at);
    opsOf(f).decode(state, f, f.type, bytes, at, at + f.length, values);
    onField?.({ path: [...state.path, f.name], offset: at, length: f.length, value: values[f.name] });
  }
}

interface Triplet extends ObservedTriplet {
  off: number;
}

interface Readers {
  /** Compiled readers, or null for the interpreter only. */
  compiled: ReaderFactory | null;
  onField: DecodeOptions['onField'];
}

function readOccurrence(placed: readonly PlacedField[], length: number, bytes: Uint8Array, start: number, available: number, state: DecodeState, readers: Readers, reportAbsent: boolean): void {
  if (readers.compiled !== null && readers.onField === undefined && available >= length) readers.compiled(placed, state.release)(bytes, start, state.siblings, state);
  else decodeFields(placed, bytes, start, available, state, readers.onField, reportAbsent);
}

const prefixCache = new WeakMap<readonly PlacedField[], PlacedField[]>();

/** The fixed part of a variable entry (its length and type), one array per layout so compiled readers are reused. */
function entryPrefix(fields: readonly PlacedField[]): PlacedField[] {
  let prefix = prefixCache.get(fields);
  if (!prefix) prefixCache.set(fields, (prefix = fields.slice(0, 2)));
  return prefix;
}

function decodeDnEntries(t: Triplet, bytes: Uint8Array, end: number, state: DecodeState, readers: Readers): SectionValue[] {
  const s = t.section;
  const layout = sectionLayout(s, state.release);
  const prefix = entryPrefix(layout.fields);
  const text = layout.fields[2]!.def;
  const entries: SectionValue[] = [];
  let at = t.off;
  for (let i = 0; i < t.num; i++) {
    const entry: SectionValue = {};
    state.enter(s.key, i, entry);
    if (at + 4 > end) {
      state.diags.add('error', 'count-overflow', state.path, `${s.triplet}Num says ${t.num} entries but the record ends after ${i}`, at);
      break;
    }
    const entryLength = readSmallUint(bytes, at, 2);
    if (entryLength < 4 || at + entryLength > end) {
      state.diags.add('error', 'triplet-out-of-bounds', [...state.path, layout.fields[0]!.def.name], `entry length ${entryLength} does not fit (needs 4..${end - at})`, at);
      break;
    }
    readOccurrence(prefix, 4, bytes, at, 4, state, readers, false);
    state.at(text.name, at + 4);
    opsOf(text).decode(state, text, text.type, bytes, at + 4, at + entryLength, entry);
    readers.onField?.({ path: [...state.path, text.name], offset: at + 4, length: entryLength - 4, value: entry[text.name] });
    if (text.type.kind === 'varText' && entryLength - 4 > text.type.max) state.diag('warning', 'value-out-of-range', `DN text of ${entryLength - 4} bytes exceeds the documented ${text.type.max}`);
    entries.push(entry);
    at += entryLength;
  }
  return entries;
}

function crossChecks(st: SubtypeDef, state: DecodeState): void {
  const { record, root, release, diags } = state;
  for (const { section, flag } of presenceRules(st)) {
    const list = record[section] as SectionValue[] | undefined;
    const holder = (record[flag.section] as SectionValue[] | undefined)?.[0];
    const bits = holder?.[flag.field];
    if (list === undefined || typeof bits !== 'number') continue;
    const flagged = (bits & flag.mask) !== 0;
    if (flagged !== list.length > 0) {
      diags.add('warning', 'invalid-value', [root, `${flag.section}[0]`, flag.field], `${section} bit is ${flagged ? 'on' : 'off'} but the record has ${list.length} ${section} section(s) (inferred pairing)`);
    }
  }
  for (const s of st.sections) {
    const rule = s.failedHandshake;
    const list = record[s.key] as SectionValue[] | undefined;
    if (!rule || !list) continue;
    list.forEach((values, i) => {
      if (!failedHandshakeApplies(rule, release, record, { key: s.key, values })) return;
      for (const name of failedHandshakeClears(s, release)) {
        const v = values[name];
        if (v === undefined) continue;
        const zero = v === 0 || v === '0' || v === '' || v === null || v === '0.0.0.0' || v === '::';
        if (!zero) diags.add('warning', 'failed-handshake-rule', [root, `${s.key}[${i}]`, name], 'should be zero/blank in a failed-handshake section');
      }
      for (const [name, want] of Object.entries(rule.fixed ?? {})) {
        if (values[name] !== undefined && values[name] !== want) diags.add('warning', 'failed-handshake-rule', [root, `${s.key}[${i}]`, name], `should be ${JSON.stringify(want)} in a failed-handshake section`);
      }
    });
  }
}

function decodeFixedSection(t: Triplet, st: SubtypeDef, bytes: Uint8Array, end: number, state: DecodeState, readers: Readers): SectionValue[] {
  const s = t.section;
  const { root, diags, release } = state;
  const minimum = s.layoutKnown ? minimumSectionLength(s) : 0;
  const fitting = Math.floor((end - t.off) / t.len);
  // A count the record cannot hold is refused at once (one diagnostic), not read occurrence by occurrence.
  let count = t.num <= fitting ? t.num : 0;
  if (count < t.num) diags.add('error', fitting === 0 ? 'triplet-out-of-bounds' : 'count-overflow', [root, 'SelfDef', tripletField(st, s.key, 'tripletNum')], `${t.num} x ${t.len} bytes from offset ${t.off} pass the record end ${end}; the section is not read`);
  const tooShort = s.layoutKnown && t.len < minimum;
  if (tooShort) {
    // Every occurrence would be malformed the same way: say so once and read only the first.
    diags.add('error', 'section-too-short', [root, `${s.key}[0]`], `${t.len} bytes; the shortest known layout is ${minimum}${count > 1 ? `; the other ${count - 1} occurrence(s) are not read` : ''}`, t.off);
    count = Math.min(count, 1);
  }
  const layout = s.layoutKnown ? sectionLayout(s, release) : null;
  const known = s.layoutKnown ? Math.max(layout!.length, maximumSectionLength(s)) : 0;
  const occurrences: SectionValue[] = [];
  for (let i = 0; i < count; i++) {
    const start = t.off + i * t.len;
    const values: SectionValue = {};
    state.enter(s.key, i, values);
    if (layout === null) {
      if (i === 0) diags.add('info', 'unknown-layout', state.path, `${s.title}: layout not documented; bytes of ${count === 1 ? 'the occurrence' : `all ${count} occurrences`} kept as ${RAW_KEY}`, start);
      values[RAW_KEY] = toHex(bytes, start, start + t.len);
      readers.onField?.({ path: [...state.path, RAW_KEY], offset: start, length: t.len, value: undefined });
      occurrences.push(values);
      continue;
    }
    // A section shorter than any layout is reported once above, not field by field.
    readOccurrence(layout.fields, layout.length, bytes, start, t.len, state, readers, !tooShort);
    if (t.len > layout.length) {
      values[EXTRA_KEY] = toHex(bytes, start + layout.length, start + t.len);
      readers.onField?.({ path: [...state.path, EXTRA_KEY], offset: start + layout.length, length: t.len - layout.length, value: undefined });
      diags.add('info', 'section-longer', state.path, `${t.len} bytes; release ${release} defines ${layout.length}${t.len > known ? ' (longer than any known release)' : ''}: the rest is kept as ${EXTRA_KEY}`, start + layout.length);
    }
    occurrences.push(values);
  }
  return occurrences;
}

function decodeRecord(bytes: Uint8Array, options: DecodeOptions, diags: Diagnostics, compiled: ReaderFactory | null): Omit<DecodeResult, 'diagnostics'> {
  const none = { record: null, subtype: null, release: null, releaseInferred: false };
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
  if (declared !== bytes.length) diags.add('error', 'length-mismatch', [root, 'Header', 'SMF119HDLength'], `says ${declared} bytes but the record has ${bytes.length}`, 0);
  // Never read past the declared length when it is plausible; otherwise past the bytes we have.
  const end = declared >= HEADER_LENGTH + 4 && declared <= bytes.length ? declared : bytes.length;

  const trn = readSmallUint(bytes, SELF_DEF_OFFSET, 2);
  const allTriplets = st.sections.filter((s) => s.triplet !== undefined);
  const fitting = Math.min(trn, Math.floor((end - SELF_DEF_OFFSET - 4) / 8));
  if (fitting < trn) diags.add('error', 'truncated', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets do not fit in the record; reading ${fitting}`, SELF_DEF_OFFSET);
  const readable = Math.min(fitting, allTriplets.length);
  if (trn > allTriplets.length) diags.add('warning', 'triplet-count', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets; the tables know ${allTriplets.length}, the rest are ignored`, SELF_DEF_OFFSET);
  const triplets: Triplet[] = allTriplets.slice(0, readable).map((section, k) => {
    const at = SELF_DEF_OFFSET + 4 + 8 * k;
    return { section, off: readSmallUint(bytes, at, 4), len: readSmallUint(bytes, at + 4, 2), num: readSmallUint(bytes, at + 6, 2) };
  });

  const releaseInferred = options.release === undefined;
  const release = options.release ?? inferRelease(st, trn, triplets);
  const expected = tripletSections(st, release).length;
  if (trn !== expected) diags.add('warning', 'triplet-count', [root, 'SelfDef', 'SMF119SD_TRN'], `${trn} triplets; release ${release} writes ${expected}`, SELF_DEF_OFFSET);

  const state = new DecodeState(ebcdic(options.codePage ?? DEFAULT_CODE_PAGE), release, diags, root);
  const readers: Readers = { compiled, onField: options.onField };
  const record = state.record;
  const header: SectionValue = {};
  record['Header'] = header;
  state.enter('Header', -1, header);
  const headerLayout = sectionLayout(st.sections[0]!, release);
  readOccurrence(headerLayout.fields, headerLayout.length, bytes, 0, HEADER_LENGTH, state, readers, false);
  if (readSmallUint(bytes, 2, 2) !== 0) diags.add('warning', 'framing', [root, 'Header', 'SMF119HDSegDesc'], 'non-zero segment descriptor in a logical record (spanned segment not reassembled?)', 2);
  const selfDef: SectionValue = {};
  record['SelfDef'] = selfDef;
  state.enter('SelfDef', -1, selfDef);
  readOccurrence(selfDefPrefix(st, readable), 4 + 8 * readable, bytes, SELF_DEF_OFFSET, 4 + 8 * fitting, state, readers, false);

  const dataStart = SELF_DEF_OFFSET + 4 + 8 * fitting;
  for (const t of triplets) {
    const s = t.section;
    const tripletPath = [root, 'SelfDef', tripletField(st, s.key, 'tripletOff')];
    if (t.num === 0) {
      if (t.off !== 0 || t.len !== 0) diags.add('info', 'triplet-out-of-bounds', tripletPath, `Num is 0 but Off/Len are ${t.off}/${t.len}`);
      record[s.key] = [];
    } else if (t.off < dataStart || t.off >= end) {
      diags.add('error', 'triplet-out-of-bounds', tripletPath, `offset ${t.off} is outside the data area ${dataStart}..${end - 1}`);
      record[s.key] = [];
    } else if (s.variable) {
      record[s.key] = decodeDnEntries(t, bytes, end, state, readers);
    } else if (t.len === 0) {
      diags.add('error', 'section-too-short', [root, 'SelfDef', tripletField(st, s.key, 'tripletLen')], `${s.title} has Num ${t.num} but Len 0`);
      record[s.key] = [];
    } else {
      record[s.key] = decodeFixedSection(t, st, bytes, end, state, readers);
    }
  }
  // Sections whose triplet the record does not carry stay out of the record (not the same as empty).
  crossChecks(st, state);
  return { record, subtype: st.subtype, release, releaseInferred };
}

const selfDefCache = new WeakMap<SubtypeDef, PlacedField[][]>();

/** The self-defining section's fields for a record carrying `count` triplets. */
function selfDefPrefix(st: SubtypeDef, count: number): PlacedField[] {
  let byCount = selfDefCache.get(st);
  if (!byCount) {
    const all = sectionLayout(st.sections[1]!, LATEST_RELEASE).fields;
    byCount = Array.from({ length: (all.length - 2) / 3 + 1 }, (_, n) => all.slice(0, 2 + 3 * n));
    selfDefCache.set(st, byCount);
  }
  return byCount[count]!;
}

/**
 * Decodes one logical record (RDW included). Never throws: problems are typed diagnostics with paths.
 * `compiled` supplies readers for complete occurrences; null reads everything with the interpreter.
 */
export function decodeWith(bytes: Uint8Array, options: DecodeOptions, compiled: ReaderFactory | null): DecodeResult {
  const diags = new Diagnostics();
  try {
    return { ...decodeRecord(bytes, options, diags, compiled), diagnostics: diags.finish() };
  } catch (e) {
    diags.add('error', 'internal-error', ['record'], `decoder fault: ${e instanceof Error ? e.message : String(e)}`);
    return { record: null, subtype: null, release: null, releaseInferred: false, diagnostics: diags.finish() };
  }
}
