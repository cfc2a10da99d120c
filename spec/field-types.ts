import type fcModule from 'fast-check';
import { cipherSuiteName } from './cipher-suites.js';
import { EBCDIC_BLANK, firstUnmappable, writeStrict } from './ebcdic.js';
import type { ErrorKind } from './errors.js';
import { ZertError } from './errors.js';
import type { DecodeContext, FieldContext, SectionValue } from './fields.js';
import { codeLegalIn, findCode } from './layout.js';
import {
  certTextToIso, decodePackedDate, formatIPv4, formatIPv6, formatTimeOfDay, HUNDREDTHS_PER_DAY, isAll, isoToCertText,
  parseIPv4, parseIPv6, parseTimeOfDay, parseUnsigned, readSmallUint, readUint64String, TOD_UNITS_PER_MICROSECOND, toHex,
  writeHex, writeUint64Decimal, writePackedDate, writeSmallUint, writeUint,
} from './primitives.js';
import type { CodeSet, FieldDef, FieldType, Release } from './types.js';
import { releaseIndex } from './types.js';

// One object per field type: everything zert-forge does with a field of that type (bytes <-> canonical value,
// default, JSON Schema, fast-check arbitrary, description, comparison with another parser's value) in one place.

type Kind = FieldType['kind'];
type TypeOf<K extends Kind> = Extract<FieldType, { kind: K }>;
export type FastCheck = typeof fcModule;
export type JsonSchema = Record<string, unknown>;

export interface FieldTypeOps<K extends Kind = Kind> {
  /** Value written when a record leaves the field out (the table's `default` wins over it). */
  defaultValue(f: FieldDef, t: TypeOf<K>, ipv6: boolean): unknown;
  /** Derived value shown beside the field's own under `name + suffix` (enum name, flag names, seconds), and its TypeScript type. */
  companion?: { suffix: string; tsType: string; value(t: TypeOf<K>, value: unknown): unknown };
  /** TypeScript type of the decoded value (spec/generated/record-types.ts), or null for reserved bytes. */
  tsType(f: FieldDef): string | null;
  /**
   * Writes the field into out[at ...] (every byte of it: `out` may hold anything) and returns the length of
   * its significant value (what a `lengthOf` field counts). Throws ZertError. `explicit` is false for a
   * default, which is written without checking it against code sets (zero is not a code of every set).
   */
  encode(ctx: FieldContext, f: FieldDef, t: TypeOf<K>, value: unknown, explicit: boolean, out: Uint8Array, at: number): number;
  /** Reads bytes [at, end) into out[f.name] (and its companion); problems go to ctx.diag, never thrown. */
  decode(ctx: DecodeContext, f: FieldDef, t: TypeOf<K>, b: Uint8Array, at: number, end: number, out: SectionValue): void;
  /** JSON Schema properties of the field and its companion. */
  schema(f: FieldDef, t: TypeOf<K>, described: (s: JsonSchema) => JsonSchema): Record<string, JsonSchema>;
  /** Type as the spec document names it. */
  describe(t: TypeOf<K>): string;
  /** Does `actual` (another parser's output) express the same value as our canonical `expected`? */
  compare(t: TypeOf<K>, expected: unknown, actual: unknown): boolean;
  /** Valid canonical values in a release, or undefined where the value follows from other fields. */
  arbitrary(fc: FastCheck, f: FieldDef, t: TypeOf<K>, release: Release, ipv6: boolean): fcModule.Arbitrary<unknown> | undefined;
  /**
   * The values `arbitrary` gives (the same domain, not the same distribution), drawn straight from a seeded
   * generator for bulk output; built once per field, release and address family. Undefined where `arbitrary` is,
   * except certificate times, which read their type byte from the values drawn before them.
   */
  drawer(f: FieldDef, t: TypeOf<K>, release: Release, ipv6: boolean): Drawer | undefined;
}

/** A seeded source of uniform 32-bit integers (generators/direct.ts has the one bulk generation uses). */
export interface Rng {
  /** An integer in [0, 2^32). */
  u32(): number;
}

/** Draws one canonical value; `siblings` holds the values of the section drawn so far, in layout order. */
export type Drawer = (rng: Rng, siblings: SectionValue) => unknown;

function fail(ctx: FieldContext, f: FieldDef, kind: ErrorKind, message: string): never {
  throw new ZertError(kind, [...ctx.path, f.name], message);
}

const companionKeys = new WeakMap<FieldDef, string>();

