import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { scenarioByName } from '../generators/scenarios/named.js';
import { simulateStream } from '../generators/scenarios/simulate.js';

// Issue 7 §2: a simulated stack keeps state only for its open connections and the current interval. Records
// are built when they are due: a connection's Termination record, held from its admission to its end (up to
// an hour of simulated time), was most of what a long run retained.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function retainedBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('simulator memory', () => {
  it('retains under 1 KB per open connection (records built at admission and held until due took 1.8 KB)', () => {
    const rate = 1000;
    const duration = 7200;
    // End times of the connections admitted so far, kept outside the heap being measured.
    const ends = new Float64Array(Math.ceil((rate * duration) / 60) * 2);
    let admitted = 0;
    const openAt = (t: number): number => {
      let open = 0;
      for (let i = 0; i < admitted; i++) if (ends[i]! > t) open++;
      return open;
    };
    const stream = simulateStream(scenarioByName('mixed-estate')!, { release: '3.2', seed: 5, duration, rate, interval: 60, onConnection: (c) => (ends[admitted++] = c.end) });
    const samples: { open: number; heap: number }[] = [];
    // Early (few connections open) and past the longest connection life (about 20,000 open at this rate).
    const marks = [100 * 100, 3700 * 100];
    for (const t of stream) {
      if (samples.length < marks.length && t.time >= marks[samples.length]!) samples.push({ heap: retainedBytes(), open: openAt(t.time) });
      if (samples.length === marks.length) break;
    }
    const [early, late] = samples as [{ open: number; heap: number }, { open: number; heap: number }];
    expect(late.open - early.open).toBeGreaterThan(10_000);
    const perOpen = (late.heap - early.heap) / (late.open - early.open);
    expect(perOpen).toBeLessThan(1000);
  });
});
