import type { CodeSet, Confidence, DerivedRule, FieldDef, FieldType, FlagRef, Release, SectionDef, Significance, TextValue } from '../types.js';
import { CERT_DIGEST, CERT_ENC_METHOD, CERT_KEY_TYPE, CERT_SIGNATURE, DN_TYPE } from '../codes.js';

// Tables declare fields in order with their lengths; offsets are never typed, they are derived by
// spec/layout.ts (and test/tables.test.ts checks them against the reference offsets).

export interface FieldOpts {
  since?: Release;
  until?: Release;
  source?: string[];
  confidence?: Confidence;
  note?: string;
  altNames?: string[];
  ibmName?: string;
  default?: string | number;
  significance?: Significance;
}

export interface FieldBuilder {
  uint(name: string, length: number, o?: FieldOpts): FieldDef;
  enumField(name: string, length: number, codes: CodeSet, o?: FieldOpts): FieldDef;
  flags(name: string, flags: CodeSet, o?: FieldOpts): FieldDef;
  text(name: string, length: number, o?: FieldOpts & { known?: TextValue[]; knownComplete?: boolean }): FieldDef;
  cipher(name: string, o?: FieldOpts): FieldDef;
  ip(name: string, ipv6When: FlagRef, o?: FieldOpts): FieldDef;
  timeOfDay(name: string, zone: 'local' | 'UTC', o?: FieldOpts): FieldDef;
  packedDate(name: string, zone: 'local' | 'UTC', o?: FieldOpts): FieldDef;
  certTime(name: string, typeField: string, o?: FieldOpts): FieldDef;
  sized(name: string, length: number, lengthField: string, o?: FieldOpts): FieldDef;
  lengthOf(name: string, length: number, field: string, plus?: number, o?: FieldOpts): FieldDef;
  derived(name: string, length: number, derive: DerivedRule, o?: FieldOpts): FieldDef;
  todDuration(name: string, o?: FieldOpts): FieldDef;
  varText(name: string, lengthField: string, prefix: number, max: number, o?: FieldOpts): FieldDef;
  reserved(length: number, ibmName?: string, o?: FieldOpts): FieldDef;
}

export function fieldBuilder(defaults: { source: string[]; confidence: Confidence; significance?: Significance }): FieldBuilder {
  const make = (name: string, length: number, type: FieldType, o: FieldOpts = {}): FieldDef => {
    const def: FieldDef = {
      name,
      length,
      type,
      since: o.since ?? '2.3',
      source: o.source ?? defaults.source,
      confidence: o.confidence ?? defaults.confidence,
    };
    if (o.until) def.until = o.until;
    if (o.note) def.note = o.note;
    if (o.altNames) def.altNames = o.altNames;
    if (o.ibmName) def.ibmName = o.ibmName;
    if (o.default !== undefined) def.default = o.default;
    const significance = o.significance ?? defaults.significance;
    if (significance) def.significance = significance;
    return def;
  };
  return {
    uint: (name, length, o) => make(name, length, { kind: 'uint' }, o),
    enumField: (name, length, codes, o) => make(name, length, { kind: 'enum', codes }, o),
    flags: (name, flags, o) => make(name, 1, { kind: 'flags', flags }, o),
    text: (name, length, o = {}) => {
      const type: FieldType = { kind: 'text' };
      if (o.known) {
        type.known = o.known;
        type.knownComplete = o.knownComplete ?? false;
      }
      return make(name, length, type, o);
    },
    cipher: (name, o) => make(name, 6, { kind: 'cipher' }, o),
    ip: (name, ipv6When, o) => make(name, 16, { kind: 'ip', ipv6When }, o),
    timeOfDay: (name, zone, o) => make(name, 4, { kind: 'timeOfDay', zone }, o),
    packedDate: (name, zone, o) => make(name, 4, { kind: 'packedDate', zone }, o),
    certTime: (name, typeField, o) => make(name, 15, { kind: 'certTime', typeField }, o),
    sized: (name, length, lengthField, o) => make(name, length, { kind: 'sizedBytes', lengthField }, o),
    lengthOf: (name, length, field, plus = 0, o) => make(name, length, { kind: 'derived', derive: { rule: 'lengthOf', field, plus } }, o),
    derived: (name, length, derive, o) => make(name, length, { kind: 'derived', derive }, o),
    todDuration: (name, o) => make(name, 8, { kind: 'todDuration' }, o),
    varText: (name, lengthField, prefix, max, o) => make(name, 0, { kind: 'varText', lengthField, prefix, max }, o),
    reserved: (length, ibmName, o = {}) => make('reserved', length, { kind: 'reserved' }, ibmName ? { ...o, ibmName } : o),
  };
}

