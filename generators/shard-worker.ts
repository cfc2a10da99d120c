import { parentPort, workerData } from 'node:worker_threads';
import type { Keyed, RecordRun, Shard, ShardTask, WorkerMessage } from './parallel.js';
import { produce, randomBlocks } from './parallel.js';

// A worker thread of shardedRecords / randomRuns: runs its shard's producer and posts batches (a simulated
// stack) or blocks (random records), waiting for a credit from the main thread whenever `credits` messages
// are in flight (backpressure). Buffers are transferred, not copied.

const { task, shard, batch: batchSize, credits: initialCredits } = workerData as { task: ShardTask; shard: Shard; batch: number; credits: number };
const port = parentPort!;
let credits = initialCredits;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits++;
  wake?.();
});

async function send(message: WorkerMessage, transfer: ArrayBuffer[]): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits--;
  port.postMessage(message, transfer);
}

function keyedMessage(batch: Keyed[], done: boolean): [WorkerMessage, ArrayBuffer[]] {
  const buffer = new Uint8Array(batch.reduce((n, r) => n + r.bytes.length, 0));
  let at = 0;
  for (const r of batch) {
    buffer.set(r.bytes, at);
    at += r.bytes.length;
  }
  return [{ kind: 'keyed', keys: batch.map((r) => r.key), lengths: batch.map((r) => r.bytes.length), buffer: buffer.buffer, done }, [buffer.buffer]];
}

if (task.kind === 'random') {
  // One message behind, so that the last one can say it is the last.
  let previous: RecordRun | undefined;
  for (const run of randomBlocks(task, shard)) {
    if (previous) await send({ kind: 'run', run: previous, done: false }, [previous.bytes.buffer as ArrayBuffer]);
    previous = run;
  }
  if (previous) await send({ kind: 'run', run: previous, done: true }, [previous.bytes.buffer as ArrayBuffer]);
} else {
  let batch: Keyed[] = [];
  for (const r of produce(task, shard)) {
    batch.push(r);
    if (batch.length === batchSize) {
      await send(...keyedMessage(batch, false));
      batch = [];
    }
  }
  await send(...keyedMessage(batch, true));
}
port.close();
