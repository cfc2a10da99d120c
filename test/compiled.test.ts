import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordArbitrary } from '../generators/arbitraries.js';
import { readRecords } from '../io/framing.js';
import { mutate, mutationsArb } from '../generators/mutations.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode, encodeInto, reference } from '../spec/codec.js';
import type { Release } from '../spec/types.js';
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