const CERT_TIME_NOTE =
  "Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred).";

/**
 * The ten-field certificate block that subtype 11 repeats for TLS, SSH and IPSec certificates:
 * signature, encryption, digest, reserved byte, serial length, serial, time type, time, key type, key length.
 */
export function certificateBlock(
  b: FieldBuilder,
  o: {
    prefix: string;
    signatureName: string;
    encName: string;
    reservedIbmName: string;
    timeTypes: CodeSet;
    what: string;
  },
): FieldDef[] {
  const p = o.prefix;
  return [
    b.enumField(`${p}${o.signatureName}`, 2, CERT_SIGNATURE, { note: `${o.what} certificate signature method` }),
    b.enumField(`${p}${o.encName}`, 2, CERT_ENC_METHOD, { note: `${o.what} certificate encryption (public-key) method` }),
    b.enumField(`${p}Digest_Alg`, 2, CERT_DIGEST, { note: `${o.what} certificate digest algorithm` }),
    b.reserved(1, o.reservedIbmName),
    b.lengthOf(`${p}Serial_Len`, 1, `${p}Serial`, 0, { note: `${o.what} certificate serial number length in bytes (0-20)` }),
    b.sized(`${p}Serial`, 20, `${p}Serial_Len`, { note: `${o.what} certificate serial number, left justified, rest X'00' (inferred)` }),
    b.enumField(`${p}Time_Type`, 1, o.timeTypes, { note: `format of the ${o.what} certificate 'not after' time` }),
    b.certTime(`${p}Time`, `${p}Time_Type`, { note: CERT_TIME_NOTE, confidence: 'inferred' }),
    b.enumField(`${p}Key_Type`, 2, CERT_KEY_TYPE, { note: `${o.what} certificate key type` }),
    b.uint(`${p}Key_Len`, 2, { note: `${o.what} certificate key length in bits` }),
  ];
}

/** The 3.2 serial/'not after' block that subtype 12 appends to its TLS and IPSec sections. */
export function serialAndTimeBlock(b: FieldBuilder, prefix: string, timeTypes: CodeSet, what: string): FieldDef[] {
  const o: FieldOpts = { since: '3.2', source: ['DECK32'], confidence: 'ibm' };
  return [
    b.lengthOf(`${prefix}Serial_Len`, 1, `${prefix}Serial`, 0, { ...o, note: `${what} certificate serial number length in bytes` }),
    b.sized(`${prefix}Serial`, 20, `${prefix}Serial_Len`, { ...o, note: `${what} certificate serial, left justified (rest zero)` }),
    b.enumField(`${prefix}Time_Type`, 1, timeTypes, { ...o, note: `format of the ${what} certificate 'not after' time` }),
    b.certTime(`${prefix}Time`, `${prefix}Time_Type`, { ...o, note: "UTC YYMMDDhhmmssZ in bytes 0-12 (2 blanks after, inferred) or GT YYYYMMDDhhmmssZ in all 15" }),
  ];
}

