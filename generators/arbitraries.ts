import fc from 'fast-check';
import type { CanonicalRecord } from '../spec/codec.js';
import type { SectionValue } from '../spec/fields.js';
import { defaultValue } from '../spec/fields.js';
import { codeLegalIn, existsIn, sectionDef, sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import { formatIPv4, formatIPv6, formatTimeOfDay, HUNDREDTHS_PER_DAY, toHex } from '../spec/primitives.js';
import type { FieldDef, Release, SectionDef, SectionKey, Subtype } from '../spec/types.js';
import { releaseIndex } from '../spec/types.js';

// Valid records of a subtype and release, generated from the tables: every field that exists in the
// release gets a value of its type, then the cross-field rules are applied (IPv6 flag and addresses,
// protocol bits and sections, 3.2 failed handshakes, codes legal in the release).

type Arb<T> = fc.Arbitrary<T>;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME_CHARS = `${UPPER}0123456789@#$`;
// Beyond names: punctuation and Latin-1 letters that differ between code pages, to exercise the tables.
const TEXT_CHARS = `${NAME_CHARS}abcdefghijklmnopqrstuvwxyz .,-_/()*=+:;'!?&%<>[]^{}|~\`"\\éüÄßç¬¢£¥§°±µ`;
const DN_CHARS = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789 .-'@`;

function textArb(chars: string, maxLength: number, minLength = 0): Arb<string> {
  return fc
    .array(fc.constantFrom(...chars), { minLength, maxLength })
    .map((cs) => cs.join('').replace(/ +$/, ''))
    .filter((s) => s.length >= minLength);
}

const uintArb = (length: number): Arb<number | string> =>
  length > 6
    ? fc.bigInt({ min: 0n, max: (1n << BigInt(8 * length)) - 1n }).map((v) => v.toString())
    : fc.bigInt({ min: 0n, max: (1n << BigInt(8 * length)) - 1n }).map(Number);

const hexBytesArb = (max: number): Arb<string> => fc.uint8Array({ minLength: 0, maxLength: max }).map(toHex);

/** ISO date 1990-2035, as SMF dates of connections plausibly are. */
const dateArb: Arb<string> = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2035, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** Certificate 'not after' in 1950-2049: writable as UTCTime and GeneralizedTime alike. */
const certIsoArb: Arb<string> = fc
  .integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2049, 11, 31, 23, 59, 59) / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace('.000', ''));

const SSL2_CIPHERS = ['010080', '020080', '030080', '040080', '050080', '060040', '0700C0'];
const cipherArb: Arb<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).toUpperCase().padStart(4, '0')) },
  { weight: 1, arbitrary: fc.constantFrom(...SSL2_CIPHERS) },
  { weight: 1, arbitrary: fc.constant('') },
);

function fieldArb(f: FieldDef, release: Release, ipv6: boolean): Arb<unknown> | undefined {
  const t = f.type;
  switch (t.kind) {
    case 'derived':
    case 'reserved':
    case 'certTime': // depends on its type byte: filled in by withCertTimes
      return undefined;
    case 'uint':
      return uintArb(f.length);
    case 'enum': {
      const legal = t.codes.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code);
      return fc.constantFrom(...legal);
    }
    case 'flags': {
      const legal = t.flags.codes.filter((c) => codeLegalIn(c, release)).map((c) => c.code);
      return fc.subarray(legal).map((bits) => bits.reduce((m, b) => m | b, 0));
    }
    case 'text':
      if (t.known && t.knownComplete) return fc.constantFrom(...t.known.map((k) => k.value));
      if (t.known) return fc.oneof(fc.constantFrom(...t.known.map((k) => k.value)), textArb(TEXT_CHARS, f.length));
      return f.length <= 8 ? textArb(NAME_CHARS, f.length) : textArb(TEXT_CHARS, f.length);
    case 'varText':
      return textArb(DN_CHARS, 120, 1);
    case 'cipher':
      return cipherArb;
    case 'ip':
      return ipv6 ? fc.uint8Array({ minLength: 16, maxLength: 16 }).map(formatIPv6) : fc.uint8Array({ minLength: 4, maxLength: 4 }).map(formatIPv4);
    case 'timeOfDay':
      return fc.integer({ min: 0, max: HUNDREDTHS_PER_DAY - 1 }).map(formatTimeOfDay);
    case 'packedDate':
      return fc.option(dateArb, { nil: null, freq: 5 });
    case 'sizedBytes':
      return hexBytesArb(f.length);
    case 'todDuration':
      return fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map(String);
    case 'stck':
      return certIsoArb;
  }
}

/** Each non-derived field that exists in the release gets a value. */
export function sectionArb(s: SectionDef, release: Release, ipv6: boolean): Arb<SectionValue> {
  const model: Record<string, Arb<unknown>> = {};
  for (const { def } of sectionLayout(s, release).fields) {
    const a = fieldArb(def, release, ipv6);
    if (a) model[def.name] = a;
  }
  return fc.record(model).chain((values) => withCertTimes(s, release, values));
}