/** `name + suffix`, built once per field: a fresh concatenation per record would make every store a slow keyed one. */
function companionKeyOf(f: FieldDef, suffix: string): string {
  let key = companionKeys.get(f);
  if (key === undefined) companionKeys.set(f, (key = f.name + suffix));
  return key;
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** Binary fields are zero when there is no value (IBM's general SMF 119 convention), code list or not. */
const NO_VALUE = 0;

// --- shared writers and readers ---------------------------------------------------------------

function writeText(ctx: FieldContext, f: FieldDef, value: unknown, out: Uint8Array, at: number, capacity: number | null): number {
  if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected text, got ${JSON.stringify(value)}`);
  const unmappable = (): never => {
    const bad = firstUnmappable(ctx.codec, value)!;
    fail(ctx, f, 'unmappable-character', `'${bad.char}' (U+${bad.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at index ${bad.index} has no ${ctx.codec.name} byte`);
  };
  if (capacity !== null && value.length > capacity) {
    if (firstUnmappable(ctx.codec, value)) unmappable();
    fail(ctx, f, 'text-too-long', `${value.length} characters do not fit in ${capacity}`);
  }
  if (!writeStrict(ctx.codec, value, out, at)) unmappable();
  if (capacity !== null) out.fill(EBCDIC_BLANK, at + value.length, at + capacity);
  return value.length;
}

/** Text of bytes [at, end) without trailing blanks (X'40' is the only byte that decodes to U+0020). */
function readTrimmed(ctx: DecodeContext, b: Uint8Array, at: number, end: number): string {
  let last = end;
  while (last > at && b[last - 1] === EBCDIC_BLANK) last--;
  return ctx.codec.decode(b, at, last);
}

function smallUnsigned(ctx: FieldContext, f: FieldDef, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** (8 * f.length)) return value;
  const p = parseUnsigned(value, f.length);
  if (!p.ok) fail(ctx, f, typeof value === 'number' || typeof value === 'string' ? 'value-out-of-range' : 'invalid-value', p.reason);
  return Number(p.value);
}

function writeUnsigned(ctx: FieldContext, f: FieldDef, value: unknown, out: Uint8Array, at: number): void {
  if (f.length <= 6 && typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** (8 * f.length)) {
    writeSmallUint(out, at, f.length, value);
    return;
  }
  if (f.length === 8 && typeof value === 'string' && writeUint64Decimal(out, at, value)) return;
  const p = parseUnsigned(value, f.length);
  if (!p.ok) fail(ctx, f, 'value-out-of-range', p.reason);
  writeUint(out, at, f.length, p.value);
}

function readUnsigned(f: FieldDef, b: Uint8Array, at: number): number | string {
  return f.length > 6 ? readUint64String(b, at) : readSmallUint(b, at, f.length);
}

function checkCode(ctx: FieldContext, f: FieldDef, set: CodeSet, value: number): void {
  const code = findCode(set, value);
  if (!code) {
    if (set.complete && value !== NO_VALUE) fail(ctx, f, 'unknown-code', `${value} is not one of ${set.codes.map((c) => c.code).join(', ')}`);
    return;
  }
  if (!codeLegalIn(code, ctx.release)) fail(ctx, f, 'not-in-release', `code ${value} (${code.name}) exists from ${code.since}, not in ${ctx.release}`);
}

const knownBits = new WeakMap<CodeSet, number>();
function bitsOf(set: CodeSet): number {
  let bits = knownBits.get(set);
  if (bits === undefined) {
    bits = set.codes.reduce((m, c) => m | c.code, 0);
    knownBits.set(set, bits);
  }
  return bits;
}

function checkFlags(ctx: FieldContext, f: FieldDef, set: CodeSet, value: number): void {
  if (set.complete && (value & ~bitsOf(set)) !== 0) fail(ctx, f, 'unknown-flag', `bits X'${hex2(value & ~bitsOf(set))}' have no meaning`);
  for (const c of set.codes) {
    if ((value & c.code) === c.code && !codeLegalIn(c, ctx.release)) fail(ctx, f, 'not-in-release', `flag X'${hex2(c.code)}' (${c.name}) exists from ${c.since}, not in ${ctx.release}`);
  }
}

// --- comparison of another parser's notation with ours -----------------------------------------

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
  if (isAll(b, 0, 0, 10) && b[10] === 0xff && b[11] === 0xff) return `v4:${[...b.subarray(12)].join('.')}`;
  return `v6:${toHex(b)}`;
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
const sameNumber = (expected: unknown, actual: unknown): boolean => {
  const a = toBigInt(actual);
  return a !== undefined && a === toBigInt(expected);
};
const sameText = (expected: unknown, actual: unknown): boolean => typeof actual === 'string' && rtrim(actual) === rtrim(String(expected));
const sameInstant = (expected: unknown, actual: unknown): boolean => {
  const a = instant(actual);
  return a !== undefined && a === instant(expected);
};

// --- arbitrary values ------------------------------------------------------------------------------

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const NAME_CHARS = `${UPPER}0123456789@#$`;
// Beyond names: punctuation and Latin-1 letters that differ between code pages, to exercise the tables.
const TEXT_CHARS = `${NAME_CHARS}abcdefghijklmnopqrstuvwxyz .,-_/()*=+:;'!?&%<>[]^{}|~\`"\\éüÄßç¬¢£¥§°±µ`;
const DN_CHARS = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789 .-'@`;

export function textArb(fc: FastCheck, chars: string, maxLength: number, minLength = 0): fcModule.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...chars), { minLength, maxLength })
    .map((cs) => cs.join('').replace(/ +$/, ''))
    .filter((s) => s.length >= minLength);
}

const uintArb = (fc: FastCheck, length: number): fcModule.Arbitrary<number | string> =>
  length > 6 ? fc.bigInt({ min: 0n, max: (1n << BigInt(8 * length)) - 1n }).map((v) => v.toString()) : fc.integer({ min: 0, max: 2 ** (8 * length) - 1 });

/** ISO date 1990-2035, as SMF dates of connections plausibly are. */
export const dateArb = (fc: FastCheck): fcModule.Arbitrary<string> =>
  fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2035, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** Certificate 'not after' in 1950-2049: writable as UTCTime and GeneralizedTime alike. */
export const certIsoArb = (fc: FastCheck): fcModule.Arbitrary<string> =>
  fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2049, 11, 31, 23, 59, 59) / 1000 }).map((s) => new Date(s * 1000).toISOString().replace('.000', ''));

