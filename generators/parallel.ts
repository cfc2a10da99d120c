import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Release, Subtype } from '../spec/types.js';
import type { CodePage } from '../spec/ebcdic.js';
import { encode } from '../spec/codec.js';
import { BulkSample } from './sample.js';
import { scenarioByName } from './scenarios/named.js';
import type { SimOptions } from './scenarios/simulate.js';
import { simulateStream } from './scenarios/simulate.js';

// Sharded production and ordered merge, so that the output does not depend on the number of shards (worker
// threads). A simulated stack: each shard yields records in increasing key order, [time, stream, n], and the
// main thread merges them by key. Random records: record i depends only on i, so shards draw blocks of
// RANDOM_BLOCK records in turn (shard s blocks s, s + jobs, ...) and the main thread takes the blocks in order.

export interface Keyed {
  key: number[];
  bytes: Uint8Array;
}

export interface Shard {
  index: number;
  count: number;
}

export type RandomTask = { kind: 'random'; subtypes: Subtype[]; count: number; seed: number; release: Release; codePage?: CodePage };
export type ScenarioTask = { kind: 'scenario'; scenario: string; subtypes: Subtype[]; options: SimOptions; codePage?: CodePage };
/** What a shard produces (structured-cloneable: it is handed to a worker thread). */
export type ShardTask = RandomTask | ScenarioTask;

/** A shard's share of a simulated stack: it simulates its workload streams; (time, stream, n) orders records exactly as one unsharded run does. */
export function* produce(task: ScenarioTask, shard: Shard): Generator<Keyed> {
  const scenario = scenarioByName(task.scenario);
  if (!scenario) throw new Error(`no scenario ${task.scenario}`);
  for (const r of simulateStream(scenario, { ...task.options, shard })) {
    if (task.subtypes.includes(r.subtype)) yield { key: [r.time, r.stream, r.n], bytes: encode(r.record, { release: task.options.release, codePage: task.codePage }) };
  }
}

/** Random records per block: the unit a shard draws and posts at once, and one output write (about 150 KB). */
export const RANDOM_BLOCK = 256;

/** Whole records back to back, each with its RDW. */
export interface RecordRun {
  bytes: Uint8Array;
  records: number;
}

/** A shard's share of a random run: blocks shard.index, shard.index + shard.count, ... */
export function* randomBlocks(task: RandomTask, shard: Shard): Generator<RecordRun> {
  const sample = new BulkSample(task);
  for (let from = shard.index * RANDOM_BLOCK; from < task.count; from += shard.count * RANDOM_BLOCK) {
    const to = Math.min(task.count, from + RANDOM_BLOCK);
    yield { bytes: sample.encodeRange(from, to), records: to - from };
  }
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** k-way merge of key-ordered batch streams; pulls from a shard only when its next record is needed (backpressure). */
export async function* mergeByKey(shards: AsyncIterator<Keyed[]>[]): AsyncGenerator<Keyed> {
  const heads: { batch: Keyed[]; at: number; source: AsyncIterator<Keyed[]> }[] = [];
  const refill = async (source: AsyncIterator<Keyed[]>): Promise<void> => {
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      if (next.value.length > 0) {
        heads.push({ batch: next.value, at: 0, source });
        return;
      }
    }
  };
  try {
    await Promise.all(shards.map(refill));
    while (heads.length > 0) {
      // Few shards (one per core): a linear scan beats a heap.
      let best = 0;
      for (let i = 1; i < heads.length; i++) if (compareKeys(heads[i]!.batch[heads[i]!.at]!.key, heads[best]!.batch[heads[best]!.at]!.key) < 0) best = i;
      const head = heads[best]!;
      yield head.batch[head.at++]!;
      if (head.at === head.batch.length) {
        heads.splice(best, 1);
        await refill(head.source);
      }
    }
  } finally {
    await Promise.all(shards.map((s) => s.return?.()));
  }
}

/** Records per message from a worker, and messages a worker may have in flight before it waits. */
const BATCH = 256;
const CREDITS = 4;

