import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../spec/codec.js';
import { decodeFile } from '../io/decode.js';
import { readVbs } from '../io/framing.js';
import { mutatedFileArbitrary, mutatedRecordArbitrary } from '../conformance/fuzz/arbitraries.js';
import { emitCorpus } from '../conformance/fuzz/emit.js';
import type { Finding, FuzzResult } from '../conformance/fuzz/engine.js';
import { fuzz, seedLookup } from '../conformance/fuzz/engine.js';
import type { Executor, RunRequest, Verdict } from '../conformance/fuzz/exec.js';
import { executorFor } from '../conformance/fuzz/exec.js';
import { splitCommand } from '../conformance/runner/process.js';
import type { FuzzMutation } from '../conformance/fuzz/mutations.js';
import { forSubtype, generateInput, materialise, MUTATION_OPS, unknownCodes } from '../conformance/fuzz/mutations.js';
import { stderrSignature } from '../conformance/fuzz/oracles.js';
import { fuzzJunit } from '../conformance/fuzz/reports.js';
import type { Seed } from '../conformance/fuzz/seeds.js';
import { seedPool } from '../conformance/fuzz/seeds.js';
import { mapVbs } from '../conformance/fuzz/structure.js';
import * as fuzzCommand from '../bin/commands/fuzz.js';
import { parseDuration } from '../bin/commands/fuzz.js';
import { SUBTYPE_DEFS, sectionDef } from '../spec/layout.js';

const pool = seedPool({ seed: 1 });
const lookup = seedLookup(pool);
const seed = (id: string): Seed => pool.find((s) => s.id === id)!;
const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number): number => u16(b, at) * 65536 + u16(b, at + 2);
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** An in-process parser: records every input it is given; fails on inputs `broken` picks. */
function recorder(seen: [string, string][], broken: (b: Uint8Array) => boolean = () => false): () => Executor {
  return () => ({
    run: async (r: RunRequest): Promise<Verdict> => {
      seen.push([r.id, sha(r.bytes)]);
      return broken(r.bytes) ? { kind: 'failed', failure: 'crash', message: 'boom', exitCode: 3, signal: null, stderr: 'Error: boom\n    at parse (/x/p.js:1:1)' } : { kind: 'rejected', message: 'no' };
    },
    close: async () => {},
  });
}

describe('fuzz inputs', () => {
  it('are a function of (seed, number): the same inputs in the same order for any --jobs; another seed differs', async () => {
    const runWith = async (jobs: number, s: number): Promise<[string, string][]> => {
      const seen: [string, string][] = [];
      await fuzz({ makeExecutor: recorder(seen), jobs, seed: s, runs: 40, differential: false, strictReject: false });
      return seen;
    };
    const one = await runWith(1, 5);
    expect(one.map(([id]) => id)).toEqual(Array.from({ length: 40 }, (_, i) => `fuzz-${i}`));
    const three = await runWith(3, 5);
    expect(new Map(three)).toEqual(new Map(one));
    const other = await runWith(1, 6);
    expect(other.filter(([id, h]) => new Map(one).get(id) === h).length).toBeLessThan(10);
  });

  it('with --max-findings the finding is the same for any --jobs', async () => {
    // Inputs that no longer start with a plausible RDW (length = file length) "crash" this parser.
    const broken = (b: Uint8Array): boolean => b.length >= 2 && u16(b, 0) !== b.length && b[5] === 0x77 && u16(b, 0) < b.length;
    const found = async (jobs: number): Promise<number[]> => (await fuzz({ makeExecutor: recorder([], broken), jobs, seed: 3, runs: 200, maxFindings: 1, differential: false, strictReject: false })).findings.map((f) => f.foundAt);
    const a = await found(1);
    expect(a).toHaveLength(1);
    expect(await found(4)).toEqual(a);
  });

  it('use every operator of the catalogue, and each input applies to its seed', () => {
    const ops = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const { input, materialised } = generateInput(9, i, pool, lookup);
      input.mutations.forEach((m) => ops.add(m.op));
      expect(materialise(input.seed, input.mutations, lookup)!.bytes).toEqual(materialised.bytes);
    }
    expect([...ops].sort()).toEqual([...MUTATION_OPS].sort());
  });
});