const SSL2_CIPHERS = ['010080', '020080', '030080', '040080', '050080', '060040', '0700C0'];

// --- drawn values (the arbitraries' domains, from a seeded generator) -----------------------------

/** An integer in [0, n) for n <= 2^21 (the product stays exact in a double). */
export const below = (rng: Rng, n: number): number => Math.floor((rng.u32() * n) / 4294967296);

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
const TWO: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Characters to draw from: any of `all`, and for the last one (a text never ends in a blank) any but the blank. */
interface CharSet {
  all: string[];
  last: string[];
}
const charSet = (chars: string): CharSet => ({ all: [...chars], last: [...chars].filter((c) => c !== ' ') });
const NAME_SET = charSet(NAME_CHARS);
const TEXT_SET = charSet(TEXT_CHARS);
const DN_SET = charSet(DN_CHARS);

/** Lengths up to this are drawn 7 times in 8; any length up to the maximum the 8th time. */
const SHORT_LENGTH = 10;

/** A length in [min, max] biased toward short ones, as fast-check's arrays are (its default size 'small'). */
function drawLength(rng: Rng, min: number, max: number): number {
  const v = rng.u32();
  const top = (v & 7) === 0 ? max : Math.min(max, min + SHORT_LENGTH);
  return min + Math.floor(((v >>> 3) * (top - min + 1)) / 536870912);
}

/**
 * What textArb gives: minLength..maxLength characters of the set, no trailing blank. Two characters per
 * 32-bit draw (16 bits each: a bias below 0.2% for sets of up to 100 characters).
 */
function drawText(rng: Rng, set: CharSet, maxLength: number, minLength = 0): string {
  const n = drawLength(rng, minLength, maxLength);
  if (n === 0) return '';
  const { all, last } = set;
  const size = all.length;
  let s = '';
  for (let i = 0; i < n - 1; i += 2) {
    const v = rng.u32();
    s += all[((v & 0xffff) * size) >>> 16]!;
    if (i + 1 < n - 1) s += all[((v >>> 16) * size) >>> 16]!;
  }
  return s + last[below(rng, last.length)]!;
}

export const drawName = (rng: Rng, maxLength: number): string => drawText(rng, NAME_SET, maxLength);

const THREE: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const sixDigits = (v: number): string => THREE[(v / 1000) | 0]! + THREE[v % 1000]!;

/** Decimal text of hi * 2^32 + lo (hi, lo < 2^32), exactly: base 10^6 limbs keep every product below 2^53. */
function uint64Decimal(hi: number, lo: number): string {
  // 2^32 = 4294 * 10^6 + 967296
  const low = hi * 967296 + lo;
  const r0 = low % 1e6 | 0;
  const upper = hi * 4294 + (low - r0) / 1e6;
  const r1 = upper % 1e6 | 0;
  // Small integers from here on: their decimal text is V8's fast path.
  const r2 = ((upper - r1) / 1e6) | 0;
  if (r2 > 0) return String(r2) + sixDigits(r1) + sixDigits(r0);
  return r1 > 0 ? String(r1) + sixDigits(r0) : String(r0);
}

/** Draws unsigned integers of `length` bytes (decimal text above 6 bytes, as canonical JSON has it). */
function uintDrawer(length: number): (rng: Rng) => number | string {
  switch (length) {
    case 1:
      return (rng) => rng.u32() >>> 24;
    case 2:
      return (rng) => rng.u32() >>> 16;
    case 3:
      return (rng) => rng.u32() >>> 8;
    case 4:
      return (rng) => rng.u32();
    case 8:
      return (rng) => uint64Decimal(rng.u32(), rng.u32());
    default: {
      if (length > 6) throw new Error(`no ${length}-byte unsigned draw`);
      const shift = 8 * (8 - length);
      return (rng) => (rng.u32() >>> shift) * 4294967296 + rng.u32();
    }
  }
}

const DAY_MS = 86_400_000;
/** ISO dates of every day from `first` to `last` (UTC), built on first use. */
function dayTable(first: number, last: number): () => readonly string[] {
  let days: string[] | undefined;
  return () => (days ??= Array.from({ length: (last - first) / DAY_MS + 1 }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10)));
}
const SMF_DAYS = dayTable(Date.UTC(1990, 0, 1), Date.UTC(2035, 11, 31));
const CERT_DAYS = dayTable(Date.UTC(1950, 0, 1), Date.UTC(2049, 11, 31));

/** What dateArb gives. */
export function drawDate(rng: Rng): string {
  const days = SMF_DAYS();
  return days[below(rng, days.length)]!;
}

