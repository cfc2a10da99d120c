import fc from 'fast-check';
import type { CanonicalRecord } from '../spec/codec.js';
import { encode } from '../spec/codec.js';
import type { CodePage } from '../spec/ebcdic.js';
import type { Release, Subtype } from '../spec/types.js';
import { recordArbitrary } from './arbitraries.js';

export interface SampleOptions {
  subtypes: readonly Subtype[];
  count: number;
  seed: number;
  release: Release;
  codePage?: CodePage;
}

export interface SampleRecord {
  subtype: Subtype;
  record: CanonicalRecord;
  bytes: Uint8Array;
}

/** Valid random records, the subtypes taking turns; the same options always give the same bytes. */
export function sampleRecords(options: SampleOptions): SampleRecord[] {
  const { subtypes, count, seed, release } = options;
  const perSubtype = subtypes.map((subtype, i) => {
    const n = Math.floor(count / subtypes.length) + (i < count % subtypes.length ? 1 : 0);
    // Each subtype draws from its own stream so that adding one does not change the other's records.
    return n === 0 ? [] : fc.sample(recordArbitrary(subtype, release), { seed: seed + subtype, numRuns: n });
  });
  const out: SampleRecord[] = [];
  for (let i = 0; out.length < count; i++) {
    perSubtype.forEach((records, k) => {
      const record = records[i];
      if (record) out.push({ subtype: subtypes[k]!, record, bytes: encode(record, { release, codePage: options.codePage }) });
    });
  }
  return out;
}
