import { createHash } from 'node:crypto';
import type { Framing } from '../../io/framing.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Executor, Verdict } from './exec.js';
import type { FuzzInput, FuzzMutation, Materialised, SeedLookup } from './mutations.js';
import { describeMutation, forSubtype, generateInput, materialise, simplerVariants } from './mutations.js';
import type { Failure, FindingKind, OracleOptions } from './oracles.js';
import { findingKey, judge } from './oracles.js';
import type { Seed } from './seeds.js';
import { seedPool } from './seeds.js';

// The fuzz loop: inputs numbered 0, 1, 2... each a pure function of (seed, number); `jobs` parser processes
// take them in order; every failure is judged, deduplicated by kind + signature, then shrunk: fewest
// mutations, then the smallest seed, then simpler mutation parameters (fewer bytes).

export interface Finding extends Failure {
  seed: Seed;
  mutations: FuzzMutation[];
  /** Seeds the mutations take bytes from (splices, records of the other subtype), for replay. */
  partners: Seed[];
  bytes: Uint8Array;
  framing: Framing;
  sha256: string;
  /** Input number that first showed it, and what that input was before shrinking. */
  foundAt: number;
  original: { seed: string; mutations: FuzzMutation[] };
  exitCode?: number | null;
  signal?: string | null;
  stderrTail: string;
  maxRssBytes?: number;
  shrinkRuns: number;
}

export interface Progress {
  phase: 'fuzz' | 'shrink';
  runs: number;
  elapsedMs: number;
  findings: number;
}

export interface FuzzOptions extends OracleOptions {
  /** One executor per job. */
  makeExecutor: () => Executor;
  jobs: number;
  seed: number;
  /** Budget: number of inputs; and/or wall-clock milliseconds for the fuzz phase (shrinking comes after). */
  runs?: number;
  timeMs?: number;
  /** Stop after this many distinct findings (0: run the whole budget). */
  maxFindings?: number;
  /** Parser runs allowed for shrinking one finding. */
  shrinkRuns?: number;
  corpusDir?: string;
  onProgress?: (p: Progress) => void;
}

export interface FuzzResult {
  seed: number;
  runs: number;
  durationMs: number;
  fuzzMs: number;
  /** Inputs of each kind of answer. */
  answers: Record<'records' | 'rejected' | 'skipped' | 'failed', number>;
  findings: Finding[];
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function seedLookup(seeds: readonly Seed[]): SeedLookup {
  const byId = new Map(seeds.map((s) => [s.id, s]));
  const smallestOf = (subtype: Subtype): Seed | undefined => seeds.filter((s) => s.subtype === subtype).sort((a, b) => a.size - b.size || (a.id < b.id ? -1 : 1))[0];
  const smallest = { 11: smallestOf(11), 12: smallestOf(12) };
  return { byId: (id) => byId.get(id), smallest: (subtype) => smallest[subtype] };
}

/** Seeds a mutation list takes bytes from, besides its own seed. */
export function partnersOf(mutations: readonly FuzzMutation[], lookup: SeedLookup): Seed[] {
  const out = new Map<string, Seed>();
  for (const m of mutations) {
    if (m.op === 'splice') {
      const s = lookup.byId(m.with);
      if (s) out.set(s.id, s);
    }
    if (m.op === 'foreign-record' && m.kind === 'other-zert') {
      for (const subtype of [11, 12] as const) {
        const s = lookup.smallest(subtype);
        if (s) out.set(s.id, s);
      }
    }
  }
  return [...out.values()];
}

/** Executors handed out one at a time: the same processes serve the fuzz loop and the shrinker. */
class ExecutorPool {
  private free: Executor[];
  private waiting: ((e: Executor) => void)[] = [];
  constructor(readonly all: Executor[]) {
    this.free = [...all];
  }
  async run(request: Parameters<Executor['run']>[0]): Promise<Verdict> {
    const e = this.free.pop() ?? (await new Promise<Executor>((resolve) => this.waiting.push(resolve)));
    try {
      return await e.run(request);
    } finally {
      const next = this.waiting.shift();
      if (next) next(e);
      else this.free.push(e);
    }
  }
}

interface Attempt {
  input: FuzzInput;
  materialised: Materialised;
  verdict: Verdict;
  failure: Failure;
}

const request = (id: string, seed: Seed, m: Materialised): Parameters<Executor['run']>[0] => ({ id, bytes: m.bytes, subtype: seed.subtype, release: seed.release as Release, framing: m.framing });

async function shrink(first: Attempt, pool: ExecutorPool, seeds: readonly Seed[], lookup: SeedLookup, options: FuzzOptions, budget: number): Promise<{ best: Attempt; runs: number }> {
  const key = findingKey(first.failure);
  let best = first;
  let runs = 0;
  const seen = new Set<string>();
  const attempt = async (input: FuzzInput): Promise<Attempt | undefined> => {
    const m = materialise(input.seed, input.mutations, lookup);
    if (!m) return undefined;
    const id = `${m.framing}:${sha256(m.bytes)}`;
    if (seen.has(id) || runs >= budget) return undefined;
    seen.add(id);
    runs++;
    const verdict = await pool.run(request(`shrink-${runs}`, input.seed, m));
    const failure = judge(verdict, { bytes: m.bytes, framing: m.framing, release: input.seed.release, subtype: input.seed.subtype }, options);
    return failure && findingKey(failure) === key ? { input, materialised: m, verdict, failure } : undefined;
  };
  /** The first candidate, in order, that still shows the finding; tried `jobs` at a time. */
  const firstOf = async (candidates: FuzzInput[]): Promise<Attempt | undefined> => {
    for (let i = 0; i < candidates.length && runs < budget; i += options.jobs) {
      const results = await Promise.all(candidates.slice(i, i + options.jobs).map(attempt));
      const hit = results.find((r) => r !== undefined);
      if (hit) return hit;
    }
    return undefined;
  };
  // 1. Fewest mutations: drop one at a time while the finding stays.
  for (let progress = true; progress && best.input.mutations.length > 0; ) {
    const ms = best.input.mutations;
    const hit = await firstOf(ms.map((_, i) => ({ seed: best.input.seed, mutations: [...ms.slice(0, i), ...ms.slice(i + 1)] })));
    progress = hit !== undefined;
    if (hit) best = hit;
  }
  // 2. The smallest seed that still shows it with the same mutations (renamed for the seed's subtype).
  const smaller = seeds.filter((s) => s.size < best.input.seed.size);
  const hit = await firstOf(smaller.map((seed) => ({ seed, mutations: forSubtype(best.input.mutations, seed.subtype) })));
  if (hit) best = hit;
  // 3. Simpler parameters, one mutation at a time, kept only when the input does not grow.
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = 0; i < best.input.mutations.length; i++) {
      const ms = best.input.mutations;
      const candidates = simplerVariants(ms[i]!).map((v) => ({ seed: best.input.seed, mutations: [...ms.slice(0, i), v, ...ms.slice(i + 1)] }));
      const simpler = await firstOf(candidates);
      if (simpler && simpler.materialised.bytes.length <= best.materialised.bytes.length) {
        best = simpler;
        progress = true;
      }
    }
  }
  return { best, runs };
}

