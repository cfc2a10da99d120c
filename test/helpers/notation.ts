import type { FieldDef } from '../../spec/types.js';
import { glibcDecodeAll } from './glibc.js';

// The canonical JSON notation of field values (what `decode` prints), rebuilt from raw bytes without
// spec/primitives.ts, for the tests that read records with a second decoder (Kaitai, C structs).
// EBCDIC goes through glibc iconv's IBM1047 table.

const ebcdicTable = glibcDecodeAll('IBM-1047').map((cp) => String.fromCharCode(cp));
export const decodeEbcdic = (b: Uint8Array): string => Array.from(b, (x) => ebcdicTable[x]).join('');

export const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
export const trimBlanks = (s: string): string => s.replace(/ +$/, '');
const pad2 = (n: number): string => String(n).padStart(2, '0');

export function ipText(b: Uint8Array, v6: boolean): string {
  if (!v6) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(':');
  // The WHATWG URL parser writes IPv6 hosts in RFC 5952 form (longest zero run, first on a tie).
  return new URL(`http://[${groups}]/`).hostname.slice(1, -1);
}

export function packedDate(b: Uint8Array): string | null {
  const digits = hex(b);
  if (digits === '00000000' || digits === '0000000F') return null;
  const m = /^0(\d)(\d\d)(\d\d\d)F$/.exec(digits);
  if (!m) throw new Error(`not a packed date: ${digits}`);
  return new Date(Date.UTC(1900 + 100 * Number(m[1]) + Number(m[2]), 0, Number(m[3]))).toISOString().slice(0, 10);
}

export function timeOfDay(h: number): string {
  return `${pad2(Math.floor(h / 360000))}:${pad2(Math.floor(h / 6000) % 60)}:${pad2(Math.floor(h / 100) % 60)}.${pad2(h % 100)}`;
}

export function certTime(text: string, timeType: number): string | null {
  if (/^\0+$/.test(text)) return null;
  if (/^ +$/.test(text)) return '';
  const m = timeType === 1 ? /^(\d\d)(\d{10})Z {2}$/.exec(text) : /^(\d{4})(\d{10})Z$/.exec(text);
  if (!m) throw new Error(`not a time of type ${timeType}: '${text}'`);
  const year = timeType === 1 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
  const r = m[2]!;
  return `${year}-${r.slice(0, 2)}-${r.slice(2, 4)}T${r.slice(4, 6)}:${r.slice(6, 8)}:${r.slice(8, 10)}Z`;
}

/** An unsigned value (number or bigint) against the JSON's number or decimal string. */
export function sameUint(actual: number | bigint, expected: unknown): boolean {
  if (typeof expected === 'number') return Number(actual) === expected && BigInt(actual) === BigInt(expected);
  if (typeof actual === 'bigint') return actual === BigInt(expected as string);
  // The Kaitai JavaScript runtime reads 8-byte integers as doubles: above 2^53 only the double can be compared.
  const big = BigInt(expected as string);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(actual) === big : Number(big) === actual;
}

const uint = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);

/** Does a field's raw bytes say what the JSON says? `sibling` gives the bytes of another field of the same occurrence. */
export function bytesMatch(f: FieldDef, b: Uint8Array, sibling: (name: string) => Uint8Array, v6: boolean, expected: unknown): boolean {
  const t = f.type;
  switch (t.kind) {
    case 'uint':
    case 'derived':
    case 'enum':
    case 'flags':
    case 'todDuration':
      return sameUint(uint(b), expected);
    case 'text':
    case 'cipher':
      return trimBlanks(decodeEbcdic(b)) === expected;
    case 'varText':
      return decodeEbcdic(b) === expected;
    case 'ip':
      return ipText(b, v6) === expected;
    case 'timeOfDay':
      return timeOfDay(Number(uint(b))) === expected;
    case 'packedDate':
      return packedDate(b) === expected;
    case 'certTime':
      return certTime(decodeEbcdic(b), Number(uint(sibling(t.typeField)))) === expected;
    case 'sizedBytes':
      return hex(b.subarray(0, Number(uint(sibling(t.lengthField))))) === expected;
    default:
      throw new Error(`no comparison for ${t.kind}`);
  }
}
