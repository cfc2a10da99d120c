import type { EbcdicCodec } from './ebcdic.js';
import { EBCDIC_BLANK, encodeStrict, firstUnmappable } from './ebcdic.js';
import type { Diagnostic, ErrorKind, Severity } from './errors.js';
import { ZertError } from './errors.js';
import { codeLegalIn, findCode } from './layout.js';
import {
  certTextToIso, decodePackedDate, encodePackedDate, formatIPv4, formatIPv6, formatTimeOfDay, HUNDREDTHS_PER_DAY,
  isAll, isoToCertText, isoToStck, parseHex, parseIPv4, parseIPv6, parseTimeOfDay, parseUnsigned, readSmallUint, readUint, stckToIso,
  toHex, TOD_UNITS_PER_MICROSECOND, writeUint,
} from './primitives.js';
import type { CodeSet, FieldDef, FlagRef, Release } from './types.js';
import { releaseIndex } from './types.js';

// One codec per field type: canonical value <-> bytes. Used by the record encoder/decoder, the JSON Schema
// generator (via canonicalKind) and the annotated hex dump.

export type SectionValue = Record<string, unknown>;

export interface FieldContext {
  codec: EbcdicCodec;
  release: Release;
  path: string[];
  /** Values of the same section occurrence seen so far (canonical form). */
  siblings: SectionValue;
  ipv6(ref: FlagRef): boolean;
}

export interface DecodeContext extends FieldContext {
  /** Record offset of the field's first byte. */
  offset: number;
  diag(severity: Severity, kind: ErrorKind, message: string): void;
}

function fail(ctx: FieldContext, f: FieldDef, kind: ErrorKind, message: string): never {
  throw new ZertError(kind, [...ctx.path, f.name], message);
}

export function isUint64(f: FieldDef): boolean {
  return f.length > 6;
}

/** Value written when a record leaves the field out. */
export function defaultValue(f: FieldDef, ctx?: Pick<FieldContext, 'ipv6'>): unknown {
  if (f.default !== undefined) return f.default;
  switch (f.type.kind) {
    case 'uint':
    case 'derived':
      return isUint64(f) ? '0' : 0;
    case 'enum':
    case 'flags':
      return 0;
    case 'text':
    case 'cipher':
    case 'varText':
    case 'sizedBytes':
      return '';
    case 'ip':
      return ctx?.ipv6(f.type.ipv6When) ? '::' : '0.0.0.0';
    case 'timeOfDay':
      return '00:00:00.00';
    case 'todDuration':
      return '0';
    case 'packedDate':
    case 'certTime':
    case 'stck':
    case 'reserved':
      return null;
  }
}

const companionKeys = new WeakMap<FieldDef, string>();

/** Key of the derived value shown beside a field (enum name, flag names, seconds), or undefined. */
export function companionKey(f: FieldDef): string | undefined {
  const suffix = f.type.kind === 'enum' ? '.name' : f.type.kind === 'flags' ? '.flags' : f.type.kind === 'todDuration' ? '.seconds' : undefined;
  if (!suffix) return undefined;
  let key = companionKeys.get(f);
  if (key === undefined) {
    key = f.name + suffix;
    companionKeys.set(f, key);
  }
  return key;
}

/** The derived value shown beside a field's value: enum name, names of set flags, duration in seconds. */
export function companionValue(f: FieldDef, value: unknown): unknown {
  const t = f.type;
  if (t.kind === 'enum' && typeof value === 'number') return findCode(t.codes, value)?.name ?? null;
  if (t.kind === 'flags' && typeof value === 'number') {
    const names: string[] = [];
    for (const c of t.flags.codes) if (c.code !== 0 && (value & c.code) === c.code) names.push(c.name);
    return names;
  }
  if (t.kind === 'todDuration' && typeof value === 'string') return Number(BigInt(value) / TOD_UNITS_PER_MICROSECOND) / 1e6;
  return undefined;
}

