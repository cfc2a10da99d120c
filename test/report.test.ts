import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../conformance/corpus/golden.js';
import type { ReportModel } from '../conformance/runner/html/model.js';
import { buildModel } from '../conformance/runner/html/model.js';
import { htmlReport } from '../conformance/runner/reports.js';
import type { ConformReport } from '../conformance/runner/run.js';
import { conform, loadManifest } from '../conformance/runner/run.js';
import { readRecords } from '../io/framing.js';
import { formatDiagnostic } from '../spec/errors.js';
import { formatRows, inspectRecord } from '../spec/inspect.js';
import { repeatedCorpus, SLOPPY, sloppyAdapter } from '../test-browser/fixtures.js';

// The HTML report's model and page, against a parser with known bugs (test-browser/fixtures.ts): the numbers
// are checked against the expected JSON files of the corpus, the case view's data against `zert-forge inspect`.

let report: ConformReport;
let model: ReportModel;

beforeAll(async () => {
  report = await conform({ makeAdapter: sloppyAdapter });
  model = buildModel(report, CORPUS_DIR);
});

/** The expected records of the cases the sloppy parser answered with records. */
function comparedExpectations(subtype: number): Record<string, unknown>[][] {
  const compared = new Set(report.results.filter((r) => r.fields.length > 0).map((r) => r.id));
  return loadManifest().cases.filter((c) => c.subtype === subtype && compared.has(c.id)).map((c) => JSON.parse(readFileSync(join(CORPUS_DIR, c.expected!), 'utf8')) as Record<string, unknown>[]);
}

const occurrences = (records: Record<string, unknown>[], section: string): Record<string, unknown>[] =>
  records.flatMap((r) => (Array.isArray(r[section]) ? (r[section] as Record<string, unknown>[]) : r[section] ? [r[section] as Record<string, unknown>] : []));

const swappedDiffers = (o: Record<string, unknown>): boolean => {
  const c = o[SLOPPY.swapped] as string;
  return /^[0-9A-F]{4}$/.test(c) && c.slice(0, 2) !== c.slice(2);
};

