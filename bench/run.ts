import { performance } from 'node:perf_hooks';
import { readRecords, writeRdw, writeVbs } from '../io/framing.js';
import { sampleRecords } from '../generators/sample.js';
import { decode, encode } from '../spec/codec.js';
import { readSmallUint } from '../spec/primitives.js';

// Throughput of the codec, reported as ratios against baselines measured in the same run on the same
// records, so that machine speed cancels out. Baselines: copying the bytes (the floor of any encoder)
// and a hand-written reader that pulls every triplet and a few fields by fixed offsets (the floor of
// any decoder that does no validation and no conversion).

const N = Number(process.env['ZF_BENCH_RECORDS'] ?? 4000);
const ROUNDS = 5;

const samples = sampleRecords({ subtypes: [11, 12], count: N, seed: 99, release: '3.2' });
const bytes = samples.map((s) => s.bytes);
const totalBytes = bytes.reduce((n, b) => n + b.length, 0);

function best(fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

let sink = 0;
const copyMs = best(() => {
  for (const b of bytes) sink += Uint8Array.from(b).length;
});
const rawReadMs = best(() => {
  for (const b of bytes) {
    const trn = readSmallUint(b, 24, 2);
    for (let k = 0; k < trn; k++) sink += readSmallUint(b, 28 + 8 * k, 4) + readSmallUint(b, 32 + 8 * k, 2);
    sink += readSmallUint(b, 0, 2) + b[5]! + readSmallUint(b, 22, 2);
  }
});
const encodeMs = best(() => {
  for (const s of samples) sink += encode(s.record, { release: '3.2' }).length;
});
const decodeMs = best(() => {
  for (const b of bytes) sink += decode(b).diagnostics.length;
});
const vbsMs = best(() => {
  sink += readRecords(writeVbs(bytes)).records.length;
});
const rdwMs = best(() => {
  sink += readRecords(writeRdw(bytes), 'rdw').records.length;
});

const perSecond = (ms: number): string => `${Math.round((N / ms) * 1000).toLocaleString('en')} records/s`;
const mbps = (ms: number): string => `${((totalBytes / ms) * 1000 / 1e6).toFixed(1)} MB/s`;
const rows = [
  ['baseline: copy bytes', copyMs, '1.00'],
  ['baseline: raw triplet read', rawReadMs, '1.00'],
  ['encode (canonical JSON -> bytes)', encodeMs, (encodeMs / copyMs).toFixed(1)],
  ['decode (bytes -> canonical JSON + checks)', decodeMs, (decodeMs / rawReadMs).toFixed(1)],
  ['RDW write + read', rdwMs, (rdwMs / copyMs).toFixed(1)],
  ['VBS write + read (spanned, 27998)', vbsMs, (vbsMs / copyMs).toFixed(1)],
] as const;

process.stdout.write(`zert-forge bench: ${N} records (${(totalBytes / 1e6).toFixed(2)} MB, both subtypes, z/OS 3.2), best of ${ROUNDS}\n\n`);
process.stdout.write(`${'operation'.padEnd(44)}${'ms'.padStart(10)}${'throughput'.padStart(22)}${'MB/s'.padStart(12)}   x baseline\n`);
for (const [name, ms, ratio] of rows) {
  process.stdout.write(`${name.padEnd(44)}${ms.toFixed(1).padStart(10)}${perSecond(ms).padStart(22)}${mbps(ms).padStart(12)}   ${ratio}\n`);
}
process.stdout.write(`\nRatios: encode and framing against the copy baseline, decode against the raw triplet read.\n(checksum ${sink % 997})\n`);
