import { performance } from 'node:perf_hooks';

// Timing shared by the bench sections (see bench/run.ts).

export const MIN_MS = Number(process.env['ZF_BENCH_MIN_MS'] ?? 200);
export const ROUNDS = Number(process.env['ZF_BENCH_ROUNDS'] ?? 5);

export interface Timing {
  /** Median time of one operation, in milliseconds. */
  medianMs: number;
  /** (max - min) / median over the rounds. */
  spread: number;
  /** Operations per round (calibrated so a round lasts at least MIN_MS). */
  operations: number;
}

export interface Row {
  section: string;
  name: string;
  timing: Timing;
  /** Name of the row this one is compared with (same section), if any. */
  baseline?: string;
  /** time / baseline time. */
  ratio?: number;
  /** Highest acceptable ratio (or, with unit 'ms', time), if the issue sets one. */
  target?: { max: number; unit: 'x' | 'ms' };
  note?: string;
}

/** A bench section: rows computed by another module (bench/codec.ts, bench/stream.ts, bench/fuzz.ts ...). */
export type Section = () => Promise<Row[]> | Row[];

export let sink = 0;
/** Keeps results alive so the optimiser cannot drop the work. */
export function consume(v: number): void {
  sink = (sink + v) | 0;
}

/** Operations per round so that one round of `op` lasts at least MIN_MS. */
function calibrate(op: () => void): number {
  let operations = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < operations; i++) op();
    const ms = performance.now() - t0;
    if (ms >= MIN_MS) return operations;
    operations = Math.ceil(operations * Math.min(10, Math.max(2, (MIN_MS * 1.1) / Math.max(ms, 0.01))));
  }
}

function round(op: () => void, operations: number): number {
  const t0 = performance.now();
  for (let i = 0; i < operations; i++) op();
  return (performance.now() - t0) / operations;
}

function summary(perOp: number[], operations: number): Timing {
  const sorted = [...perOp].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { medianMs: median, spread: (sorted.at(-1)! - sorted[0]!) / median, operations };
}

/** Times `op` (which does one operation) as described above. */
export function time(op: () => void): Timing {
  const operations = calibrate(op);
  const perOp: number[] = [];
  for (let r = 0; r < ROUNDS; r++) perOp.push(round(op, operations));
  return summary(perOp, operations);
}

/**
 * Times a subject against its baseline in alternating rounds and takes the median of the per-round
 * ratios: on a loaded machine both halves of a pair see about the same load, so the ratio stays
 * meaningful when the absolute times do not.
 */
export function timePair(baseline: () => void, subject: () => void): { baseline: Timing; subject: Timing; ratio: number; ratioSpread: number } {
  const nb = calibrate(baseline);
  const ns = calibrate(subject);
  const b: number[] = [];
  const s: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(round(baseline, nb));
    s.push(round(subject, ns));
    ratios.push(s[r]! / b[r]!);
  }
  const r = summary(ratios, 1);
  return { baseline: summary(b, nb), subject: summary(s, ns), ratio: r.medianMs, ratioSpread: r.spread };
}