/** What certIsoArb gives: a second of 1950-2049, ISO-8601 UTC. */
function drawCertIso(rng: Rng): string {
  const days = CERT_DAYS();
  const second = below(rng, 86400);
  return `${days[below(rng, days.length)]}T${TWO[Math.floor(second / 3600)]}:${TWO[Math.floor(second / 60) % 60]}:${TWO[second % 60]}Z`;
}

export const drawTimeOfDay = (rng: Rng): string => formatTimeOfDay(below(rng, HUNDREDTHS_PER_DAY));

const ipv6Bytes = new Uint8Array(16);
const ipv6Words = new DataView(ipv6Bytes.buffer);
const HEX_LOWER: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16));
const HEX_LOWER2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hasZeroGroup = (w: number): boolean => (w & 0xffff) === 0 || w >>> 16 === 0;
const group = (g: number): string => (g > 0xff ? HEX_LOWER[g >>> 8]! + HEX_LOWER2[g & 0xff]! : HEX_LOWER[g]!);

function drawIp(rng: Rng, ipv6: boolean): string {
  if (!ipv6) {
    const v = rng.u32();
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const w0 = rng.u32();
  const w1 = rng.u32();
  const w2 = rng.u32();
  const w3 = rng.u32();
  // Nearly every random address has no zero group: its RFC 5952 text is the eight groups as they are. The
  // rest (zero runs to compress, IPv4-mapped forms) go through formatIPv6.
  if (!(hasZeroGroup(w0) || hasZeroGroup(w1) || hasZeroGroup(w2) || hasZeroGroup(w3))) return `${group(w0 >>> 16)}:${group(w0 & 0xffff)}:${group(w1 >>> 16)}:${group(w1 & 0xffff)}:${group(w2 >>> 16)}:${group(w2 & 0xffff)}:${group(w3 >>> 16)}:${group(w3 & 0xffff)}`;
  ipv6Words.setUint32(0, w0);
  ipv6Words.setUint32(4, w1);
  ipv6Words.setUint32(8, w2);
  ipv6Words.setUint32(12, w3);
  return formatIPv6(ipv6Bytes);
}

/** Upper-case hex of 0..maxBytes random bytes. */
function drawHex(rng: Rng, maxBytes: number): string {
  const n = drawLength(rng, 0, maxBytes);
  let s = '';
  for (let i = 0; i < n; i += 4) {
    const v = rng.u32();
    s += HEX2[v >>> 24]!;
    if (i + 1 < n) s += HEX2[(v >>> 16) & 255]!;
    if (i + 2 < n) s += HEX2[(v >>> 8) & 255]!;
    if (i + 3 < n) s += HEX2[v & 255]!;
  }
  return s;
}

const pick = <T>(rng: Rng, values: readonly T[]): T => values[below(rng, values.length)]!;

// --- the types -------------------------------------------------------------------------------------

const HEX_PATTERN = '^(?:[0-9A-F]{2})*$';
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
const integerSchema = (f: FieldDef, described: (s: JsonSchema) => JsonSchema): JsonSchema => described({ type: 'integer', minimum: 0, maximum: 2 ** (8 * f.length) - 1 });
const unsignedSchema = (f: FieldDef, described: (s: JsonSchema) => JsonSchema): Record<string, JsonSchema> => ({
  [f.name]: f.length > 6 ? described({ type: 'string', pattern: '^[0-9]+$' }) : integerSchema(f, described),
});

const CIPHER_SSL3 = /^[0-9A-F]{4}$/;
const CIPHER_SSL2 = /^[0-9A-F]{6}$/;
/** 'FFFFFF' (unknown version / failed handshake) is documented from 3.2 (DECK32). */
const UNKNOWN_CIPHER_SINCE: Release = '3.2';

const uint: FieldTypeOps<'uint'> = {
  tsType: (f) => (f.length > 6 ? 'string' : 'number'),
  defaultValue: (f) => (f.length > 6 ? '0' : 0),
  encode(ctx, f, _t, value, _explicit, out, at) {
    writeUnsigned(ctx, f, value, out, at);
    return f.length;
  },
  decode(_ctx, f, _t, b, at, _end, out) {
    out[f.name] = readUnsigned(f, b, at);
  },
  schema: (f, _t, described) => unsignedSchema(f, described),
  describe: () => 'uint',
  compare: (_t, e, a) => sameNumber(e, a),
  arbitrary: (fc, f) => uintArb(fc, f.length),
  drawer: (f) => uintDrawer(f.length),
};

const derived: FieldTypeOps<'derived'> = {
  ...(uint as unknown as FieldTypeOps<'derived'>),
  describe: (t) => `uint (derived: ${t.derive.rule}${'field' in t.derive ? ` of ${t.derive.field}` : ''}${'section' in t.derive ? ` of ${t.derive.section}` : ''})`,
  arbitrary: () => undefined,
  drawer: () => undefined,
};

const enumCompanion = { suffix: '.name', tsType: 'string | null', value: (t: TypeOf<'enum'>, v: unknown): unknown => (typeof v === 'number' ? (findCode(t.codes, v)?.name ?? null) : undefined) };
const enumType: FieldTypeOps<'enum'> = {
  tsType: () => 'number',
  defaultValue: () => 0,
  companion: enumCompanion,
  encode(ctx, f, t, value, explicit, out, at) {
    const v = smallUnsigned(ctx, f, value);
    if (explicit) checkCode(ctx, f, t.codes, v);
    writeSmallUint(out, at, f.length, v);
    return f.length;
  },
  decode(ctx, f, t, b, at, _end, out) {
    const v = readSmallUint(b, at, f.length);
    const code = findCode(t.codes, v);
    out[f.name] = v;
    out[companionKeyOf(f, '.name')] = code?.name ?? null;
    if (!code && t.codes.complete && v !== NO_VALUE) ctx.diag('warning', 'unknown-code', `${v} is not a documented code`);
    if (code && !codeLegalIn(code, ctx.release)) ctx.diag('warning', 'not-in-release', `code ${v} (${code.name}) exists from ${code.since}, not in ${ctx.release}`);
  },
  schema: (f, t, described) => ({ [f.name]: integerSchema(f, described), [`${f.name}.name`]: nullable({ enum: t.codes.codes.map((c) => c.name) }) }),
  describe: (t) => `enum(${t.codes.id})`,
  compare(t, expected, actual) {
    const a = toBigInt(actual);
    if (a !== undefined) return a === BigInt(expected as number);
    const name = findCode(t.codes, expected as number)?.name;
    return typeof actual === 'string' && name !== undefined && actual.trim().toLowerCase() === name.toLowerCase();
  },
  arbitrary: (fc, _f, t, release) => fc.constantFrom(...t.codes.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code)),
  drawer(_f, t, release) {
    const legal = t.codes.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code);
    return (rng) => pick(rng, legal);
  },
};

