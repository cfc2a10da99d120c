import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { recordArbitrary } from '../generators/arbitraries.js';
import { HOSTILE_DN_ENTRY, hostileRecord } from '../generators/hostile.js';
import { mutate, mutationsArb } from '../generators/mutations.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode, encodeInto } from '../spec/codec.js';
import {
  CERT_DIGEST, CERT_ENC_METHOD, CERT_KEY_TYPE, CERT_SIGNATURE, CERT_TIME_TYPE, DATA_SOURCE, ENC_ALG, FIPS_MODE, HEADER_FLAGS, IP_PROTO,
  KEX_ALG, MSG_AUTH, SEC_FLAGS, SEC_PROTOS, ST11_EVENT_TYPE, ST11_SA_FLAGS, SUBTYPES, TI_REASON, TLS_CRYPTO_FLAGS, TLS_HANDSHAKE_ROLE,
  TLS_HANDSHAKE_TYPE, TLS_VERSION,
} from '../spec/codes.js';
import { ebcdic } from '../spec/ebcdic.js';
import type { CodeSet } from '../spec/types.js';
import type { Row } from './timing.js';
import { consume, ROUNDS, time, timePair } from './timing.js';

// The codec against hand-unrolled code for one fixed subtype 11 TLS record (z/OS 3.2, IPv4, Ident + Common +
// TLS): an encoder that writes every field at its offset with no checks, and a reader that builds the same
// canonical object decode() returns (values and companions) with no checks. Both are verified against the
// codec before timing, so the baselines do the same work.

type Values = Record<string, unknown>;

export const FIXED_RECORD: CanonicalRecord = {
  Header: { SMF119HDSubType: 11, SMF119HDFlags: 0x5e, SMF119HDTime: '13:45:10.25', SMF119HDDate: '2025-03-14', SMF119HDSID: 'SYSA', SMF119HDSSI: 'TCP' },
  Ident: [{ SMF119TI_SYSName: 'SYSA', SMF119TI_SysplexName: 'PLEX1', SMF119TI_Stack: 'TCPIP', SMF119TI_ReleaseID: 'CS3.2', SMF119TI_Comp: 'STACK', SMF119TI_ASName: 'TCPIP', SMF119TI_UserID: 'TCPIP', SMF119TI_ASID: 0x3e, SMF119TI_Reason: 0x08 }],
  Common: [{
    SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10, SMF119SC_SASecFlags: 0, SMF119SC_SAIPProto: 6,
    SMF119SC_SAJobname: 'CICSPRD1', SMF119SC_SAJobID: 'STC01234', SMF119SC_SAUserID: 'CICSUSR', SMF119SC_SASTime: '13:45:09.87',
    SMF119SC_SASDate: '2025-03-14', SMF119SC_SAETime: '00:00:00.00', SMF119SC_SAEDate: null, SMF119SC_SARIP: '10.1.2.3', SMF119SC_SALIP: '10.9.8.7',
    SMF119SC_SARPort: 50123, SMF119SC_SALPort: 443, SMF119SC_SAConnID: 123456, SMF119SC_SAInBytes: '1048576', SMF119SC_SAOutBytes: '9007199254740993',
    SMF119SC_SAInSegDG: '812', SMF119SC_SAOutSegDG: '977',
  }],
  IPFilter: [],
  TLS: [{
    SMF119SC_TLS_Prot_Ver: 0x0303, SMF119SC_TLS_Source: 2, SMF119SC_TLS_Handshake_Type: 1, SMF119SC_TLS_Handshake_Role: 1,
    SMF119SC_TLS_Session_ID: '0A1B2C3D4E5F60718293A4B5C6D7E8F9', SMF119SC_TLS_Protocol_Provider: 'IBM System SSL', SMF119SC_TLS_Neg_Cipher: 'C030',
    SMF119SC_TLS_CS_Enc_Alg: 0, SMF119SC_TLS_CS_Msg_Auth: 1, SMF119SC_TLS_CS_Kex_Alg: 0, SMF119SC_TLS_FIPS_Mode: 0, SMF119SC_TLS_CryptoFlags: 0,
    SMF119SC_TLS_SCert_Signature_Method: 1, SMF119SC_TLS_SCert_Enc_Method: 1, SMF119SC_TLS_SCert_Digest_Alg: 2, SMF119SC_TLS_SCert_Serial: '01020304A0B0C0D0',
    SMF119SC_TLS_SCert_Time_Type: 1, SMF119SC_TLS_SCert_Time: '2027-06-30T23:59:59Z', SMF119SC_TLS_SCert_Key_Type: 1, SMF119SC_TLS_SCert_Key_Len: 2048,
    SMF119SC_TLS_CCert_Signature_Method: 0, SMF119SC_TLS_CCert_Enc_Method: 0, SMF119SC_TLS_CCert_Digest_Alg: 0, SMF119SC_TLS_CCert_Serial: '',
    SMF119SC_TLS_CCert_Time_Type: 0, SMF119SC_TLS_CCert_Time: null, SMF119SC_TLS_CCert_Key_Type: 0, SMF119SC_TLS_CCert_Key_Len: 0,
  }],
  SSH: [],
  IPSec: [],
  DN: [],
  Enforcement: [],
};
const RECORD_LENGTH = 24 + 68 + 64 + 128 + 168;
const RELEASE = '3.2' as const;

