import type { CanonicalRecord } from '../../spec/codec.js';
import { decode } from '../../spec/codec.js';
import type { ErrorKind } from '../../spec/errors.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import { sweepRecords } from './sweep.js';

// The golden cases. Ids are stable and never reused (retired ids are listed below). A case is a list of
// records (plus, for invalid variants, explicit overrides or damage to the framed file) and an expectation:
// valid (must decode to the expected JSON), invalid (must be rejected; says what is wrong and where), or
// acceptable (either answer is fine, with the flag that says why).

export const CORPUS_VERSION = '1.1.0';
/** The manifest's changelog, newest first. */
export const CORPUS_CHANGES: readonly { version: string; changes: readonly string[] }[] = [
  {
    version: '1.1.0',
    changes: [
      "st11-3.2-sweep, st12-3.2-sweep: every record now has header flag X'40' (subtypes used); valid cases are checked for it",
      "new acceptable case st11-3.2-subtypes-flag-off: a record without X'40' (flag subtypes-flag-off)",
      'new VBS cases st11-3.2-vbs-middle-segments (first, middle..., last segments) and st11-3.2-vbs-span-between (complete records sharing blocks with a spanned one)',
      'new cases st11-3.2-other-records and st12-3.2-other-records-vbs: type 30 and type 119 subtype 2 and 99 records a parser must skip, listed in the new manifest key `skip`; `records` counts only the records to return',
      'new hand-written cases (ids starting hw-): inputs built from the reference offsets and glibc iconv, not by zert-forge, expected JSON written by hand; `handBuiltInput` and `cites` (the IBM sentences tested) in the manifest',
      'manifest: new keys `changes`, `skip`, `handBuiltInput`, `cites`',
      'expected JSON: negotiated cipher suites carry their IANA name beside the code (`SMF119SC_TLS_Neg_Cipher.name`), a zert-forge companion like the enum names',
    ],
  },
  { version: '1.0.0', changes: ['first version'] },
];
/** Ids of removed cases: never to be used again. */
export const RETIRED_IDS: readonly string[] = [];

export type Expectation =
  | { kind: 'valid' }
  | { kind: 'invalid'; error: { kind: ErrorKind; path: string }; why: string }
  | { kind: 'acceptable'; flag: string; why: string };

export interface CaseRecord {
  record: CanonicalRecord;
  overrides?: Record<string, unknown>;
}

/** A record a zERT parser must skip (another SMF record type, or a type 119 subtype other than 11 and 12): its
 *  bytes, RDW included, and what it is. It is in the input file but not in the expected JSON. */
export interface ForeignRecord {
  foreign: Uint8Array;
  what: string;
}

export interface CaseDef {
  id: string;
  description: string;
  subtype: Subtype;
  release: Release;
  framing: Framing;
  blockSize?: number;
  flags: string[];
  expectation: Expectation;
  /** The records, encoded by zert-forge; empty for a hand-built input. */
  records: (CaseRecord | ForeignRecord)[];
  /** Damage to the framed file (framing-level invalid variants), applied after framing. */
  damage?: (file: Uint8Array) => Uint8Array;
  /** The expected JSON file was written by hand, not by our decoder: `golden --write` never touches it. */
  handWritten?: boolean;
  /** The input file was built without zert-forge's encoder (test/handwritten/inputs.ts, from the reference offsets and
   *  glibc iconv): `golden --write` never touches it, and test/handwritten.test.ts rebuilds it byte for byte. */
  handBuiltInput?: boolean;
  /** What the case tests, test262 style: the IBM sentences and reference rows its expectation rests on. */
  cites?: string[];
}

export const isForeign = (r: CaseRecord | ForeignRecord): r is ForeignRecord => 'foreign' in r;

const VALID = { kind: 'valid' } as const;

// --- building blocks -----------------------------------------------------------------------------

const header = (subtype: Subtype, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  SMF119HDSubType: subtype, SMF119HDFlags: 0x5e, SMF119HDTime: '14:03:22.51', SMF119HDDate: '2025-06-30', SMF119HDSID: 'SYS1', ...extra,
});
const ident = (reason: number): Record<string, unknown> => ({ SMF119TI_SYSName: 'SYS1', SMF119TI_SysplexName: 'PLEXA', SMF119TI_Stack: 'TCPIP', SMF119TI_ReleaseID: 'CS V3R2', SMF119TI_Comp: 'STACK', SMF119TI_ASName: 'TCPIP', SMF119TI_UserID: 'TCPIP', SMF119TI_ASID: 0x3a, SMF119TI_Reason: reason });

