import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinAdapter, cliAdapter, NdjsonAdapter } from '../conformance/runner/adapters.js';
import type { Limits } from '../conformance/runner/adapters.js';
import { compareRecord, sameValue } from '../conformance/runner/compare.js';
import { counts, htmlReport, junitXml, textSummary, toJsonl } from '../conformance/runner/reports.js';
import type { ConformReport } from '../conformance/runner/run.js';
import { conform, loadManifest, succeeded } from '../conformance/runner/run.js';
import { SUBTYPE_DEFS } from '../spec/layout.js';
import type { FieldDef } from '../spec/types.js';

const FAKE = fileURLToPath(new URL('./fakes/parser.mjs', import.meta.url));
const PYTHON = fileURLToPath(new URL('../conformance/adapters/python_minimal.py', import.meta.url));
const PY_XFAIL = fileURLToPath(new URL('../conformance/adapters/python_minimal.expected-failures.json', import.meta.url));
const manifest = loadManifest();
const valid = manifest.cases.filter((c) => c.expectation === 'valid');
const invalid = manifest.cases.filter((c) => c.expectation === 'invalid');
// A few cases of each kind keep the misbehaving-parser tests quick.
const SAMPLE = new Set(['st11-3.2-tls-init', 'st12-3.2-tls-interval', 'st11-3.2-bad-packed-date', 'st11-3.2-no-date-form']);
const sample = (id: string): boolean => SAMPLE.has(id);
const fast: Limits = { timeoutMs: 1500, maxOutputBytes: 64 << 10 };

describe('our own decoder as the parser', () => {
  it('passes every valid case and rejects every invalid one, in-process and over the ndjson protocol', async () => {
    const inProcess = await conform({ makeAdapter: builtinAdapter, jobs: 2 });
    expect(inProcess.results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(inProcess.results).toHaveLength(manifest.cases.length);
    for (const r of inProcess.results.filter((x) => x.expectation === 'invalid')) expect(r.answer).toBe('rejected');
    expect(inProcess.results.flatMap((r) => r.fields).every((f) => f.status === 'pass')).toBe(true);
    const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url));
    const bin = fileURLToPath(new URL('../bin/zert-forge.ts', import.meta.url));
    const overProtocol = await conform({ makeAdapter: () => new NdjsonAdapter(`"${process.execPath}" --import "${tsx}" "${bin}" adapter`), jobs: 2 });
    expect(overProtocol.results.map((r) => r.status)).toEqual(inProcess.results.map((r) => r.status));
    expect(overProtocol.implementation.name).toBe('zert-forge');
  });
});

describe('the minimal Python adapter', () => {
  it('is reported with its partial coverage', async () => {
    const report = await conform({ makeAdapter: () => new NdjsonAdapter(`python3 "${PYTHON}"`), jobs: 2, expectedFailures: JSON.parse(readFileSync(PY_XFAIL, 'utf8')) });
    const c = counts(report);
    const skippedIds = report.results.filter((r) => r.status === 'skipped').map((r) => r.id);
    expect(skippedIds.sort()).toEqual(manifest.cases.filter((x) => x.subtype === 12 || x.framing === 'vbs').map((x) => x.id).sort());
    expect(c.fail).toBe(0);
    expect(c.errored).toBe(0);
    expect(c.xfail).toBe(1);
    expect(succeeded(report)).toBe(true);
    const summary = textSummary(report);
    expect(summary).toMatch(/st11 Common\s+reported 100\.0%\s+right 100\.0%/);
    expect(summary).toMatch(/st11 SSH\s+reported\s+0\.0%/);
    expect(summary).toMatch(/st11 TLS\s+reported\s+\d+\.\d%\s+right 100\.0%/);
    const fields = report.results.flatMap((r) => r.fields);
    expect(fields.some((f) => f.status === 'missing')).toBe(true);
    expect(fields.filter((f) => f.status === 'fail')).toEqual([]);
  });
});