describe('named mutations (checked against hand-written offsets and the decoder)', () => {
  const tls = seed('corpus:st11-3.2-tls-init');
  it('triplet outside: the TLS offset (S3Off, record offset 52 = 28 + 3 x 8) becomes the record length + 1', () => {
    const m = materialise(tls, [{ op: 'triplet', section: 'TLS', part: 'off', value: 'outside' }], lookup)!;
    const r = m.records[0]!;
    expect(u32(r, 52)).toBe(r.length + 1);
    expect(decode(r, { release: '3.2' }).diagnostics.find((d) => d.severity === 'error')).toMatchObject({ kind: 'triplet-out-of-bounds', path: ['st11', 'SelfDef', 'SMF119S3Off'] });
  });

  it('triplet count 65535 (max) and zero', () => {
    const r = materialise(tls, [{ op: 'triplet', section: 'DN', part: 'num', value: 'max' }], lookup)!.records[0]!;
    expect(u16(r, 28 + 6 * 8 + 6)).toBe(0xffff); // S6Num: 7th triplet, Num at +6
  });

  it('dn-grow keeps the record valid: DN_Len 205, the DN triplet and the RDW follow', () => {
    const dn = seed('corpus:st11-3.2-ipv6-repeated-dn');
    const m = materialise(dn, [{ op: 'dn-grow', entry: 0, length: 201 }], lookup)!;
    const r = m.records[0]!;
    expect(u16(r, 0)).toBe(r.length);
    const d = decode(r, { release: '3.2' });
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const entry = (d.record!['DN'] as Record<string, unknown>[])[0]!;
    expect(entry['SMF119SC_DN_Len']).toBe(205);
    expect(String(entry['SMF119SC_DN']).length).toBe(201);
  });

  it('truncate at a field boundary cuts there and keeps the RDW (which now runs past the end)', () => {
    const m = materialise(tls, [{ op: 'truncate', at: 'TLS[0].SMF119SC_TLS_Neg_Cipher', rdw: 'kept' }], lookup)!;
    const neg = decode(tls.records[0]!, { release: '3.2', onField: () => {} });
    expect(neg.record).not.toBeNull();
    let offset = -1;
    decode(tls.records[0]!, { release: '3.2', onField: (t) => { if (t.path.at(-1) === 'SMF119SC_TLS_Neg_Cipher') offset = t.offset; } });
    expect(m.bytes.length).toBe(offset);
    expect(u16(m.bytes, 0)).toBe(tls.records[0]!.length);
  });

  it('reblock spans a record over first, middle and last segments that read back to the same record', () => {
    const m = materialise(tls, [{ op: 'reblock', blockSize: 64 }], lookup)!;
    expect(m.framing).toBe('vbs');
    expect(mapVbs(m.bytes).segments.map((s) => s.code)).toEqual(expect.arrayContaining([1, 3, 2]));
    expect(readVbs(m.bytes).map((r) => sha(r.bytes))).toEqual([sha(tls.records[0]!)]);
  });

  it('unknown codes are the first past the table and the largest; a mutation whose field is missing does not apply', () => {
    const ver = sectionDef(SUBTYPE_DEFS[11], 'SSH').fields.find((f) => f.name === 'SMF119SC_SSH_Prot_Ver')!;
    expect(unknownCodes(ver)).toEqual([3, 255]);
    expect(materialise(tls, [{ op: 'unknown-code', field: 'SSH[0].SMF119SC_SSH_Prot_Ver', code: 3 }], lookup)).toBeUndefined();
  });

  it('forSubtype renames subtype 11 field names for subtype 12 records', () => {
    const ms: FuzzMutation[] = [{ op: 'unknown-code', field: 'SSH[0].SMF119SC_SSH_Prot_Ver', code: 3 }, { op: 'rdw', value: 'zero' }];
    expect(forSubtype(ms, 12)).toEqual([{ op: 'unknown-code', field: 'SSH[0].SMF119SS_SSH_Prot_Ver', code: 3 }, { op: 'rdw', value: 'zero' }]);
  });
});

describe('oracle and command helpers', () => {
  it('a crash signature keeps the error and the first frame, not the numbers that vary per input', () => {
    const a = 'RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 280. Received 284\n    at boundsError (node:internal/buffer:88:9)\n    at parse (/home/u/p.mjs:12:3)';
    const b = a.replace('280', '300').replace('284', '310');
    expect(stderrSignature(a)).toBe(stderrSignature(b));
    expect(stderrSignature(a)).not.toBe(stderrSignature("TypeError: Cannot read properties of undefined (reading 'code')\n    at parse (/home/u/p.mjs:40:7)"));
    expect(stderrSignature(a)).toContain('at parse (p.mjs'); // the parser's frame, not the runtime's
    expect(stderrSignature('Segmentation fault (core dumped)')).toMatch(/Segmentation fault/);
  });

  it('durations and command lines', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(() => parseDuration('10 minutes')).toThrow(/not a duration/);
    expect(splitCommand(`python3 "my parser.py" --in {input} -x 'a b'`)).toEqual(['python3', 'my parser.py', '--in', '{input}', '-x', 'a b']);
    expect(() => splitCommand('tool "open')).toThrow(/unbalanced/);
  });

  it('JUnit: one failing testcase per finding; one passing testcase when there is none', () => {
    const base: FuzzResult = { seed: 1, runs: 10, durationMs: 1000, fuzzMs: 900, answers: { records: 5, rejected: 5, skipped: 0, failed: 0 }, findings: [] };
    expect(fuzzJunit(base, 'tool')).toMatch(/<testcase classname="zert-forge.fuzz" name="no finding in 10 inputs"[^>]*><\/testcase>/);
    const finding = { kind: 'crash', signature: 'Error: x <y>', message: 'exit 3', seed: pool[0]!, mutations: [], partners: [], bytes: new Uint8Array(4), framing: 'rdw', sha256: 'ab'.repeat(32), foundAt: 3, original: { seed: pool[0]!.id, mutations: [] }, exitCode: 3, signal: null, stderrTail: 'Error: x', shrinkRuns: 1 } as Finding;
    const xml = fuzzJunit({ ...base, findings: [finding, { ...finding, kind: 'hang', signature: '' }] }, 'tool');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('failures="2"');
    expect(xml).toContain('Error: x &lt;y&gt;');
  });
});

