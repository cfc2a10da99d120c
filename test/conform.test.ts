import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { builtinAdapter, cliAdapter, NdjsonAdapter } from '../conformance/runner/adapters.js';
import type { Limits } from '../conformance/runner/adapters.js';
import { alignRecords } from '../conformance/runner/align.js';
import { ALIAS_MAP_SCHEMA, AliasMapError, fromNotation, validateAliasMap } from '../conformance/runner/aliases.js';
import { compareRecord } from '../conformance/runner/compare.js';
import { compareField } from '../spec/fields.js';
import { jsonSummary } from '../conformance/runner/summary.js';
import type { CanonicalRecord } from '../spec/codec.js';
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
// For tests whose parser answers, or whose limit includes starting a process: a loaded machine is slow.
const generous: Limits = { timeoutMs: 10_000, maxOutputBytes: 64 << 10 };

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
    const one = (template: string, limits = generous) => conform({ makeAdapter: () => cliAdapter(template, { limits }), select: (id) => id === 'st11-3.2-tls-init' });
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
    expect(compareField(field(section, name), expected, actual)).toBe(same);
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

describe('alias maps scoped by subtype and section (issue 10 §1)', () => {
  it('one parser key means different fields per subtype and per section', () => {
    const aliases = validateAliasMap({
      sections: { hdr: 'Header' },
      fields: { time: 'SMF119HDTime' },
      bySubtype: {
        '11': { sections: { S1: 'Common' }, fields: { job: 'SMF119SC_SAJobname' }, bySection: { Common: { fields: { time: 'SMF119SC_SASTime' } } } },
        '12': { sections: { S1: 'Common' }, fields: { job: 'SMF119SS_SAJobname' } },
      },
    });
    const st11 = { Header: { SMF119HDTime: '14:03:22.51' }, Common: [{ SMF119SC_SASTime: '14:03:12.00', SMF119SC_SAJobname: 'CICSA' }] };
    const actual11 = { hdr: { time: '14:03:22.51' }, S1: [{ time: '14:03:12.00', job: 'CICSA' }] };
    expect(compareRecord(11, st11, actual11, 0, aliases).map((f) => [f.field, f.status])).toEqual([
      ['SMF119HDTime', 'pass'],
      ['SMF119SC_SASTime', 'pass'],
      ['SMF119SC_SAJobname', 'pass'],
    ]);
    const st12 = { Common: [{ SMF119SS_SAJobname: 'JOBNAME0' }] };
    expect(compareRecord(12, st12, { hdr: {}, S1: [{ job: 'JOBNAME0' }] }, 0, aliases).map((f) => f.status)).toEqual(['pass']);
    // Without the section scope the Common time would be read as the header's.
    const unscoped = validateAliasMap({ sections: { hdr: 'Header', S1: 'Common' }, fields: { time: 'SMF119HDTime' } });
    expect(compareRecord(11, st11, actual11, 0, unscoped).find((f) => f.field === 'SMF119SC_SASTime')!.status).toBe('missing');
  });
  it.each([
    [[], /^\/ must be object/],
    [{ feilds: {} }, /^\/ must NOT have additional properties \(feilds\)/],
    [{ bySubtype: { '13': {} } }, /bySubtype/],
    [{ bySection: { Tls: {} } }, /bySection/],
    [{ fields: { job: 7 } }, /^\/fields\/job must be string/],
    [{ fields: { job: 'SMF119SC_SAJobnam' } }, /^\/fields\/job: no field SMF119SC_SAJobnam of subtype 11 or 12/],
    [{ bySubtype: { '12': { fields: { job: 'SMF119SC_SAJobname' } } } }, /^\/bySubtype\/12\/fields\/job: no field SMF119SC_SAJobname of subtype 12/],
    [{ bySection: { TLS: { fields: { job: 'SMF119SC_SAJobname' } } } }, /^\/bySection\/TLS\/fields\/job: no field SMF119SC_SAJobname in section TLS/],
    [{ notations: { SMF119SC_SAJobname: 'hex' } }, /a text field cannot be written in notation hex/],
    [{ notations: { SMF119SC_SASTime: 'hexadecimal' } }, /^\/notations\/SMF119SC_SASTime must be equal to one of the allowed values/],
    [{ sections: { s9: 'Enforcement' }, bySubtype: { '12': { sections: { s9: 'Enforcement' } } } }, /^\/bySubtype\/12\/sections\/s9: no section Enforcement in subtype 12/],
  ])('a map of the wrong shape is refused: %j', (map, message) => {
    expect(() => validateAliasMap(map)).toThrow(AliasMapError);
    expect(() => validateAliasMap(map)).toThrow(message);
  });
  it('the schema is valid JSON Schema and refuses what validateAliasMap refuses', () => {
    const validate = new Ajv({ strict: true, strictTuples: false }).compile(ALIAS_MAP_SCHEMA);
    expect(validate({ fields: { a: 'SMF119HDSID' }, bySubtype: { '11': { bySection: { TLS: { notations: { SMF119SC_TLS_Prot_Ver: 'hex' } } } } } })).toBe(true);
    expect(validate({ fields: [] })).toBe(false);
  });
});

