// Pure conversions between bytes and canonical values. Each returns a result or a reason it cannot;
// callers attach paths and kinds.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function readUint(bytes: Uint8Array, offset: number, length: number): bigint {
  let v = 0n;
  for (let i = 0; i < length; i++) v = (v << 8n) | BigInt(bytes[offset + i]!);
  return v;
}

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

export function writeSmallUint(out: Uint8Array, offset: number, length: number, value: number): void {
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).toUpperCase().padStart(2, '0');
  return s;
}

export function parseHex(s: string): Parsed<Uint8Array> {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(s)) return fail(`'${s}' is not an even-length hex string`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, value: out };
}

export function isAll(bytes: Uint8Array, value: number): boolean {
  for (const b of bytes) if (b !== value) return false;
  return true;
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

export function formatTimeOfDay(hundredths: number): string {
  const cs = hundredths % 100;
  const s = Math.floor(hundredths / 100) % 60;
  const m = Math.floor(hundredths / 6000) % 60;
  const h = Math.floor(hundredths / 360000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${two(cs)}`;
}

export function parseTimeOfDay(text: unknown): Parsed<number> {
  if (typeof text !== 'string') return fail(`expected "HH:MM:SS.hh", got ${JSON.stringify(text)}`);
  const m = /^(\d{2}):(\d{2}):(\d{2})\.(\d{2})$/.exec(text);
  if (!m) return fail(`'${text}' is not "HH:MM:SS.hh"`);
  const [h, mi, s, cs] = m.slice(1).map(Number) as [number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return fail(`'${text}' is not a time of day`);
  return { ok: true, value: ((h * 60 + mi) * 60 + s) * 100 + cs };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Packed 0cyydddF -> ISO date; null for X'00000000'. */
export function decodePackedDate(b: Uint8Array): Parsed<string | null> & { noDateForm?: boolean } {
  if (isAll(b, 0)) return { ok: true, value: null };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x0f) return { ok: true, value: null, noDateForm: true };
  const n = [...b].flatMap((x) => [x >> 4, x & 0xf]);
  if (n[7] !== 0xf) return fail(`sign nibble is X'${n[7]!.toString(16).toUpperCase()}', not X'F'`);
  if (n[0] !== 0) return fail('first nibble is not 0');
  if (n.slice(1, 7).some((d) => d > 9)) return fail('a digit nibble is above 9');
  const year = 1900 + n[1]! * 100 + n[2]! * 10 + n[3]!;
  const day = n[4]! * 100 + n[5]! * 10 + n[6]!;
  if (day < 1 || day > (isLeap(year) ? 366 : 365)) return fail(`day ${day} does not exist in ${year}`);
  const d = new Date(Date.UTC(year, 0, day));
  return { ok: true, value: d.toISOString().slice(0, 10) };
}

export function encodePackedDate(value: unknown): Parsed<Uint8Array> {
  if (value === null) return { ok: true, value: new Uint8Array(4) };
  if (typeof value !== 'string') return fail(`expected "YYYY-MM-DD" or null, got ${JSON.stringify(value)}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return fail(`'${value}' is not "YYYY-MM-DD"`);
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return fail(`'${value}' is not a calendar date`);
  if (y < 1900 || y > 2899) return fail(`year ${y} cannot be written as 0cyyddd (1900-2899)`);
  const day = Math.round((date.getTime() - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  const digits = `0${String(y - 1900).padStart(3, '0')}${String(day).padStart(3, '0')}`;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const hi = Number(digits[i * 2]);
    const lo = i === 3 ? 0xf : Number(digits[i * 2 + 1]);
    out[i] = (hi << 4) | lo;
  }
  return { ok: true, value: out };
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

export function parseIPv4(text: string): Parsed<Uint8Array> {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(?:0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255)) {
    return fail(`'${text}' is not a dotted IPv4 address`);
  }
  return { ok: true, value: Uint8Array.from(parts.map(Number)) };
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

// --- TOD clock (STCK) ----------------------------------------------------------------------------

/** TOD clock units per microsecond: bit 51 = 1 microsecond, so 2^12. */
export const TOD_UNITS_PER_MICROSECOND = 4096n;
/** Microseconds from the TOD epoch (1900-01-01T00:00Z) to the Unix epoch. */
export const TOD_EPOCH_OFFSET_US = 2_208_988_800_000_000n;

export function stckToIso(tod: bigint): string {
  const us = tod / TOD_UNITS_PER_MICROSECOND - TOD_EPOCH_OFFSET_US;
  const ms = us / 1000n;
  const iso = new Date(Number(ms)).toISOString();
  const micro = ((us % 1_000_000n) + 1_000_000n) % 1_000_000n;
  return `${iso.slice(0, 19)}.${String(micro).padStart(6, '0')}Z`;
}

export function isoToStck(text: unknown): Parsed<bigint> {
  if (typeof text !== 'string') return fail(`expected an ISO-8601 UTC timestamp, got ${JSON.stringify(text)}`);
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!m) return fail(`'${text}' is not "YYYY-MM-DDThh:mm:ss[.ffffff]Z"`);
  const ms = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(ms)) return fail(`'${text}' is not a valid time`);
  const us = BigInt(ms) * 1000n + BigInt((m[2] ?? '').padEnd(6, '0')) + TOD_EPOCH_OFFSET_US;
  if (us < 0n) return fail(`'${text}' is before the TOD epoch (1900)`);
  const tod = us * TOD_UNITS_PER_MICROSECOND;
  if (tod >= 1n << 64n) return fail(`'${text}' is past the end of the TOD clock (2042)`);
  return { ok: true, value: tod };
}

// --- certificate 'not after' times --------------------------------------------------------------

/** UTCTime YYMMDDhhmmssZ (RFC 5280 century rule) or GeneralizedTime YYYYMMDDhhmmssZ -> ISO. */
export function certTextToIso(text: string, timeType: number): string | undefined {
  const m = timeType === 1 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (timeType === 1) year += year >= 50 ? 1900 : 2000;
  const iso = `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || new Date(t).toISOString().replace('.000', '') !== iso) return undefined;
  return iso;
}

export function isoToCertText(iso: string, timeType: number): Parsed<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(iso);
  if (!m) return fail(`'${iso}' is not "YYYY-MM-DDThh:mm:ssZ"`);
  const year = Number(m[1]);
  const rest = `${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}Z`;
  let text: string;
  if (timeType === 1) {
    if (year < 1950 || year > 2049) return fail(`UTCTime covers 1950-2049; ${year} needs GeneralizedTime (type 2)`);
    text = `${String(year % 100).padStart(2, '0')}${rest}`;
  } else if (timeType === 2) {
    text = `${m[1]}${rest}`;
  } else {
    return fail(`a time needs Time_Type 1 (UTCTime) or 2 (GeneralizedTime), not ${timeType}`);
  }
  if (certTextToIso(text, timeType) !== iso) return fail(`'${iso}' is not a valid time`);
  return { ok: true, value: text };
}
