// Pure conversions between bytes and canonical values. Each returns a result or a reason it cannot;
// callers attach paths and kinds.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function readSmallUint(bytes: Uint8Array, offset: number, length: number): number {
  let v = 0;
  for (let i = 0; i < length; i++) v = v * 256 + bytes[offset + i]!;
  return v;
}

export function writeUint(out: Uint8Array, offset: number, length: number, value: bigint): void {
  if (length <= 6) {
    writeSmallUint(out, offset, length, Number(value));
    return;
  }
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Writes an 8-byte unsigned decimal string below 2^53 without BigInt; false when the text is not such a
 * number (the caller then takes the general path, which also reports the problem).
 */
export function writeUint64Decimal(out: Uint8Array, offset: number, text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  const v = digits(text, 0, text.length);
  if (v < 0) return false;
  const hi = Math.floor(v / 4294967296);
  const lo = v - hi * 4294967296;
  writeSmallUint(out, offset, 4, hi);
  writeSmallUint(out, offset + 4, 4, lo);
  return true;
}

/**
 * Writes an 8-byte unsigned decimal string of any size up to 2^64 - 1 without BigInt (two 32-bit limbs);
 * false when the text is not such a number (the caller then takes the general path, which reports it).
 */
export function writeUint64Text(out: Uint8Array, offset: number, text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  // Up to 15 digits are below 2^53: one exact double.
  const head = n < 15 ? n : 15;
  let v = 0;
  for (let i = 0; i < head; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  let hi = Math.floor(v / 4294967296);
  let lo = v - hi * 4294967296;
  for (let i = head; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    // Both limbs stay below 2^36 here, so the arithmetic is exact in doubles.
    lo = lo * 10 + d;
    const carry = Math.floor(lo / 4294967296);
    lo -= carry * 4294967296;
    hi = hi * 10 + carry;
    if (hi > 0xffffffff) return false;
  }
  out[offset] = hi >>> 24;
  out[offset + 1] = (hi >>> 16) & 255;
  out[offset + 2] = (hi >>> 8) & 255;
  out[offset + 3] = hi & 255;
  out[offset + 4] = lo >>> 24;
  out[offset + 5] = (lo >>> 16) & 255;
  out[offset + 6] = (lo >>> 8) & 255;
  out[offset + 7] = lo & 255;
  return true;
}

export function writeSmallUint(out: Uint8Array, offset: number, length: number, value: number): void {
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Upper-case hex of bytes [start, end) (whole array by default). */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX_BYTE[bytes[i]!];
  return s;
}

/** Value of a hex digit's character code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function parseHex(s: string): Parsed<Uint8Array> {
  const bad = fail(`'${s}' is not an even-length hex string`);
  if (s.length % 2 !== 0) return bad;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(s.charCodeAt(2 * i));
    const lo = hexDigit(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return bad;
    out[i] = (hi << 4) | lo;
  }
  return { ok: true, value: out };
}

/** Writes hex `s` into `out` at `offset`; false (nothing guaranteed written) when `s` is not hex. */
export function writeHex(s: string, out: Uint8Array, offset: number): boolean {
  if (s.length % 2 !== 0) return false;
  for (let i = 0; i < s.length / 2; i++) {
    const hi = hexDigit(s.charCodeAt(2 * i));
    const lo = hexDigit(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

export function isAll(bytes: Uint8Array, value: number, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== value) return false;
  return true;
}

/** An 8-byte unsigned integer as a decimal string; plain numbers below 2^53, BigInt only above. */
export function readUint64String(bytes: Uint8Array, offset: number): string {
  const hi = ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
  const lo = ((bytes[offset + 4]! << 24) >>> 0) + (bytes[offset + 5]! << 16) + (bytes[offset + 6]! << 8) + bytes[offset + 7]!;
  if (hi < 0x200000) return String(hi * 4294967296 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

// --- unsigned integers -------------------------------------------------------------------------

/** Accepts a number, bigint or decimal string; returns it as bigint if it fits in `length` bytes. */
export function parseUnsigned(value: unknown, length: number): Parsed<bigint> {
  if (typeof value === 'number' && length <= 6 && Number.isInteger(value) && value >= 0 && value < 2 ** (8 * length)) return { ok: true, value: BigInt(value) };
  let v: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return fail(`${value} is not a safe integer`);
    v = BigInt(value);
  } else if (typeof value === 'bigint') {
    v = value;
  } else if (typeof value === 'string' && /^[0-9]+$/.test(value)) {
    v = BigInt(value);
  } else {
    return fail(`expected an unsigned integer, got ${JSON.stringify(value)}`);
  }
  const max = (1n << BigInt(8 * length)) - 1n;
  if (v < 0n || v > max) return fail(`${v} does not fit in ${length} byte(s) (0..${max})`);
  return { ok: true, value: v };
}

// --- header time and packed date ---------------------------------------------------------------

export const HUNDREDTHS_PER_DAY = 8_640_000;

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Hundredths since midnight as "HH:MM:SS.hh" (hours beyond 99 keep all their digits). */
export function formatTimeOfDay(hundredths: number): string {
  const cs = hundredths % 100;
  const s = Math.floor(hundredths / 100) % 60;
  const m = Math.floor(hundredths / 6000) % 60;
  const h = Math.floor(hundredths / 360000);
  return `${h < 100 ? TWO_DIGITS[h] : String(h)}:${TWO_DIGITS[m]}:${TWO_DIGITS[s]}.${TWO_DIGITS[cs]}`;
}

/** Two decimal digits at `i` of `text`, or -1. */
export function parseTimeOfDay(text: unknown): Parsed<number> {
  const value = timeOfDayHundredths(text);
  if (value >= 0) return { ok: true, value };
  if (typeof text !== 'string') return fail(`expected "HH:MM:SS.hh", got ${JSON.stringify(text)}`);
  return fail(value === NOT_SHAPED ? `'${text}' is not "HH:MM:SS.hh"` : `'${text}' is not a time of day`);
}

const NOT_SHAPED = -1;
const OUT_OF_RANGE = -2;

/** Hundredths of a valid "HH:MM:SS.hh"; else negative (parseTimeOfDay without building a result). */
export function timeOfDayHundredths(text: unknown): number {
  if (typeof text !== 'string' || text.length !== 11 || text.charCodeAt(2) !== 58 || text.charCodeAt(5) !== 58 || text.charCodeAt(8) !== 46) return NOT_SHAPED;
  const h = digits(text, 0, 2);
  const mi = digits(text, 3, 2);
  const s = digits(text, 6, 2);
  const cs = digits(text, 9, 2);
  if (h < 0 || mi < 0 || s < 0 || cs < 0) return NOT_SHAPED;
  if (h > 23 || mi > 59 || s > 59) return OUT_OF_RANGE;
  return ((h * 60 + mi) * 60 + s) * 100 + cs;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days before each month, in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysBefore(month: number, leap: boolean): number {
  return DAYS_BEFORE_MONTH[month]! + (leap && month >= 2 ? 1 : 0);
}

/** Packed 0cyydddF -> ISO date; null for X'00000000'. Reads bytes [offset, offset + 4). */
export function decodePackedDate(b: Uint8Array, offset = 0): Parsed<string | null> & { noDateForm?: boolean } {
  const b0 = b[offset]!, b1 = b[offset + 1]!, b2 = b[offset + 2]!, b3 = b[offset + 3]!;
  if ((b0 | b1 | b2 | b3) === 0) return { ok: true, value: null };
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0x0f) return { ok: true, value: null, noDateForm: true };
  if ((b3 & 0xf) !== 0xf) return fail(`sign nibble is X'${(b3 & 0xf).toString(16).toUpperCase()}', not X'F'`);
  if (b0 >> 4 !== 0) return fail('first nibble is not 0');
  const digits = [b0 & 0xf, b1 >> 4, b1 & 0xf, b2 >> 4, b2 & 0xf, b3 >> 4];
  if (digits.some((d) => d > 9)) return fail('a digit nibble is above 9');
  const year = 1900 + digits[0]! * 100 + digits[1]! * 10 + digits[2]!;
  const day = digits[3]! * 100 + digits[4]! * 10 + digits[5]!;
  const leap = isLeap(year);
  if (day < 1 || day > (leap ? 366 : 365)) return fail(`day ${day} does not exist in ${year}`);
  let month = 1;
  while (daysBefore(month, leap) < day) month++;
  const dom = day - daysBefore(month - 1, leap);
  return { ok: true, value: `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[dom]}` };
}

/** "YYYY-MM-DD" (or null) as packed 0cyydddF, written into `out` at `offset`. */
const WRITTEN: Parsed<true> = { ok: true, value: true };

export function writePackedDate(value: unknown, out: Uint8Array, offset: number): Parsed<true> {
  if (value === null) {
    out[offset] = out[offset + 1] = out[offset + 2] = out[offset + 3] = 0;
    return WRITTEN;
  }
  if (typeof value !== 'string') return fail(`expected "YYYY-MM-DD" or null, got ${JSON.stringify(value)}`);
  const c = digits(value, 0, 2);
  const yy = digits(value, 2, 2);
  const mo = digits(value, 5, 2);
  const d = digits(value, 8, 2);
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-' || c < 0 || yy < 0 || mo < 0 || d < 0) return fail(`'${value}' is not "YYYY-MM-DD"`);
  const y = c * 100 + yy;
  const leap = isLeap(y);
  if (mo < 1 || mo > 12 || d < 1 || d > daysBefore(mo, leap) - daysBefore(mo - 1, leap)) return fail(`'${value}' is not a calendar date`);
  if (y < 1900 || y > 2899) return fail(`year ${y} cannot be written as 0cyyddd (1900-2899)`);
  const cyy = y - 1900;
  const day = daysBefore(mo - 1, leap) + d;
  // Nibbles 0, c, y, y, d, d, d, F.
  out[offset] = Math.floor(cyy / 100);
  out[offset + 1] = ((Math.floor(cyy / 10) % 10) << 4) | cyy % 10;
  out[offset + 2] = (Math.floor(day / 100) << 4) | (Math.floor(day / 10) % 10);
  out[offset + 3] = ((day % 10) << 4) | 0xf;
  return WRITTEN;
}

export function encodePackedDate(value: unknown): Parsed<Uint8Array> {
  const out = new Uint8Array(4);
  const p = writePackedDate(value, out, 0);
  return p.ok ? { ok: true, value: out } : p;
}

// --- IP addresses (zERT: IPv4 in the first 4 bytes of 16 unless the IPv6 flag is on) ----------

export function formatIPv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 text: lowercase, no leading zeros, longest zero run (2+ groups, first on a tie) as '::'; IPv4-mapped as ::ffff:a.b.c.d. */
export function formatIPv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${formatIPv4(b.subarray(12))}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Dotted decimal, four parts of 0-255 without leading zeros. */
export function parseIPv4(text: string): Parsed<Uint8Array> {
  const out = new Uint8Array(4);
  return writeIPv4(text, out, 0) ? { ok: true, value: out } : fail(`'${text}' is not a dotted IPv4 address`);
}

/** Writes a dotted IPv4 address into out[offset, offset + 4); false (bytes undefined) when it is not one. */
export function writeIPv4(text: string, out: Uint8Array, offset: number): boolean {
  let part = 0;
  let length = 0;
  let k = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 46 : text.charCodeAt(i);
    if (c === 46) {
      if (length === 0 || k > 3) return false;
      out[offset + k++] = part;
      part = 0;
      length = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (length > 0 && part === 0) || (part = part * 10 + d) > 255) return false;
    length++;
  }
  return k === 4;
}

/** Groups of the address being written by writeIPv6 (reused: it runs to completion, record after record). */
const ipv6Groups = new Uint16Array(8);

/**
 * Writes an IPv6 address of hex groups (one '::' at most, no embedded IPv4 part) into out[offset, offset + 16)
 * without allocating; false (bytes undefined) for anything else, which parseIPv6 then decides.
 */
export function writeIPv6(text: string, out: Uint8Array, offset: number): boolean {
  const length = text.length;
  const groups = ipv6Groups;
  let n = 0;
  let gap = -1;
  let group = 0;
  let digits = 0;
  let i = 0;
  if (length >= 2 && text.charCodeAt(0) === 58 && text.charCodeAt(1) === 58) {
    gap = 0;
    i = 2;
  }
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      if (digits === 0 || n === 8) return false;
      groups[n++] = group;
      group = 0;
      digits = 0;
      if (text.charCodeAt(i + 1) === 58) {
        if (gap >= 0) return false;
        gap = n;
        i += 2;
      } else if (++i === length) return false;
      continue;
    }
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 32) >= 97 && (c | 32) <= 102) d = (c | 32) - 87;
    else return false;
    if (++digits > 4) return false;
    group = group * 16 + d;
    i++;
  }
  if (digits > 0) {
    if (n === 8) return false;
    groups[n++] = group;
  } else if (gap !== n) return false;
  if (gap < 0 ? n !== 8 : n > 7) return false;
  const left = gap < 0 ? n : gap;
  let at = offset;
  for (let g = 0; g < left; g++, at += 2) {
    out[at] = groups[g]! >>> 8;
    out[at + 1] = groups[g]! & 255;
  }
  for (let z = 8 - n; z > 0; z--, at += 2) out[at] = out[at + 1] = 0;
  for (let g = left; g < n; g++, at += 2) {
    out[at] = groups[g]! >>> 8;
    out[at + 1] = groups[g]! & 255;
  }
  return true;
}