function flagNames(set: CodeSet, value: number): string[] {
  const names: string[] = [];
  for (const c of set.codes) if (c.code !== 0 && (value & c.code) === c.code) names.push(c.name);
  return names;
}
const flags: FieldTypeOps<'flags'> = {
  tsType: () => 'number',
  defaultValue: () => 0,
  companion: { suffix: '.flags', tsType: 'string[]', value: (t, v) => (typeof v === 'number' ? flagNames(t.flags, v) : undefined) },
  encode(ctx, f, t, value, explicit, out, at) {
    const v = smallUnsigned(ctx, f, value);
    if (explicit) checkFlags(ctx, f, t.flags, v);
    out[at] = v;
    return 1;
  },
  decode(ctx, f, t, b, at, _end, out) {
    const v = b[at]!;
    out[f.name] = v;
    out[companionKeyOf(f, '.flags')] = flagNames(t.flags, v);
    const unknown = v & ~bitsOf(t.flags);
    if (t.flags.complete && unknown !== 0) ctx.diag('warning', 'unknown-flag', `bits X'${hex2(unknown)}' have no documented meaning`);
    for (const c of t.flags.codes) {
      if ((v & c.code) === c.code && !codeLegalIn(c, ctx.release)) ctx.diag('warning', 'not-in-release', `flag ${c.name} exists from ${c.since}, not in ${ctx.release}`);
    }
  },
  schema: (f, t, described) => ({ [f.name]: integerSchema(f, described), [`${f.name}.flags`]: { type: 'array', items: { enum: t.flags.codes.map((c) => c.name) }, uniqueItems: true } }),
  describe: (t) => `flags(${t.flags.id})`,
  compare: (_t, e, a) => sameNumber(e, a),
  arbitrary: (fc, _f, t, release) => fc.subarray(t.flags.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code)).map((bits) => bits.reduce((m, b) => m | b, 0)),
  drawer(f, t, release) {
    const legal = t.flags.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code);
    if (legal.length > 32) throw new Error(`${f.name}: more flags than one 32-bit draw covers`);
    // Each legal flag on or off, as a subset of them: one bit of a draw per flag.
    return (rng) => {
      const bits = rng.u32();
      let value = 0;
      for (let i = 0; i < legal.length; i++) if ((bits >>> i) & 1) value |= legal[i]!;
      return value;
    };
  },
};

const text: FieldTypeOps<'text'> = {
  tsType: () => 'string',
  defaultValue: () => '',
  encode: (ctx, f, _t, value, _explicit, out, at) => writeText(ctx, f, value, out, at, f.length),
  decode(ctx, f, _t, b, at, end, out) {
    out[f.name] = readTrimmed(ctx, b, at, end);
  },
  schema: (f, _t, described) => ({ [f.name]: described({ type: 'string', maxLength: f.length }) }),
  describe: () => 'text',
  compare: (_t, e, a) => sameText(e, a),
  arbitrary(fc, f, t) {
    if (t.known && t.knownComplete) return fc.constantFrom(...t.known.map((k) => k.value));
    if (t.known) return fc.oneof(fc.constantFrom(...t.known.map((k) => k.value)), textArb(fc, TEXT_CHARS, f.length));
    return f.length <= 8 ? textArb(fc, NAME_CHARS, f.length) : textArb(fc, TEXT_CHARS, f.length);
  },
  drawer(f, t) {
    const known = t.known?.map((k) => k.value);
    if (known && t.knownComplete) return (rng) => pick(rng, known);
    if (known) return (rng) => ((rng.u32() & 1) === 0 ? pick(rng, known) : drawText(rng, TEXT_SET, f.length));
    const set = f.length <= 8 ? NAME_SET : TEXT_SET;
    return (rng) => drawText(rng, set, f.length);
  },
};

