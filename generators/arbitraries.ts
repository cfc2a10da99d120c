import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { CanonicalRecord } from '../spec/codec.js';
import { certIsoArb, dateArb, NAME_CHARS, opsOf, textArb } from '../spec/field-types.js';
import type { SectionValue } from '../spec/fields.js';
import { existsIn, sectionDef, sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import { formatTimeOfDay, HUNDREDTHS_PER_DAY } from '../spec/primitives.js';
import { failedHandshakeRule, presenceRules } from '../spec/rules.js';
import type { Release, SectionDef, SectionKey, Subtype } from '../spec/types.js';
import type { DrawnProtocols } from './shape.js';
import { FAILED_COUNTS, failedHandshakeValues, shapeSt11, shapeSt12, ST11_ROLES, ST12_ROLES } from './shape.js';

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

/** The drawn values of a section as a failed handshake has them (a copy in layout order), where a rule is in force. */
function failedSection(s: SectionDef, release: Release, values: SectionValue, ipv6: boolean): SectionValue {
  const failed = failedHandshakeValues(s, release, ipv6);
  if (failed.length === 0) return values;
  const out: SectionValue = {};
  for (const { def } of sectionLayout(s, release).fields) if (def.name in values) out[def.name] = values[def.name];
  for (const [name, value] of failed) out[name] = value;
  return out;
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
  const failedPossible = SUBTYPE_DEFS[subtype].sections.some((s) => failedHandshakeRule(s, release) !== undefined);
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
  return fc
    .record({
      Header: header(11),
      sections: sectionsArb(11, release, shape, ['Ident', 'Common', ...shape.protocols]),
      IPFilter: fc.option(sectionArb(def11('IPFilter'), release, shape.ipv6), { nil: undefined }),
      DN: fc.array(sectionArb(def11('DN'), release, shape.ipv6), { minLength: shape.dnCount, maxLength: shape.dnCount }),
      role: fc.constantFrom(...ST11_ROLES),
    })
    .map((r) => {
      // Copies: fast-check may hand the drawn objects to the mapper again while shrinking.
      const s = r.sections;
      const ident = { ...s['Ident'] };
      const common = { ...s['Common'] };
      const drawn = protocolCopies(s, shape.protocols);
      shapeSt11(release, { ipv6: shape.ipv6, filtered: r.IPFilter !== undefined, role: r.role }, protocolBits(11, shape.protocols), ident, common, drawn);
      const record: CanonicalRecord = { Header: r.Header, Ident: [ident], Common: [common], IPFilter: r.IPFilter ? [r.IPFilter] : [], TLS: [], SSH: [], IPSec: [], DN: r.DN };
      for (const key of shape.protocols) {
        const values = drawn[key]!;
        record[key] = [shape.failed ? failedSection(def11(key), release, values, shape.ipv6) : values];
      }
      if (existsIn(def11('Enforcement'), release)) record['Enforcement'] = [];
      return record;
    });
}

function st12Record(release: Release, shape: Shape): Arb<CanonicalRecord> {
  const protocols = shape.eventRecord ? [] : shape.protocols;
  return fc
    .record({
      Header: header(12),
      sections: sectionsArb(12, release, shape, ['Ident', 'Common', ...protocols]),
      DN: fc.array(sectionArb(def12('DN'), release, shape.ipv6), { minLength: shape.eventRecord ? 0 : shape.dnCount, maxLength: shape.eventRecord ? 0 : shape.dnCount }),
      more: fc.boolean(),
      failedCounts: fc.tuple(fc.integer(FAILED_COUNTS.initial), fc.integer(FAILED_COUNTS.end)),
      role: fc.constantFrom(...ST12_ROLES),
    })
    .map((r) => {
      const s = r.sections;
      const ident = { ...s['Ident'] };
      const common = { ...s['Common'] };
      const drawn = protocolCopies(s, protocols);
      const failed = shape.failed && !shape.eventRecord && protocols.some((p) => failedHandshakeRule(def12(p), release) !== undefined);
      const choices = { ipv6: shape.ipv6, eventRecord: shape.eventRecord, more: r.more, role: r.role, failed, failedCounts: r.failedCounts };
      shapeSt12(release, choices, protocolBits(12, protocols), ident, common, drawn);
      const record: CanonicalRecord = { Header: r.Header, Ident: [ident], Common: [common], TLS: [], SSH: [], IPSec: [], DN: r.DN };
      for (const key of protocols) {
        const values = drawn[key]!;
        record[key] = [failed ? failedSection(def12(key), release, values, shape.ipv6) : values];
      }
      return record;
    });
}

/** Copies of the drawn protocol sections, for the rules to change. */
function protocolCopies(sections: Record<string, SectionValue>, protocols: readonly SectionKey[]): DrawnProtocols {
  const drawn: DrawnProtocols = {};
  for (const key of protocols) drawn[key] = { ...sections[key] };
  return drawn;
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