describe('value notations (issue 10 §1)', () => {
  // Hand-written: X'0303' = 771 (TLS 1.2), X'80' = 128, 02:02:01.23 = 732123 hundredths, 1769903999 s = 2026-01-31T23:59:59Z.
  it.each([
    ['Common', 'SMF119SC_SASecProtos', 'hex', '80', 128, true],
    ['Common', 'SMF119SC_SASecProtos', 'hex', '0x80', 128, true],
    ['Common', 'SMF119SC_SASecProtos', 'hex', '81', 128, false],
    ['TLS', 'SMF119SC_TLS_Prot_Ver', 'hex', '0303', 771, true],
    ['TLS', 'SMF119SC_TLS_Prot_Ver', 'decimal', '771', 771, true],
    ['Common', 'SMF119SC_SASTime', 'hundredths', '732123', '02:02:01.23', true],
    ['Common', 'SMF119SC_SASTime', 'hundredths', 732124, '02:02:01.23', false],
    ['Common', 'SMF119SC_SASTime', 'seconds', '7321.23', '02:02:01.23', true],
    ['TLS', 'SMF119SC_TLS_SCert_Time', 'epoch', 1769903999, '2026-01-31T23:59:59Z', true],
    ['TLS', 'SMF119SC_TLS_SCert_Time', 'epoch-ms', '1769903999000', '2026-01-31T23:59:59Z', true],
    ['TLS', 'SMF119SC_TLS_SCert_Time', 'epoch', 'yesterday', '2026-01-31T23:59:59Z', false],
    ['Common', 'SMF119SC_SASDate', 'epoch', 1769903999, '2026-01-31', true],
    ['Common', 'SMF119SC_SARIP', 'hex', '0A010203', '10.1.2.3', true],
    ['TLS', 'SMF119SC_TLS_SCert_Serial', 'base64', 'Aas=', '01AB', true],
  ])('%s %s in %s: %j vs %j', (section, name, notation, actual, expected, same) => {
    const occurrence = { [name]: expected };
    const want = { [section]: [occurrence] } as CanonicalRecord;
    const aliases = validateAliasMap({ notations: { [name]: notation } });
    const [result] = compareRecord(11, want, { Header: {}, [section]: [{ [name]: actual }] }, 0, aliases);
    expect(result).toMatchObject({ field: name, status: same ? 'pass' : 'fail', actual });
  });
  it('without the notation, hex digits are read as decimal and count as wrong', () => {
    const want = { Common: [{ SMF119SC_SASecProtos: 128 }] } as CanonicalRecord;
    expect(compareRecord(11, want, { Header: {}, Common: [{ SMF119SC_SASecProtos: '80' }] }, 0)[0]!.status).toBe('fail');
  });
  it('a notation for a duration: hundredths and seconds in TOD units (bit 51 = 1 microsecond)', () => {
    const def = SUBTYPE_DEFS[12].sections.find((s) => s.key === 'Common')!.fields.find((f) => f.name === 'SMF119SS_SAIntervalDuration')!;
    // 60 s = 60,000,000 microseconds x 4096 = 245,760,000,000 TOD units.
    expect(fromNotation('seconds', def, 60)).toBe('245760000000');
    expect(fromNotation('hundredths', def, '6000')).toBe('245760000000');
  });
  it('byte fields with a _Len companion compare on the first _Len bytes', () => {
    const want = { TLS: [{ SMF119SC_TLS_Session_ID_Len: 3, SMF119SC_TLS_Session_ID: '202122' }] } as CanonicalRecord;
    const cmp = (actual: string): string | undefined =>
      compareRecord(11, want, { Header: {}, TLS: [{ SMF119SC_TLS_Session_ID: actual }] }, 0).find((f) => f.field === 'SMF119SC_TLS_Session_ID')?.status;
    expect(cmp('0x202122' + '00'.repeat(29))).toBe('pass');
    expect(cmp('202122')).toBe('pass');
    expect(cmp('20212300')).toBe('fail');
    expect(cmp('2021')).toBe('fail');
  });
});

