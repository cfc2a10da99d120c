import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeRdw } from '../io/framing.js';
import type { SampleRecord } from '../generators/sample.js';
import { sampleRecords } from '../generators/sample.js';
import { decode } from '../spec/codec.js';
import type { SectionValue } from '../spec/fields.js';
import { RELEASES } from '../spec/types.js';
import type { ReferenceRecord } from './helpers/independent.js';
import { referenceDecode } from './helpers/independent.js';

// generate output for every release and both subtypes, read by test/independent/zert_ref_decode.py (Python,
// reference offsets only, glibc EBCDIC) and by our decoder: every value it reports must match ours.

const KEYS: Record<number, Record<string, string>> = {
  11: { ID: 'Ident', S1: 'Common', S2: 'IPFilter', S3: 'TLS', S4: 'SSH', S5: 'IPSec', S6: 'DN', S7: 'Enforcement' },
  12: { ID: 'Ident', S1: 'Common', S2: 'TLS', S3: 'SSH', S4: 'IPSec', S5: 'DN' },
};

/** Each (subtype, release) sample: its records, and what the Python decoder read from its file (one run for all). */
const samples = new Map<string, { records: SampleRecord[]; theirs: ReferenceRecord[] }>();
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'zf-ind-'));
  const files = ([11, 12] as const).flatMap((subtype) =>
    RELEASES.map((release) => {
      const records = sampleRecords({ subtypes: [subtype], count: 60, seed: 11, release });
      const path = join(dir, `st${subtype}-${release}.rdw`);
      writeFileSync(path, writeRdw(records.map((r) => r.bytes)));
      return { subtype, release, records, path };
    }),
  );
  const theirs = referenceDecode(files);
  for (const f of files) samples.set(`${f.subtype} ${f.release}`, { records: f.records, theirs: theirs.get(f.path)! });
});

describe.each([11, 12] as const)('subtype %i read by an independent Python decoder', (subtype) => {
  it.each(RELEASES)('release %s: no disagreement', (release) => {
    const { records, theirs } = samples.get(`${subtype} ${release}`)!;
    expect(theirs).toHaveLength(records.length);
    let compared = 0;
    theirs.forEach((t, i) => {
      const ours = decode(records[i]!.bytes, { release }).record!;
      expect(t.subtype).toBe(subtype);
      for (const [name, value] of Object.entries(t.Header)) {
        expect((ours['Header'] as SectionValue)[name], `record ${i} Header ${name}`).toEqual(value);
        compared++;
      }
      for (const [tid, occurrences] of Object.entries(t.sections as Record<string, SectionValue[]>)) {
        const mine = ours[KEYS[subtype]![tid]!] as SectionValue[];
        expect(mine, `record ${i} ${tid}`).toHaveLength(occurrences.length);
        occurrences.forEach((o, j) => {
          for (const [name, value] of Object.entries(o)) {
            expect(mine[j]![name], `record ${i} ${tid}[${j}] ${name}`).toEqual(value);
            compared++;
          }
        });
      }
    });
    expect(compared).toBeGreaterThan(records.length * 40);
  });
});
