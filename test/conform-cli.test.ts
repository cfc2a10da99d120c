import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import * as conformCommand from '../bin/commands/conform.js';

// `zert-forge conform` in-process, through yargs: arguments, messages and exit statuses (issue 12 items 9,
// 10, 12; issue 10 §1). Every refusal is one line on stderr naming the path or option and the problem.

const FAKE = fileURLToPath(new URL('./fakes/parser.mjs', import.meta.url));
const fake = (mode: string): string => `"${process.execPath}" "${FAKE}" ${mode}`;
const SAMPLE = '^(st11-3\\.2-tls-init|st12-3\\.2-tls-interval)$';

async function conformCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await yargs(['conform', ...args])
      .command(conformCommand)
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new Error(message);
      })
      .parseAsync();
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    process.exitCode = before;
  }
}

const dir = (): string => mkdtempSync(join(tmpdir(), 'zf-conform-cli-'));
const oneLine = (stderr: string): string => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr.trim();
};

describe('conform: a corpus that cannot be used is one line, exit 2', () => {
  const corpusWith = (manifest?: string): string => {
    const d = dir();
    if (manifest !== undefined) writeFileSync(join(d, 'manifest.json'), manifest);
    return d;
  };
  const file = join(dir(), 'plain-file');
  writeFileSync(file, 'x');
  it.each([
    ['a missing directory', () => join(dir(), 'nowhere'), (d: string) => `${d}: no such corpus directory`],
    ['a file', () => file, (d: string) => `${d}: not a directory`],
    ['a directory without manifest.json', () => corpusWith(), (d: string) => `${d}/manifest.json: no manifest.json here`],
    ['a manifest that is not JSON', () => corpusWith('{"cases": ['), (d: string) => `${d}/manifest.json: not JSON`],
    ['an empty object', () => corpusWith('{}'), (d: string) => `${d}/manifest.json: not a corpus manifest: the top level must have required property 'version'`],
    [
      'a case without input',
      () => corpusWith(JSON.stringify({ version: '1', cases: [{ id: 'c1', subtype: 11, release: '3.2', framing: 'rdw', expectation: 'valid', expected: null }] })),
      (d: string) => `${d}/manifest.json: not a corpus manifest: /cases/0 (case c1) must have required property 'input'`,
    ],
    [
      'a case whose input file is missing',
      () => corpusWith(JSON.stringify({ version: '1', cases: [{ id: 'c1', subtype: 11, release: '3.2', framing: 'rdw', expectation: 'invalid', input: 'cases/c1.smf', expected: null }] })),
      (d: string) => `${d}/cases/c1.smf: input of case c1: no such file`,
    ],
  ])('%s', async (_what, make, message) => {
    const corpus = make();
    const r = await conformCli(['--builtin', '--corpus', corpus]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain(`zert-forge: ${message(corpus)}`);
  });
});

describe('conform: options', () => {
  it('an alias map of the wrong shape is a usage error naming the map and the place', async () => {
    const d = dir();
    const write = (name: string, json: unknown): string => {
      writeFileSync(join(d, name), JSON.stringify(json));
      return join(d, name);
    };
    for (const [map, message] of [
      [write('array.json', [{ fields: {} }]), '/ must be object'],
      [write('typo.json', { field: { a: 'SMF119HDSID' } }), '/ must NOT have additional properties (field)'],
      [write('unknown.json', { fields: { a: 'SMF119HDSYSID' } }), '/fields/a: no field SMF119HDSYSID of subtype 11 or 12'],
    ] as const) {
      const r = await conformCli(['--builtin', '--alias-map', map, '--cases', 'tls-init']);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`zert-forge: alias map ${map}: ${message}`);
    }
    const good = await conformCli(['--builtin', '--alias-map', write('good.json', { bySubtype: { '11': { fields: { a: 'SMF119HDSID' } } } }), '--cases', 'st11-3.2-tls-init']);
    expect(good.code).toBe(0);
  });
  it('timeouts beyond what a timer can hold are usage errors', async () => {
    for (const [option, value] of [['--timeout', '2147484'], ['--startup-timeout', '1e12'], ['--timeout', '0']]) {
      const r = await conformCli(['--builtin', option!, value!]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(new RegExp(`^zert-forge: ${option} must be (at most 2147483 seconds|a positive number)`));
    }
  });
  it('--jobs above twice the cores is capped with a note', async () => {
    const r = await conformCli(['--builtin', '--jobs', '64', '--cases', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--jobs 64 capped at ${availableParallelism() * 2}`);
  });
  it('--report-dir that cannot be created or written is one line, exit 2, before any case runs', async () => {
    const file = join(dir(), 'a-file');
    writeFileSync(file, '');
    for (const [reportDir, message] of [
      ['/proc/zf-x', '--report-dir /proc/zf-x: cannot create /proc/zf-x: ENOENT'],
      [file, `--report-dir ${file}: ${file} is not a directory`],
      [join(file, 'sub'), `--report-dir ${join(file, 'sub')}: ${file} is not a directory`],
    ]) {
      const r = await conformCli(['--parser', fake('hang'), '--report-dir', reportDir!]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(`zert-forge: ${message}`);
    }
    const fresh = join(dir(), 'a', 'b');
    expect((await conformCli(['--builtin', '--cases', SAMPLE, '--report-dir', fresh])).code).toBe(0);
    expect(readdirSync(fresh).sort()).toEqual(['junit.xml', 'report.html', 'results.jsonl', 'summary.txt']);
  });
  it('--format json prints the machine-readable summary on stdout', async () => {
    const r = await conformCli(['--builtin', '--cases', SAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ format: 'zert-forge conform summary 1', cases: { total: 2, pass: 2 }, passRate: 1, implementation: { name: 'zert-forge' } });
    expect(s.sections.map((x: { subtype: number; section: string }) => `${x.subtype} ${x.section}`)).toContain('12 Common');
    expect(s.fieldAgreement.every((f: { agreement: number }) => f.agreement === 1)).toBe(true);
  });
  it('--fail-fast stops at the first failure; --name names the parser', async () => {
    const r = await conformCli(['--parser', fake('reject-all'), '--fail-fast', '--jobs', '1', '--name', 'my parser 2.0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^zert-forge conform: my parser 2\.0 against golden corpus \S+: 1 cases/);
    expect(r.stderr).toMatch(/stopped early \(--fail-fast: st11-2\.3-tls-init fail\): \d+ case\(s\) not run/);
  });
  it('a parser command that is not found is one line, exit 2; one that does not start, exit 1', async () => {
    const missing = await conformCli(['--parser', 'zf-no-such-parser --ndjson']);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toMatch(/^zert-forge: parser: parser command not found: .*zf-no-such-parser/);
    const silent = await conformCli(['--parser', fake('hang-before-start'), '--startup-timeout', '0.5']);
    expect(silent.code).toBe(1);
    expect(oneLine(silent.stderr)).toBe('zert-forge: parser: did not start: no answer to "start" within 0.5 s');
  }, 20_000);
  it('expected failures that are not {"case-id": "reason"} are a usage error', async () => {
    const d = dir();
    mkdirSync(join(d, 'x'));
    writeFileSync(join(d, 'list.json'), '["st11-3.2-tls-init"]');
    const r = await conformCli(['--builtin', '--expected-failures', join(d, 'list.json')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/expected failures .*list\.json: must be a JSON object/);
  });
});

describe('conform: nothing selected', () => {
  it('says so without starting the parser', async () => {
    const r = await conformCli(['--parser', 'zf-no-such-parser', '--cases', '^no-such-case$']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('zert-forge: no case matches --cases');
  });
});