describe('records aligned when the counts differ (issue 10 §1)', () => {
  const expectedOf = (id: string): CanonicalRecord[] => JSON.parse(readFileSync(new URL(`../conformance/corpus/cases/${id}.json`, import.meta.url), 'utf8'));
  const sweep = expectedOf('st11-3.2-sweep');
  it('by identity: says which records are missing and which are extra, and compares the rest', () => {
    const junk = { Header: { SMF119HDTime: '23:59:59.99', SMF119HDSubType: 11 } };
    const actual = [...sweep.slice(0, 3), ...sweep.slice(4, 7), junk, ...sweep.slice(8)];
    const al = alignRecords(11, sweep, actual, [], undefined);
    expect(al).toMatchObject({ by: 'key', missing: [3, 7], extra: [6] });
    expect(al.pairs).toHaveLength(12);
    expect(al.pairs).toContainEqual([8, 7]);
  });
  it('by a reported @index or @offset', () => {
    const withIndex = [sweep[5], sweep[1]].map((r, i) => ({ ...r, '@index': [5, 1][i] }));
    expect(alignRecords(11, sweep, withIndex, [])).toMatchObject({ by: 'index', pairs: [[1, 1], [5, 0]], extra: [] });
    const offsets = sweep.map((_, i) => 1000 + i);
    expect(alignRecords(11, sweep, [{ '@offset': 1013 }, { '@offset': 7 }], offsets)).toMatchObject({ by: 'offset', pairs: [[13, 0]], extra: [1] });
  });
  it('through conform: the message names the missing record, paired records are compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zf-align-'));
    const answer = join(dir, 'answer.json');
    writeFileSync(answer, JSON.stringify(expectedOf('st12-3.2-enable-disable').slice(1)));
    const report = await conform({ makeAdapter: () => cliAdapter(`cat '${answer}'`, { limits: generous }), select: (id) => id === 'st12-3.2-enable-disable' });
    const r = report.results[0]!;
    expect(r).toMatchObject({ status: 'fail', missingRecords: [0], extraRecords: [] });
    expect(r.message).toMatch(/^1 record\(s\) returned, 2 expected; paired by key: missing record\[0\] \(\S+ 14:03:22\.51 \S+\)$/);
    expect(r.fields.length).toBeGreaterThan(50);
    expect(r.fields.every((f) => f.status === 'pass' && f.path.startsWith('record[1] '))).toBe(true);
  });
});

describe('the JSON summary (conform --format json)', () => {
  it('counts cases and agreement per section and per field', async () => {
    const report = await conform({ makeAdapter: () => new NdjsonAdapter(`"${process.execPath}" "${FAKE}" wrong`, generous), select: sample });
    const s = jsonSummary(report);
    // The fake answers every case with a header of SMF119HDLength 1 and SMF119HDSubType 99: both wrong,
    // in the two valid cases (st11 and st12) and the acceptable one (st11, no-date-form); the invalid case
    // (bad-packed-date) fails without fields.
    expect(s.cases).toMatchObject({ total: 4, pass: 0, fail: 4, errored: 0 });
    expect(s.passRate).toBe(0);
    const header11 = s.sections.find((x) => x.subtype === 11 && x.section === 'Header')!;
    expect(header11).toMatchObject({ reported: 4, right: 0, wrong: 4, agreement: 0 });
    expect(s.fieldAgreement.find((f) => f.subtype === 12 && f.field === 'SMF119HDSubType')).toMatchObject({
      section: 'Header', expected: 1, reported: 1, wrong: 1, example: { case: 'st12-3.2-tls-interval', expected: 12, actual: 99 },
    });
    expect(s.fields.reported).toBe(6);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('start-up cost', () => {
  it('the protocol schemas are compiled on first use, not when the module is loaded', async () => {
    vi.resetModules();
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const protocol = await import('../conformance/runner/protocol.js');
      expect(compile).not.toHaveBeenCalled();
      expect(protocol.validators().start({ cmd: 'start', version: 1 })).toBe(true);
      expect(compile).toHaveBeenCalledTimes(Object.keys(protocol.PROTOCOL_SCHEMAS).length);
      protocol.validators();
      expect(compile).toHaveBeenCalledTimes(Object.keys(protocol.PROTOCOL_SCHEMAS).length);
    } finally {
      compile.mockRestore();
    }
  });
});