/** Subtype 12's shorter certificate block: signature, encryption, digest, key type, key length. */
export function shortCertificateBlock(b: FieldBuilder, prefix: string, signatureName: string, encName: string, what: string): FieldDef[] {
  return [
    b.enumField(`${prefix}${signatureName}`, 2, CERT_SIGNATURE, { note: `${what} certificate signature method` }),
    b.enumField(`${prefix}${encName}`, 2, CERT_ENC_METHOD, { note: `${what} certificate encryption method` }),
    b.enumField(`${prefix}Digest_Alg`, 2, CERT_DIGEST, { note: `${what} certificate digest algorithm` }),
    b.enumField(`${prefix}Key_Type`, 2, CERT_KEY_TYPE, { note: `${what} certificate key type` }),
    b.uint(`${prefix}Key_Len`, 2, { note: `${what} certificate key length in bits` }),
  ];
}

/** Self-defining section: triplet count, reserved, then one Off/Len/Num triplet per triplet section. */
export function selfDefiningSection(tripletSections: SectionDef[], source: string[]): SectionDef {
  const b = fieldBuilder({ source, confidence: 'vendor-copy' });
  const fields: FieldDef[] = [
    b.derived('SMF119SD_TRN', 2, { rule: 'tripletCount' }, {
      confidence: 'ibm',
      altNames: ['SMF119TRN (pacsys)'],
      note: 'number of triplets that follow; derived from the release profile',
    }),
    b.reserved(2),
  ];
  for (const s of tripletSections) {
    const o: FieldOpts = { since: s.since, confidence: s.layoutKnown ? 'vendor-copy' : 'inferred' };
    fields.push(
      b.derived(`SMF119${s.triplet}Off`, 4, { rule: 'tripletOff', section: s.key }, { ...o, note: `offset of the ${s.title} from record start (RDW included); 0 when absent` }),
      b.derived(`SMF119${s.triplet}Len`, 2, { rule: 'tripletLen', section: s.key }, { ...o, note: `length of one ${s.title}` }),
      b.derived(`SMF119${s.triplet}Num`, 2, { rule: 'tripletNum', section: s.key }, { ...o, note: `number of ${s.title} occurrences (0 = absent)` }),
    );
  }
  return {
    key: 'SelfDef',
    title: 'Self-defining section',
    since: '2.3',
    occurs: 'one',
    layoutKnown: true,
    fields,
    source,
    note: 'Absent sections are written as Off/Len/Num all zero (inferred from the general SMF triplet rule).',
  };
}

/**
 * The certificate DN section both subtypes share: repeated entries of DN_Len (4 + text), DN_Type and text.
 * What IBM writes in the triplet Len for such entries is not documented; zert-forge writes the total.
 */
export function dnSection(o: { prefix: string; triplet: string; title: string; source: string[] }): SectionDef {
  const b = fieldBuilder({ source: o.source, confidence: 'vendor-copy' });
  const unknown = 'unknown' as const;
  return {
    key: 'DN',
    title: o.title,
    triplet: o.triplet,
    since: '2.3',
    occurs: 'many',
    variable: true,
    layoutKnown: true,
    source: o.source,
    lengthNote: `What IBM writes in SMF119${o.triplet}Len for variable entries is NOT FOUND; zert-forge writes the total length of all entries (unknown) and reads entries by ${o.prefix}DN_Len.`,
    lengthConfidence: { '2.3': unknown, '2.4': unknown, '2.5': unknown, '3.1': unknown, '3.2': unknown },
    fields: [
      b.lengthOf(`${o.prefix}DN_Len`, 2, `${o.prefix}DN`, 4, { note: 'length of this entry including DN_Len and DN_Type' }),
      b.enumField(`${o.prefix}DN_Type`, 2, DN_TYPE),
      b.varText(`${o.prefix}DN`, `${o.prefix}DN_Len`, 4, 1024, { note: 'DN text, up to 1024 bytes' }),
    ],
  };
}