/** A batch of a simulated stack's records, or a block of random records. */
export type WorkerMessage =
  | { kind: 'keyed'; keys: number[][]; lengths: number[]; buffer: ArrayBuffer; done: boolean }
  | { kind: 'run'; run: RecordRun; done: boolean };

const WORKER_URL = new URL(`./shard-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/** The worker's entry: from the TypeScript sources (tests, tsx), a bootstrap that registers tsx's loader first. */
function workerEntry(): URL {
  if (!WORKER_URL.pathname.endsWith('.ts')) return WORKER_URL;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** One worker thread running `task` for `shard`, as an iterator of its messages. Returning early terminates it. */
function workerMessages(task: ShardTask, shard: Shard): AsyncIterator<WorkerMessage> {
  const worker = new Worker(workerEntry(), { workerData: { task, shard, batch: BATCH, credits: CREDITS } });
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  let finished = false;
  return {
    async next() {
      while (queue.length === 0 && !failure && !(exited || finished)) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      if (failure) throw failure;
      const m = queue.shift();
      if (!m) return { done: true, value: undefined };
      if (m.done) finished = true;
      else worker.postMessage('credit');
      return { done: false, value: m };
    },
    async return() {
      await worker.terminate();
      return { done: true, value: undefined };
    },
  };
}

/** A worker's keyed batches, split back into records. */
function workerBatches(task: ScenarioTask, shard: Shard): AsyncIterator<Keyed[]> {
  const messages = workerMessages(task, shard);
  return {
    async next() {
      const next = await messages.next();
      if (next.done) return next;
      const m = next.value as Extract<WorkerMessage, { kind: 'keyed' }>;
      const bytes = new Uint8Array(m.buffer);
      const batch: Keyed[] = [];
      let at = 0;
      for (let i = 0; i < m.keys.length; i++) {
        batch.push({ key: m.keys[i]!, bytes: bytes.subarray(at, at + m.lengths[i]!) });
        at += m.lengths[i]!;
      }
      return { done: false, value: batch };
    },
    async return() {
      await messages.return!();
      return { done: true, value: undefined };
    },
  };
}

async function* inThread(task: ScenarioTask): AsyncGenerator<Keyed[]> {
  let batch: Keyed[] = [];
  for (const r of produce(task, { index: 0, count: 1 })) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export const defaultJobs = (): number => availableParallelism();

/**
 * The records of a simulated stack in key order, produced by `jobs` worker threads (1: in this thread). The
 * bytes are the same for every `jobs`.
 */
export function shardedRecords(task: ScenarioTask, jobs: number): AsyncGenerator<Keyed> {
  if (jobs <= 1) return mergeByKey([inThread(task)]);
  return mergeByKey(Array.from({ length: jobs }, (_, index) => workerBatches(task, { index, count: jobs })));
}

/**
 * The random records of `task` in index order, in runs of RANDOM_BLOCK records, drawn by `jobs` threads:
 * this one and `jobs - 1` workers. The bytes are the same for every `jobs`; a worker runs at most CREDITS
 * blocks ahead of the consumer (backpressure).
 */
export async function* randomRuns(task: RandomTask, jobs: number): AsyncGenerator<RecordRun> {
  if (jobs <= 1) {
    yield* randomBlocks(task, { index: 0, count: 1 });
    return;
  }
  // This thread draws shard 0 itself while the workers draw the others: `jobs` threads in all, one worker's
  // start-up and warm-up fewer, and no thread left only to hand blocks on.
  const blocks = Math.ceil(task.count / RANDOM_BLOCK);
  const own = randomBlocks(task, { index: 0, count: jobs });
  const workers = Array.from({ length: Math.min(jobs, blocks) - 1 }, (_, k) => workerMessages(task, { index: k + 1, count: jobs }));
  try {
    for (let b = 0; b < blocks; b++) {
      const shard = b % jobs;
      if (shard === 0) {
        yield own.next().value as RecordRun;
        continue;
      }
      const next = await workers[shard - 1]!.next();
      if (next.done) throw new Error(`worker ${shard} ended before block ${b}`);
      yield (next.value as Extract<WorkerMessage, { kind: 'run' }>).run;
    }
  } finally {
    await Promise.all(workers.map((w) => w.return!()));
  }
}
