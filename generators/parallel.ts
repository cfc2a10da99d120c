import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Release, Subtype } from '../spec/types.js';
import type { CodePage } from '../spec/ebcdic.js';
import { encode } from '../spec/codec.js';
import { sampleStream } from './sample.js';
import { scenarioByName } from './scenarios/named.js';
import type { SimOptions } from './scenarios/simulate.js';
import { simulateStream } from './scenarios/simulate.js';

// Sharded production and ordered merge. Each shard (a worker thread) yields records in increasing key order;
// the main thread merges the shards by key, so the output does not depend on the number of shards. Keys are
// compared element by element: random records use [index], a simulated stack [time, stream, n].

export interface Keyed {
  key: number[];
  bytes: Uint8Array;
}

export interface Shard {
  index: number;
  count: number;
}

/** What a shard produces: a named producer and its options (structured-cloneable). */
export type ShardTask =
  | { kind: 'random'; subtypes: Subtype[]; count: number; seed: number; release: Release; codePage?: CodePage }
  | { kind: 'scenario'; scenario: string; subtypes: Subtype[]; options: SimOptions; codePage?: CodePage };

/** The producers a shard can run, by task kind. A producer yields its share of the records in key order. */
export const PRODUCERS: { [K in ShardTask['kind']]: (task: Extract<ShardTask, { kind: K }>, shard: Shard) => Iterable<Keyed> | AsyncIterable<Keyed> } = {
  *random(task, shard) {
    let index = shard.index;
    for (const r of sampleStream(task, shard.index, shard.count)) {
      yield { key: [index], bytes: r.bytes };
      index += shard.count;
    }
  },
  // A shard simulates its workload streams; (time, stream, n) orders records exactly as one unsharded run does.
  *scenario(task, shard) {
    const scenario = scenarioByName(task.scenario);
    if (!scenario) throw new Error(`no scenario ${task.scenario}`);
    for (const r of simulateStream(scenario, { ...task.options, shard })) {
      if (task.subtypes.includes(r.subtype)) yield { key: [r.time, r.stream, r.n], bytes: encode(r.record, { release: task.options.release, codePage: task.codePage }) };
    }
  },
};

export function produce(task: ShardTask, shard: Shard): Iterable<Keyed> | AsyncIterable<Keyed> {
  return task.kind === 'random' ? PRODUCERS.random(task, shard) : PRODUCERS.scenario(task, shard);
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

export interface WorkerMessage {
  keys: number[][];
  lengths: number[];
  buffer: ArrayBuffer;
  done: boolean;
}

const WORKER_URL = new URL(`./shard-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/** The worker's entry: from the TypeScript sources (tests, tsx), a bootstrap that registers tsx's loader first. */
function workerEntry(): URL {
  if (!WORKER_URL.pathname.endsWith('.ts')) return WORKER_URL;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** One worker thread running `task` for `shard`, as an iterator of batches. Returning early terminates it. */
function workerBatches(task: ShardTask, shard: Shard): AsyncIterator<Keyed[]> {
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
      await worker.terminate();
      return { done: true, value: undefined };
    },
  };
}

async function* inThread(task: ShardTask): AsyncGenerator<Keyed[]> {
  let batch: Keyed[] = [];
  for await (const r of produce(task, { index: 0, count: 1 })) {
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
 * The records of `task` in key order, produced by `jobs` worker threads (1: in this thread). The bytes are
 * the same for every `jobs`.
 */
export function shardedRecords(task: ShardTask, jobs: number): AsyncGenerator<Keyed> {
  if (jobs <= 1) return mergeByKey([inThread(task)]);
  return mergeByKey(Array.from({ length: jobs }, (_, index) => workerBatches(task, { index, count: jobs })));
}
