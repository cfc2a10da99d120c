import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordArbitrary } from '../generators/arbitraries.js';
import { readRecords } from '../io/framing.js';
import { mutate, mutationsArb } from '../generators/mutations.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode, encodeInto, reference } from '../spec/codec.js';
import { companionKey } from '../spec/fields.js';
import { sectionDef, sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import type { FieldDef, FieldType, Release, SectionDef, SectionKey } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';

// The compiled codec (spec/compile.ts) against the field-by-field reference path: the same bytes, the same
// values and the same diagnostics, over generated records of every subtype and release, the golden corpus,
// and mutated (invalid) records.

const RUNS = Number(process.env['ZF_PROPERTY_RUNS'] ?? 150);
const CORPUS = join(import.meta.dirname, '..', 'conformance', 'corpus');

interface ManifestCase {
  id: string;
  release: Release;
  framing: 'rdw' | 'vbs' | 'auto';
  input: string;
}
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] };

/** Encode error as kind and path, or the bytes as hex: both paths must agree on either. */
function outcome(run: () => Uint8Array): string {
  try {
    return Buffer.from(run()).toString('hex');
  } catch (e) {
    return `${(e as { kind?: string }).kind}: ${(e as Error).message}`;
  }
}

const cases = ([11, 12] as const).flatMap((st) => RELEASES.map((r) => [st, r] as const));

describe.each(cases)('subtype %i, release %s: compiled = reference', (subtype, release) => {
  it('encodes the same bytes and decodes the same record and diagnostics', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), (r) => {
        const bytes = encode(r, { release });
        expect(Buffer.from(bytes)).toEqual(Buffer.from(reference.encode(r, { release })));
        expect(decode(bytes, { release })).toEqual(reference.decode(bytes, { release }));
        expect(decode(bytes)).toEqual(reference.decode(bytes));
      }),
      { numRuns: RUNS },
    );
  });
  it('agrees on mutated records, valid or not', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), mutationsArb, (r, mutations) => {
        const bytes = mutate(encode(r, { release }), mutations);
        expect(decode(bytes)).toEqual(reference.decode(bytes));
        expect(decode(bytes, { release })).toEqual(reference.decode(bytes, { release }));
      }),
      { numRuns: RUNS },
    );
  });
  it('agrees on records made invalid field by field (same error or same bytes)', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), fc.nat(), fc.constantFrom<unknown>(-1, 2 ** 40, 'x', '', null, 'FFFFFF', '::1', 'ZZ', 1.5, {}), (r, pick, value) => {
        const sections = Object.keys(r).filter((k) => Array.isArray(r[k]) && (r[k] as unknown[]).length > 0);
        if (sections.length === 0) return;
        const key = sections[pick % sections.length]!;
        const occurrence = { ...(r[key] as Record<string, unknown>[])[0]! };
        const fields = Object.keys(occurrence);
        if (fields.length === 0) return;
        occurrence[fields[pick % fields.length]!] = value;
        const broken: CanonicalRecord = { ...r, [key]: [occurrence, ...(r[key] as unknown[]).slice(1)] };
        expect(outcome(() => encode(broken, { release }))).toBe(outcome(() => reference.encode(broken, { release })));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('compiled = reference on the golden corpus', () => {
  it.each(manifest.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const file = new Uint8Array(readFileSync(join(CORPUS, c.input)));
    let records: { bytes: Uint8Array }[];
    try {
      records = readRecords(file, c.framing).records;
    } catch (e) {
      // Framing cases fail before any record reaches the codec.
      expect((e as { kind?: string }).kind).toBe('framing');
      return;
    }
    for (const { bytes } of records) {
      for (const options of [{ release: c.release }, {}]) {
        const compiled = decode(bytes, options);
        expect(compiled).toEqual(reference.decode(bytes, options));
        if (compiled.record && !compiled.diagnostics.some((d) => d.severity === 'error')) {
          const release = compiled.release!;
          expect(outcome(() => encode(compiled.record!, { release }))).toBe(outcome(() => reference.encode(compiled.record!, { release })));
        }
      }
    }
  });
});

