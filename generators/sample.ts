import type { CanonicalRecord, EncodeOptions } from '../spec/codec.js';
import { encode, encodeInto, MAX_RECORD_LENGTH } from '../spec/codec.js';
import type { CodePage } from '../spec/ebcdic.js';
import type { Release, Subtype } from '../spec/types.js';
import { randomRecord } from './arbitraries.js';
import { DirectGenerator } from './direct.js';

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

/** Bytes a run of records is given per record at first (records are mostly under 1 KB; the buffer grows if not). */
const BYTES_PER_RECORD = 1024;

/**
 * Bulk random records (`generate --random`): drawn by the direct generator (generators/direct.ts, not
 * fast-check) and encoded back to back, each with its RDW. Record `index` depends only on (seed, its
 * subtype, its number within that subtype, release), the subtypes taking turns as in sampleRecordAt.
 */
export class BulkSample {
  private readonly generators: DirectGenerator[];
  private readonly encodeOptions: EncodeOptions;

  constructor(private readonly options: Omit<SampleOptions, 'count'>) {
    this.generators = options.subtypes.map((st) => new DirectGenerator(st, options.release));
    this.encodeOptions = options.codePage ? { release: options.release, codePage: options.codePage } : { release: options.release };
  }

  /** Records from..to-1, encoded back to back into one buffer. */
  encodeRange(from: number, to: number): Uint8Array {
    const { generators, encodeOptions } = this;
    const { seed } = this.options;
    const k = generators.length;
    let buf = new Uint8Array((to - from) * BYTES_PER_RECORD + MAX_RECORD_LENGTH);
    let at = 0;
    for (let i = from; i < to; i++) {
      if (buf.length - at < MAX_RECORD_LENGTH) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf.subarray(0, at));
        buf = grown;
      }
      at += encodeInto(generators[i % k]!.record(seed, Math.floor(i / k)), buf, at, encodeOptions);
    }
    return buf.subarray(0, at);
  }
}
