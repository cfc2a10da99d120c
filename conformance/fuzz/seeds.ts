import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from '../../spec/codec.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import { readRecords } from '../../io/framing.js';
import { sampleRecords } from '../../generators/sample.js';
import { scenarioByName } from '../../generators/scenarios/named.js';
import { simulate } from '../../generators/scenarios/simulate.js';
import { CORPUS_DIR } from '../corpus/golden.js';
import { loadManifest } from '../runner/run.js';

// The valid inputs every fuzz input starts from: the golden corpus's valid cases, random records of each
// subtype and a few releases, and short scenario streams (several records in one file). Sorted smallest
// first, so that the shrinker can look for the smallest seed that still shows a finding.

export interface Seed {
  /** 'corpus:st11-3.2-tls-init', 'random:st12-2.3-1', 'scenario:mixed-estate-st11'. */
  id: string;
  subtype: Subtype;
  release: Release;
  framing: Framing;
  /** Logical records, RDW included. */
  records: Uint8Array[];
  size: number;
}

export interface SeedOptions {
  corpusDir?: string;
  /** Random records per subtype and release. */
  randomPerKind?: number;
  /** Seed of the random records and scenario streams (the fuzz seed). */
  seed?: number;
  /** Larger seeds (the corpus's field sweeps) are left out: they slow every input down and add no structure. */
  maxSeedBytes?: number;
}

export const DEFAULT_MAX_SEED_BYTES = 4096;

const RANDOM_RELEASES: Release[] = ['2.3', '3.1', '3.2'];
const STREAM_RECORDS = 4;

export function seedPool(options: SeedOptions = {}): Seed[] {
  const corpusDir = options.corpusDir ?? CORPUS_DIR;
  const seed = options.seed ?? 1;
  const perKind = options.randomPerKind ?? 3;
  const make = (id: string, subtype: Subtype, release: Release, framing: Framing, records: Uint8Array[]): Seed => ({ id, subtype, release, framing, records, size: records.reduce((n, r) => n + r.length, 0) });
  const pool: Seed[] = [];
  for (const c of loadManifest(corpusDir).cases) {
    if (c.expectation !== 'valid') continue;
    const { records } = readRecords(readFileSync(join(corpusDir, c.input)), c.framing as Framing);
    pool.push(make(`corpus:${c.id}`, c.subtype, c.release as Release, c.framing as Framing, records.map((r) => Uint8Array.from(r.bytes))));
  }
  for (const release of RANDOM_RELEASES) {
    for (const subtype of [11, 12] as const) {
      sampleRecords({ subtypes: [subtype], count: perKind, seed, release }).forEach((s, i) => pool.push(make(`random:st${subtype}-${release}-${i}`, subtype, release, 'rdw', [s.bytes])));
    }
  }
  const scenario = scenarioByName('mixed-estate')!;
  const sim = simulate(scenario, { release: '3.2', seed, duration: 120, rate: 20, interval: 60 });
  for (const subtype of [11, 12] as const) {
    const records = sim.records.filter((r) => r.subtype === subtype).slice(0, STREAM_RECORDS).map((r) => encode(r.record, { release: '3.2' }));
    if (records.length) pool.push(make(`scenario:mixed-estate-st${subtype}`, subtype, '3.2', subtype === 11 ? 'rdw' : 'vbs', records));
  }
  const maxBytes = options.maxSeedBytes ?? DEFAULT_MAX_SEED_BYTES;
  return pool.filter((s) => s.size <= maxBytes).sort((a, b) => a.size - b.size || (a.id < b.id ? -1 : 1));
}