describe('misbehaving parsers give the right result class, never a runner crash', () => {
  const runFake = (mode: string, extra: Partial<Parameters<typeof conform>[0]> = {}): Promise<ConformReport> =>
    conform({ makeAdapter: () => new NdjsonAdapter(`"${process.execPath}" "${FAKE}" ${mode}`, fast), select: sample, ...extra });
  it.each([
    ['wrong', ['fail', 'fail', 'fail', 'fail']],
    ['crash', ['errored', 'errored', 'errored', 'errored']],
    ['hang', ['errored', 'errored', 'errored', 'errored']],
    ['junk', ['errored', 'errored', 'errored', 'errored']],
    ['flood', ['errored', 'errored', 'errored', 'errored']],
    ['skip', ['skipped', 'skipped', 'skipped', 'skipped']],
    ['badseq', ['errored', 'errored', 'errored', 'errored']],
    ['reject-all', ['fail', 'fail', 'pass', 'pass']],
  ])('%s', async (mode, statuses) => {
    const report = await runFake(mode);
    expect(report.results.map((r) => r.status)).toEqual(statuses);
  }, 30_000);
  it('a crash keeps the tail of stderr as context, and a wrong value shows a diff', async () => {
    const crash = await runFake('crash');
    expect(crash.results[0]!.context).toMatchObject({ stderr: expect.stringContaining('segmentation fault') });
    const wrong = await runFake('wrong');
    expect(wrong.results[0]!.fields).toContainEqual(expect.objectContaining({ path: 'record[0] Header.SMF119HDLength', status: 'fail', actual: 1 }));
  });
  it('an expected failure does not fail the run; one that passes is reported', async () => {
    const report = await runFake('reject-all', { expectedFailures: { 'st11-3.2-tls-init': 'known', 'st11-3.2-bad-packed-date': 'listed by mistake' } });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['st11-3.2-tls-init']!.status).toBe('xfail');
    expect(byId['st12-3.2-tls-interval']!.status).toBe('fail');
    expect(byId['st11-3.2-bad-packed-date']).toMatchObject({ status: 'pass', unexpectedPass: true });
    expect(textSummary(report)).toMatch(/passes, but is listed as an expected failure/);
  });
  it('the CLI adapter: exit codes, JSON on stdout or in {output}, junk and timeouts', async () => {
    const one = (template: string, limits = fast) => conform({ makeAdapter: () => cliAdapter(template, { limits }), select: (id) => id === 'st11-3.2-tls-init' });
    const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url));
    const bin = fileURLToPath(new URL('../bin/zert-forge.ts', import.meta.url));
    // Our decoder starts through tsx: slower than the fakes, so it gets a generous limit.
    const patient: Limits = { timeoutMs: 30_000, maxOutputBytes: 64 << 20 };
    expect((await one(`"${process.execPath}" --import "${tsx}" "${bin}" decode {input} --format json`, patient)).results[0]!.status).toBe('pass');
    expect((await one(`"${process.execPath}" --import "${tsx}" "${bin}" decode {input} --format json > {output}`, patient)).results[0]!.status).toBe('pass');
    expect((await one('echo not json')).results[0]).toMatchObject({ status: 'errored', message: expect.stringContaining('not JSON') });
    expect((await one('exit 1')).results[0]).toMatchObject({ status: 'fail', answer: 'rejected' });
    expect((await one('kill -9 $$')).results[0]).toMatchObject({ status: 'errored' });
    expect((await one('sleep 5', { timeoutMs: 300, maxOutputBytes: 1 << 20 })).results[0]).toMatchObject({ status: 'errored', message: expect.stringContaining('no result within') });
  }, 90_000);
});

