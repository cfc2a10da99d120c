import type { CanonicalRecord } from '../spec/codec.js';
import { encode } from '../spec/codec.js';
import type { CodePage } from '../spec/ebcdic.js';
import type { Release, Subtype } from '../spec/types.js';
import { randomRecord } from './arbitraries.js';

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

/**
 * Record `index` of a random sample: the subtypes take turns, and the n-th record of a subtype depends only on
 * (seed, subtype, n, release), so that any record can be drawn alone (sharded generation), and adding a subtype
 * does not change the other's records.
 */
export function sampleRecordAt(options: Omit<SampleOptions, 'count'>, index: number): SampleRecord {
  const { subtypes, seed, release } = options;
  const subtype = subtypes[index % subtypes.length]!;
  const record = randomRecord(subtype, release, seed, Math.floor(index / subtypes.length));
  return { subtype, record, bytes: encode(record, { release, codePage: options.codePage }) };
}

/** Records from..count-1 of a sample, every `step`-th (a shard's share). */
export function* sampleStream(options: SampleOptions, from = 0, step = 1): Generator<SampleRecord> {
  for (let i = from; i < options.count; i += step) yield sampleRecordAt(options, i);
}

/** Valid random records, the subtypes taking turns; the same options always give the same bytes. */
export function sampleRecords(options: SampleOptions): SampleRecord[] {
  return [...sampleStream(options)];
}