export function parseIPv6(text: string): Parsed<Uint8Array> {
  let head = text;
  let v4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    const p = parseIPv4(text.slice(lastColon + 1));
    if (!p.ok) return fail(`'${text}' has a bad embedded IPv4 part`);
    v4 = p.value;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return fail(`'${text}' has more than one '::'`);
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const gs = s.split(':');
    if (gs.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
    return gs.map((g) => parseInt(g, 16));
  };
  const left = parseGroups(halves[0]!);
  const right = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!left || !right) return fail(`'${text}' is not an IPv6 address`);
  let groups: number[];
  if (halves.length === 2) {
    if (left.length + right.length > 7) return fail(`'${text}' has too many groups for '::'`);
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    if (left.length !== 8) return fail(`'${text}' does not have 8 groups`);
    groups = left;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (v4) out.set(v4, 12);
  return { ok: true, value: out };
}

// --- TOD clock ------------------------------------------------------------------------------

/** TOD clock units per microsecond: bit 51 = 1 microsecond, so 2^12. */
export const TOD_UNITS_PER_MICROSECOND = 4096n;

// --- certificate 'not after' times --------------------------------------------------------------

/** UTCTime YYMMDDhhmmssZ (RFC 5280 century rule) or GeneralizedTime YYYYMMDDhhmmssZ -> ISO. */
/** Value of `count` decimal digits at `start` of `text`, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  return DAYS_BEFORE_MONTH[month]! - DAYS_BEFORE_MONTH[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0);
}

/** A calendar instant (no leap seconds, hours 00-23) as ISO "YYYY-MM-DDThh:mm:ssZ", or undefined. */
function isoInstant(year: number, month: number, day: number, h: number, mi: number, sec: number): string | undefined {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[h]}:${TWO_DIGITS[mi]}:${TWO_DIGITS[sec]}Z`;
}

/** UTCTime YYMMDDhhmmssZ (RFC 5280 century rule) or GeneralizedTime YYYYMMDDhhmmssZ -> ISO. */
export function certTextToIso(text: string, timeType: number): string | undefined {
  const y = timeType === 1 ? 2 : 4;
  if (text.length !== y + 11 || text[y + 10] !== 'Z') return undefined;
  let year = digits(text, 0, y);
  if (year < 0) return undefined;
  if (timeType === 1) year += year >= 50 ? 1900 : 2000;
  return isoInstant(year, digits(text, y, 2), digits(text, y + 2, 2), digits(text, y + 4, 2), digits(text, y + 6, 2), digits(text, y + 8, 2));
}

/**
 * Writes a certificate time as isoToCertText and a 15-character text field would (null: zeros, '': blanks,
 * else UTCTime + 2 blanks for type 1, GeneralizedTime for type 2) through `table` (code unit -> byte, -1
 * unmappable), without building strings; false when anything is unusual (the caller's general path then
 * writes it or reports why not). `timeType` is the type field's given value.
 */
export function writeCertTime(value: unknown, timeType: unknown, table: Int16Array, out: Uint8Array, at: number): boolean {
  if (value === null) {
    for (let i = 0; i < 15; i++) out[at + i] = 0;
    return true;
  }
  if (typeof value !== 'string') return false;
  const blank = table[32]!;
  if (value === '') {
    if (blank < 0) return false;
    for (let i = 0; i < 15; i++) out[at + i] = blank;
    return true;
  }
  const type = timeType ?? 0;
  if ((type !== 1 && type !== 2) || value.length !== 20) return false;
  const shaped = value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && value.charCodeAt(10) === 84 && value.charCodeAt(13) === 58 && value.charCodeAt(16) === 58 && value.charCodeAt(19) === 90;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const h = digits(value, 11, 2);
  const mi = digits(value, 14, 2);
  const sec = digits(value, 17, 2);
  if (!shaped || year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return false;
  if (type === 1 && (year < 1950 || year > 2049)) return false;
  if (blank < 0) return false;
  // UTCTime YYMMDDhhmmssZ + 2 blanks, GeneralizedTime YYYYMMDDhhmmssZ: characters picked from the ISO text.
  const source = type === 1 ? UTC_TIME_SOURCE : GENERALIZED_TIME_SOURCE;
  for (let i = 0; i < source.length; i++) {
    const byte = table[value.charCodeAt(source[i]!)]!;
    if (byte < 0) return false;
    out[at + i] = byte;
  }
  if (type === 1) out[at + 13] = out[at + 14] = blank;
  return true;
}
/** Indexes in "YYYY-MM-DDThh:mm:ssZ" of the characters of each certificate time text. */
const UTC_TIME_SOURCE = [2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 19];
const GENERALIZED_TIME_SOURCE = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 19];

export function isoToCertText(iso: string, timeType: number): Parsed<string> {
  const year = digits(iso, 0, 4);
  const parts = [digits(iso, 5, 2), digits(iso, 8, 2), digits(iso, 11, 2), digits(iso, 14, 2), digits(iso, 17, 2)] as const;
  const shaped = iso.length === 20 && iso[4] === '-' && iso[7] === '-' && iso[10] === 'T' && iso[13] === ':' && iso[16] === ':' && iso[19] === 'Z';
  if (!shaped || year < 0 || parts.some((p) => p < 0)) return fail(`'${iso}' is not "YYYY-MM-DDThh:mm:ssZ"`);
  const rest = `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  let text: string;
  if (timeType === 1) {
    if (year < 1950 || year > 2049) return fail(`UTCTime covers 1950-2049; ${year} needs GeneralizedTime (type 2)`);
    text = `${TWO_DIGITS[year % 100]}${rest}`;
  } else if (timeType === 2) {
    text = `${iso.slice(0, 4)}${rest}`;
  } else {
    return fail(`a time needs Time_Type 1 (UTCTime) or 2 (GeneralizedTime), not ${timeType}`);
  }
  if (isoInstant(year, ...parts) !== iso) return fail(`'${iso}' is not a valid time`);
  return { ok: true, value: text };
}
