import { performance } from 'node:perf_hooks';
import { fuzz, seedLookup } from '../conformance/fuzz/engine.js';
import { executorFor } from '../conformance/fuzz/exec.js';
import { generateInput } from '../conformance/fuzz/mutations.js';
import { seedPool } from '../conformance/fuzz/seeds.js';

// The fuzzer's own throughput: inputs per second against a parser that exits at once (`true`, so the
// figure is the fuzzer's cost plus a process start, the floor for any --protocol cli parser), and inputs
// generated per second with no parser at all (structure-aware mutation and materialising).

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

export async function fuzzBench(options: { runs?: number; jobs?: number } = {}): Promise<BenchRow[]> {
  const runs = options.runs ?? Number(process.env['ZF_BENCH_FUZZ_RUNS'] ?? 300);
  const jobs = options.jobs ?? 2;
  const pool = seedPool({ seed: 1 });
  const lookup = seedLookup(pool);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) generateInput(1, i, pool, lookup);
  const generateMs = performance.now() - t0;
  const result = await fuzz({
    makeExecutor: () => executorFor({ parser: 'true {input}', protocol: 'cli', rejectExitCodes: [1], timeoutSeconds: 10 }),
    jobs,
    seed: 1,
    runs,
    differential: false,
    strictReject: false,
  });
  return [
    { name: 'fuzz: inputs generated (no parser)', value: Math.round((runs / generateMs) * 1000), unit: 'inputs/s' },
    { name: `fuzz: inputs run, cli parser that exits at once, ${jobs} jobs`, value: Math.round((result.runs / result.fuzzMs) * 1000), unit: 'inputs/s' },
  ];
}