// --- the hand-unrolled encoder ---------------------------------------------------------------------

const TO_EBCDIC = ebcdic('IBM-1047').encodeTable;

function u8(out: Uint8Array, at: number, v: number): void {
  out[at] = v;
}
function u16(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 8;
  out[at + 1] = v & 255;
}
function u32(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = (v >>> 16) & 255;
  out[at + 2] = (v >>> 8) & 255;
  out[at + 3] = v & 255;
}
function u64(out: Uint8Array, at: number, decimal: string): void {
  const v = BigInt(decimal);
  u32(out, at, Number(v >> 32n));
  u32(out, at + 4, Number(v & 0xffffffffn));
}
function text(out: Uint8Array, at: number, length: number, s: string): void {
  for (let i = 0; i < length; i++) out[at + i] = i < s.length ? TO_EBCDIC[s.charCodeAt(i)]! : 0x40;
}
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
function timeOfDay(out: Uint8Array, at: number, s: string): void {
  const h = digit(s, 0) * 10 + digit(s, 1);
  const m = digit(s, 3) * 10 + digit(s, 4);
  const sec = digit(s, 6) * 10 + digit(s, 7);
  u32(out, at, ((h * 60 + m) * 60 + sec) * 100 + digit(s, 9) * 10 + digit(s, 10));
}
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
function packedDate(out: Uint8Array, at: number, s: string | null): void {
  if (s === null) return u32(out, at, 0);
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const mo = digit(s, 5) * 10 + digit(s, 6);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = DAYS_BEFORE[mo - 1]! + (leap && mo > 2 ? 1 : 0) + digit(s, 8) * 10 + digit(s, 9);
  const c = y - 1900;
  out[at] = Math.floor(c / 100);
  out[at + 1] = ((Math.floor(c / 10) % 10) << 4) | c % 10;
  out[at + 2] = (Math.floor(day / 100) << 4) | Math.floor(day / 10) % 10;
  out[at + 3] = ((day % 10) << 4) | 0xf;
}
function ipv4(out: Uint8Array, at: number, s: string): void {
  let part = 0;
  let k = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s.charCodeAt(i);
    if (i === s.length || c === 46) {
      out[at + k++] = part;
      part = 0;
    } else {
      part = part * 10 + c - 48;
    }
  }
  out.fill(0, at + 4, at + 16);
}
const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c & 0xdf) - 55);
/** Writes hex bytes zero-padded to `length`; returns the number of significant bytes. */
function sized(out: Uint8Array, at: number, length: number, s: string): number {
  const n = s.length >> 1;
  for (let i = 0; i < n; i++) out[at + i] = (hexValue(s.charCodeAt(2 * i)) << 4) | hexValue(s.charCodeAt(2 * i + 1));
  out.fill(0, at + n, at + length);
  return n;
}
function certTime(out: Uint8Array, at: number, type: number, iso: string | null): void {
  if (iso === null) return void out.fill(0, at, at + 15);
  // UTCTime YYMMDDhhmmssZ + 2 blanks (type 1) or GeneralizedTime YYYYMMDDhhmmssZ (type 2).
  const t = `${type === 1 ? iso.slice(2, 4) : iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  text(out, at, 15, t);
}

export function handEncode(r: CanonicalRecord, out: Uint8Array, o: number): number {
  const h = r['Header'] as Values;
  const id = (r['Ident'] as Values[])[0]!;
  const c = (r['Common'] as Values[])[0]!;
  const t = (r['TLS'] as Values[])[0]!;
  // Header
  u16(out, o, RECORD_LENGTH);
  u16(out, o + 2, 0);
  u8(out, o + 4, h['SMF119HDFlags'] as number);
  u8(out, o + 5, 119);
  timeOfDay(out, o + 6, h['SMF119HDTime'] as string);
  packedDate(out, o + 10, h['SMF119HDDate'] as string);
  text(out, o + 14, 4, h['SMF119HDSID'] as string);
  text(out, o + 18, 4, h['SMF119HDSSI'] as string);
  u16(out, o + 22, 11);
  // Self-defining section: 8 triplets; Ident at 92, Common at 156, TLS at 284, the rest absent.
  u16(out, o + 24, 8);
  u16(out, o + 26, 0);
  out.fill(0, o + 28, o + 92);
  u32(out, o + 28, 92);
  u16(out, o + 32, 64);
  u16(out, o + 34, 1);
  u32(out, o + 36, 156);
  u16(out, o + 40, 128);
  u16(out, o + 42, 1);
  u32(out, o + 52, 284);
  u16(out, o + 56, 168);
  u16(out, o + 58, 1);
  // Ident (92)
  let b = o + 92;
  text(out, b, 8, id['SMF119TI_SYSName'] as string);
  text(out, b + 8, 8, id['SMF119TI_SysplexName'] as string);
  text(out, b + 16, 8, id['SMF119TI_Stack'] as string);
  text(out, b + 24, 8, id['SMF119TI_ReleaseID'] as string);
  text(out, b + 32, 8, id['SMF119TI_Comp'] as string);
  text(out, b + 40, 8, id['SMF119TI_ASName'] as string);
  text(out, b + 48, 8, id['SMF119TI_UserID'] as string);
  u16(out, b + 56, 0);
  u16(out, b + 58, id['SMF119TI_ASID'] as number);
  u8(out, b + 60, id['SMF119TI_Reason'] as number);
  out[b + 61] = out[b + 62] = out[b + 63] = 0;
  // Common (156)
  b = o + 156;
  u8(out, b, c['SMF119SC_SAEvent_Type'] as number);
  u8(out, b + 1, c['SMF119SC_SASecProtos'] as number);
  u8(out, b + 2, c['SMF119SC_SAFlags'] as number);
  u8(out, b + 3, c['SMF119SC_SASecFlags'] as number);
  u8(out, b + 4, c['SMF119SC_SAIPProto'] as number);
  out[b + 5] = out[b + 6] = out[b + 7] = 0;
  text(out, b + 8, 8, c['SMF119SC_SAJobname'] as string);
  text(out, b + 16, 8, c['SMF119SC_SAJobID'] as string);
  text(out, b + 24, 8, c['SMF119SC_SAUserID'] as string);
  timeOfDay(out, b + 32, c['SMF119SC_SASTime'] as string);
  packedDate(out, b + 36, c['SMF119SC_SASDate'] as string | null);
  timeOfDay(out, b + 40, c['SMF119SC_SAETime'] as string);
  packedDate(out, b + 44, c['SMF119SC_SAEDate'] as string | null);
  ipv4(out, b + 48, c['SMF119SC_SARIP'] as string);
  ipv4(out, b + 64, c['SMF119SC_SALIP'] as string);
  u16(out, b + 80, c['SMF119SC_SARPort'] as number);
  u16(out, b + 82, c['SMF119SC_SALPort'] as number);
  u32(out, b + 84, c['SMF119SC_SAConnID'] as number);
  u64(out, b + 88, c['SMF119SC_SAInBytes'] as string);
  u64(out, b + 96, c['SMF119SC_SAOutBytes'] as string);
  u64(out, b + 104, c['SMF119SC_SAInSegDG'] as string);
  u64(out, b + 112, c['SMF119SC_SAOutSegDG'] as string);
  out.fill(0, b + 120, b + 128);
  // TLS (284)
  b = o + 284;
  u16(out, b, t['SMF119SC_TLS_Prot_Ver'] as number);
  u8(out, b + 2, t['SMF119SC_TLS_Source'] as number);
  u8(out, b + 3, t['SMF119SC_TLS_Handshake_Type'] as number);
  u8(out, b + 4, t['SMF119SC_TLS_Handshake_Role'] as number);
  out[b + 5] = out[b + 6] = 0;
  u8(out, b + 7, sized(out, b + 8, 32, t['SMF119SC_TLS_Session_ID'] as string));
  text(out, b + 40, 16, t['SMF119SC_TLS_Protocol_Provider'] as string);
  text(out, b + 56, 6, t['SMF119SC_TLS_Neg_Cipher'] as string);
  u16(out, b + 62, t['SMF119SC_TLS_CS_Enc_Alg'] as number);
  u16(out, b + 64, t['SMF119SC_TLS_CS_Msg_Auth'] as number);
  u16(out, b + 66, t['SMF119SC_TLS_CS_Kex_Alg'] as number);
  u8(out, b + 68, t['SMF119SC_TLS_FIPS_Mode'] as number);
  u8(out, b + 69, t['SMF119SC_TLS_CryptoFlags'] as number);
  out[b + 70] = out[b + 71] = 0;
  u16(out, b + 72, t['SMF119SC_TLS_SCert_Signature_Method'] as number);
  u16(out, b + 74, t['SMF119SC_TLS_SCert_Enc_Method'] as number);
  u16(out, b + 76, t['SMF119SC_TLS_SCert_Digest_Alg'] as number);
  out[b + 78] = 0;
  u8(out, b + 79, sized(out, b + 80, 20, t['SMF119SC_TLS_SCert_Serial'] as string));
  u8(out, b + 100, t['SMF119SC_TLS_SCert_Time_Type'] as number);
  certTime(out, b + 101, t['SMF119SC_TLS_SCert_Time_Type'] as number, t['SMF119SC_TLS_SCert_Time'] as string | null);
  u16(out, b + 116, t['SMF119SC_TLS_SCert_Key_Type'] as number);
  u16(out, b + 118, t['SMF119SC_TLS_SCert_Key_Len'] as number);
  u16(out, b + 120, t['SMF119SC_TLS_CCert_Signature_Method'] as number);
  u16(out, b + 122, t['SMF119SC_TLS_CCert_Enc_Method'] as number);
  u16(out, b + 124, t['SMF119SC_TLS_CCert_Digest_Alg'] as number);
  out[b + 126] = 0;
  u8(out, b + 127, sized(out, b + 128, 20, t['SMF119SC_TLS_CCert_Serial'] as string));
  u8(out, b + 148, t['SMF119SC_TLS_CCert_Time_Type'] as number);
  certTime(out, b + 149, t['SMF119SC_TLS_CCert_Time_Type'] as number, t['SMF119SC_TLS_CCert_Time'] as string | null);
  u16(out, b + 164, t['SMF119SC_TLS_CCert_Key_Type'] as number);
  u16(out, b + 166, t['SMF119SC_TLS_CCert_Key_Len'] as number);
  return RECORD_LENGTH;
}

// --- the hand-unrolled reader ----------------------------------------------------------------------

const FROM_EBCDIC = ebcdic('IBM-1047').decodeTable;
const r8 = (b: Uint8Array, at: number): number => b[at]!;
const r16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const r32 = (b: Uint8Array, at: number): number => b[at]! * 16777216 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
function r64(b: Uint8Array, at: number): string {
  const hi = r32(b, at);
  const lo = r32(b, at + 4);
  return hi < 0x200000 ? String(hi * 4294967296 + lo) : ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}
function rText(b: Uint8Array, at: number, length: number): string {
  let end = at + length;
  while (end > at && b[end - 1] === 0x40) end--;
  let s = '';
  for (let i = at; i < end; i++) s += FROM_EBCDIC[b[i]!];
  return s;
}
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
function rTime(b: Uint8Array, at: number): string {
  const v = r32(b, at);
  return `${two(Math.floor(v / 360000))}:${two(Math.floor(v / 6000) % 60)}:${two(Math.floor(v / 100) % 60)}.${two(v % 100)}`;
}
function rDate(b: Uint8Array, at: number): string | null {
  if ((b[at]! | b[at + 1]! | b[at + 2]! | b[at + 3]!) === 0) return null;
  const y = 1900 + (b[at]! & 15) * 100 + (b[at + 1]! >> 4) * 10 + (b[at + 1]! & 15);
  let day = (b[at + 2]! >> 4) * 100 + (b[at + 2]! & 15) * 10 + (b[at + 3]! >> 4);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  let mo = 0;
  while (mo < 11 && DAYS_BEFORE[mo + 1]! + (leap && mo + 1 >= 2 ? 1 : 0) < day) mo++;
  day -= DAYS_BEFORE[mo]! + (leap && mo >= 2 ? 1 : 0);
  return `${y}-${two(mo + 1)}-${two(day)}`;
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
function rHex(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[b[at + i]!];
  return s;
}
function rCertTime(b: Uint8Array, at: number, type: number): string | null {
  if (type === 0 && b[at] === 0) return null;
  const t = rText(b, at, 15);
  const y = type === 1 ? `20${t.slice(0, 2)}` : t.slice(0, 4);
  const r = type === 1 ? t.slice(2) : t.slice(4);
  return `${y}-${r.slice(0, 2)}-${r.slice(2, 4)}T${r.slice(4, 6)}:${r.slice(6, 8)}:${r.slice(8, 10)}Z`;
}
const names = (set: CodeSet): Map<number, string> => new Map(set.codes.map((c) => [c.code, c.name]));
const N = {
  flagsH: HEADER_FLAGS, subtype: names(SUBTYPES), reason: names(TI_REASON), event: names(ST11_EVENT_TYPE), protos: SEC_PROTOS, saFlags: ST11_SA_FLAGS,
  secFlags: SEC_FLAGS, ipProto: names(IP_PROTO), version: names(TLS_VERSION), source: names(DATA_SOURCE), hsType: names(TLS_HANDSHAKE_TYPE),
  hsRole: names(TLS_HANDSHAKE_ROLE), enc: names(ENC_ALG), mac: names(MSG_AUTH), kex: names(KEX_ALG), fips: names(FIPS_MODE), crypto: TLS_CRYPTO_FLAGS,
  sig: names(CERT_SIGNATURE), certEnc: names(CERT_ENC_METHOD), digest: names(CERT_DIGEST), certTime: names(CERT_TIME_TYPE), keyType: names(CERT_KEY_TYPE),
};
const name = (m: Map<number, string>, v: number): string | null => m.get(v) ?? null;
function flagNames(set: CodeSet, v: number): string[] {
  const out: string[] = [];
  for (const c of set.codes) if (c.code !== 0 && (v & c.code) === c.code) out.push(c.name);
  return out;
}

export function handRead(b: Uint8Array): CanonicalRecord {
  let v: number;
  const header = {
    SMF119HDLength: r16(b, 0), SMF119HDSegDesc: r16(b, 2), SMF119HDFlags: (v = r8(b, 4)), 'SMF119HDFlags.flags': flagNames(N.flagsH, v), SMF119HDType: r8(b, 5),
    SMF119HDTime: rTime(b, 6), SMF119HDDate: rDate(b, 10), SMF119HDSID: rText(b, 14, 4), SMF119HDSSI: rText(b, 18, 4), SMF119HDSubType: (v = r16(b, 22)),
    'SMF119HDSubType.name': name(N.subtype, v),
  };
  const selfDef: Values = { SMF119SD_TRN: r16(b, 24) };
  const stems = ['ID', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'];
  for (let k = 0; k < 8; k++) {
    selfDef[`SMF119${stems[k]}Off`] = r32(b, 28 + 8 * k);
    selfDef[`SMF119${stems[k]}Len`] = r16(b, 32 + 8 * k);
    selfDef[`SMF119${stems[k]}Num`] = r16(b, 34 + 8 * k);
  }
  let o = 92;
  const ident = {
    SMF119TI_SYSName: rText(b, o, 8), SMF119TI_SysplexName: rText(b, o + 8, 8), SMF119TI_Stack: rText(b, o + 16, 8), SMF119TI_ReleaseID: rText(b, o + 24, 8),
    SMF119TI_Comp: rText(b, o + 32, 8), SMF119TI_ASName: rText(b, o + 40, 8), SMF119TI_UserID: rText(b, o + 48, 8), SMF119TI_ASID: r16(b, o + 58),
    SMF119TI_Reason: (v = r8(b, o + 60)), 'SMF119TI_Reason.name': name(N.reason, v),
  };
  o = 156;
  const common = {
    SMF119SC_SAEvent_Type: (v = r8(b, o)), 'SMF119SC_SAEvent_Type.name': name(N.event, v),
    SMF119SC_SASecProtos: (v = r8(b, o + 1)), 'SMF119SC_SASecProtos.flags': flagNames(N.protos, v),
    SMF119SC_SAFlags: (v = r8(b, o + 2)), 'SMF119SC_SAFlags.flags': flagNames(N.saFlags, v),
    SMF119SC_SASecFlags: (v = r8(b, o + 3)), 'SMF119SC_SASecFlags.flags': flagNames(N.secFlags, v),
    SMF119SC_SAIPProto: (v = r8(b, o + 4)), 'SMF119SC_SAIPProto.name': name(N.ipProto, v),
    SMF119SC_SAJobname: rText(b, o + 8, 8), SMF119SC_SAJobID: rText(b, o + 16, 8), SMF119SC_SAUserID: rText(b, o + 24, 8),
    SMF119SC_SASTime: rTime(b, o + 32), SMF119SC_SASDate: rDate(b, o + 36), SMF119SC_SAETime: rTime(b, o + 40), SMF119SC_SAEDate: rDate(b, o + 44),
    SMF119SC_SARIP: `${b[o + 48]}.${b[o + 49]}.${b[o + 50]}.${b[o + 51]}`, SMF119SC_SALIP: `${b[o + 64]}.${b[o + 65]}.${b[o + 66]}.${b[o + 67]}`,
    SMF119SC_SARPort: r16(b, o + 80), SMF119SC_SALPort: r16(b, o + 82), SMF119SC_SAConnID: r32(b, o + 84),
    SMF119SC_SAInBytes: r64(b, o + 88), SMF119SC_SAOutBytes: r64(b, o + 96), SMF119SC_SAInSegDG: r64(b, o + 104), SMF119SC_SAOutSegDG: r64(b, o + 112),
  };
  o = 284;
  let n: number;
  const tls = {
    SMF119SC_TLS_Prot_Ver: (v = r16(b, o)), 'SMF119SC_TLS_Prot_Ver.name': name(N.version, v),
    SMF119SC_TLS_Source: (v = r8(b, o + 2)), 'SMF119SC_TLS_Source.name': name(N.source, v),
    SMF119SC_TLS_Handshake_Type: (v = r8(b, o + 3)), 'SMF119SC_TLS_Handshake_Type.name': name(N.hsType, v),
    SMF119SC_TLS_Handshake_Role: (v = r8(b, o + 4)), 'SMF119SC_TLS_Handshake_Role.name': name(N.hsRole, v),
    SMF119SC_TLS_Session_ID_Len: (n = r8(b, o + 7)), SMF119SC_TLS_Session_ID: rHex(b, o + 8, n),
    SMF119SC_TLS_Protocol_Provider: rText(b, o + 40, 16), SMF119SC_TLS_Neg_Cipher: rText(b, o + 56, 6), 'SMF119SC_TLS_Neg_Cipher.name': null as string | null,
    SMF119SC_TLS_CS_Enc_Alg: (v = r16(b, o + 62)), 'SMF119SC_TLS_CS_Enc_Alg.name': name(N.enc, v),
    SMF119SC_TLS_CS_Msg_Auth: (v = r16(b, o + 64)), 'SMF119SC_TLS_CS_Msg_Auth.name': name(N.mac, v),
    SMF119SC_TLS_CS_Kex_Alg: (v = r16(b, o + 66)), 'SMF119SC_TLS_CS_Kex_Alg.name': name(N.kex, v),
    SMF119SC_TLS_FIPS_Mode: (v = r8(b, o + 68)), 'SMF119SC_TLS_FIPS_Mode.name': name(N.fips, v),
    SMF119SC_TLS_CryptoFlags: (v = r8(b, o + 69)), 'SMF119SC_TLS_CryptoFlags.flags': flagNames(N.crypto, v),
    SMF119SC_TLS_SCert_Signature_Method: (v = r16(b, o + 72)), 'SMF119SC_TLS_SCert_Signature_Method.name': name(N.sig, v),
    SMF119SC_TLS_SCert_Enc_Method: (v = r16(b, o + 74)), 'SMF119SC_TLS_SCert_Enc_Method.name': name(N.certEnc, v),
    SMF119SC_TLS_SCert_Digest_Alg: (v = r16(b, o + 76)), 'SMF119SC_TLS_SCert_Digest_Alg.name': name(N.digest, v),
    SMF119SC_TLS_SCert_Serial_Len: (n = r8(b, o + 79)), SMF119SC_TLS_SCert_Serial: rHex(b, o + 80, n),
    SMF119SC_TLS_SCert_Time_Type: (v = r8(b, o + 100)), 'SMF119SC_TLS_SCert_Time_Type.name': name(N.certTime, v), SMF119SC_TLS_SCert_Time: rCertTime(b, o + 101, v),
    SMF119SC_TLS_SCert_Key_Type: (v = r16(b, o + 116)), 'SMF119SC_TLS_SCert_Key_Type.name': name(N.keyType, v), SMF119SC_TLS_SCert_Key_Len: r16(b, o + 118),
    SMF119SC_TLS_CCert_Signature_Method: (v = r16(b, o + 120)), 'SMF119SC_TLS_CCert_Signature_Method.name': name(N.sig, v),
    SMF119SC_TLS_CCert_Enc_Method: (v = r16(b, o + 122)), 'SMF119SC_TLS_CCert_Enc_Method.name': name(N.certEnc, v),
    SMF119SC_TLS_CCert_Digest_Alg: (v = r16(b, o + 124)), 'SMF119SC_TLS_CCert_Digest_Alg.name': name(N.digest, v),
    SMF119SC_TLS_CCert_Serial_Len: (n = r8(b, o + 127)), SMF119SC_TLS_CCert_Serial: rHex(b, o + 128, n),
    SMF119SC_TLS_CCert_Time_Type: (v = r8(b, o + 148)), 'SMF119SC_TLS_CCert_Time_Type.name': name(N.certTime, v), SMF119SC_TLS_CCert_Time: rCertTime(b, o + 149, v),
    SMF119SC_TLS_CCert_Key_Type: (v = r16(b, o + 164)), 'SMF119SC_TLS_CCert_Key_Type.name': name(N.keyType, v), SMF119SC_TLS_CCert_Key_Len: r16(b, o + 166),
  };
  tls['SMF119SC_TLS_Neg_Cipher.name'] = tls.SMF119SC_TLS_Neg_Cipher === 'C030' ? 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' : null;
  return { Header: header, SelfDef: selfDef, Ident: [ident], Common: [common], IPFilter: [], TLS: [tls], SSH: [], IPSec: [], DN: [], Enforcement: [] };
}

// --- the fuzz set ----------------------------------------------------------------------------------

/** Mutated valid records of both subtypes, and issue 12's hostile record. */
function fuzzSet(): Uint8Array[] {
  const count = Number(process.env['ZF_BENCH_FUZZ'] ?? 2000);
  const pairs = fc.sample(fc.tuple(fc.constantFrom(11, 12) as fc.Arbitrary<11 | 12>, mutationsArb), { seed: 12, numRuns: count });
  const inputs = pairs.map(([subtype, mutations], i) => mutate(encode(fc.sample(recordArbitrary(subtype, RELEASE), { seed: i, numRuns: 1 })[0]!, { release: RELEASE }), mutations));
  inputs.push(hostileRecord());
  return inputs;
}

/** Worst single decode over the fuzz set (each input timed as the best of 3, to drop scheduling noise). */
function worstDecode(inputs: readonly Uint8Array[]): { ms: number; index: number } {
  let worst = { ms: 0, index: -1 };
  for (let i = 0; i < inputs.length; i++) {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      consume(decode(inputs[i]!).diagnostics.length);
      best = Math.min(best, performance.now() - t0);
    }
    if (best > worst.ms) worst = { ms: best, index: i };
  }
  return worst;
}

export function codecRows(): Row[] {
  const expected = encode(FIXED_RECORD, { release: RELEASE });
  const buf = new Uint8Array(RECORD_LENGTH);
  handEncode(FIXED_RECORD, buf, 0);
  if (!Buffer.from(buf).equals(Buffer.from(expected))) throw new Error('the hand encoder does not write what encode() writes');
  if (!isDeepStrictEqual(handRead(expected), decode(expected).record)) throw new Error('the hand reader does not build what decode() builds');

  const section = 'codec';
  const out = new Uint8Array(RECORD_LENGTH);
  const handEncoder = (): void => consume(handEncode(FIXED_RECORD, out, 0));
  const handReader = (): void => consume(Object.keys(handRead(expected)).length);
  const HAND_ENCODER = 'hand-unrolled encoder (baseline)';
  const HAND_READER = 'hand-unrolled reader (baseline)';
  const rows: Row[] = [];
  /** A subject row timed in alternating rounds with its baseline; the baseline row is added once. */
  const add = (name: string, baseline: string, base: () => void, subject: () => void, target?: Row['target']): void => {
    const p = timePair(base, subject);
    if (!rows.some((r) => r.name === baseline)) rows.push({ section, name: baseline, timing: p.baseline });
    const row: Row = { section, name, baseline, timing: p.subject, ratio: p.ratio, note: `ratio: median of ${ROUNDS} alternating rounds against the baseline, spread ${(p.ratioSpread * 100).toFixed(0)}%` };
    if (target) row.target = target;
    rows.push(row);
  };
  add('encodeInto (compiled, caller buffer)', HAND_ENCODER, handEncoder, () => consume(encodeInto(FIXED_RECORD, out, 0, { release: RELEASE })), { max: 1.5, unit: 'x' });
  add('encode (compiled, new Uint8Array)', HAND_ENCODER, handEncoder, () => consume(encode(FIXED_RECORD, { release: RELEASE }).length));
  add('decode to canonical JSON (compiled)', HAND_READER, handReader, () => consume(decode(expected).diagnostics.length), { max: 2, unit: 'x' });
  add('decode, reference interpreter (onField)', HAND_READER, handReader, () => consume(decode(expected, { onField: () => {} }).diagnostics.length));
  const inputs = fuzzSet();
  const worst = worstDecode(inputs);
  rows.push({
    section,
    name: `worst decode over the fuzz set (${inputs.length} inputs)`,
    timing: { medianMs: worst.ms, spread: 0, operations: 1 },
    target: { max: 10, unit: 'ms' },
    note: `input #${worst.index}${worst.index === inputs.length - 1 ? ' (the 64 KB hostile record)' : ''}, ${inputs[worst.index]?.length ?? 0} bytes`,
  });
  const stress = hostileRecord(HOSTILE_DN_ENTRY);
  rows.push({ section, name: 'decode, 64 KB record of 16k DN entries', timing: time(() => consume(decode(stress).diagnostics.length)), target: { max: 10, unit: 'ms' } });
  return rows;
}
