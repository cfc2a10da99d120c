import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { CanonicalRecord } from '../spec/codec.js';
import { certIsoArb, dateArb, NAME_CHARS, opsOf, textArb } from '../spec/field-types.js';
import type { SectionValue } from '../spec/fields.js';
import { defaultValue } from '../spec/fields.js';
import { existsIn, sectionDef, sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import { formatTimeOfDay, HUNDREDTHS_PER_DAY } from '../spec/primitives.js';
import { ipv6FlagRef, presenceRules } from '../spec/rules.js';
import type { Release, SectionDef, SectionKey, Subtype } from '../spec/types.js';
import { releaseIndex } from '../spec/types.js';

// Valid records of a subtype and release, generated from the tables: every field that exists in the
// release gets a value of its type (the type objects' arbitraries), then the cross-field rules are applied
// (IPv6 flag and addresses, protocol bits and sections, 3.2 failed handshakes, codes legal in the release).
// A record's shape (address family, protocols, failure, DN count) is drawn first; the arbitrary of each
// shape is built once and draws only the sections that shape has.

type Arb<T> = fc.Arbitrary<T>;

/** Each non-derived field that exists in the release gets a value. */
export function sectionArb(s: SectionDef, release: Release, ipv6: boolean): Arb<SectionValue> {
  const model: Record<string, Arb<unknown>> = {};
  const timeFields: { name: string; typeField: string }[] = [];
  for (const { def } of sectionLayout(s, release).fields) {
    if (def.type.kind === 'certTime') timeFields.push({ name: def.name, typeField: def.type.typeField });
    const a = opsOf(def).arbitrary(fc, def, def.type, release, ipv6);
    if (a) model[def.name] = a;
  }
  if (timeFields.length === 0) return fc.record(model);
  // Certificate times follow their type byte: none for type 0, else a time writable in either form.
  return fc.tuple(fc.record(model), fc.tuple(...timeFields.map(() => certIsoArb(fc)))).map(([values, times]) => {
    const out = { ...values };
    timeFields.forEach((t, i) => {
      out[t.name] = out[t.typeField] === 0 ? null : times[i];
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
  // The section's own trigger (subtype 11: a handshake type, an SSH flag) is set to what the rule tests.
  for (const w of rule.when) {
    if (w.section !== s.key) continue;
    out[w.field] = 'equals' in w.test ? w.test.equals : 'mask' in w.test ? w.test.mask : 1;
  }
  return { ...out, ...rule.fixed };
}

/** Protocol bits of the sections present, by the tables' presence rules. */
function protocolBits(subtype: Subtype, protocols: readonly SectionKey[]): number {
  return presenceRules(subtype).reduce((bits, r) => (protocols.includes(r.section) ? bits | r.flag.mask : bits), 0);
}

function header(subtype: Subtype): Arb<SectionValue> {
  return fc.record({
    SMF119HDSubType: fc.constant(subtype),
    SMF119HDFlags: fc.oneof(fc.constant(0x5e), fc.integer({ min: 0, max: 255 }).map((v) => v | 0x40)),
    SMF119HDTime: fc.integer({ min: 0, max: HUNDREDTHS_PER_DAY - 1 }).map(formatTimeOfDay),
    SMF119HDDate: dateArb(fc),
    SMF119HDSID: textArb(fc, NAME_CHARS, 4),
    SMF119HDSSI: textArb(fc, NAME_CHARS, 4),
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
  const failedPossible = SUBTYPE_DEFS[subtype].sections.some((s) => s.failedHandshake && releaseIndex(release) >= releaseIndex(s.failedHandshake.since));
  const protocols = presenceRules(subtype).map((r) => r.section);
  return fc.record({
    ipv6: fc.boolean(),
    // Subtype 12 sessions carry exactly one protocol; subtype 11 connections zero or more.
    protocols: subtype === 12 ? fc.constantFrom<SectionKey[]>([], ...protocols.map((p) => [p])) : fc.subarray<SectionKey>(protocols),
    failed: failedPossible ? fc.boolean() : fc.constant(false),
    dnCount: fc.integer({ min: 0, max: 3 }),
    eventRecord: subtype === 12 ? fc.integer({ min: 0, max: 4 }).map((n) => n === 0) : fc.constant(false),
  });
}

const def11 = (key: SectionKey): SectionDef => sectionDef(SUBTYPE_DEFS[11], key);
const def12 = (key: SectionKey): SectionDef => sectionDef(SUBTYPE_DEFS[12], key);

/** The sections a shape carries, each drawn only when present. */
function sectionsArb(subtype: Subtype, release: Release, shape: Shape, keys: readonly SectionKey[]): Arb<Record<string, SectionValue>> {
  const model: Record<string, Arb<SectionValue>> = {};
  for (const key of keys) model[key] = sectionArb(sectionDef(SUBTYPE_DEFS[subtype], key), release, shape.ipv6);
  return fc.record(model);
}

function st11Record(release: Release, shape: Shape): Arb<CanonicalRecord> {
  const ipv6Mask = ipv6FlagRef(11).mask;
  return fc
    .record({
      Header: header(11),
      sections: sectionsArb(11, release, shape, ['Ident', 'Common', ...shape.protocols]),
      IPFilter: fc.option(sectionArb(def11('IPFilter'), release, shape.ipv6), { nil: undefined }),
      DN: fc.array(sectionArb(def11('DN'), release, shape.ipv6), { minLength: shape.dnCount, maxLength: shape.dnCount }),
      role: fc.constantFrom(0, 0x10, 0x08),
    })
    .map((r) => {
      const s = r.sections;
      const common = { ...s['Common'] };
      common['SMF119SC_SASecProtos'] = protocolBits(11, shape.protocols);
      let flags = (Number(common['SMF119SC_SAFlags']) & 0x40) | (shape.ipv6 ? ipv6Mask : 0);
      const event = Number(common['SMF119SC_SAEvent_Type']);
      // Reset-by-policy appears only in Term / Short Term records.
      if ((event === 3 || event === 4) && existsIn({ since: '2.5' }, release)) flags |= Number(s['Common']!['SMF119SC_SAFlags']) & 0x20;
      if (existsIn({ since: '3.2' }, release)) flags |= r.role;
      common['SMF119SC_SAFlags'] = flags;
      common['SMF119SC_SASecFlags'] = (Number(common['SMF119SC_SASecFlags']) & 0xc0) | (r.IPFilter ? 0x20 : 0);
      const record: CanonicalRecord = {
        Header: r.Header,
        Ident: [{ ...s['Ident'], SMF119TI_Comp: 'STACK', SMF119TI_Reason: 0x08 }],
        Common: [common],
        IPFilter: r.IPFilter ? [r.IPFilter] : [],
        TLS: [],
        SSH: [],
        IPSec: [],
        DN: r.DN,
      };
      if (s['TLS']) {
        const tls = { ...s['TLS'] };
        if (tls['SMF119SC_TLS_Handshake_Type'] === 3) tls['SMF119SC_TLS_Handshake_Type'] = 1;
        if (tls['SMF119SC_TLS_Neg_Cipher'] === 'FFFFFF') tls['SMF119SC_TLS_Neg_Cipher'] = '';
        record['TLS'] = [shape.failed ? failedSection(def11('TLS'), release, tls) : tls];
      }
      if (s['SSH']) {
        const ssh = { ...s['SSH'] };
        if (ssh['SMF119SC_SSH_Flags'] !== undefined) ssh['SMF119SC_SSH_Flags'] = 0;
        if (ssh['SMF119SC_SSH_Prot_Ver'] === 0) ssh['SMF119SC_SSH_Prot_Ver'] = 2;
        record['SSH'] = [shape.failed ? failedSection(def11('SSH'), release, ssh) : ssh];
      }
      if (s['IPSec']) record['IPSec'] = [{ ...s['IPSec'], SMF119SC_IPSec_TunFlags: (Number(s['IPSec']['SMF119SC_IPSec_TunFlags']) & 0x40) | (shape.ipv6 ? 0x80 : 0) }];
      if (existsIn(def11('Enforcement'), release)) record['Enforcement'] = [];
      return record;
    });
}

function st12Record(release: Release, shape: Shape): Arb<CanonicalRecord> {
  const v2 = existsIn({ since: '3.2' }, release);
  const protocols = shape.eventRecord ? [] : shape.protocols;
  return fc
    .record({
      Header: header(12),
      sections: sectionsArb(12, release, shape, ['Ident', 'Common', ...protocols]),
      DN: fc.array(sectionArb(def12('DN'), release, shape.ipv6), { minLength: shape.eventRecord ? 0 : shape.dnCount, maxLength: shape.eventRecord ? 0 : shape.dnCount }),
      more: fc.boolean(),
      failedCounts: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })),
      role: fc.constantFrom(0x40, 0x20),
    })
    .map((r) => {
      const s = r.sections;
      const common = { ...s['Common'] };
      const failed = shape.failed && !shape.eventRecord && protocols.some((p) => def12(p).failedHandshake !== undefined);
      common['SMF119SS_SAEvent_Type'] = shape.eventRecord ? (r.more ? 2 : 3) : 1;
      common['SMF119SS_SAFlags'] = (shape.ipv6 ? ipv6FlagRef(12).mask : 0) | r.role;
      common['SMF119SS_SASecProtos'] = protocolBits(12, protocols);
      const start = Number(common['SMF119SS_SASrvPortStart']);
      const end = Number(common['SMF119SS_SASrvPortEnd']);
      common['SMF119SS_SASrvPortEnd'] = Math.max(start, end);
      if (v2) {
        common['SMF119SS_SAInitFailedHsConnCnt'] = failed ? r.failedCounts[0] : 0;
        common['SMF119SS_SAEndFailedHsConnCnt'] = failed ? r.failedCounts[1] : 0;
      }
      const reason = shape.eventRecord ? (r.more ? 0x48 : 0x08) : r.more ? 0xc0 : 0x80;
      const record: CanonicalRecord = {
        Header: r.Header,
        Ident: [{ ...s['Ident'], SMF119TI_Comp: 'STACK', SMF119TI_Reason: reason }],
        Common: [common],
        TLS: [],
        SSH: [],
        IPSec: [],
        DN: r.DN,
      };
      if (s['TLS']) {
        const tls = { ...s['TLS'] };
        if (tls['SMF119SS_TLS_Neg_Cipher'] === 'FFFFFF') tls['SMF119SS_TLS_Neg_Cipher'] = '';
        record['TLS'] = [failed ? failedSection(def12('TLS'), release, tls) : tls];
      }
      if (s['SSH']) {
        const ssh = { ...s['SSH'] };
        if (ssh['SMF119SS_SSH_Prot_Ver'] === 0) ssh['SMF119SS_SSH_Prot_Ver'] = 2;
        record['SSH'] = [failed ? failedSection(def12('SSH'), release, ssh) : ssh];
      }
      if (s['IPSec']) record['IPSec'] = [s['IPSec']];
      return record;
    });
}

const recordCache = new Map<string, Arb<CanonicalRecord>>();

/** Valid records (canonical JSON without derived fields) of one subtype and release; built once and cached. */
export function recordArbitrary(subtype: Subtype, release: Release): Arb<CanonicalRecord> {
  const key = `${subtype}/${release}`;
  let arb = recordCache.get(key);
  if (!arb) {
    const byShape = new Map<string, Arb<CanonicalRecord>>();
    arb = shapeArb(subtype, release).chain((shape) => {
      const shapeKey = JSON.stringify(shape);
      let a = byShape.get(shapeKey);
      if (!a) byShape.set(shapeKey, (a = subtype === 11 ? st11Record(release, shape) : st12Record(release, shape)));
      return a;
    });
    recordCache.set(key, arb);
  }
  return arb;
}

/** A 32-bit seed for record `index` of a run seeded `seed` (splitmix32-style mixing of both). */
function recordSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Record `index` of the random sequence `seed`: the same record whatever was drawn before it, so a run can
 * be split by index ranges across workers and stay byte-identical.
 */
export function randomRecord(subtype: Subtype, release: Release, seed: number, index: number): CanonicalRecord {
  const random = new fc.Random(xoroshiro128plus(recordSeed(seed, index)));
  return recordArbitrary(subtype, release).generate(random, undefined).value;
}