function toFinding(a: Attempt, original: Attempt & { index: number }, lookup: SeedLookup, shrinkRuns: number): Finding {
  const v = a.verdict.kind === 'failed' ? a.verdict : undefined;
  return {
    ...a.failure,
    seed: a.input.seed,
    mutations: a.input.mutations,
    partners: partnersOf(a.input.mutations, lookup),
    bytes: a.materialised.bytes,
    framing: a.materialised.framing,
    sha256: sha256(a.materialised.bytes),
    foundAt: original.index,
    original: { seed: original.input.seed.id, mutations: original.input.mutations },
    ...(v ? { exitCode: v.exitCode, signal: v.signal, ...(v.maxRssBytes === undefined ? {} : { maxRssBytes: v.maxRssBytes }) } : {}),
    stderrTail: v?.stderr ?? '',
    shrinkRuns,
  };
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const seeds = seedPool({ corpusDir: options.corpusDir, seed: options.seed });
  const lookup = seedLookup(seeds);
  const executors = Array.from({ length: options.jobs }, options.makeExecutor);
  const pool = new ExecutorPool(executors);
  const runsLimit = options.runs ?? Number.POSITIVE_INFINITY;
  const deadline = options.timeMs === undefined ? Number.POSITIVE_INFINITY : started + options.timeMs;
  const maxFindings = options.maxFindings ?? 0;
  const answers = { records: 0, rejected: 0, skipped: 0, failed: 0 };
  const failures: (Attempt & { index: number })[] = [];
  let next = 0;
  let done = 0;
  // With --max-findings, inputs past the one that completed the count are not needed: whatever the
  // number of jobs, the findings are those of the inputs up to it (all of which were run).
  let stopAfter = Number.POSITIVE_INFINITY;
  const distinctUpTo = (): (Attempt & { index: number })[] => {
    const firsts = new Map<string, Attempt & { index: number }>();
    for (const f of [...failures].sort((a, b) => a.index - b.index)) if (!firsts.has(findingKey(f.failure))) firsts.set(findingKey(f.failure), f);
    return [...firsts.values()];
  };
  const report = (phase: Progress['phase']): void => options.onProgress?.({ phase, runs: done, elapsedMs: Date.now() - started, findings: distinctUpTo().filter((f) => f.index <= stopAfter).length });
  try {
    await Promise.all(
      executors.map(async () => {
        while (next < runsLimit && next <= stopAfter && Date.now() < deadline) {
          const index = next++;
          const { input, materialised } = generateInput(options.seed, index, seeds, lookup);
          const verdict = await pool.run(request(`fuzz-${index}`, input.seed, materialised));
          answers[verdict.kind]++;
          done++;
          const failure = judge(verdict, { bytes: materialised.bytes, framing: materialised.framing, release: input.seed.release, subtype: input.seed.subtype }, options);
          if (failure) {
            failures.push({ input, materialised, verdict, failure, index });
            const distinct = distinctUpTo();
            if (maxFindings > 0 && distinct.length >= maxFindings) stopAfter = Math.min(stopAfter, distinct[maxFindings - 1]!.index);
          }
          report('fuzz');
        }
      }),
    );
    const fuzzMs = Date.now() - started;
    const firsts = distinctUpTo().filter((f) => f.index <= stopAfter).slice(0, maxFindings > 0 ? maxFindings : undefined);
    const findings: Finding[] = [];
    for (const f of firsts) {
      const { best, runs } = await shrink(f, pool, seeds, lookup, options, options.shrinkRuns ?? 300);
      findings.push(toFinding(best, f, lookup, runs));
      report('shrink');
    }
    return { seed: options.seed, runs: done, durationMs: Date.now() - started, fuzzMs, answers, findings };
  } finally {
    await Promise.all(executors.map((e) => e.close()));
  }
}

export const describeInput = (i: { seed: { id: string }; mutations: readonly FuzzMutation[] }): string =>
  `${i.seed.id}${i.mutations.length ? ` + ${i.mutations.map(describeMutation).join(' + ')}` : ' (unmutated)'}`;

export type { FindingKind };