function encodeText(ctx: FieldContext, f: FieldDef, value: unknown, length: number | null): Uint8Array {
  if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected text, got ${JSON.stringify(value)}`);
  const bytes = encodeStrict(ctx.codec, value);
  if (!bytes) {
    const bad = firstUnmappable(ctx.codec, value)!;
    fail(ctx, f, 'unmappable-character', `'${bad.char}' (U+${bad.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at index ${bad.index} has no ${ctx.codec.name} byte`);
  }
  if (length === null) return bytes;
  if (bytes.length > length) fail(ctx, f, 'text-too-long', `${bytes.length} characters do not fit in ${length}`);
  const out = new Uint8Array(length).fill(EBCDIC_BLANK);
  out.set(bytes);
  return out;
}

function checkCode(ctx: FieldContext, f: FieldDef, set: CodeSet, value: number): void {
  const code = findCode(set, value);
  if (!code) {
    if (set.complete && value !== NO_VALUE) fail(ctx, f, 'unknown-code', `${value} is not one of ${set.codes.map((c) => c.code).join(', ')}`);
    return;
  }
  if (!codeLegalIn(code, ctx.release)) fail(ctx, f, 'not-in-release', `code ${value} (${code.name}) exists from ${code.since}, not in ${ctx.release}`);
}

function checkFlags(ctx: FieldContext, f: FieldDef, set: CodeSet, value: number): void {
  const known = set.codes.reduce((m, c) => m | c.code, 0);
  if (set.complete && (value & ~known) !== 0) {
    fail(ctx, f, 'unknown-flag', `bits X'${(value & ~known).toString(16).toUpperCase().padStart(2, '0')}' have no meaning`);
  }
  for (const c of set.codes) {
    if ((value & c.code) === c.code && !codeLegalIn(c, ctx.release)) {
      fail(ctx, f, 'not-in-release', `flag X'${c.code.toString(16).toUpperCase().padStart(2, '0')}' (${c.name}) exists from ${c.since}, not in ${ctx.release}`);
    }
  }
}

function smallUnsigned(ctx: FieldContext, f: FieldDef, value: unknown): number {
  const p = parseUnsigned(value, f.length);
  if (!p.ok) fail(ctx, f, typeof value === 'number' || typeof value === 'string' ? 'value-out-of-range' : 'invalid-value', p.reason);
  return Number(p.value);
}

/** Binary fields are zero when there is no value (IBM's general SMF 119 convention), code list or not. */
const NO_VALUE = 0;

const CIPHER_SSL3 = /^[0-9A-F]{4}$/;
const CIPHER_SSL2 = /^[0-9A-F]{6}$/;
/** 'FFFFFF' (unknown version / failed handshake) is documented from 3.2 (DECK32). */
const UNKNOWN_CIPHER_SINCE: Release = '3.2';

/**
 * Bytes of one field. `explicit` is false when the value is the field's default, which is written without
 * checking it against the code sets (zero is not a code of every set).
 */
export function encodeField(ctx: FieldContext, f: FieldDef, value: unknown, explicit: boolean): Uint8Array {
  const t = f.type;
  const out = new Uint8Array(f.length);
  switch (t.kind) {
    case 'reserved':
      return out;
    case 'uint':
    case 'derived': {
      const p = parseUnsigned(value, f.length);
      if (!p.ok) fail(ctx, f, 'value-out-of-range', p.reason);
      writeUint(out, 0, f.length, p.value);
      return out;
    }
    case 'enum': {
      const v = smallUnsigned(ctx, f, value);
      if (explicit) checkCode(ctx, f, t.codes, v);
      writeUint(out, 0, f.length, BigInt(v));
      return out;
    }
    case 'flags': {
      const v = smallUnsigned(ctx, f, value);
      if (explicit) checkFlags(ctx, f, t.flags, v);
      out[0] = v;
      return out;
    }
    case 'text':
      return encodeText(ctx, f, value, f.length);
    case 'varText': {
      const bytes = encodeText(ctx, f, value, null);
      if (bytes.length > t.max) fail(ctx, f, 'text-too-long', `${bytes.length} characters exceed the maximum ${t.max}`);
      return bytes;
    }
    case 'cipher': {
      if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected cipher text, got ${JSON.stringify(value)}`);
      if (value !== '' && !CIPHER_SSL3.test(value) && !CIPHER_SSL2.test(value)) {
        fail(ctx, f, 'invalid-value', `'${value}' is neither 4 upper-case hex characters (SSLv3+) nor 6 (SSLv2 / 'FFFFFF')`);
      }
      if (explicit && value === 'FFFFFF' && releaseIndex(ctx.release) < releaseIndex(UNKNOWN_CIPHER_SINCE)) fail(ctx, f, 'not-in-release', "'FFFFFF' (unknown version) exists from 3.2");
      return encodeText(ctx, f, value, 6);
    }
    case 'ip': {
      if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected an IP address, got ${JSON.stringify(value)}`);
      const v6 = ctx.ipv6(t.ipv6When);
      const p = v6 ? parseIPv6(value) : parseIPv4(value);
      if (!p.ok) {
        const other = v6 ? parseIPv4(value) : parseIPv6(value);
        const flag = `${t.ipv6When.section} ${t.ipv6When.field} X'${t.ipv6When.mask.toString(16).toUpperCase()}'`;
        if (other.ok) fail(ctx, f, 'ip-family-mismatch', `'${value}' is IPv${v6 ? 4 : 6} but ${flag} is ${v6 ? 'on' : 'off'}`);
        fail(ctx, f, 'invalid-value', p.reason);
      }
      out.set(p.value);
      return out;
    }
    case 'timeOfDay': {
      const p = parseTimeOfDay(value);
      if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
      writeUint(out, 0, 4, BigInt(p.value));
      return out;
    }
    case 'packedDate': {
      const p = encodePackedDate(value);
      if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
      return p.value;
    }
    case 'certTime': {
      if (value === null) return out;
      if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected an ISO-8601 time, "" or null, got ${JSON.stringify(value)}`);
      if (value === '') return out.fill(EBCDIC_BLANK);
      const timeType = Number(ctx.siblings[t.typeField] ?? 0);
      const p = isoToCertText(value, timeType);
      if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
      return encodeText(ctx, f, p.value, 15);
    }
    case 'sizedBytes': {
      if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected a hex string, got ${JSON.stringify(value)}`);
      const p = parseHex(value);
      if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
      if (p.value.length > f.length) fail(ctx, f, 'value-out-of-range', `${p.value.length} bytes do not fit in ${f.length}`);
      out.set(p.value);
      return out;
    }
    case 'todDuration': {
      const p = parseUnsigned(value, 8);
      if (!p.ok) fail(ctx, f, 'value-out-of-range', p.reason);
      writeUint(out, 0, 8, p.value);
      return out;
    }
    case 'stck': {
      if (value === null) return out;
      const p = isoToStck(value);
      if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
      writeUint(out, 0, 8, p.value);
      return out;
    }
  }
}

/** Number of significant bytes a sized/variable field's value occupies (for derived length fields). */
export function significantLength(f: FieldDef, encoded: Uint8Array, value: unknown): number {
  if (f.type.kind === 'sizedBytes') return typeof value === 'string' ? value.length / 2 : 0;
  return encoded.length;
}

function trimBlanks(s: string): string {
  return s.replace(/ +$/, '');
}

/** Decodes one field into `out` (value plus companions); problems go to ctx.diag, never thrown. */
export function decodeField(ctx: DecodeContext, f: FieldDef, b: Uint8Array, out: SectionValue): void {
  const t = f.type;
  const set = (v: unknown): void => {
    out[f.name] = v;
    const key = companionKey(f);
    if (key !== undefined) out[key] = companionValue(f, v);
  };
  switch (t.kind) {
    case 'reserved':
      if (!isAll(b, 0)) ctx.diag('warning', 'reserved-nonzero', `reserved bytes hold X'${toHex(b)}'`);
      return;
    case 'uint':
    case 'derived':
    case 'todDuration':
      set(isUint64(f) ? readUint(b, 0, f.length).toString() : readSmallUint(b, 0, f.length));
      return;
    case 'enum': {
      const v = readSmallUint(b, 0, f.length);
      set(v);
      const code = findCode(t.codes, v);
      if (!code && t.codes.complete && v !== NO_VALUE) ctx.diag('warning', 'unknown-code', `${v} is not a documented code`);
      if (code && !codeLegalIn(code, ctx.release)) ctx.diag('warning', 'not-in-release', `code ${v} (${code.name}) exists from ${code.since}, not in ${ctx.release}`);
      return;
    }
    case 'flags': {
      const v = b[0]!;
      set(v);
      const known = t.flags.codes.reduce((m, c) => m | c.code, 0);
      if (t.flags.complete && (v & ~known) !== 0) ctx.diag('warning', 'unknown-flag', `bits X'${(v & ~known).toString(16).toUpperCase().padStart(2, '0')}' have no documented meaning`);
      for (const c of t.flags.codes) {
        if ((v & c.code) === c.code && !codeLegalIn(c, ctx.release)) ctx.diag('warning', 'not-in-release', `flag ${c.name} exists from ${c.since}, not in ${ctx.release}`);
      }
      return;
    }
    case 'text':
      set(trimBlanks(ctx.codec.decode(b)));
      return;
    case 'varText':
      set(ctx.codec.decode(b));
      return;
    case 'cipher': {
      const raw = ctx.codec.decode(b);
      const v = trimBlanks(raw);
      set(v);
      const ok = v === '' || (CIPHER_SSL3.test(v) && raw.endsWith('  ')) || CIPHER_SSL2.test(v);
      if (!ok) ctx.diag('warning', 'bad-cipher', `'${raw}' is not 4 hex characters + 2 blanks or 6 hex characters`);
      if (v === 'FFFFFF' && releaseIndex(ctx.release) < releaseIndex(UNKNOWN_CIPHER_SINCE)) ctx.diag('warning', 'not-in-release', "'FFFFFF' exists from 3.2");
      return;
    }
    case 'ip': {
      if (ctx.ipv6(t.ipv6When)) {
        set(formatIPv6(b));
      } else {
        set(formatIPv4(b));
        if (!isAll(b.subarray(4), 0)) ctx.diag('warning', 'nonzero-padding', `IPv4 address followed by X'${toHex(b.subarray(4))}' instead of zeros`);
      }
      return;
    }
    case 'timeOfDay': {
      const v = readSmallUint(b, 0, 4);
      if (v >= HUNDREDTHS_PER_DAY) {
        ctx.diag('error', 'bad-time', `${v} hundredths is past midnight (max ${HUNDREDTHS_PER_DAY - 1})`);
        set(null);
      } else {
        set(formatTimeOfDay(v));
      }
      return;
    }
    case 'packedDate': {
      const p = decodePackedDate(b);
      if (!p.ok) {
        ctx.diag('error', 'bad-packed-date', `X'${toHex(b)}': ${p.reason}`);
        set(null);
        return;
      }
      if (p.noDateForm) ctx.diag('info', 'no-date-form', "X'0000000F' (no date) read as null; zert-forge writes null as X'00000000'");
      set(p.value);
      return;
    }
    case 'certTime': {
      if (isAll(b, 0)) return set(null);
      const text = ctx.codec.decode(b);
      if (/^ +$/.test(text)) return set('');
      const timeType = Number(ctx.siblings[t.typeField] ?? 0);
      const core = timeType === 1 ? text.slice(0, 13) : text;
      const iso = timeType === 1 || timeType === 2 ? certTextToIso(core, timeType) : undefined;
      if (iso === undefined) {
        ctx.diag('error', 'bad-cert-time', `'${trimBlanks(text)}' is not a time of type ${timeType}`);
        return set(trimBlanks(text));
      }
      if (timeType === 1 && !isAll(b.subarray(13), EBCDIC_BLANK)) {
        ctx.diag('info', 'nonzero-padding', `UTCTime padded with X'${toHex(b.subarray(13))}'; zert-forge writes blanks`);
      }
      return set(iso);
    }
    case 'sizedBytes': {
      const n = Number(ctx.siblings[t.lengthField] ?? 0);
      if (n > f.length) {
        ctx.diag('error', 'length-exceeds-field', `${t.lengthField} says ${n} bytes but the field holds ${f.length}`);
        return set(toHex(b));
      }
      set(toHex(b.subarray(0, n)));
      if (!isAll(b.subarray(n), 0)) ctx.diag('warning', 'nonzero-padding', `bytes after the first ${n} are X'${toHex(b.subarray(n))}', not zeros`);
      return;
    }
    case 'stck': {
      const v = readUint(b, 0, 8);
      set(v === 0n ? null : stckToIso(v));
      return;
    }
  }
}

export function diagnostic(severity: Severity, kind: ErrorKind, path: string[], message: string, offset?: number): Diagnostic {
  return offset === undefined ? { severity, kind, path, message } : { severity, kind, path, message, offset };
}