/** Certificate times follow their type byte: none for type 0, else a time writable in either form. */
function withCertTimes(s: SectionDef, release: Release, values: SectionValue): Arb<SectionValue> {
  const timeFields = sectionLayout(s, release).fields.filter((p) => p.def.type.kind === 'certTime');
  if (timeFields.length === 0) return fc.constant(values);
  return fc.tuple(...timeFields.map(() => certIsoArb)).map((times) => {
    const out = { ...values };
    timeFields.forEach((p, i) => {
      const typeField = (p.def.type as { typeField: string }).typeField;
      out[p.def.name] = out[typeField] === 0 ? null : times[i];
    });
    return out;
  });
}

/** A failed-handshake section: every field zero/blank except the ones IBM lists. */
function failedSection(s: SectionDef, release: Release, values: SectionValue): SectionValue {
  const rule = s.failedHandshake!;
  const out: SectionValue = {};
  for (const { def } of sectionLayout(s, release).fields) {
    if (def.type.kind === 'derived' || def.type.kind === 'reserved') continue;
    out[def.name] = rule.keep.includes(def.name) ? values[def.name] : defaultValue(def);
  }
  return { ...out, ...rule.fixed };
}

const PROTOCOL_BITS: [SectionKey, number][] = [['TLS', 0x80], ['SSH', 0x40], ['IPSec', 0x20]];

function header(subtype: Subtype): Arb<SectionValue> {
  return fc.record({
    SMF119HDSubType: fc.constant(subtype),
    SMF119HDFlags: fc.oneof(fc.constant(0x5e), fc.integer({ min: 0, max: 255 }).map((v) => v | 0x40)),
    SMF119HDTime: fc.integer({ min: 0, max: HUNDREDTHS_PER_DAY - 1 }).map(formatTimeOfDay),
    SMF119HDDate: dateArb,
    SMF119HDSID: textArb(NAME_CHARS, 4),
    SMF119HDSSI: textArb(NAME_CHARS, 4),
  });
}

interface Shape {
  ipv6: boolean;
  protocols: SectionKey[];
  failed: boolean;
  dnCount: number;
  eventRecord: boolean;
}

function shapeArb(subtype: Subtype, release: Release): Arb<Shape> {
  const failedPossible = releaseIndex(release) >= releaseIndex('3.2');
  return fc.record({
    ipv6: fc.boolean(),
    // Subtype 12 sessions carry exactly one protocol; subtype 11 connections zero or more.
    protocols: subtype === 12 ? fc.constantFrom<SectionKey[]>([], ['TLS'], ['SSH'], ['IPSec']) : fc.subarray<SectionKey>(['TLS', 'SSH', 'IPSec']),
    failed: failedPossible ? fc.boolean() : fc.constant(false),
    dnCount: fc.integer({ min: 0, max: 3 }),
    eventRecord: subtype === 12 ? fc.integer({ min: 0, max: 4 }).map((n) => n === 0) : fc.constant(false),
  });
}

function st11Record(release: Release, shape: Shape): Arb<CanonicalRecord> {
  const st = SUBTYPE_DEFS[11];
  const sec = (key: SectionKey): Arb<SectionValue> => sectionArb(sectionDef(st, key), release, shape.ipv6);
  const dnArb = fc.array(sec('DN'), { minLength: shape.dnCount, maxLength: shape.dnCount });
  return fc
    .record({ Header: header(11), Ident: sec('Ident'), Common: sec('Common'), IPFilter: fc.option(sec('IPFilter'), { nil: undefined }), TLS: sec('TLS'), SSH: sec('SSH'), IPSec: sec('IPSec'), DN: dnArb, role: fc.constantFrom(0, 0x10, 0x08) })
    .map((r) => {
      const common = { ...r.Common };
      let protos = 0;
      for (const [key, bit] of PROTOCOL_BITS) if (shape.protocols.includes(key)) protos |= bit;
      common['SMF119SC_SASecProtos'] = protos;
      let flags = (Number(common['SMF119SC_SAFlags']) & 0x40) | (shape.ipv6 ? 0x80 : 0);
      const event = Number(common['SMF119SC_SAEvent_Type']);
      // Reset-by-policy appears only in Term / Short Term records.
      if ((event === 3 || event === 4) && existsIn({ since: '2.5' }, release)) flags |= Number(r.Common['SMF119SC_SAFlags']) & 0x20;
      if (existsIn({ since: '3.2' }, release)) flags |= r.role;
      common['SMF119SC_SAFlags'] = flags;
      common['SMF119SC_SASecFlags'] = (Number(common['SMF119SC_SASecFlags']) & 0xc0) | (r.IPFilter ? 0x20 : 0);
      const tls = { ...r.TLS };
      const ssh = { ...r.SSH };
      if (tls['SMF119SC_TLS_Handshake_Type'] === 3) tls['SMF119SC_TLS_Handshake_Type'] = 1;
      if (tls['SMF119SC_TLS_Neg_Cipher'] === 'FFFFFF') tls['SMF119SC_TLS_Neg_Cipher'] = '';
      if (ssh['SMF119SC_SSH_Flags'] !== undefined) ssh['SMF119SC_SSH_Flags'] = 0;
      if (ssh['SMF119SC_SSH_Prot_Ver'] === 0) ssh['SMF119SC_SSH_Prot_Ver'] = 2;
      const ipsec = { ...r.IPSec, SMF119SC_IPSec_TunFlags: (Number(r.IPSec['SMF119SC_IPSec_TunFlags']) & 0x40) | (shape.ipv6 ? 0x80 : 0) };
      const tlsSection = def11('TLS');
      const sshSection = def11('SSH');
      const record: CanonicalRecord = {
        Header: r.Header,
        Ident: [{ ...r.Ident, SMF119TI_Comp: 'STACK', SMF119TI_Reason: 0x08 }],
        Common: [common],
        IPFilter: r.IPFilter ? [r.IPFilter] : [],
        TLS: shape.protocols.includes('TLS') ? [shape.failed ? failedSection(tlsSection, release, { ...tls, SMF119SC_TLS_Handshake_Type: 3 }) : tls] : [],
        SSH: shape.protocols.includes('SSH') ? [shape.failed ? failedSection(sshSection, release, { ...ssh, SMF119SC_SSH_Flags: 0x80 }) : ssh] : [],
        IPSec: shape.protocols.includes('IPSec') ? [ipsec] : [],
        DN: r.DN,
      };
      if (existsIn(def11('Enforcement'), release)) record['Enforcement'] = [];
      return record;
    });
}

