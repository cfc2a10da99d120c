import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decode } from '../spec/codec.js';
import type { FuzzResult } from '../conformance/fuzz/engine.js';
import { fuzz } from '../conformance/fuzz/engine.js';
import { executorFor } from '../conformance/fuzz/exec.js';
import { replayFinding, writeFindings } from '../conformance/fuzz/findings.js';
import { seedPool } from '../conformance/fuzz/seeds.js';
import * as fuzzCommand from '../bin/commands/fuzz.js';

// The planted-bug consumers of issue 8 that speak the ndjson protocol (one process for many inputs, so a
// few hundred inputs take seconds). Each is found with a fixed seed (1, or one whose first inputs reach
// the bug) and a short budget, and shrunk to at most two mutations. Budgets here are input counts, never times: the outcome does not depend on machine load.

const READER = fileURLToPath(new URL('./fakes/consumers/zert-reader.mjs', import.meta.url));
const ndjson = (bug?: string) => ({ parser: `node ${READER}${bug ? ` --bug ${bug}` : ''} --ndjson`, protocol: 'ndjson' as const, rejectExitCodes: [2], timeoutSeconds: 10 });

async function fuzzReader(bug: string | undefined, runs: number, extra: { differential?: boolean; strictReject?: boolean; maxFindings?: number; seed?: number } = {}): Promise<FuzzResult> {
  return fuzz({ makeExecutor: () => executorFor(ndjson(bug)), jobs: 2, seed: extra.seed ?? 1, runs, maxFindings: extra.maxFindings ?? 1, differential: extra.differential ?? false, strictReject: extra.strictReject ?? false });
}

describe('fuzz finds the planted bugs (ndjson consumers)', () => {
  it('crash on an unknown SSH version code: shrunk to one unknown-code mutation on the smallest record with an SSH section', async () => {
    const r = await fuzzReader('ssh-version', 200, { seed: 59 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('crash');
    expect(f.signature).toMatch(/TypeError/);
    expect(f.mutations.length).toBeLessThanOrEqual(2);
    expect(f.mutations.some((m) => m.op === 'unknown-code' && /SSH\[0\]\.SMF119S[CS]_SSH_Prot_Ver/.test(m.field))).toBe(true);
    // Independently of the shrinker: no seed smaller than the one it chose has an SSH section at all.
    const withSsh = seedPool({ seed: 59 }).filter((s) => ((decode(s.records[0]!, { release: s.release }).record?.['SSH'] as unknown[] | undefined)?.length ?? 0) > 0);
    expect(f.seed.size).toBe(Math.min(...withSsh.map((s) => s.size)));
  });

  it('reading past a truncated record: found as a crash, shrunk to a truncation', async () => {
    const r = await fuzzReader('truncated', 200);
    const f = r.findings[0]!;
    expect(f.kind).toBe('crash');
    expect(f.signature).toMatch(/RangeError/);
    expect(f.mutations.length).toBeLessThanOrEqual(2);
    expect(f.mutations.map((m) => m.op)).toContain('truncate');
  });

  it('IPv4 in a 16-byte field misread: a wrong value under --differential, on an IP field', async () => {
    const r = await fuzzReader('ipv4', 400, { differential: true });
    const f = r.findings[0]!;
    expect(f.kind).toBe('wrong-value');
    expect(f.signature).toMatch(/^Common\.SMF119S[CS]_SA(RIP|LIP|SrvIP|CltIP)$/);
    expect(f.mutations.length).toBeLessThanOrEqual(2);
  });

  it('a mishandled middle VBS segment: found after re-blocking into short blocks', async () => {
    const r = await fuzzReader('vbs-middle', 200, { differential: true });
    const f = r.findings[0]!;
    expect(['wrong-value', 'rejected-valid']).toContain(f.kind);
    expect(f.mutations.length).toBeLessThanOrEqual(2);
    expect(f.mutations.map((m) => m.op)).toContain('reblock');
    expect(f.framing).toBe('vbs');
  });

  it('a triplet pointing outside the record is accepted: found with --strict-reject; the bug-free reader has no such finding', async () => {
    const outside = (r: FuzzResult) => r.findings.filter((f) => f.kind === 'accepted-invalid' && /^triplet-out-of-bounds at st1[12] > SelfDef/.test(f.signature));
    const buggy = await fuzzReader('triplet', 300, { differential: true, strictReject: true, maxFindings: 0 });
    expect(outside(buggy).length).toBeGreaterThan(0);
    for (const f of outside(buggy)) expect(f.mutations.length).toBeLessThanOrEqual(2);
    const clean = await fuzzReader(undefined, 300, { differential: true, strictReject: true, maxFindings: 0 });
    expect(outside(clean)).toEqual([]);
  });

  it('the bug-free reader: no finding, with values compared', async () => {
    const r = await fuzzReader(undefined, 600, { differential: true, maxFindings: 0 });
    expect(r.findings).toEqual([]);
    expect(r.answers.records).toBeGreaterThan(100);
    expect(r.answers.rejected).toBeGreaterThan(100);
  });

  it('--replay rebuilds a finding from its mutation list, byte for byte, and reproduces it', async () => {
    const r = await fuzzReader('truncated', 200);
    const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-'));
    const [json] = writeFindings(r.findings, dir, { fuzzSeed: 1, target: ndjson('truncated'), oracles: { differential: false, strictReject: false } });
    const replay = await replayFinding(json!);
    expect(replay.rebuilt).toBe(true);
    expect(replay.reproduced).toBe(true);
    // The same input against the bug-free reader: not reproduced.
    const fixed = await replayFinding(json!, { target: ndjson() });
    expect(fixed.reproduced).toBe(false);
  });
});

describe('zert-forge fuzz (command handler, in-process)', () => {
  it('writes findings and reports and exits 1; --replay exits 1 while the bug is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-cmd-'));
    const findingsDir = join(dir, 'findings');
    const reportDir = join(dir, 'reports');
    const args = { parser: ndjson('ssh-version').parser, protocol: 'ndjson', rejectExitCodes: [2], jobs: 2, timeout: 10, runs: 200, seed: 59, differential: false, strictReject: false, maxFindings: 1, findingsDir, reportDir, n: 0, corpus: fileURLToPath(new URL('../conformance/corpus', import.meta.url)), _: [], $0: 'zert-forge' };
    await fuzzCommand.handler(args as never);
    expect(process.exitCode).toBe(1);
    const files = readdirSync(findingsDir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^crash-[0-9a-f]{10}\.json$/);
    expect(files[1]).toBe(files[0]!.replace('.json', '.smf'));
    const stored = JSON.parse(readFileSync(join(findingsDir, files[0]!), 'utf8'));
    expect(stored.exit).toEqual({ code: 1, signal: null });
    expect(stored.stderrTail).toMatch(/TypeError/);
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(1);
    expect(junit).toMatch(/<failure message="[^"]*" type="crash">/);
    expect(readFileSync(join(reportDir, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['finding', 'summary']);
    process.exitCode = 0;
    await fuzzCommand.handler({ ...args, replay: join(findingsDir, files[0]!), parser: undefined } as never);
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });
});
