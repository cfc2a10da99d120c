import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { codecRows } from './codec.js';
import type { BenchRow } from './stream.js';
import { streamBench } from './stream.js';
import { fuzzBench } from './fuzz.js';
import type { Row, Section } from './timing.js';
import { MIN_MS, ROUNDS, sink } from './timing.js';

export type { Row, Section, Timing } from './timing.js';

// `npm run bench`: every figure is a ratio against a baseline measured in the same run on the same input,
// so machine speed and load cancel out. Each timing runs at least MIN_MS (calibrated repetitions), is
// repeated ROUNDS times, and reports the median with the spread (min..max relative to the median).
// Sections come from modules (bench/codec.ts here); others add theirs to SECTIONS.

/** Fills in each row's ratio from its baseline row. */
export function withRatios(rows: Row[]): Row[] {
  return rows.map((row) => {
    if (!row.baseline || row.ratio !== undefined) return row;
    const base = rows.find((r) => r.section === row.section && r.name === row.baseline);
    return base ? { ...row, ratio: row.timing.medianMs / base.timing.medianMs } : row;
  });
}

function verdict(row: Row): string {
  if (!row.target) return '';
  const value = row.target.unit === 'x' ? row.ratio : row.timing.medianMs;
  if (value === undefined) return '';
  return `${value <= row.target.max ? 'ok' : 'MISSED'} (target <= ${row.target.max}${row.target.unit === 'x' ? 'x' : ' ms'})`;
}

export function formatTable(rows: readonly Row[]): string {
  const lines = [`${'section'.padEnd(8)}${'operation'.padEnd(52)}${'median'.padStart(12)}${'spread'.padStart(9)}${'ratio'.padStart(9)}  target`];
  for (const r of rows) {
    const t = r.timing.medianMs;
    const median = t >= 1 ? `${t.toFixed(2)} ms` : `${(t * 1000).toFixed(2)} us`;
    lines.push(`${r.section.padEnd(8)}${r.name.padEnd(52)}${median.padStart(12)}${`${(r.timing.spread * 100).toFixed(0)}%`.padStart(9)}${(r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`).padStart(9)}  ${verdict(r)}`);
    if (r.note) lines.push(`${''.padEnd(8)}  ${r.note}`);
  }
  return lines.join('\n');
}

export const SECTIONS: Section[] = [codecRows];

/** Measurements of whole commands (bench/stream.ts, bench/fuzz.ts): a value with its unit and target. */
export type Measured = () => Promise<BenchRow[]>;
export const MEASURED: Measured[] = [
  () => streamBench((line) => process.stderr.write(`${line}\n`)),
  // The fuzzer's own throughput has no target: it is reported so that a slower fuzzer shows.
  async () => (await fuzzBench()).map((r) => ({ ...r, target: '', pass: true })),
];

function measuredTable(rows: readonly BenchRow[]): string {
  return rows.map((r) => `${r.name.padEnd(78)}${`${r.value.toFixed(2)} ${r.unit}`.padStart(14)}  ${r.target ? `${r.pass ? 'ok' : 'MISSED'} (target ${r.target})` : ''}`).join('\n');
}

export async function runBench(sections: readonly Section[] = SECTIONS, output = process.env['ZF_BENCH_JSON'] ?? 'bench/results.json'): Promise<Row[]> {
  const rows: Row[] = [];
  for (const section of sections) rows.push(...withRatios(await section()));
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: process.platform };
  process.stdout.write(`zert-forge bench (${machine.cpu}, ${machine.cores} cores, Node ${machine.node}); each timing >= ${MIN_MS} ms, median of ${ROUNDS}\n\n${formatTable(rows)}\n`);
  // ZF_BENCH_CODEC_ONLY=1 skips the command-level measurements (they run the built CLI for minutes).
  const measured: BenchRow[] = [];
  if (!process.env['ZF_BENCH_CODEC_ONLY']) for (const m of MEASURED) measured.push(...(await m()));
  if (measured.length > 0) process.stdout.write(`\n${measuredTable(measured)}\n`);
  writeFileSync(output, `${JSON.stringify({ date: new Date().toISOString(), machine, minMs: MIN_MS, rounds: ROUNDS, rows, measured }, null, 2)}\n`);
  process.stdout.write(`\nwritten to ${output} (checksum ${sink})\n`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runBench();