const def11 = (key: SectionKey): SectionDef => sectionDef(SUBTYPE_DEFS[11], key);
const def12 = (key: SectionKey): SectionDef => sectionDef(SUBTYPE_DEFS[12], key);

function st12Record(release: Release, shape: Shape): Arb<CanonicalRecord> {
  const sec = (key: SectionKey): Arb<SectionValue> => sectionArb(def12(key), release, shape.ipv6);
  const v2 = existsIn({ since: '3.2' }, release);
  return fc
    .record({
      Header: header(12),
      Ident: sec('Ident'),
      Common: sec('Common'),
      TLS: sec('TLS'),
      SSH: sec('SSH'),
      IPSec: sec('IPSec'),
      DN: fc.array(sec('DN'), { minLength: shape.dnCount, maxLength: shape.dnCount }),
      more: fc.boolean(),
      failedCounts: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })),
      role: fc.constantFrom(0x40, 0x20),
    })
    .map((r) => {
      const common = { ...r.Common };
      const failed = shape.failed && !shape.eventRecord && shape.protocols.some((p) => p === 'TLS' || p === 'SSH');
      common['SMF119SS_SAEvent_Type'] = shape.eventRecord ? (r.more ? 2 : 3) : 1;
      common['SMF119SS_SAFlags'] = (shape.ipv6 ? 0x80 : 0) | r.role;
      const protocols = shape.eventRecord ? [] : shape.protocols;
      common['SMF119SS_SASecProtos'] = PROTOCOL_BITS.filter(([k]) => protocols.includes(k)).reduce((m, [, bit]) => m | bit, 0);
      const start = Number(common['SMF119SS_SASrvPortStart']);
      const end = Number(common['SMF119SS_SASrvPortEnd']);
      common['SMF119SS_SASrvPortEnd'] = Math.max(start, end);
      if (v2) {
        common['SMF119SS_SAInitFailedHsConnCnt'] = failed ? r.failedCounts[0] : 0;
        common['SMF119SS_SAEndFailedHsConnCnt'] = failed ? r.failedCounts[1] : 0;
      }
      const tls = { ...r.TLS };
      if (tls['SMF119SS_TLS_Neg_Cipher'] === 'FFFFFF') tls['SMF119SS_TLS_Neg_Cipher'] = '';
      const ssh = { ...r.SSH };
      if (ssh['SMF119SS_SSH_Prot_Ver'] === 0) ssh['SMF119SS_SSH_Prot_Ver'] = 2;
      const reason = shape.eventRecord ? (r.more ? 0x48 : 0x08) : r.more ? 0xc0 : 0x80;
      return {
        Header: r.Header,
        Ident: [{ ...r.Ident, SMF119TI_Comp: 'STACK', SMF119TI_Reason: reason }],
        Common: [common],
        TLS: protocols.includes('TLS') ? [failed ? failedSection(def12('TLS'), release, tls) : tls] : [],
        SSH: protocols.includes('SSH') ? [failed ? failedSection(def12('SSH'), release, ssh) : ssh] : [],
        IPSec: protocols.includes('IPSec') ? [r.IPSec] : [],
        DN: shape.eventRecord ? [] : r.DN,
      };
    });
}

/** Valid records (canonical JSON without derived fields) of one subtype and release. */
export function recordArbitrary(subtype: Subtype, release: Release): Arb<CanonicalRecord> {
  return shapeArb(subtype, release).chain((shape) => (subtype === 11 ? st11Record(release, shape) : st12Record(release, shape)));
}
