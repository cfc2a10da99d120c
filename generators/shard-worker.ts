import { parentPort, workerData } from 'node:worker_threads';
import type { Keyed, Shard, ShardTask, WorkerMessage } from './parallel.js';
import { produce } from './parallel.js';

// A worker thread of shardedRecords: runs its shard's producer and posts batches, waiting for a credit from
// the main thread whenever `credits` batches are in flight (backpressure).

const { task, shard, batch: batchSize, credits: initialCredits } = workerData as { task: ShardTask; shard: Shard; batch: number; credits: number };
const port = parentPort!;
let credits = initialCredits;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits++;
  wake?.();
});

async function post(batch: Keyed[], done: boolean): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits--;
  const buffer = new Uint8Array(batch.reduce((n, r) => n + r.bytes.length, 0));
  let at = 0;
  for (const r of batch) {
    buffer.set(r.bytes, at);
    at += r.bytes.length;
  }
  const message: WorkerMessage = { keys: batch.map((r) => r.key), lengths: batch.map((r) => r.bytes.length), buffer: buffer.buffer, done };
  port.postMessage(message, [buffer.buffer]);
}

let batch: Keyed[] = [];
for await (const r of produce(task, shard)) {
  batch.push(r);
  if (batch.length === batchSize) {
    await post(batch, false);
    batch = [];
  }
}
await post(batch, true);
port.close();