describe('encodeInto', () => {
  it('writes the record into a caller buffer at an offset, whatever the buffer held', () => {
    const r = fc.sample(recordArbitrary(11, '3.2'), { seed: 7, numRuns: 1 })[0]!;
    const bytes = encode(r, { release: '3.2' });
    const buf = new Uint8Array(bytes.length + 100).fill(0xaa);
    const n = encodeInto(r, buf, 37, { release: '3.2' });
    expect(n).toBe(bytes.length);
    expect(Buffer.from(buf.subarray(37, 37 + n))).toEqual(Buffer.from(bytes));
    expect(buf[36]).toBe(0xaa);
    expect(buf[37 + n]).toBe(0xaa);
  });
  it('refuses a buffer without room', () => {
    const r = fc.sample(recordArbitrary(12, '3.2'), { seed: 8, numRuns: 1 })[0]!;
    const length = encode(r, { release: '3.2' }).length;
    expect(() => encodeInto(r, new Uint8Array(length - 1), 0, { release: '3.2' })).toThrow(/do not fit in the/);
  });
});

// The compiled encoder takes common values inline and sends the rest to the field-types.ts code: these cases
// aim at the edges of each inline test (keys, codes, 8-byte decimals, companions, times, ciphers, addresses,
// failed handshakes, extra bytes) so that an inline test taking what it should not, or refusing what it
// should take, shows up as a difference from the reference encoder.