describe('the HTML report model', () => {
  it('counts wrong and missing fields per section as the expected JSON predicts for the known bugs', () => {
    const st11 = comparedExpectations(11);
    const tls = st11.flatMap((records) => occurrences(records, 'TLS'));
    const withUser = st11.flatMap((records) => occurrences(records, 'Common')).filter((o) => SLOPPY.dropped in o).length;
    const agreement = model.subtypes.find((s) => s.subtype === 11)!;
    const section = (name: string) => agreement.sections.find((s) => s.section === name)!;
    expect(tls.filter(swappedDiffers).length).toBeGreaterThan(0);
    expect(section('TLS').fail).toBe(tls.filter(swappedDiffers).length);
    expect(section('TLS').pass + section('TLS').fail).toBe(tls.reduce((n, o) => n + Object.keys(o).filter((k) => !k.includes('.') && !k.startsWith('@')).length, 0));
    expect(section('Common').missing).toBe(withUser);
    expect(section('Header').fail + section('Header').missing).toBe(0);
    expect(agreement.cases).toEqual({ fail: report.results.filter((r) => r.subtype === 11 && r.status === 'fail').length, pass: expect.any(Number), errored: 1 });
  });
  it('names the most often wrong field first with its first wrong example', () => {
    const [first] = model.wrongFields;
    const cases = comparedExpectations(11).filter((records) => occurrences(records, 'TLS').some(swappedDiffers)).length;
    expect(model.wrongFields).toHaveLength(1);
    expect(first).toMatchObject({ subtype: 11, section: 'TLS', field: SLOPPY.swapped, cases, example: { caseId: 'st11-2.3-tls-init', expected: 'C02F', actual: '2FC0' } });
    expect(cases).toBeLessThan(first!.tally.fail); // the sweep case has several wrong occurrences
  });
  it("gives every record of a case the rows `zert-forge inspect` prints, values included", () => {
    const ids = ['st11-3.2-tls-init', 'st11-3.2-sweep', 'st12-3.2-vbs-default-block', 'st11-3.2-reserved-nonzero', 'st11-3.2-count-overflow'];
    const manifest = loadManifest();
    for (const id of ids) {
      const entry = manifest.cases.find((c) => c.id === id)!;
      const view = model.cases.find((c) => c.id === id)!;
      const records = readRecords(readFileSync(join(CORPUS_DIR, entry.input)), entry.framing as 'rdw' | 'vbs').records;
      expect(view.records, id).toHaveLength(records.length);
      records.forEach((r, i) => {
        const inspected = inspectRecord(r.bytes, { release: entry.release as '3.2' });
        const rec = view.records![i]!;
        const bytes = Buffer.from(rec.bytes, 'base64');
        const fields = new Map(view.fields.map((f) => [model.strings[f[0]], f[2]]));
        // Rebuild each row as the page does: hex cut from the bytes, the value from the field result's expected value.
        const rows = model.layouts[rec.layout]!.map(([offset, length, path], k) => {
          const name = model.strings[path]!;
          const parts = name.split(' > ');
          const resultPath = `record[${i}] ${parts.slice(1, -1).join(' > ')}.${parts.at(-1)}`;
          const value = rec.values?.[k] ?? (fields.has(resultPath) ? JSON.stringify(fields.get(resultPath)) : '');
          const hex = rec.hex?.[k] ?? bytes.subarray(offset, offset + Math.min(length, 24)).toString('hex').toUpperCase() + (length > 24 ? '...' : '');
          return { offset, length, hex, path: name, value };
        });
        expect(rec.head).toBe(formatRows(i, r.offset, r.bytes.length, inspectRecord(r.bytes, { release: entry.release as '3.2' })).split('\n')[0]);
        expect(rows, `${id} record ${i}`).toEqual(inspected.rows.map(({ offset, length, hex, path, value }) => ({ offset, length, hex, path, value: value === undefined ? '' : JSON.stringify(value) })));
        expect(rec.diagnostics ?? []).toEqual(inspected.result.diagnostics.map(formatDiagnostic));
      });
    }
  });
  it('dumps the bytes of an input zert-forge cannot split into records', () => {
    const view = model.cases.find((c) => c.id === 'st11-3.2-truncated')!;
    expect(view.records).toBeUndefined();
    expect(view.inputNote).toMatch(/cannot split the file into records/);
    expect(view.dump).toMatch(/^ {5}0 {2}[0-9A-F]{32}$/m);
  });
  it('keeps properties and statuses of the case result it does not know', () => {
    const first = report.results[0]!;
    const newer = { ...report, results: [{ ...first, missing: [{ record: 1 }], fields: first.fields.map((f, i) => (i === 0 ? { ...f, status: 'unaligned' as 'fail' } : f)) }] };
    const m = buildModel(newer, CORPUS_DIR);
    expect(m.cases[0]!.more).toEqual({ missing: [{ record: 1 }] });
    expect(m.cases[0]!.fields[0]![1]).toBe('unaligned');
    expect(m.subtypes[0]!.fields.other).toBe(1);
  });
  it('says why there is no annotated hex when the corpus is not the one the report was run on', () => {
    expect(buildModel({ ...report, corpusVersion: '0.0.1' }, CORPUS_DIR).corpusNote).toMatch(/is version .* the report was run on 0\.0\.1/);
    expect(buildModel(report, tmpdir()).corpusNote).toMatch(/cannot read the corpus manifest/);
  });
});

describe('the HTML page', () => {
  it('carries hostile text as data, not markup', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const page = htmlReport({ ...report, implementation: { name: hostile }, results: report.results.map((r, i) => (i === 0 ? { ...r, message: hostile, description: hostile } : r)) });
    const data = /<script type="application\/json" id="zf-data">([^]*?)<\/script>/.exec(page)![1]!;
    expect(data).not.toMatch(/<\/script|<!--/i);
    expect((JSON.parse(data) as ReportModel).cases[0]!.message).toBe(hostile);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).not.toContain(hostile);
  });
  it('is self-contained: no URL the browser would fetch', () => {
    const page = htmlReport(report);
    expect(page).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(page).not.toMatch(/url\(|@import|https?:\/\//);
  });
  it('stays small for 1,000 cases', async () => {
    const corpusDir = repeatedCorpus(1000);
    const big = await conform({ makeAdapter: sloppyAdapter, corpusDir });
    const page = htmlReport(big, { corpusDir });
    const records = loadManifest(corpusDir).cases.reduce((n, c) => n + c.records, 0);
    expect(records).toBeGreaterThan(2000);
    // Measured 7.7 MB for 1,000 cases of the 44-case corpus (3,120 records), 10.5 MB of the 63-case corpus 1.1.0
    // (longer VBS and skip cases; inspect rows gained text and code-name columns): room, not a factor.
    expect(page.length).toBeLessThan(12e6);
    expect(page.length / records).toBeLessThan(4200);
  });
});