const varText: FieldTypeOps<'varText'> = {
  tsType: () => 'string',
  defaultValue: () => '',
  encode(ctx, f, t, value, _explicit, out, at) {
    if (typeof value === 'string' && value.length > t.max && !firstUnmappable(ctx.codec, value)) {
      fail(ctx, f, 'text-too-long', `${value.length} characters exceed the maximum ${t.max}`);
    }
    return writeText(ctx, f, value, out, at, null);
  },
  decode(ctx, f, _t, b, at, end, out) {
    out[f.name] = ctx.codec.decode(b, at, end);
  },
  schema: (f, t, described) => ({ [f.name]: described({ type: 'string', maxLength: t.max }) }),
  describe: () => 'varText',
  compare: (_t, e, a) => sameText(e, a),
  arbitrary: (fc) => textArb(fc, DN_CHARS, 120, 1),
  drawer: () => (rng) => drawText(rng, DN_SET, 120, 1),
};

const cipher: FieldTypeOps<'cipher'> = {
  tsType: () => 'string',
  defaultValue: () => '',
  companion: { suffix: '.name', tsType: 'string | null', value: (_t, v) => (typeof v === 'string' ? cipherSuiteName(v) : undefined) },
  encode(ctx, f, _t, value, explicit, out, at) {
    if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected cipher text, got ${JSON.stringify(value)}`);
    if (value !== '' && !CIPHER_SSL3.test(value) && !CIPHER_SSL2.test(value)) {
      fail(ctx, f, 'invalid-value', `'${value}' is neither 4 upper-case hex characters (SSLv3+) nor 6 (SSLv2 / 'FFFFFF')`);
    }
    if (explicit && value === 'FFFFFF' && releaseIndex(ctx.release) < releaseIndex(UNKNOWN_CIPHER_SINCE)) fail(ctx, f, 'not-in-release', "'FFFFFF' (unknown version) exists from 3.2");
    writeText(ctx, f, value, out, at, 6);
    return 6;
  },
  decode(ctx, f, _t, b, at, end, out) {
    const v = readTrimmed(ctx, b, at, end);
    out[f.name] = v;
    out[companionKeyOf(f, '.name')] = cipherSuiteName(v);
    const ok = v === '' || (v.length === 4 && CIPHER_SSL3.test(v)) || (v.length === 6 && CIPHER_SSL2.test(v));
    if (!ok) ctx.diag('warning', 'bad-cipher', `'${ctx.codec.decode(b, at, end)}' is not 4 hex characters + 2 blanks or 6 hex characters`);
    if (v === 'FFFFFF' && releaseIndex(ctx.release) < releaseIndex(UNKNOWN_CIPHER_SINCE)) ctx.diag('warning', 'not-in-release', "'FFFFFF' exists from 3.2");
  },
  schema: (f, _t, described) => ({ [f.name]: described({ type: 'string', pattern: '^(?:[0-9A-F]{4}|[0-9A-F]{6})?$' }), [`${f.name}.name`]: nullable({ type: 'string' }) }),
  describe: () => 'cipher',
  compare: (_t, e, a) => typeof a === 'string' && rtrim(a).toUpperCase() === String(e),
  arbitrary: (fc) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).toUpperCase().padStart(4, '0')) },
      { weight: 1, arbitrary: fc.constantFrom(...SSL2_CIPHERS) },
      { weight: 1, arbitrary: fc.constant('') },
    ),
  drawer: () => (rng) => {
    // The arbitrary's weights: 6 in 8 an SSLv3+ code, 1 an SSLv2 code, 1 none.
    const v = rng.u32();
    const kind = v >>> 29;
    if (kind < 6) return HEX2[(v >>> 8) & 255]! + HEX2[v & 255]!;
    return kind === 6 ? pick(rng, SSL2_CIPHERS) : '';
  },
};

const ip: FieldTypeOps<'ip'> = {
  tsType: () => 'string',
  defaultValue: (_f, _t, ipv6) => (ipv6 ? '::' : '0.0.0.0'),
  encode(ctx, f, t, value, _explicit, out, at) {
    if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected an IP address, got ${JSON.stringify(value)}`);
    const v6 = ctx.ipv6(t.ipv6When);
    const p = v6 ? parseIPv6(value) : parseIPv4(value);
    if (!p.ok) {
      const other = v6 ? parseIPv4(value) : parseIPv6(value);
      const flag = `${t.ipv6When.section} ${t.ipv6When.field} X'${t.ipv6When.mask.toString(16).toUpperCase()}'`;
      if (other.ok) fail(ctx, f, 'ip-family-mismatch', `'${value}' is IPv${v6 ? 4 : 6} but ${flag} is ${v6 ? 'on' : 'off'}`);
      fail(ctx, f, 'invalid-value', p.reason);
    }
    out.set(p.value, at);
    out.fill(0, at + p.value.length, at + 16);
    return 16;
  },
  decode(ctx, f, t, b, at, end, out) {
    if (ctx.ipv6(t.ipv6When)) {
      out[f.name] = formatIPv6(b.subarray(at, end));
      return;
    }
    out[f.name] = `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
    if (!isAll(b, 0, at + 4, end)) ctx.diag('warning', 'nonzero-padding', `IPv4 address followed by X'${toHex(b, at + 4, end)}' instead of zeros`);
  },
  schema: (f, _t, described) => ({ [f.name]: described({ type: 'string', pattern: '^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$' }) }),
  describe: (t) => `ip16 (IPv6 when ${t.ipv6When.section}.${t.ipv6When.field} & X'${t.ipv6When.mask.toString(16).toUpperCase()}')`,
  compare(_t, expected, actual) {
    const a = ipBytes(actual);
    return a !== undefined && a === ipBytes(expected);
  },
  arbitrary: (fc, _f, _t, _r, ipv6) => (ipv6 ? fc.uint8Array({ minLength: 16, maxLength: 16 }).map(formatIPv6) : fc.uint8Array({ minLength: 4, maxLength: 4 }).map(formatIPv4)),
  drawer: (_f, _t, _r, ipv6) => (rng) => drawIp(rng, ipv6),
};

const timeOfDay: FieldTypeOps<'timeOfDay'> = {
  tsType: () => 'string | null',
  defaultValue: () => '00:00:00.00',
  encode(ctx, f, _t, value, _explicit, out, at) {
    const p = parseTimeOfDay(value);
    if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
    writeSmallUint(out, at, 4, p.value);
    return 4;
  },
  decode(ctx, f, _t, b, at, _end, out) {
    const v = readSmallUint(b, at, 4);
    if (v >= HUNDREDTHS_PER_DAY) {
      ctx.diag('error', 'bad-time', `${v} hundredths is past midnight (max ${HUNDREDTHS_PER_DAY - 1})`);
      out[f.name] = null;
    } else {
      out[f.name] = formatTimeOfDay(v);
    }
  },
  schema: (f, _t, described) => ({ [f.name]: described(nullable({ type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}\\.\\d{2}$' })) }),
  describe: () => 'timeOfDay',
  compare(_t, expected, actual) {
    const a = hundredths(actual);
    return a !== undefined && a === hundredths(expected);
  },
  arbitrary: (fc) => fc.integer({ min: 0, max: HUNDREDTHS_PER_DAY - 1 }).map(formatTimeOfDay),
  drawer: () => drawTimeOfDay,
};

const packedDate: FieldTypeOps<'packedDate'> = {
  tsType: () => 'string | null',
  defaultValue: () => null,
  encode(ctx, f, _t, value, _explicit, out, at) {
    const p = writePackedDate(value, out, at);
    if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
    return 4;
  },
  decode(ctx, f, _t, b, at, _end, out) {
    const p = decodePackedDate(b, at);
    if (!p.ok) {
      ctx.diag('error', 'bad-packed-date', `X'${toHex(b, at, at + 4)}': ${p.reason}`);
      out[f.name] = null;
      return;
    }
    if (p.noDateForm) ctx.diag('info', 'no-date-form', "X'0000000F' (no date) read as null; zert-forge writes null as X'00000000'");
    out[f.name] = p.value;
  },
  schema: (f, _t, described) => ({ [f.name]: described(nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }),
  describe: () => 'packedDate',
  compare(_t, expected, actual) {
    const a = dateValue(actual);
    return a !== undefined && a === dateValue(expected);
  },
  arbitrary: (fc) => fc.option(dateArb(fc), { nil: null, freq: 5 }),
  drawer: () => (rng) => (below(rng, 5) === 0 ? null : drawDate(rng)),
};

const certTime: FieldTypeOps<'certTime'> = {
  tsType: () => 'string | null',
  defaultValue: () => null,
  encode(ctx, f, t, value, _explicit, out, at) {
    if (value === null) {
      out.fill(0, at, at + 15);
      return 15;
    }
    if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected an ISO-8601 time, "" or null, got ${JSON.stringify(value)}`);
    if (value === '') {
      out.fill(EBCDIC_BLANK, at, at + 15);
      return 15;
    }
    const timeType = Number(ctx.siblings[t.typeField] ?? 0);
    const p = isoToCertText(value, timeType);
    if (!p.ok) fail(ctx, f, 'invalid-value', p.reason);
    writeText(ctx, f, p.value, out, at, 15);
    return 15;
  },
  decode(ctx, f, t, b, at, end, out) {
    if (isAll(b, 0, at, end)) {
      out[f.name] = null;
      return;
    }
    if (isAll(b, EBCDIC_BLANK, at, end)) {
      out[f.name] = '';
      return;
    }
    const textValue = ctx.codec.decode(b, at, end);
    const timeType = Number(ctx.siblings[t.typeField] ?? 0);
    const core = timeType === 1 ? textValue.slice(0, 13) : textValue;
    const iso = timeType === 1 || timeType === 2 ? certTextToIso(core, timeType) : undefined;
    if (iso === undefined) {
      ctx.diag('error', 'bad-cert-time', `'${textValue.replace(/ +$/, '')}' is not a time of type ${timeType}`);
      out[f.name] = textValue.replace(/ +$/, '');
      return;
    }
    if (timeType === 1 && !isAll(b, EBCDIC_BLANK, at + 13, end)) ctx.diag('info', 'nonzero-padding', `UTCTime padded with X'${toHex(b, at + 13, end)}'; zert-forge writes blanks`);
    out[f.name] = iso;
  },
  schema: (f, _t, described) => ({ [f.name]: described(nullable({ type: 'string', pattern: '^(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)?$' })) }),
  describe: (t) => `certTime (type in ${t.typeField})`,
  compare: (_t, e, a) => sameInstant(e, a),
  // Depends on its type byte: generators fill it in after the section's other fields.
  arbitrary: () => undefined,
  // None for type 0, else a time writable in either form (the type byte comes first in every layout).
  drawer: (_f, t) => (rng, siblings) => (siblings[t.typeField] === 0 ? null : drawCertIso(rng)),
};

