import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../conformance/corpus/golden.js';
import type { Limits } from '../conformance/runner/adapters.js';
import { cliAdapter, NdjsonAdapter } from '../conformance/runner/adapters.js';
import { shellTemplate } from '../conformance/runner/process.js';
import type { ConformOptions } from '../conformance/runner/run.js';
import { conform, ConformError, loadManifest } from '../conformance/runner/run.js';

// Hostile parsers and hostile file names (issue 12 items 1, 5, 7, 9): whatever a parser does, the run ends
// with a result for every case, and no process it started survives.

const FAKE = fileURLToPath(new URL('./fakes/parser.mjs', import.meta.url));
const NODE = `"${process.execPath}"`;
const TWO = new Set(['st11-3.2-tls-init', 'st12-3.2-tls-interval']);
const two = (id: string): boolean => TWO.has(id);
// Generous limits where the parser answers (the machine may be loaded); short ones only where a test expects
// the limit to strike.
const patient: Limits = { timeoutMs: 10_000, startupTimeoutMs: 10_000, maxOutputBytes: 1 << 20 };
const short: Limits = { ...patient, timeoutMs: 500 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let markers = 0;
/** A string that only the command lines of the processes one test starts contain. */
const newMarker = (): string => `zf-hostile-${process.pid}-${++markers}`;
const fake = (mode: string, marker: string, state?: string): string => `${NODE} "${FAKE}" ${mode} ${marker}${state ? ` "${state}"` : ''}`;

function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** SIGKILL is immediate, but a dying process may linger in /proc for a moment. */
async function expectNoneLeft(marker: string): Promise<void> {
  for (let i = 0; i < 30 && processesWith(marker).length > 0; i++) await sleep(100);
  expect(processesWith(marker)).toEqual([]);
}

const runFake = (mode: string, marker: string, extra: Partial<ConformOptions> & { limits?: Limits; state?: string } = {}) =>
  conform({ makeAdapter: () => new NdjsonAdapter(fake(mode, marker, extra.state), extra.limits ?? patient), select: two, ...extra });

describe('hostile ndjson parsers: every case gets a result, no process survives', () => {
  it('hangs before answering start: the start-up limit stops the run with one message', async () => {
    const marker = newMarker();
    const run = runFake('hang-before-start', marker, { limits: { ...patient, startupTimeoutMs: 1000 } });
    await expect(run).rejects.toThrow(ConformError);
    await expect(run).rejects.toThrow(/parser: did not start: no answer to "start" within 1 s/);
    await expectNoneLeft(marker);
  }, 20_000);
  it('hangs after start: each case times out and the parser is replaced', async () => {
    const marker = newMarker();
    const report = await runFake('hang', marker, { limits: short });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['errored', 'no answer within 0.5 s'],
      ['errored', 'no answer within 0.5 s'],
    ]);
    await expectNoneLeft(marker);
  }, 20_000);
  it('forks a child that holds its stdout and ignores stop: the group is killed at the stop deadline', async () => {
    const marker = newMarker();
    const t0 = performance.now();
    const report = await runFake('fork', marker);
    expect(report.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1900); // waited for the deadline after stop
    await expectNoneLeft(marker);
  }, 20_000);
  it('floods stdout with short lines: the per-case bound errors the case instead of buffering them', async () => {
    const marker = newMarker();
    const report = await runFake('flood-lines', marker);
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['errored', 'output exceeds 1048576 bytes for one answer'],
      ['errored', 'output exceeds 1048576 bytes for one answer'],
    ]);
    await expectNoneLeft(marker);
  }, 20_000);
  it('prints junk: the case says what it printed', async () => {
    const marker = newMarker();
    const report = await runFake('junk', marker);
    expect(report.results.map((r) => r.message)).toEqual(['answer is not JSON: this is not json', 'answer is not JSON: this is not json']);
    await expectNoneLeft(marker);
  }, 20_000);
  it('fails once: the parser is restarted, the run goes on, and the message names the real cause', async () => {
    const marker = newMarker();
    const state = join(mkdtempSync(join(tmpdir(), 'zf-once-')), 'state');
    const report = await runFake('fail-once', marker, { state });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['errored', 'answer is not JSON: oops'],
      ['skipped', 'fine now'],
    ]);
    expect(JSON.stringify(report)).not.toMatch(/SIGKILL/);
    await expectNoneLeft(marker);
  }, 20_000);
  it('crashes: the message is the exit status and the last stderr line, not a signal the runner sent', async () => {
    const report = await runFake('crash', newMarker());
    expect(report.results[0]!.message).toBe('parser exited (exit code 3: segmentation fault (pretend))');
  }, 20_000);
  it('starts slowly: start-up has its own limit, so no case fails for it', async () => {
    const report = await runFake('slow-start', newMarker(), { limits: { ...patient, timeoutMs: 1000 }, jobs: 2 });
    expect(report.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  }, 20_000);
  it('a command that is not found stops the run at once with one message', async () => {
    const seen: string[] = [];
    const ndjson = conform({ makeAdapter: () => new NdjsonAdapter('zf-no-such-parser --json', patient), onResult: (r) => seen.push(r.id) });
    await expect(ndjson).rejects.toMatchObject({ kind: 'parser-not-runnable', message: expect.stringMatching(/^parser: parser command not found: .*zf-no-such-parser/) });
    const cli = conform({ makeAdapter: () => cliAdapter('zf-no-such-parser {input}', { limits: patient }), onResult: (r) => seen.push(r.id), jobs: 2 });
    await expect(cli).rejects.toMatchObject({ kind: 'parser-not-runnable', message: expect.stringMatching(/not found/) });
    expect(seen).toEqual([]);
  }, 20_000);
});