/** Values no field takes, or takes only as its default, or only the long way (strings for numbers). */
const ANY_FIELD: unknown[] = [undefined, null, true, [], ['X'], {}, 10n, NaN, 0, 1, '', '1'];
const NUMBERS: unknown[] = [
  2, 3, 0x40, 0x80, 0xff, 0x100, 0xffff, 0x10000, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -0, -1, 1.5, Infinity,
  '0', '007', ' 1', '1e3', '9007199254740991', '9007199254740993', '18446744073709551615', '18446744073709551616', '000000000000000000000042',
];
const TEXT: unknown[] = ['ABC', 'abc@#$', '\u00e9', '\u20ac', 'A '];
/** Values at or just past the edge of what each field type takes inline (a field's own length is added to text and bytes). */
const EDGE_VALUES: Partial<Record<FieldType['kind'], unknown[]>> = {
  uint: NUMBERS,
  enum: NUMBERS,
  flags: NUMBERS,
  derived: NUMBERS,
  todDuration: NUMBERS,
  text: TEXT,
  varText: TEXT,
  cipher: ['FFFFFF', 'C030', 'c030', '0A0B0C', 'C03', 'C0300', 'GGGG', '0a1b', 'C03\u00e9'],
  sizedBytes: ['0A1B', '0a1b', 'GG', '0A1', '00'],
  ip: ['1.2.3.4', '01.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5', '::1', '::ffff:1.2.3.4', '0.0.0.0', '::', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4::5:6:7:8', '1:::2', 'fffff::', 'ABCD::ef01'],
  timeOfDay: ['00:00:00.00', '23:59:59.99', '24:00:00.00', '23:60:00.00', '1:00:00.00', '12:00:00:00', '12:00:00.0a'],
  packedDate: ['2024-02-29', '2023-02-29', '1899-12-31', '1900-01-01', '2899-12-31', '2900-01-01', '2024-13-01', '2024-1-01'],
  certTime: [
    '2049-12-31T23:59:59Z', '2050-01-01T00:00:00Z', '1950-01-01T00:00:00Z', '1949-12-31T23:59:59Z', '2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z',
    '2024-01-01T24:00:00Z', '2024-01-01T23:59:60Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00', '0099-01-01T00:00:00Z',
  ],
};

/** The edge values of a field's type, and text or bytes of exactly its length and one more. */
function edgeValues(f: FieldDef): unknown[] {
  const sized = f.type.kind === 'text' ? ['A'.repeat(f.length), 'A'.repeat(f.length + 1)] : f.type.kind === 'sizedBytes' ? ['AB'.repeat(f.length), 'AB'.repeat(f.length + 1)] : [];
  return [...ANY_FIELD, ...(EDGE_VALUES[f.type.kind] ?? []), ...sized];
}

/** Every key a section's occurrence could be given: fields of any release, companions, and keys it has no field for. */
function candidateKeys(s: SectionDef): string[] {
  const keys = new Set<string>(['bogus', 'reserved', '', '@extra', '@raw']);
  for (const f of s.fields) {
    if (f.name === 'reserved') continue;
    keys.add(f.name);
    const companion = companionKey(f);
    if (companion) keys.add(companion);
  }
  return [...keys];
}

/** The record with one key of one section (Header, SelfDef or an occurrence) set to `value` (set even when undefined). */
function withKey(r: CanonicalRecord, section: string, index: number, key: string, value: unknown): CanonicalRecord {
  const given = r[section];
  if (!Array.isArray(given)) return { ...r, [section]: { ...(given as Record<string, unknown> | undefined), [key]: value } };
  const list = [...(given as Record<string, unknown>[])];
  list[index % list.length] = { ...list[index % list.length]!, [key]: value };
  return { ...r, [section]: list };
}

/** Sections of the record that can take a key: Header, SelfDef and every non-empty section. */
function holders(r: CanonicalRecord): string[] {
  return ['Header', 'SelfDef', ...Object.keys(r).filter((k) => Array.isArray(r[k]) && (r[k] as unknown[]).length > 0)];
}

describe.each(cases)('subtype %i, release %s: compiled = reference at the edges', (subtype, release) => {
  const st = SUBTYPE_DEFS[subtype];
  const same = (r: CanonicalRecord): void => expect(outcome(() => encode(r, { release }))).toBe(outcome(() => reference.encode(r, { release })));

  it('agrees on every field set to each edge value of its type', () => {
    const records = fc.sample(recordArbitrary(subtype, release), { seed: 21, numRuns: 30 });
    const done = new Set<string>();
    for (const r of records) {
      for (const section of holders(r)) {
        const s = sectionDef(st, section as SectionKey);
        for (const { def: f } of sectionLayout(s, release).fields) {
          if (f.name === 'reserved' || done.has(f.name)) continue;
          done.add(f.name);
          for (const value of edgeValues(f)) same(withKey(r, section, 0, f.name, value));
          // A certificate time follows its type field: each time against each type.
          if (f.type.kind === 'certTime') {
            for (const type of [0, 1, 2, 3, '1', null, undefined]) for (const value of edgeValues(f)) same(withKey(withKey(r, section, 0, f.type.typeField, type), section, 0, f.name, value));
          }
        }
      }
    }
    expect(done.size).toBeGreaterThan(20);
  });

  it('agrees with any key of any section given (a field of another release, a companion, no field)', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(...ANY_FIELD, 'X', 5), (r, pickSection, pickOccurrence, pickKey, value) => {
        const sections = holders(r);
        const section = sections[pickSection % sections.length]!;
        const keys = candidateKeys(sectionDef(st, section as SectionKey));
        same(withKey(r, section, pickOccurrence, keys[pickKey % keys.length]!, value));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('agrees on decoded records (every companion given) with one companion changed', () => {
    const wrong: unknown[] = [undefined, null, 'X', '', 0, [], ['X'], {}];
    fc.assert(
      fc.property(recordArbitrary(subtype, release), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (r, pickSection, pickOccurrence, pickKey, pickValue) => {
        const full = decode(reference.encode(r, { release }), { release }).record!;
        same(full);
        const sections = holders(full).filter((k) => k !== 'Header' && k !== 'SelfDef');
        const section = sections[pickSection % sections.length]!;
        const occurrence = (full[section] as Record<string, unknown>[])[pickOccurrence % (full[section] as unknown[]).length]!;
        const companions = Object.keys(occurrence).filter((k) => k.includes('.'));
        if (companions.length === 0) return;
        const key = companions[pickKey % companions.length]!;
        // Another occurrence's companion of the same field is a plausible wrong value too.
        const values = [...wrong, ...holders(full).flatMap((k) => (Array.isArray(full[k]) ? (full[k] as Record<string, unknown>[]).map((o) => o[key]) : []))];
        same(withKey(full, section, pickOccurrence, key, values[pickValue % values.length]));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees on every code of every enum and flags field, legal in the release or not', () => {
    const records = fc.sample(recordArbitrary(subtype, release), { seed: 42, numRuns: 30 });
    const done = new Set<string>();
    for (const r of records) {
      for (const section of holders(r)) {
        const s = sectionDef(st, section as SectionKey);
        for (const { def: f } of sectionLayout(s, release).fields) {
          if ((f.type.kind !== 'enum' && f.type.kind !== 'flags') || done.has(f.name)) continue;
          done.add(f.name);
          // Each code, the value after it (often unlisted), no value, the largest; flags: each bit and all of them.
          const codes = f.type.kind === 'flags' ? f.type.flags.codes.map((c) => c.code) : f.type.codes.codes.map((c) => c.code);
          const extremes = f.type.kind === 'flags' ? [0, 0xff, 1, 2, 4, 8, 16, 32, 64, 128] : [0, 2 ** (8 * f.length) - 1];
          for (const code of new Set([...codes, ...codes.map((c) => c + 1), ...extremes])) same(withKey(r, section, 0, f.name, code));
        }
      }
    }
    expect(done.size).toBeGreaterThan(3);
  });
});

describe('compiled encoder fast paths', () => {
  it('writes 8-byte decimals of any size (strings with leading zeros, safe integers) as BigInt would', () => {
    const cases = [
      { subtype: 11 as const, section: 'Common', field: 'SMF119SC_SAOutBytes' },
      { subtype: 12 as const, section: 'Common', field: 'SMF119SS_SAIntervalDuration' },
    ];
    for (const { subtype, section, field } of cases) {
      const base = fc.sample(recordArbitrary(subtype, '3.2'), { seed: 3, numRuns: 1 })[0]!;
      fc.assert(
        fc.property(
          fc.oneof(
            fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => v.toString()),
            fc.tuple(fc.nat({ max: 5 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([zeros, v]) => '0'.repeat(zeros) + v.toString()),
            fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }).map((v) => v.toString()),
            fc.constantFrom('18446744073709551615', '9007199254740992', '9007199254740993', '4294967295', '4294967296'),
            fc.maxSafeNat(),
          ),
          (value) => {
            const r = withKey(base, section, 0, field, value);
            const bytes = encode(r, { release: '3.2' });
            expect(Buffer.from(bytes)).toEqual(Buffer.from(reference.encode(r, { release: '3.2' })));
            // Read back by the decoder (plain numbers or BigInt, not the encoder's limbs).
            const decoded = (decode(bytes).record![section] as Record<string, unknown>[])[0]!;
            expect(decoded[field]).toBe(BigInt(value).toString());
          },
        ),
        { numRuns: RUNS },
      );
      for (const tooBig of ['18446744073709551616', '99999999999999999999', '1'.padEnd(25, '0')]) {
        const r = withKey(base, section, 0, field, tooBig);
        expect(outcome(() => encode(r, { release: '3.2' }))).toMatch(/^value-out-of-range: /);
        expect(outcome(() => encode(r, { release: '3.2' }))).toBe(outcome(() => reference.encode(r, { release: '3.2' })));
      }
    }
  });

  it('takes a known key given as undefined, and refuses an unknown one however it is given', () => {
    const r = fc.sample(recordArbitrary(11, '3.2'), { seed: 5, numRuns: 1 })[0]!;
    const bytes = encode(r, { release: '3.2' });
    // Given as undefined is left out: the default is written.
    const common = { ...(r['Common'] as Record<string, unknown>[])[0]!, SMF119SC_SAJobname: 'JOB1' };
    const { SMF119SC_SAJobname: _left, ...without } = common;
    const leftOut = encode({ ...r, Common: [without] }, { release: '3.2' });
    expect(Buffer.from(encode({ ...r, Common: [{ ...common, SMF119SC_SAJobname: undefined }] }, { release: '3.2' }))).toEqual(Buffer.from(leftOut));
    expect(Buffer.from(leftOut)).not.toEqual(Buffer.from(encode({ ...r, Common: [common] }, { release: '3.2' })));
    expect(Buffer.from(encode(withKey(r, 'Common', 0, 'SMF119SC_SAIPProto.name', undefined), { release: '3.2' }))).toEqual(Buffer.from(bytes));
    expect(Buffer.from(encode({ ...r, SSH: undefined }, { release: '3.2' }))).toEqual(Buffer.from(encode({ ...r, SSH: [] }, { release: '3.2' })));
    for (const value of [undefined, 0, '']) {
      expect(() => encode(withKey(r, 'Common', 0, 'SMF119SC_Bogus', value), { release: '3.2' })).toThrow(/^unknown-field: st11 > Common\[0\] > SMF119SC_Bogus:/);
      expect(() => encode(withKey(r, 'Header', 0, 'reserved', value), { release: '3.2' })).toThrow(/^unknown-field: st11 > Header > reserved:/);
      expect(() => encode({ ...r, Bogus: value }, { release: '3.2' })).toThrow(/^unknown-section: st11 > Bogus:/);
    }
    // Keys the count cannot see: inherited ones are checked as own ones are.
    const inherited = Object.create({ SMF119SC_Bogus: 1 }) as Record<string, unknown>;
    Object.assign(inherited, (r['Common'] as unknown[])[0]);
    const withInherited = { ...r, Common: [inherited] };
    expect(outcome(() => encode(withInherited, { release: '3.2' }))).toBe(outcome(() => reference.encode(withInherited, { release: '3.2' })));
  });

  it('starts each record afresh after one that failed, and a record read in the middle of another gets its own state', () => {
    const [a, b] = fc.sample(recordArbitrary(11, '3.2'), { seed: 9, numRuns: 2 }) as [CanonicalRecord, CanonicalRecord];
    const broken = withKey(a, 'Common', 0, 'SMF119SC_SARPort', -1);
    expect(() => encode(broken, { release: '3.2' })).toThrow(/st11 > Common\[0\] > SMF119SC_SARPort/);
    expect(Buffer.from(encode(b, { release: '3.2' }))).toEqual(Buffer.from(reference.encode(b, { release: '3.2' })));
    expect(() => encode(withKey(b, 'Header', 0, 'SMF119HDTime', 'noon'), { release: '3.2' })).toThrow(/^invalid-value: st11 > Header > SMF119HDTime:/);

    // A getter that encodes another record while this one is being encoded.
    let inner: Uint8Array | undefined;
    const common = { ...(a['Common'] as Record<string, unknown>[])[0]! };
    const jobname = common['SMF119SC_SAJobname'];
    Object.defineProperty(common, 'SMF119SC_SAJobname', {
      enumerable: true,
      get: () => {
        inner = encode(b, { release: '3.2' });
        return jobname;
      },
    });
    const nested = { ...a, Common: [common] };
    expect(Buffer.from(encode(nested, { release: '3.2' }))).toEqual(Buffer.from(reference.encode(a, { release: '3.2' })));
    expect(Buffer.from(inner!)).toEqual(Buffer.from(reference.encode(b, { release: '3.2' })));
  });
});
