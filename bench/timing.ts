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

/** Times `op` (which does one operation) as described above. */
export function time(op: () => void): Timing {
  let operations = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < operations; i++) op();
    const ms = performance.now() - t0;
    if (ms >= MIN_MS) break;
    operations = Math.ceil(operations * Math.min(10, Math.max(2, (MIN_MS * 1.1) / Math.max(ms, 0.01))));
  }
  const perOp: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < operations; i++) op();
    perOp.push((performance.now() - t0) / operations);
  }
  perOp.sort((a, b) => a - b);
  const median = perOp[Math.floor(perOp.length / 2)]!;
  return { medianMs: median, spread: (perOp.at(-1)! - perOp[0]!) / median, operations };
}