const sizedBytes: FieldTypeOps<'sizedBytes'> = {
  tsType: () => 'string',
  defaultValue: () => '',
  encode(ctx, f, _t, value, _explicit, out, at) {
    if (typeof value !== 'string') fail(ctx, f, 'invalid-value', `expected a hex string, got ${JSON.stringify(value)}`);
    if (value.length > 2 * f.length && value.length % 2 === 0 && writeHex(value, new Uint8Array(value.length / 2), 0)) {
      fail(ctx, f, 'value-out-of-range', `${value.length / 2} bytes do not fit in ${f.length}`);
    }
    if (value.length > 2 * f.length || !writeHex(value, out, at)) fail(ctx, f, 'invalid-value', `'${value}' is not an even-length hex string`);
    out.fill(0, at + value.length / 2, at + f.length);
    return value.length / 2;
  },
  decode(ctx, f, t, b, at, end, out) {
    const n = Number(ctx.siblings[t.lengthField] ?? 0);
    if (n > f.length) {
      ctx.diag('error', 'length-exceeds-field', `${t.lengthField} says ${n} bytes but the field holds ${f.length}`);
      out[f.name] = toHex(b, at, end);
      return;
    }
    out[f.name] = toHex(b, at, at + n);
    if (!isAll(b, 0, at + n, end)) ctx.diag('warning', 'nonzero-padding', `bytes after the first ${n} are X'${toHex(b, at + n, end)}', not zeros`);
  },
  schema: (f, _t, described) => ({ [f.name]: described({ type: 'string', pattern: HEX_PATTERN, maxLength: 2 * f.length }) }),
  describe: (t) => `bytes (length in ${t.lengthField})`,
  compare: (_t, e, a) => typeof a === 'string' && a.replace(/^0x/i, '').replace(/[:\s]/g, '').toUpperCase() === String(e),
  arbitrary: (fc, f) => fc.uint8Array({ minLength: 0, maxLength: f.length }).map((b) => toHex(b)),
  drawer: (f) => (rng) => drawHex(rng, f.length),
};