function st11(event: number, extra: Record<string, unknown[]> = {}, common: Record<string, unknown> = {}): CanonicalRecord {
  return {
    Header: header(11),
    Ident: [ident(0x08)],
    Common: [{ SMF119SC_SAEvent_Type: event, SMF119SC_SASecProtos: 0, SMF119SC_SAIPProto: 6, SMF119SC_SAJobname: 'CICSPROD', SMF119SC_SAJobID: 'STC04711', SMF119SC_SAUserID: 'CICSUSR', SMF119SC_SASTime: '14:03:12.00', SMF119SC_SASDate: '2025-06-30', SMF119SC_SARIP: '10.20.30.40', SMF119SC_SALIP: '10.1.1.1', SMF119SC_SARPort: 50123, SMF119SC_SALPort: 443, SMF119SC_SAConnID: 0x1a2b, ...common }],
    ...extra,
  };
}

const tls11 = { SMF119SC_TLS_Prot_Ver: 0x0303, SMF119SC_TLS_Source: 2, SMF119SC_TLS_Handshake_Type: 1, SMF119SC_TLS_Handshake_Role: 2, SMF119SC_TLS_Protocol_Provider: 'IBM System SSL', SMF119SC_TLS_Neg_Cipher: 'C02F', SMF119SC_TLS_CS_Msg_Auth: 1 };

function st12(event: number, extra: Record<string, unknown[]> = {}, common: Record<string, unknown> = {}): CanonicalRecord {
  const interval = event === 1;
  return {
    Header: header(12),
    Ident: [ident(interval ? 0x80 : 0x08)],
    Common: [interval
      ? { SMF119SS_SAIntervalDuration: '3686400000000', SMF119SS_SAEvent_Type: 1, SMF119SS_SAFlags: 0x40, SMF119SS_SASecProtos: 0, SMF119SS_SAJobname: 'CICSPROD', SMF119SS_SAUserID: 'CICSUSR', SMF119SS_SAIPProto: 6, SMF119SS_SASrvIP: '10.1.1.1', SMF119SS_SACltIP: '10.20.30.40', SMF119SS_SASrvPortStart: 443, SMF119SS_SASrvPortEnd: 443, SMF119SS_SAEndLifeConnCnt: 3, ...common }
      : { SMF119SS_SAEvent_Type: event, ...common }],
    ...extra,
  };
}
const tls12 = { SMF119SS_TLS_Source: 2, SMF119SS_TLS_Prot_Ver: 0x0303, SMF119SS_TLS_Neg_Cipher: 'C02F', SMF119SS_TLS_CS_Msg_Auth: 1 };

const one = (record: CanonicalRecord, overrides?: Record<string, unknown>): CaseRecord[] => [overrides ? { record, overrides } : { record }];

function setByte(at: number, value: number): (file: Uint8Array) => Uint8Array {
  return (file) => {
    const out = Uint8Array.from(file);
    out[at] = value;
    return out;
  };
}

/** Record offset of a field, as the decoder reads it (no offset typed by hand). */
export function fieldOffset(record: Uint8Array, occurrence: string, field: string): number {
  let at = -1;
  decode(record, { onField: (t) => { if (at < 0 && t.path[1] === occurrence && t.path[2] === field) at = t.offset; } });
  if (at < 0) throw new Error(`no ${occurrence} > ${field} in the record`);
  return at;
}