describe('hostile command-line parsers', () => {
  const hang = (marker: string): string => `${NODE} -e "setInterval(() => {}, 1000)" ${marker}`;
  it('a parser that hangs is killed with its whole group at the timeout', async () => {
    const marker = newMarker();
    const report = await conform({ makeAdapter: () => cliAdapter(`${hang(marker)} & ${hang(marker)}; echo []`, { limits: short }), select: two });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['errored', 'no result within 0.5 s'],
      ['errored', 'no result within 0.5 s'],
    ]);
    await expectNoneLeft(marker);
  }, 20_000);
  it('a parser that leaves a background child holding stdout still gives its answer', async () => {
    const marker = newMarker();
    const report = await conform({ makeAdapter: () => cliAdapter(`${hang(marker)} & echo '[]'`, { limits: patient }), select: two });
    expect(report.results.map((r) => r.answer)).toEqual(['records', 'records']);
    await expectNoneLeft(marker);
  }, 20_000);
  it('a child that leaves the process group and holds stdout cannot hang the run', async () => {
    const marker = newMarker();
    try {
      const report = await conform({ makeAdapter: () => cliAdapter(`setsid ${hang(marker)} & sleep 2; echo []`, { limits: short }), select: (id) => id === 'st11-3.2-tls-init' });
      expect(report.results.map((r) => [r.status, r.message])).toEqual([['errored', 'no result within 0.5 s']]);
    } finally {
      for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL'); // out of the runner's reach by design
    }
  }, 20_000);
  it('a rejection is the last line of stderr, not all of it', async () => {
    const report = await conform({ makeAdapter: () => cliAdapter("printf 'Traceback (most recent call last):\\n  File x\\nValueError: bad RDW at 0\\n' >&2; exit 1", { limits: patient }), select: (id) => id === 'st11-3.2-tls-init' });
    expect(report.results[0]).toMatchObject({ status: 'fail', answer: 'rejected', message: 'rejected a valid input: ValueError: bad RDW at 0' });
  }, 20_000);
});