/** Seconds of a TOD-clock duration given as a decimal string (microsecond precision). */
function todSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value);
  // Below 2^53 the division by 4096 (a power of two) and the floor are exact in doubles.
  if (Number.isSafeInteger(n)) return Math.floor(n / 4096) / 1e6;
  return Number(BigInt(value) / TOD_UNITS_PER_MICROSECOND) / 1e6;
}
const todDuration: FieldTypeOps<'todDuration'> = {
  tsType: () => 'string',
  defaultValue: () => '0',
  companion: { suffix: '.seconds', tsType: 'number', value: (_t, v) => todSeconds(v) },
  encode(ctx, f, _t, value, _explicit, out, at) {
    writeUnsigned(ctx, f, value, out, at);
    return 8;
  },
  decode(_ctx, f, _t, b, at, _end, out) {
    const v = readUint64String(b, at);
    out[f.name] = v;
    out[companionKeyOf(f, '.seconds')] = todSeconds(v);
  },
  schema: (f, _t, described) => ({ [f.name]: described({ type: 'string', pattern: '^[0-9]+$' }), [`${f.name}.seconds`]: { type: 'number', minimum: 0 } }),
  describe: () => 'todDuration',
  compare: (_t, e, a) => sameNumber(e, a),
  arbitrary: (fc) => fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map(String),
  drawer: () => (rng) => uint64Decimal(rng.u32() >>> 1, rng.u32()),
};

const reserved: FieldTypeOps<'reserved'> = {
  tsType: () => null,
  defaultValue: () => null,
  encode(_ctx, f, _t, _value, _explicit, out, at) {
    out.fill(0, at, at + f.length);
    return f.length;
  },
  decode(ctx, _f, _t, b, at, end) {
    if (!isAll(b, 0, at, end)) ctx.diag('warning', 'reserved-nonzero', `reserved bytes hold X'${toHex(b, at, end)}'`);
  },
  schema: () => ({}),
  describe: () => 'reserved',
  compare: () => true,
  arbitrary: () => undefined,
  drawer: () => undefined,
};

export const FIELD_TYPES: { readonly [K in Kind]: FieldTypeOps<K> } = {
  uint, derived, enum: enumType, flags, text, varText, cipher, ip, timeOfDay, packedDate, certTime, sizedBytes, todDuration, reserved,
};

/** The operations of a field's type, typed for the field's own type object. */
export function opsOf(f: FieldDef): FieldTypeOps<Kind> {
  return FIELD_TYPES[f.type.kind] as unknown as FieldTypeOps<Kind>;
}

