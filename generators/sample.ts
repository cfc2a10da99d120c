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

const arbitraries = new Map<string, fc.Arbitrary<CanonicalRecord>>();

/** A 32-bit seed for the n-th record of a subtype (splitmix-style mixing: nearby inputs give unrelated seeds). */
export function recordSeed(seed: number, subtype: Subtype, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(subtype, 0xc2b2ae35);
  h = Math.imul(h ^ (n >>> 16) ^ Math.imul(n & 0xffff, 0x27d4eb2f), 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Record `index` of a random sample: the subtypes take turns, and the n-th record of a subtype depends only on
 * (seed, subtype, n, release), so that any record can be drawn alone (sharded generation), and adding a subtype
 * does not change the other's records.
 */
export function sampleRecordAt(options: Omit<SampleOptions, 'count'>, index: number): SampleRecord {
  const { subtypes, seed, release } = options;
  const subtype = subtypes[index % subtypes.length]!;
  const key = `${subtype}/${release}`;
  let arb = arbitraries.get(key);
  if (!arb) arbitraries.set(key, (arb = recordArbitrary(subtype, release)));
  const [record] = fc.sample(arb, { seed: recordSeed(seed, subtype, Math.floor(index / subtypes.length)), numRuns: 1 });
  return { subtype, record: record!, bytes: encode(record!, { release, codePage: options.codePage }) };
}

/** Records from..count-1 of a sample, every `step`-th (a shard's share). */
export function* sampleStream(options: SampleOptions, from = 0, step = 1): Generator<SampleRecord> {
  for (let i = from; i < options.count; i += step) yield sampleRecordAt(options, i);
}

/** Valid random records, the subtypes taking turns; the same options always give the same bytes. */
export function sampleRecords(options: SampleOptions): SampleRecord[] {
  return [...sampleStream(options)];
}
