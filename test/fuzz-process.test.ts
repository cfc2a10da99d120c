import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { fuzz } from '../conformance/fuzz/engine.js';
import type { Target } from '../conformance/fuzz/exec.js';
import { executorFor } from '../conformance/fuzz/exec.js';
import { replayFinding, writeFindings } from '../conformance/fuzz/findings.js';

// The planted bugs that need a process per input (--protocol cli): runaway memory, measured from /proc
// and stopped at --max-rss, and a hang, stopped at --timeout. The timeout includes process start, so it
// stays at the 10 s floor of the test rules; --max-findings 1 keeps the number of hangs waited for small.
// A process per input is slow, so each test's fixed seed is one whose first inputs reach the bug (inputs
// 2 and 4 with the golden corpus as merged; the seed pool includes the corpus, so a changed corpus moves
// them). The hang's seed also keeps the waits few: its first hanging input is one dn-grow on a seed that no
// smaller seed replaces, so shrinking waits out one more round of hangs (1024 bytes down to 201), not three.
// `npm run fuzz:consumers` (ZF_FUZZ_CONSUMERS=long) finds both with seed 1 and ten times the budget, and
// replays the hang as well.

const READER = fileURLToPath(new URL('./fakes/consumers/zert-reader.mjs', import.meta.url));
const LONG = process.env['ZF_FUZZ_CONSUMERS'] === 'long';
const TEST_TIMEOUT = LONG ? 1_200_000 : 120_000;
const budget = (seed: number, runs: number): { seed: number; runs: number } => (LONG ? { seed: 1, runs: runs * 10 } : { seed, runs });
const cli = (bug: string, extra: Partial<Target> = {}): Target => ({ parser: `node ${READER} --bug ${bug} {input}`, protocol: 'cli', rejectExitCodes: [2], timeoutSeconds: 10, ...extra });

// Both tests mostly wait on parser processes (a 10 s hang floor): they run side by side.
describe.concurrent('fuzz finds the planted bugs (command-line consumers)', () => {
  it('1 GB for a section count of 65535: stopped at --max-rss 300 MB, shrunk to one triplet count, and replayed', async ({ expect }) => {
    const target = cli('section-alloc', { maxRssMb: 300 });
    const r = await fuzz({ makeExecutor: () => executorFor(target), jobs: 2, ...budget(22, 40), maxFindings: 1, differential: false, strictReject: false });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('memory');
    expect(f.maxRssBytes).toBeGreaterThan(300 * 1048576);
    // Killed well before the gigabyte it asks for.
    expect(f.maxRssBytes).toBeLessThan(900 * 1048576);
    expect(f.signal).toBe('SIGKILL');
    expect(f.mutations).toHaveLength(1);
    expect(f.mutations[0]).toMatchObject({ op: 'triplet', part: 'num' });
    const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-'));
    const [json] = writeFindings(r.findings, dir, { fuzzSeed: r.seed, target, oracles: { differential: false, strictReject: false } });
    const replay = await replayFinding(json!);
    expect(replay.rebuilt).toBe(true);
    expect(replay.reproduced).toBe(true);
  }, TEST_TIMEOUT);

  it('a DN entry longer than 200 bytes hangs it: stopped at --timeout, shrunk to one dn-grow of 201 bytes', async ({ expect }) => {
    const target = cli('dn-hang');
    const r = await fuzz({ makeExecutor: () => executorFor(target), jobs: 2, ...budget(17, 150), maxFindings: 1, differential: false, strictReject: false });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('hang');
    expect(f.mutations).toEqual([expect.objectContaining({ op: 'dn-grow', length: 201 })]);
    if (LONG) {
      const [json] = writeFindings(r.findings, mkdtempSync(join(tmpdir(), 'zf-fuzz-')), { fuzzSeed: r.seed, target, oracles: { differential: false, strictReject: false } });
      expect((await replayFinding(json!)).reproduced).toBe(true);
    }
  }, TEST_TIMEOUT);
});