describe('file names never reach a shell as text', () => {
  // One directory name holding everything a shell would act on.
  const HOSTILE = "a $(touch pwned-dollar) `touch pwned-tick` ;touch pwned-semi; 'q' \"d\" sp  ace\nnewline";
  const corpus = (): { root: string; work: string; input: string } => {
    const root = mkdtempSync(join(tmpdir(), 'zf-inject-'));
    const dir = join(root, HOSTILE);
    mkdirSync(join(dir, 'cases'), { recursive: true });
    const entry = loadManifest().cases.find((c) => c.id === 'st11-3.2-tls-init')!;
    copyFileSync(join(CORPUS_DIR, entry.input), join(dir, entry.input));
    copyFileSync(join(CORPUS_DIR, entry.expected!), join(dir, entry.expected!));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'test', cases: [entry] }));
    const work = join(root, 'work');
    mkdirSync(work);
    return { root, work, input: join(dir, entry.input) };
  };
  it.each([
    ['bare', 'printf %s {input}', (p: string) => p],
    ['double-quoted', 'printf %s "{input}"', (p: string) => p],
    ['single-quoted', "printf %s '{input}'", (p: string) => p],
    ['inside a word', 'printf %s --file={input}.', (p: string) => `--file=${p}.`],
    ['inside quoted words', `printf %s "<{input}>" '[{input}]'`, (p: string) => `<${p}>[${p}]`],
    ['from the environment', 'printf %s "$ZF_INPUT"', (p: string) => p],
  ])('%s: the parser gets the path, and nothing in it runs', async (_style, print, expected) => {
    const { root, work, input } = corpus();
    const capture = join(root, 'capture');
    const template = `cd '${work}' && ${print} > '${capture}'; echo []`;
    const report = await conform({ corpusDir: join(root, HOSTILE), makeAdapter: () => cliAdapter(template, { limits: patient }) });
    expect(report.results[0]!.answer).toBe('records');
    expect(readFileSync(capture, 'utf8')).toBe(expected(input));
    expect(readdirSync(work)).toEqual([]); // no pwned-* file from a substitution
    expect(existsSync(join(process.cwd(), 'pwned-dollar'))).toBe(false);
  }, 20_000);
  it('{output} in single quotes is the output file', async () => {
    const { root } = corpus();
    const report = await conform({ corpusDir: join(root, HOSTILE), makeAdapter: () => cliAdapter(`cat '{input}' >/dev/null; echo '[{"Header":{"SMF119HDSubType":12}}]' > '{output}'`, { limits: patient }) });
    expect(report.results[0]).toMatchObject({ answer: 'records', status: 'fail', message: '1 field(s) wrong, first record[0] Header.SMF119HDSubType' });
  }, 20_000);
  it('the placeholders become positional parameters suited to their quotes', () => {
    expect(shellTemplate('p {input} "{input}" \'{input}\' x{output}')).toBe('p "${1}" "${1}" \'\'"${1}"\'\' x"${2}"');
    expect(shellTemplate('echo "it\'s {input}" \\\'{input}')).toBe('echo "it\'s ${1}" \\\'"${1}"');
  });
});

describe('the runner interrupted', () => {
  it('SIGTERM to the runner kills its parsers', async () => {
    const marker = newMarker();
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const bin = fileURLToPath(new URL('../bin/zert-forge.ts', import.meta.url));
    const runner = spawn(process.execPath, ['--import', tsx, bin, 'conform', '--parser', fake('fork-hang', marker), '--timeout', '60', '--jobs', '2'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => runner.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    // Both parsers (one per job) are running once their node processes exist; each has forked a child that
    // does not read stdin, so it outlives the runner unless its process group is killed.
    const parsers = (): number[] => processesWith(marker).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`${process.execPath}\0${FAKE}\0`));
    for (let i = 0; i < 600 && parsers().length < 2; i++) await sleep(100);
    expect(parsers()).toHaveLength(2);
    for (let i = 0; i < 50 && processesWith(marker).length < 4; i++) await sleep(100);
    runner.kill('SIGTERM');
    await exited;
    await expectNoneLeft(marker);
  }, 120_000);
});