describe('the cli executor', () => {
  const runOnce = async (parser: string, rejectExitCodes = [2]): Promise<Verdict> => {
    const ex = executorFor({ parser, protocol: 'cli', rejectExitCodes, timeoutSeconds: 10 });
    try {
      return await ex.run({ id: 't', bytes: pool[0]!.records[0]!, subtype: 11, release: '3.2', framing: 'rdw' });
    } finally {
      await ex.close();
    }
  };
  it('tells records, rejection, crash by signal, undeclared exit code and broken output apart', async () => {
    expect(await runOnce(`sh -c 'echo "[]"' {input}`)).toEqual({ kind: 'records', records: [] });
    expect(await runOnce(`sh -c 'echo bad record >&2; exit 2'`)).toEqual({ kind: 'rejected', message: 'bad record' });
    expect(await runOnce(`sh -c 'kill -SEGV $$'`)).toMatchObject({ kind: 'failed', failure: 'crash', signal: 'SIGSEGV' });
    expect(await runOnce(`sh -c 'exit 3'`)).toMatchObject({ kind: 'failed', failure: 'crash', exitCode: 3 });
    expect(await runOnce(`sh -c 'echo hello'`)).toMatchObject({ kind: 'failed', failure: 'protocol' });
    // The file name is an argument, never shell text: the parser gets the path itself.
    expect(await runOnce(`sh -c 'test -s "$0" && echo "[]"' {input}`)).toEqual({ kind: 'records', records: [] });
  });

  it('the command: usage errors exit 2 (unknown parser, --max-rss without cli, --strict-reject alone)', async () => {
    const base = { protocol: 'cli', rejectExitCodes: [1], jobs: 1, timeout: 10, runs: 2, seed: 1, differential: false, strictReject: false, maxFindings: 0, findingsDir: mkdtempSync(join(tmpdir(), 'zf-f-')), n: 0, corpus: fileURLToPath(new URL('../conformance/corpus', import.meta.url)), _: [], $0: 'zert-forge' };
    for (const args of [{ ...base, parser: '/nonexistent/parser {input}' }, { ...base, parser: 'true', protocol: 'ndjson', maxRss: 100 }, { ...base, parser: 'true', strictReject: true }, { ...base }]) {
      process.exitCode = 0;
      await fuzzCommand.handler(args as never);
      expect(process.exitCode).toBe(2);
    }
    process.exitCode = 0;
  });
});

describe('--emit and the fast-check arbitraries', () => {
  it('--emit writes valid seeds, mutated inputs and an AFL/libFuzzer dictionary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zf-emit-'));
    const { files, dictionary } = emitCorpus({ dir, count: 12, seed: 1 });
    expect(files).toHaveLength(12);
    expect(readdirSync(dir)).toHaveLength(13);
    for (const f of files.filter((n) => n.startsWith('valid-'))) {
      const { records } = decodeFile(readFileSync(join(dir, f)));
      expect(records.every((r) => r.diagnostics.every((d) => d.severity !== 'error'))).toBe(true);
    }
    const lines = readFileSync(dictionary, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    for (const l of lines) expect(l).toMatch(/^\w+="(\\x[0-9A-F]{2})+"$/);
    expect(lines).toContain('subtype_11="\\x00\\x0B"');
    expect(lines).toContain('ebcdic_STACK="\\xE2\\xE3\\xC1\\xC3\\xD2"'); // IBM-1047 S T A C K
  });

  it('a property over mutated records shrinks to one named mutation', () => {
    // A "parser" that trusts the RDW: fails whenever the RDW disagrees with the bytes it got.
    const trustsRdw = (b: Uint8Array): boolean => b.length < 2 || u16(b, 0) === b.length;
    const out = fc.check(fc.property(mutatedRecordArbitrary({ subtype: 11, release: '3.2' }), (m) => trustsRdw(m.bytes)), { seed: 4, numRuns: 60 });
    expect(out.failed).toBe(true);
    const [counterexample] = out.counterexample!;
    expect(counterexample.mutations).toHaveLength(1);
    expect(trustsRdw(counterexample.bytes)).toBe(false);
  });

  it('mutated files name what was applied, and re-applying those mutations gives the same bytes', () => {
    fc.assert(
      fc.property(mutatedFileArbitrary({ subtype: 12, release: '3.1', maxRecords: 2 }), (m) => {
        const again = materialise({ id: 'x', subtype: 12, release: '3.1', framing: m.framing === 'vbs' && !m.mutations.some((x) => x.op === 'reblock') ? 'vbs' : 'rdw', records: m.original, size: 0 }, m.mutations, lookup);
        return again !== undefined && sha(again.bytes) === sha(m.bytes);
      }),
      { seed: 2, numRuns: 40 },
    );
  });
});