/** Bytes from annotated hex: '#' starts a comment to the end of the line; blanks separate nothing. */
export function hex(annotated: string): Uint8Array {
  const digits = annotated.replace(/#.*$/gm, '').replace(/\s+/g, '');
  if (!/^([0-9A-Fa-f]{2})*$/.test(digits)) throw new Error(`not hex byte pairs: ${digits.slice(0, 40)}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

const u16 = (n: number): string => n.toString(16).padStart(4, '0');

/** A record of another SMF type or 119 subtype, written by hand (not by our encoder): the standard header (layout
 *  from smf119-common "Standard SMF header"), then `body`. */
function foreignRecord(type: number, subtype: number, body: string, what: string): ForeignRecord {
  const rest = hex(body);
  const head = hex(`
    ${u16(24 + rest.length)} 0000  # RDW: length incl. the RDW, segment descriptor 0
    5E                           # flags: X'40' subtypes used + version bits
    ${type.toString(16).padStart(2, '0')}  # record type
    005082CB                     # time: 14:39:23.63 = 5276363 hundredths of a second
    0125181F                     # date: packed 0cyydddF, 2025 day 181
    E2E8E2F1                     # system id 'SYS1' (EBCDIC)
    E3C3D7C9                     # subsystem id 'TCPI' (EBCDIC)
    ${u16(subtype)}              # subtype
  `);
  const out = new Uint8Array(head.length + rest.length);
  out.set(head);
  out.set(rest, head.length);
  return { foreign: out, what };
}

/** A type 119 record of a subtype that is not zERT: self-defining section, identification section, one more. */
function other119(subtype: number, what: string): ForeignRecord {
  return foreignRecord(119, subtype, `
    0002 0000                    # SMF119SD_TRN = 2 triplets, reserved
    0000002C 0040 0001           # identification section at 44, 64 bytes, 1
    0000006C 0014 0001           # one 20-byte section at 108
    E2E8E2F140404040 D7D3C5E7C1404040 E3C3D7C9D7404040 C3E240E5F3D9F240  # SYSName SysplexName Stack ReleaseID
    E3C3D74040404040 E3C3D7C9D7404040 E3C3D7C9D7404040 0000 003A 08 000000  # Comp ASName UserID reserved ASID Reason
    0A14 1E28 C000 01BB 00000000 00000000 00000000  # 20 bytes of the subtype's own section
  `, what);
}

/** An SMF type 30 (job accounting) record: header and a body a zERT parser never reads. */
const type30 = (): ForeignRecord => foreignRecord(30, 5, `0001 0000 ${'00'.repeat(56)}`, 'SMF type 30 subtype 5 (job termination)');

// --- the cases -----------------------------------------------------------------------------------

const RELEASE_PROFILES: CaseDef[] = (['2.3', '2.4', '2.5', '3.1', '3.2'] as const).flatMap((release) => [
  {
    id: `st11-${release}-tls-init`,
    description: `subtype 11 connection initiation with TLS 1.2, as written by z/OS ${release}`,
    subtype: 11 as const, release, framing: 'rdw' as const, flags: ['ipv4-in-16', release === '3.2' ? 'v2-lengths' : 'v1-lengths'], expectation: VALID,
    records: one(st11(1, { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80 })),
  },
  {
    id: `st12-${release}-tls-interval`,
    description: `subtype 12 interval record of a TLS session, as written by z/OS ${release}`,
    subtype: 12 as const, release, framing: 'rdw' as const, flags: ['ipv4-in-16', release === '3.2' ? 'v2-lengths' : 'v1-lengths'], expectation: VALID,
    records: one(st12(1, { TLS: [tls12] }, { SMF119SS_SASecProtos: 0x80 })),
  },
]);

const EVENTS: CaseDef[] = [1, 2, 3, 4, 5, 6, 7].map((event) => ({
  id: `st11-3.2-event-${event}`,
  description: `subtype 11 event type ${event}${event === 7 ? ' (zERT enforcement: the enforcement section layout is not public, so this record carries it absent, as zert-forge writes it)' : ''}`,
  subtype: 11, release: '3.2', framing: 'rdw', flags: [`event-${event}`, ...(event === 7 ? ['absent-section'] : [])], expectation: VALID,
  records: one(st11(event, event <= 4 ? { TLS: [tls11] } : {}, event <= 4 ? { SMF119SC_SASecProtos: 0x80, ...(event >= 3 ? { SMF119SC_SAETime: '14:04:00.00', SMF119SC_SAEDate: '2025-06-30' } : {}) } : {})),
}));

/** A case whose input is built by test/handwritten/inputs.ts (reference offsets, glibc iconv) and whose expected
 *  JSON is written by hand: two oracles that share no code with zert-forge. */
function handWritten(id: string, release: Release, description: string, flags: string[], cites: string[]): CaseDef {
  const subtype = Number(id.slice('hw-st'.length, 'hw-st'.length + 2)) as Subtype;
  return { id, description, subtype, release, framing: 'rdw', flags: [...flags, 'hand-written-expectation', 'hand-built-input'], expectation: VALID, records: [], handWritten: true, handBuiltInput: true, cites };
}

const HAND_WRITTEN: CaseDef[] = [
  handWritten('hw-st11-3.2-failed-tls', '3.2', 'failed TLS handshake in a short connection (3.2): TLS section zero except source, provider and cipher FFFFFF', ['failed-handshake-tls', 'event-4'], [
    "DECK32 s12: SMF119SC_TLS_Handshake_Type X'03' failed handshake; the rest of the section zero/blank except TLS_Source, TLS_Protocol_Provider and TLS_Neg_Cipher",
    "DECK32 s12: SMF119SC_TLS_Neg_Cipher 'FFFFFF' = unknown TLS version or failed handshake",
    "smf119-st11 SMF119SC_SAFlags X'10' local socket acts as server (3.2)",
  ]),
  handWritten('hw-st11-3.2-failed-ssh', '3.2', "failed SSH handshake in a short connection (3.2): SSH_Flags X'80', section zero except source and provider", ['failed-handshake-ssh', 'event-4'], [
    "DECK32 s13: SMF119SC_SSH_Flags X'80' SSH handshake failed; the rest of the section zero/blank except SSH_Source and SSH_Protocol_Provider",
    "smf119-st11 SMF119SC_SSH_Prot_Ver X'00' unknown (e.g. failed handshake), 3.2",
  ]),
  handWritten('hw-st12-3.2-failed-tls', '3.2', 'summary of a TLS session with failed handshakes (3.2): counts set, TLS section zero except source and cipher', ['failed-handshake-tls', 'v2-lengths'], [
    "DECK32 s14: subtype 12 failed handshakes: all TLS fields zero or blank except SMF119SS_TLS_Source and SMF119SS_TLS_Neg_Cipher (the value 'FFFFFF' is stated for subtype 11 only: assumed here)",
    'DECK32: SMF119SS_SAInitFailedHsConnCnt / SAEndFailedHsConnCnt are a subset of the connections counted in the lifetime counts',
    'smf119-st12 common section length 212 in 3.2 (204 before): the failed-handshake counts at offsets 204 and 208',
  ]),
  handWritten('hw-st12-3.2-failed-ssh', '3.2', 'summary of an SSH session whose one short connection failed its handshake (3.2)', ['failed-handshake-ssh', 'v2-lengths'], [
    'smf119-st12 SMF119SS_SAInitFailedHsConnCnt: if > 0 the TLS/SSH section is zero/blank except Source',
    "smf119-st12 SMF119SS_SSH_Prot_Ver X'00' unknown (failed handshake), 3.2",
  ]),
  handWritten('hw-st11-3.2-ipv4', '3.2', 'IPv4 connection: addresses in the first 4 bytes of the 16-byte fields, not IPv4-mapped', ['ipv4-in-16'], [
    "smf119-st11 SMF119SC_SARIP: IPv6 (16 bytes) if SAFlags X'80', else IPv4 in the first 4 bytes - NOT IPv4-mapped",
    'smf119-common "Standard data format concepts": zERT 11/12 put IPv4 in the first 4 bytes and flag IPv6 separately',
  ]),
  handWritten('hw-st11-3.2-ipv6', '3.2', "IPv6 connection: SAFlags X'80', 16-byte addresses", ['ipv6'], [
    "smf119-st11 SMF119SC_SAFlags X'80' IPv6 connection (IP address fields hold IPv6)",
  ]),
  handWritten('hw-st11-3.2-dn-list', '3.2', 'TLS with client authentication and three certificate DNs: variable-length DN entries', ['repeated-dn'], [
    'smf119-st11 SMF119SC_DN_Len: length of this DN entry including DN_Len and DN_Type (4 bytes) and the DN text',
    "smf119-st11 SMF119SC_DN_Type X'0005' TLS server certificate subject, X'0006' issuer, X'0007' TLS client certificate subject",
    "smf119-st11 SMF119SC_TLS_Handshake_Role X'03' server with client authentication",
  ]),
  handWritten('hw-st11-3.2-cert-times', '3.2', 'certificate expiry times: UTCTime (server) and GeneralizedTime (client)', ['cert-time-utc', 'cert-time-generalized'], [
    "smf119-st11 SMF119SC_TLS_SCert_Time_Type X'01' UTCTime: first 13 bytes hold YYMMDDhhmmssZ (UTCTime years 50-99 are 19xx, 00-49 20xx: RFC 5280 4.1.2.5.1)",
    "smf119-st11 SMF119SC_TLS_SCert_Time_Type X'02' GeneralizedTime: 15 bytes YYYYMMDDhhmmssZ (inferred in the reference)",
    'smf119-st11 SMF119SC_TLS_SCert_Serial: significant length = SMF119SC_TLS_SCert_Serial_Len',
  ]),
  handWritten('hw-st12-3.1-v1-lengths', '3.1', 'TLS session summary as 3.1 writes it: V1 section lengths (common 204, TLS 42)', ['v1-lengths'], [
    'smf119-st12 lengthByRelease 3.1: common section 204, TLS section 42',
  ]),
  handWritten('hw-st12-3.2-v2-lengths', '3.2', 'the same TLS session as 3.2 writes it: V2 lengths (common 212, TLS 116) with certificate serial and time', ['v2-lengths'], [
    'smf119-st12 lengthByRelease 3.2: common section 212, TLS section 116',
    "smf119-st12 SMF119SS_TLS_SCert_Serial_Len/Serial/Time_Type/Time at TLS offsets 42, 43, 63, 64 (3.2); Time_Type X'01' UTC time",
  ]),
  handWritten('hw-st11-2.4-seven-triplets', '2.4', 'subtype 11 as 2.4 writes it: 7 triplets, no enforcement triplet', ['v1-lengths', 'triplets-7'], [
    'smf119-st11 SMF119SD_TRN: 7 triplets in z/OS 2.3 and 2.4 (2.4 inferred); self-defining section 60 bytes',
  ]),
  handWritten('hw-st11-2.5-eighth-triplet', '2.5', 'subtype 11 as 2.5 writes it: the 8th triplet (enforcement section) present and zero', ['triplets-8', 'absent-section'], [
    'smf119-st11 SMF119SD_TRN: 8 triplets from z/OS 2.5 (IBM 2.5 page); self-defining section 68 bytes, SMF119S7Off/Len/Num at 84, 88, 90',
    'smf119-st11 recordConstruction: an absent section has triplet Off/Len/Num all zero (inferred)',
  ]),
  handWritten('hw-st11-3.2-init-term', '3.2', 'connection initiation then termination of one TLS connection', ['event-1', 'event-3'], [
    'HOWPROVIDE: TCP connections lasting 10 s or longer get a Connection Initiation record when the connection has existed for 10 s, and a Connection Termination record at the end',
    "smf119-st11 SMF119SC_SAEvent_Type X'01' connection initiation, X'03' connection termination",
  ]),
  handWritten('hw-st12-3.2-enable-disable', '3.2', 'aggregation enabled and disabled event records', ['event-record'], [
    "ST12: event records (X'02'/X'03') include just the TCP/IP identification section and the zERT common section",
    "smf119-common SMF119TI_Reason X'08' event, last in set",
  ]),
];

const CASES: CaseDef[] = [
  ...RELEASE_PROFILES,
  ...EVENTS,
  {
    id: 'st11-3.2-sweep', description: 'coverage sweep: every field set, every named code, flag and known text value in turn (14 records)',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['sweep', 'ipv4-in-16', 'ipv6'], expectation: VALID,
    records: sweepRecords(11, '3.2', 14).map((record) => ({ record })),
  },
  {
    id: 'st12-3.2-sweep', description: 'coverage sweep of subtype 12: TLS, SSH and IPsec sessions in turn (42 records)',
    subtype: 12, release: '3.2', framing: 'rdw', flags: ['sweep', 'ipv4-in-16', 'ipv6', 'v2-lengths'], expectation: VALID,
    records: sweepRecords(12, '3.2', 42).map((record) => ({ record })),
  },
  {
    id: 'st11-3.2-ipv6-repeated-dn', description: 'IPv6 connection with TLS and three certificate DNs',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['ipv6', 'repeated-dn'], expectation: VALID,
    records: one(st11(1, { TLS: [tls11], DN: [{ SMF119SC_DN_Type: 5, SMF119SC_DN: 'CN=www.example.com,O=Example,C=US' }, { SMF119SC_DN_Type: 6, SMF119SC_DN: 'CN=Example CA 1,O=Example,C=US' }, { SMF119SC_DN_Type: 7, SMF119SC_DN: 'CN=client42,OU=Batch,O=Example' }] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x90, SMF119SC_SARIP: '2001:db8:aa::20', SMF119SC_SALIP: '2001:db8:aa::1' })),
  },
  {
    id: 'st11-3.2-failed-tls', description: 'failed TLS handshake (3.2): section zero except source, provider and cipher FFFFFF',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['failed-handshake-tls'], expectation: VALID,
    records: one(st11(4, { TLS: [{ SMF119SC_TLS_Source: 2, SMF119SC_TLS_Handshake_Type: 3, SMF119SC_TLS_Protocol_Provider: 'IBM System SSL', SMF119SC_TLS_Neg_Cipher: 'FFFFFF' }] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10 })),
  },
  {
    id: 'st11-3.2-failed-ssh', description: "failed SSH handshake (3.2): SSH_Flags X'80', section zero except source and provider",
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['failed-handshake-ssh'], expectation: VALID,
    records: one(st11(4, { SSH: [{ SMF119SC_SSH_Source: 2, SMF119SC_SSH_Flags: 0x80, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH' }] }, { SMF119SC_SASecProtos: 0x40, SMF119SC_SAFlags: 0x08 })),
  },
  {
    id: 'st12-3.2-failed-tls', description: 'subtype 12 session of failed TLS handshakes: counts set, TLS section zero except source and FFFFFF',
    subtype: 12, release: '3.2', framing: 'rdw', flags: ['failed-handshake-tls', 'v2-lengths'], expectation: VALID,
    records: one(st12(1, { TLS: [{ SMF119SS_TLS_Source: 2, SMF119SS_TLS_Neg_Cipher: 'FFFFFF' }] }, { SMF119SS_SASecProtos: 0x80, SMF119SS_SAInitFailedHsConnCnt: 2, SMF119SS_SAEndFailedHsConnCnt: 5 })),
  },
  {
    id: 'st12-3.2-failed-ssh', description: 'subtype 12 session of failed SSH handshakes',
    subtype: 12, release: '3.2', framing: 'rdw', flags: ['failed-handshake-ssh', 'v2-lengths'], expectation: VALID,
    records: one(st12(1, { SSH: [{ SMF119SS_SSH_Source: 2 }] }, { SMF119SS_SASecProtos: 0x40, SMF119SS_SAEndFailedHsConnCnt: 1, SMF119SS_SASrvPortStart: 22, SMF119SS_SASrvPortEnd: 22 })),
  },
  {
    id: 'st12-3.2-enable-disable', description: 'aggregation enabled and disabled event records: identification and common sections only',
    subtype: 12, release: '3.2', framing: 'rdw', flags: ['event-record', 'absent-section'], expectation: VALID,
    records: [{ record: st12(2) }, { record: st12(3) }],
  },
  {
    id: 'st12-3.2-read-as-v1', description: 'a 3.1 (V1) summary record: the 3.2 fields are absent, not zero',
    subtype: 12, release: '3.1', framing: 'rdw', flags: ['short-section', 'v1-lengths'], expectation: VALID,
    records: one(st12(1, { TLS: [tls12] }, { SMF119SS_SASecProtos: 0x80 })),
  },
  {
    id: 'st11-3.2-longer-common', description: 'a common section 8 bytes longer than any known release: the extra bytes follow the known fields',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['long-section'], expectation: VALID,
    records: one(st11(1, {}, { '@extra': 'C1C2C3C4C5C6C7C8' })),
  },
  {
    id: 'st11-3.2-empty-ipfilter', description: 'IP filter section present with every field zero or blank',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['empty-section'], expectation: VALID,
    records: one(st11(1, { IPFilter: [{}] }, { SMF119SC_SASecFlags: 0x20 })),
  },
  {
    id: 'st11-3.2-vbs-spanned', description: 'forty records in RECFM=VBS blocks of 1024 bytes, many spanned across blocks',
    subtype: 11, release: '3.2', framing: 'vbs', blockSize: 1024, flags: ['spanned', 'vbs'], expectation: VALID,
    records: Array.from({ length: 40 }, (_, i) => ({ record: st11(1 + (i % 4), { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAConnID: i }) })),
  },
  {
    id: 'st12-3.2-vbs-default-block', description: 'summary records in RECFM=VBS with the default block size 27998',
    subtype: 12, release: '3.2', framing: 'vbs', flags: ['vbs'], expectation: VALID,
    records: Array.from({ length: 3 }, (_, i) => ({ record: st12(1, { TLS: [tls12] }, { SMF119SS_SASecProtos: 0x80, SMF119SS_SAEndLifeConnCnt: i + 1 }) })),
  },
  {
    id: 'st11-3.2-vbs-middle-segments', description: 'RECFM=VBS at block size 128: each record longer than two blocks, spanned as first, middle..., last segments',
    subtype: 11, release: '3.2', framing: 'vbs', blockSize: 128, flags: ['spanned', 'vbs', 'middle-segment'], expectation: VALID,
    records: [0, 1].map((i) => ({ record: st11(3, { TLS: [tls11], DN: [{ SMF119SC_DN_Type: 5, SMF119SC_DN: 'CN=www.example.com,O=Example,C=US' }] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAConnID: 0x500 + i, SMF119SC_SAETime: '14:04:00.00', SMF119SC_SAEDate: '2025-06-30' }) })),
  },
  {
    id: 'st11-3.2-vbs-span-between', description: 'RECFM=VBS at block size 1000: complete records share blocks with a record spanned between them',
    subtype: 11, release: '3.2', framing: 'vbs', blockSize: 1000, flags: ['spanned', 'vbs', 'records-share-block'], expectation: VALID,
    records: [
      { record: st11(1, {}, { SMF119SC_SAConnID: 0x601 }) },
      { record: st11(1, {}, { SMF119SC_SAConnID: 0x602 }) },
      { record: st11(1, { TLS: [tls11], DN: [{ SMF119SC_DN_Type: 5, SMF119SC_DN: 'CN=www.example.com,O=Example,C=US' }, { SMF119SC_DN_Type: 6, SMF119SC_DN: 'CN=Example CA 1,O=Example,C=US' }] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAConnID: 0x603 }) },
      { record: st11(4, {}, { SMF119SC_SAConnID: 0x604 }) },
      { record: st11(4, {}, { SMF119SC_SAConnID: 0x605 }) },
    ],
  },
  {
    id: 'st11-3.2-other-records', description: 'a dump that is not only zERT: type 30 and type 119 subtypes 2 and 99 between zERT records, to be skipped',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['other-records'], expectation: VALID,
    records: [
      type30(),
      { record: st11(1, { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80 }) },
      other119(2, 'SMF type 119 subtype 2 (TCP connection termination): not zERT'),
      { record: st11(3, { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80, SMF119SC_SAETime: '14:04:00.00', SMF119SC_SAEDate: '2025-06-30' }) },
      other119(99, 'SMF type 119 subtype 99: a subtype this corpus assumes no parser knows'),
    ],
  },
  {
    id: 'st12-3.2-other-records-vbs', description: 'RECFM=VBS dump: a type 30 and a type 119 subtype 2 record, to be skipped, share a block with the segments of spanned summary records',
    subtype: 12, release: '3.2', framing: 'vbs', blockSize: 400, flags: ['other-records', 'vbs', 'spanned'], expectation: VALID,
    records: [
      { record: st12(1, { TLS: [tls12] }, { SMF119SS_SASecProtos: 0x80 }) },
      type30(),
      other119(2, 'SMF type 119 subtype 2 (TCP connection termination): not zERT'),
      { record: st12(2) },
    ],
  },
  {
    id: 'st11-3.2-handwritten', description: 'a short-term termination in the clear; expected JSON written by hand',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['hand-written-expectation', 'ipv4-in-16'], expectation: VALID, handWritten: true,
    records: one(st11(4, {}, { SMF119SC_SAETime: '14:03:19.07', SMF119SC_SAEDate: '2025-06-30', SMF119SC_SAInBytes: '4096', SMF119SC_SAOutBytes: '1234567890123' })),
  },
  {
    id: 'st12-3.1-handwritten', description: 'an SSH summary interval (V1); expected JSON written by hand',
    subtype: 12, release: '3.1', framing: 'rdw', flags: ['hand-written-expectation', 'v1-lengths'], expectation: VALID, handWritten: true,
    records: one(st12(1, { SSH: [{ SMF119SS_SSH_Source: 2, SMF119SS_SSH_Prot_Ver: 2, SMF119SS_SSH_Kex_Method: 6, SMF119SS_SSH_SKey_Type: 5, SMF119SS_SSH_SKey_Len: 256 }] }, { SMF119SS_SASecProtos: 0x40, SMF119SS_SASrvPortStart: 22, SMF119SS_SASrvPortEnd: 22 })),
  },
  ...HAND_WRITTEN,
  // --- acceptable: either answer is right ---
  {
    id: 'st11-3.2-dn-len-first-entry', description: 'SMF119S6Len holds the first DN entry length instead of the total (IBM semantics not documented)',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['repeated-dn', 'dn-len-semantics'], expectation: { kind: 'acceptable', flag: 'dn-len-semantics', why: 'what IBM writes in the DN triplet Len for variable entries is not documented' },
    records: one(st11(1, { DN: [{ SMF119SC_DN_Type: 5, SMF119SC_DN: 'CN=a' }, { SMF119SC_DN_Type: 6, SMF119SC_DN: 'CN=issuer' }] }), { 'SelfDef.SMF119S6Len': 8 }),
  },
  {
    id: 'st11-3.2-no-date-form', description: "end date X'0000000F' (the general SMF 'no date') instead of zeros",
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['no-date-form'], expectation: { kind: 'acceptable', flag: 'no-date-form', why: "field text says 0; the general SMF rule says X'0000000F'" },
    records: one(st11(1), { 'Common[0].SMF119SC_SAEDate': { raw: '0000000F' } }),
  },
  {
    id: 'st11-3.2-enforcement-raw', description: 'event 7 record carrying bytes in the enforcement section, whose layout is not public',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['event-7', 'unknown-layout'], expectation: { kind: 'acceptable', flag: 'unknown-layout', why: 'the 2.5 enforcement section layout is not documented' },
    records: one(st11(7, { Enforcement: [{ '@raw': 'E9C5D9E360D9E4D3C5F14040404040404040404040404040404040404040404040404040404040404040404040404040' }] })),
  },
  {
    id: 'st11-3.2-subtypes-flag-off', description: "header flag byte X'1E': X'40' (subtypes used) is off although the record has a subtype",
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['subtypes-flag-off'], expectation: { kind: 'acceptable', flag: 'subtypes-flag-off', why: "X'40' subtypes used must be on (reference smf119-st11 SMF119HDFlags; ezasmf.h SMF119HDSub): a parser may reject the record or read it as written, but not drop it silently" },
    records: one(st11(1, {}, {}), { 'Header.SMF119HDFlags': 0x1e }),
  },
  {
    id: 'st11-3.2-reserved-nonzero', description: 'non-zero bytes in a reserved area of the common section',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['reserved-nonzero'], expectation: { kind: 'acceptable', flag: 'reserved-nonzero', why: 'reserved bytes should be zero but carry no meaning' },
    records: one(st11(1)),
    damage: (file) => setByte(fieldOffset(file, 'Common[0]', 'reserved'), 0xff)(file),
  },
  // --- invalid: must be rejected ---
  {
    id: 'st11-3.2-truncated', description: 'record cut 20 bytes short; RDW still claims the full length',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['truncated'], expectation: { kind: 'invalid', error: { kind: 'framing', path: 'file > offset 0' }, why: 'the RDW runs past the end of the file' },
    records: one(st11(1, { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80 })), damage: (f) => f.subarray(0, f.length - 20),
  },
  {
    id: 'st11-3.2-rdw-disagrees', description: 'SMF119HDLength (the RDW) 4 less than the record, with the 4 bytes left over',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['rdw-length'], expectation: { kind: 'invalid', error: { kind: 'framing', path: 'file > offset 280' }, why: 'after the shortened record, 4 stray bytes cannot hold a record' },
    records: one(st11(1)), damage: (f) => {
      const out = Uint8Array.from(f);
      const n = ((out[0]! << 8) | out[1]!) - 4;
      out[0] = n >> 8;
      out[1] = n & 0xff;
      return out;
    },
  },
  {
    id: 'st11-3.2-triplet-outside', description: 'the TLS triplet offset points past the end of the record',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['triplet-outside'], expectation: { kind: 'invalid', error: { kind: 'triplet-out-of-bounds', path: 'st11 > SelfDef > SMF119S3Off' }, why: 'a section cannot start outside its record' },
    records: one(st11(1, { TLS: [tls11] }, { SMF119SC_SASecProtos: 0x80 }), { 'SelfDef.SMF119S3Off': 60000 }),
  },
  {
    id: 'st12-3.2-section-too-short', description: 'the common section length is 100, shorter than any release\'s fixed part (204)',
    subtype: 12, release: '3.2', framing: 'rdw', flags: ['short-section'], expectation: { kind: 'invalid', error: { kind: 'section-too-short', path: 'st12 > Common[0]' }, why: 'Len 100 < 204' },
    records: one(st12(1), { 'SelfDef.SMF119S1Len': 100 }),
  },
  {
    id: 'st11-3.2-count-overflow', description: 'the DN count says 40 entries; the record holds 1',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['count-overflow', 'repeated-dn'], expectation: { kind: 'invalid', error: { kind: 'count-overflow', path: 'st11 > DN[1]' }, why: 'entries run out before the count' },
    records: one(st11(1, { DN: [{ SMF119SC_DN_Type: 5, SMF119SC_DN: 'CN=only-one' }] }), { 'SelfDef.SMF119S6Num': 40 }),
  },
  {
    id: 'st11-3.2-bdw-rdw-inconsistent', description: 'VBS block whose BDW is 6 bytes longer than its segments',
    subtype: 11, release: '3.2', framing: 'vbs', flags: ['vbs', 'bdw-rdw'], expectation: { kind: 'invalid', error: { kind: 'framing', path: 'file > offset 0' }, why: 'the BDW runs past the end of the file' },
    records: one(st11(1)), damage: (f) => {
      const out = Uint8Array.from(f);
      const n = ((out[0]! << 8) | out[1]!) + 6;
      out[0] = n >> 8;
      out[1] = n & 0xff;
      return out;
    },
  },
  {
    id: 'st11-3.2-bad-packed-date', description: 'header date X\'0125999F\': day 999',
    subtype: 11, release: '3.2', framing: 'rdw', flags: ['bad-packed-date'], expectation: { kind: 'invalid', error: { kind: 'bad-packed-date', path: 'st11 > Header > SMF119HDDate' }, why: 'no year has 999 days' },
    records: one(st11(1), { 'Header.SMF119HDDate': { raw: '0125999F' } }),
  },
  {
    id: 'st11-3.2-segment-sequence', description: 'VBS: a record spanned over two blocks whose first segment is marked middle',
    subtype: 11, release: '3.2', framing: 'vbs', blockSize: 200, flags: ['vbs', 'spanned', 'segment-sequence'], expectation: { kind: 'invalid', error: { kind: 'framing', path: 'file > offset 4' }, why: 'a middle segment without a first segment' },
    records: one(st11(1)), damage: setByte(6, 3),
  },
];

export function allCases(): CaseDef[] {
  return CASES;
}
