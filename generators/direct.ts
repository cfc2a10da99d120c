import type { CanonicalRecord } from '../spec/codec.js';
import type { Drawer, Rng } from '../spec/field-types.js';
import { below, drawDate, drawName, drawTimeOfDay, opsOf } from '../spec/field-types.js';
import type { SectionValue } from '../spec/fields.js';
import { existsIn, sectionDef, sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import { failedHandshakeRule, presenceRules } from '../spec/rules.js';
import type { Release, SectionDef, SectionKey, Subtype } from '../spec/types.js';
import type { DrawnProtocols } from './shape.js';
import { FAILED_COUNTS, failedHandshakeValues, shapeSt11, shapeSt12, ST11_ROLES, ST12_ROLES } from './shape.js';

// Random records for bulk output (`generate --random`), drawn straight from a seeded generator instead of
// through fast-check: the same domain as recordArbitrary (generators/arbitraries.ts) — shapes, sections by
// the tables' presence rules, failed handshakes, IPv6 flags, codes legal in the release — at a fraction of
// the cost. Each field's values come from its type object's drawer (spec/field-types.ts). Record `index`
// depends only on (seed, subtype, release, index), so shards of a run draw their records independently.
//
// PRNG: xoshiro128** (Blackman & Vigna), seeded per record through splitmix32. It is four 32-bit words of
// state stepped with Math.imul and shifts: no allocation per draw (pure-rand's generators return a new
// object or a tuple per step), a 2^128 - 1 period, and it passes BigCrush; a record draws a few hundred
// numbers, so reseeding per record costs little.

/** xoshiro128**: reseedable in place, one 32-bit output per step. */
export class Xoshiro128 implements Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  /** Restarts the sequence from a 32-bit seed, its four state words spread by splitmix32. */
  reseed(seed: number): void {
    let x = (seed + 0x9e3779b9) | 0;
    this.a = mix32(x);
    x = (x + 0x9e3779b9) | 0;
    this.b = mix32(x);
    x = (x + 0x9e3779b9) | 0;
    this.c = mix32(x);
    x = (x + 0x9e3779b9) | 0;
    this.d = mix32(x);
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  u32(): number {
    const b = this.b;
    const r = Math.imul(b, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b = b ^ this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return result;
  }
}

/** splitmix32's finaliser: a well-spread 32-bit hash of a 32-bit value. */
function mix32(v: number): number {
  let z = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

/** The 32-bit seed of record `index` of subtype `subtype` in a run seeded `seed` (any safe integer). */
export function directRecordSeed(seed: number, subtype: Subtype, index: number): number {
  const seedHigh = Math.floor(seed / 4294967296) | 0;
  const indexHigh = Math.floor(index / 4294967296) | 0;
  let h = mix32((seed | 0) ^ 0x5bd1e995);
  h = mix32(h ^ seedHigh);
  h = mix32(h ^ subtype);
  h = mix32(h ^ indexHigh);
  return mix32(h ^ (index | 0));
}

/** How one section is drawn in a release, for one address family. */
class SectionDraw {
  readonly names: string[] = [];
  /** Fills `out` with every drawn field (compiled: one named store per field, not a keyed store in a loop). */
  readonly fill: (rng: Rng, out: SectionValue) => SectionValue;
  /** Sets a failed handshake's values (generators/shape.ts failedHandshakeValues). */
  readonly fail: (out: SectionValue) => void;
  /**
   * A value object with every drawn field, in layout order (one hidden class for all records). An object
   * literal: V8 keeps its properties fast, where keyed stores of 20 or more names turn it into a dictionary
   * (every later read and the encoder's key count then slow down by half).
   */
  readonly blank: () => SectionValue;

  constructor(def: SectionDef, release: Release, ipv6: boolean) {
    const drawers: Drawer[] = [];
    for (const { def: f } of sectionLayout(def, release).fields) {
      const drawer = opsOf(f).drawer(f, f.type, release, ipv6);
      if (!drawer) continue;
      this.names.push(f.name);
      drawers.push(drawer);
    }
    const key = (name: string): string => `out[${JSON.stringify(name)}]`;
    const fill = this.names.map((name, i) => `${key(name)} = d[${i}](rng, out);`);
    this.fill = new Function('d', `return function fill(rng, out) {\n${fill.join('\n')}\nreturn out;\n};`)(drawers) as SectionDraw['fill'];
    const set = failedHandshakeValues(def, release, ipv6);
    this.blank = new Function(`return function blank() {\nreturn { ${this.names.map((name) => `${JSON.stringify(name)}: null`).join(', ')} };\n};`)() as SectionDraw['blank'];
    const fail = set.map(([name], i) => `${key(name)} = v[${i}];`);
    this.fail = new Function('v', `return function fail(out) {\n${fail.join('\n')}\n};`)(set.map(([, value]) => value)) as SectionDraw['fail'];
  }
}

/** A section's draw for each address family, and the one value object both fill. */
class SectionSlot {
  private readonly byFamily: [SectionDraw, SectionDraw];
  readonly value: SectionValue;
  /** `[value]`: the section present; `none`: absent. Both reused from record to record. */
  readonly one: SectionValue[];
  readonly none: SectionValue[] = [];
  /** Whether the section has a failed-handshake form in the release. */
  readonly failable: boolean;

  constructor(def: SectionDef, release: Release) {
    this.byFamily = [new SectionDraw(def, release, false), new SectionDraw(def, release, true)];
    this.failable = failedHandshakeRule(def, release) !== undefined;
    this.value = this.byFamily[0].blank();
    this.one = [this.value];
  }

  fill(rng: Rng, ipv6: boolean, out = this.value): SectionValue {
    return this.byFamily[ipv6 ? 1 : 0].fill(rng, out);
  }

  fail(ipv6: boolean): void {
    this.byFamily[ipv6 ? 1 : 0].fail(this.value);
  }

  blank(): SectionValue {
    return this.byFamily[0].blank();
  }
}

const DN_MAX = 3;

/**
 * Draws the records of one subtype and release. `record()` returns the same object every time, refilled:
 * it is valid until the next call (encode it, or copy it, before drawing the next one).
 */
export class DirectGenerator {
  private readonly rng = new Xoshiro128();
  private readonly v32: boolean;
  private readonly header: SectionValue;
  private readonly ident: SectionSlot;
  private readonly common: SectionSlot;
  private readonly ipFilter: SectionSlot | undefined;
  private readonly protocols: { key: SectionKey; mask: number; slot: SectionSlot }[];
  private readonly dn: SectionSlot;
  /** DN arrays of 0..DN_MAX reused entries. */
  private readonly dnLists: SectionValue[][];
  private readonly failedPossible: boolean;
  private readonly out: CanonicalRecord;
  /** This record's protocol sections as drawn (reused). */
  private readonly drawn: DrawnProtocols = {};
  private readonly failedCounts: [number, number] = [0, 0];

  constructor(readonly subtype: Subtype, readonly release: Release) {
    const st = SUBTYPE_DEFS[subtype];
    this.v32 = existsIn({ since: '3.2' }, release);
    this.header = { SMF119HDSubType: subtype, SMF119HDFlags: 0, SMF119HDTime: '', SMF119HDDate: '', SMF119HDSID: '', SMF119HDSSI: '' };
    this.ident = new SectionSlot(sectionDef(st, 'Ident'), release);
    this.common = new SectionSlot(sectionDef(st, 'Common'), release);
    this.ipFilter = subtype === 11 ? new SectionSlot(sectionDef(st, 'IPFilter'), release) : undefined;
    this.protocols = presenceRules(subtype).map((r) => ({ key: r.section, mask: r.flag.mask, slot: new SectionSlot(sectionDef(st, r.section), release) }));
    this.dn = new SectionSlot(sectionDef(st, 'DN'), release);
    const entries = Array.from({ length: DN_MAX }, () => this.dn.blank());
    this.dnLists = Array.from({ length: DN_MAX + 1 }, (_, n) => entries.slice(0, n));
    this.failedPossible = st.sections.some((s) => failedHandshakeRule(s, release) !== undefined);
    const out: CanonicalRecord = { Header: this.header, Ident: this.ident.one, Common: this.common.one };
    if (this.ipFilter) out['IPFilter'] = this.ipFilter.none;
    for (const p of this.protocols) out[p.key] = p.slot.none;
    out['DN'] = this.dnLists[0];
    if (subtype === 11 && existsIn(sectionDef(st, 'Enforcement'), release)) out['Enforcement'] = [];
    this.out = out;
  }

  /** Record `index` of the run seeded `seed` (valid until the next call). */
  record(seed: number, index: number): CanonicalRecord {
    const rng = this.rng;
    rng.reseed(directRecordSeed(seed, this.subtype, index));
    // The shape first, as recordArbitrary draws it: address family, protocols, failure, DN count.
    const ipv6 = (rng.u32() & 1) === 1;
    const protocolBits = rng.u32();
    const failed = this.failedPossible && (rng.u32() & 1) === 1;
    const dnCount = below(rng, DN_MAX + 1);
    this.drawHeader(rng);
    const ident = this.ident.fill(rng, ipv6);
    const common = this.common.fill(rng, ipv6);
    if (this.subtype === 11) this.st11(rng, ipv6, protocolBits, failed, dnCount, ident, common);
    else this.st12(rng, ipv6, protocolBits, failed, dnCount, ident, common);
    return this.out;
  }

  private drawHeader(rng: Rng): void {
    const h = this.header;
    const flags = rng.u32();
    h['SMF119HDFlags'] = (flags & 1) === 0 ? 0x5e : (flags >>> 24) | 0x40;
    h['SMF119HDTime'] = drawTimeOfDay(rng);
    h['SMF119HDDate'] = drawDate(rng);
    h['SMF119HDSID'] = drawName(rng, 4);
    h['SMF119HDSSI'] = drawName(rng, 4);
  }

  private drawDn(rng: Rng, ipv6: boolean, count: number): void {
    const list = this.dnLists[count]!;
    for (const entry of list) this.dn.fill(rng, ipv6, entry);
    this.out['DN'] = list;
  }

  /** Subtype 11: zero or more protocols, the IP filter section or not; the rules of generators/shape.ts. */
  private st11(rng: Rng, ipv6: boolean, protocolBits: number, failed: boolean, dnCount: number, ident: SectionValue, common: SectionValue): void {
    const out = this.out;
    const drawn = this.drawn;
    const filtered = (rng.u32() & 1) === 1;
    const ipFilter = this.ipFilter!;
    if (filtered) ipFilter.fill(rng, ipv6);
    out['IPFilter'] = filtered ? ipFilter.one : ipFilter.none;
    let secProtos = 0;
    for (let i = 0; i < this.protocols.length; i++) {
      const p = this.protocols[i]!;
      const present = ((protocolBits >>> i) & 1) === 1;
      drawn[p.key] = present ? p.slot.fill(rng, ipv6) : undefined;
      out[p.key] = present ? p.slot.one : p.slot.none;
      if (present) secProtos |= p.mask;
    }
    const role = this.v32 ? ST11_ROLES[below(rng, ST11_ROLES.length)]! : 0;
    shapeSt11(this.release, { ipv6, filtered, role }, secProtos, ident, common, drawn);
    if (failed) for (const p of this.protocols) if (drawn[p.key] && p.slot.failable) p.slot.fail(ipv6);
    this.drawDn(rng, ipv6, dnCount);
  }

  /** Subtype 12: one protocol at most, or an event record with none; the rules of generators/shape.ts. */
  private st12(rng: Rng, ipv6: boolean, protocolBits: number, failedShape: boolean, dnCount: number, ident: SectionValue, common: SectionValue): void {
    const out = this.out;
    const drawn = this.drawn;
    const eventRecord = below(rng, 5) === 0;
    // Sessions carry exactly one protocol or none: one choice of protocols.length + 1.
    const chosen = eventRecord ? -1 : Math.floor(((protocolBits >>> 8) * (this.protocols.length + 1)) / (1 << 24)) - 1;
    const more = (rng.u32() & 1) === 1;
    let secProtos = 0;
    let failed = false;
    for (let i = 0; i < this.protocols.length; i++) {
      const p = this.protocols[i]!;
      drawn[p.key] = i === chosen ? p.slot.fill(rng, ipv6) : undefined;
      out[p.key] = i === chosen ? p.slot.one : p.slot.none;
      if (i !== chosen) continue;
      secProtos |= p.mask;
      failed = failedShape && p.slot.failable;
    }
    const role = ST12_ROLES[(rng.u32() & 1) ^ 1]!;
    const counts = this.failedCounts;
    counts[0] = counts[1] = 0;
    if (this.v32 && failed) {
      counts[0] = FAILED_COUNTS.initial.min + below(rng, FAILED_COUNTS.initial.max - FAILED_COUNTS.initial.min + 1);
      counts[1] = FAILED_COUNTS.end.min + below(rng, FAILED_COUNTS.end.max - FAILED_COUNTS.end.min + 1);
    }
    shapeSt12(this.release, { ipv6, eventRecord, more, role, failed, failedCounts: counts }, secProtos, ident, common, drawn);
    if (failed) this.protocols[chosen]!.slot.fail(ipv6);
    this.drawDn(rng, ipv6, eventRecord ? 0 : dnCount);
  }
}

const generators = new Map<string, DirectGenerator>();

/** Record `index` of the run seeded `seed`, as a fresh object (tests; bulk output reuses a DirectGenerator). */
export function directRecord(subtype: Subtype, release: Release, seed: number, index: number): CanonicalRecord {
  const key = `${subtype}/${release}`;
  let g = generators.get(key);
  if (!g) generators.set(key, (g = new DirectGenerator(subtype, release)));
  return structuredClone(g.record(seed, index));
}