describe('field comparison by type', () => {
  const field = (section: string, name: string): FieldDef => {
    for (const st of [11, 12] as const) {
      const f = SUBTYPE_DEFS[st].sections.find((s) => s.key === section)?.fields.find((x) => x.name === name);
      if (f) return f;
    }
    throw new Error(name);
  };
  it.each([
    ['Common', 'SMF119SC_SARIP', '2001:db8::1', '2001:0DB8:0000:0000:0000:0000:0000:0001', true],
    ['Common', 'SMF119SC_SARIP', '10.1.2.3', '::ffff:10.1.2.3', true],
    ['Common', 'SMF119SC_SARIP', '10.1.2.3', '10.1.2.4', false],
    ['Common', 'SMF119SC_SAInBytes', '18446744073709551615', '18446744073709551615', true],
    ['Common', 'SMF119SC_SAInBytes', '4096', 4096, true],
    ['Common', 'SMF119SC_SAEvent_Type', 1, 'connection initiation', true],
    ['Common', 'SMF119SC_SAEvent_Type', 1, "X'01'", true],
    ['Common', 'SMF119SC_SAEvent_Type', 1, 2, false],
    ['Common', 'SMF119SC_SAJobname', 'CICSA', 'CICSA   ', true],
    ['Common', 'SMF119SC_SASTime', '08:00:00.00', 2880000, true],
    ['Common', 'SMF119SC_SASDate', '2025-03-01', '2025060', true],
    ['TLS', 'SMF119SC_TLS_SCert_Time', '2026-01-31T23:59:59Z', '260131235959Z', true],
    ['TLS', 'SMF119SC_TLS_SCert_Time', '2026-01-31T23:59:59Z', '2026-02-01T00:59:59+01:00', true],
    ['TLS', 'SMF119SC_TLS_SCert_Serial', '01AB', '0x01ab', true],
    ['TLS', 'SMF119SC_TLS_Neg_Cipher', 'C02F', 'c02f  ', true],
  ])('%s %s: %j vs %j', (section, name, expected, actual, same) => {
    expect(sameValue(field(section, name), expected, actual)).toBe(same);
  });
  it('absent and empty sections are different answers', () => {
    const expected = { Header: { SMF119HDSubType: 11 }, TLS: [] };
    const results = compareRecord(11, expected, { Header: { SMF119HDSubType: 11 }, TLS: [{ SMF119SC_TLS_Prot_Ver: 771 }] }, 0);
    expect(results).toContainEqual(expect.objectContaining({ field: '(occurrences)', status: 'fail' }));
  });
  it('reads flat output with an alias map', () => {
    const expected = { Header: { SMF119HDSubType: 11, SMF119HDSID: 'SYSA' }, Common: [{ SMF119SC_SAEvent_Type: 3 }] };
    const actual = { subtype: 11, system: 'SYSA', event: 'TERM' };
    const aliases = { fields: { subtype: 'SMF119HDSubType', system: 'SMF119HDSID', event: 'SMF119SC_SAEvent_Type' }, values: { SMF119SC_SAEvent_Type: { TERM: 3 } } };
    expect(compareRecord(11, expected, actual, 0, aliases).map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });
});

describe('reports', () => {
  it('JSONL, text, JUnit XML and HTML agree on the counts', async () => {
    const report = await conform({ makeAdapter: () => new NdjsonAdapter(`"${process.execPath}" "${FAKE}" reject-all`, fast), select: sample });
    expect(toJsonl(report).trim().split('\n').map((l) => JSON.parse(l).status)).toEqual(['fail', 'fail', 'pass', 'pass']);
    const xml = junitXml(report);
    expect(xml).toMatch(/<testsuites name="zert-forge conformance" tests="4" failures="2" errors="0" skipped="0">/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(4);
    const page = htmlReport(report);
    expect(page).toContain('<b id="count-total">4</b>');
    expect(page).toContain('<b id="count-fail">2</b>');
    expect(page).toContain('<b id="count-pass">2</b>');
  });
  it('covers every case kind in the corpus', () => {
    expect(valid.length).toBeGreaterThan(20);
    expect(invalid.length).toBeGreaterThanOrEqual(8);
  });
});
