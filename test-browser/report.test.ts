import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../conformance/corpus/golden.js';
import { counts, htmlReport } from '../conformance/runner/reports.js';
import type { ConformReport } from '../conformance/runner/run.js';
import { conform, loadManifest } from '../conformance/runner/run.js';
import { readRecords } from '../io/framing.js';
import { formatRows, inspectRecord } from '../spec/inspect.js';
import { repeatedCorpus, SLOPPY, sloppyAdapter } from './fixtures.js';

// The HTML report in a real headless Chromium (Debian's /usr/bin/chromium), for a parser with known bugs
// (fixtures.ts): it loads without errors, its summary shows the run's numbers, the case column stays put
// when the matrix scrolls sideways, the filters work, and the case view shows the annotated hex exactly as
// `zert-forge inspect` has it, next to the parser's values. Screenshots go to test-browser/artifacts/.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
let browser: Browser;
let report: ConformReport;
let url: string;

function writePage(page: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'zf-html-')), 'report.html');
  writeFileSync(file, page);
  return pathToFileURL(file).href;
}

async function open(href: string, problems: string[] = []): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Generous: 8 MB of report on a loaded 2-core machine; a hang still fails well inside the test's 120 s.
  page.setDefaultTimeout(90_000);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(href);
  return page;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  report = await conform({ makeAdapter: sloppyAdapter });
  url = writePage(htmlReport(report));
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

const fieldsOf = (subtype: number, section: string, status: string): number =>
  report.results.filter((r) => r.subtype === subtype).reduce((n, r) => n + r.fields.filter((f) => f.section === section && f.status === status).length, 0);

describe('the HTML conformance report in headless Chromium', () => {
  it('shows the case counts, the agreement per section and the most often wrong field', async () => {
    const problems: string[] = [];
    const page = await open(url, problems);
    const c = counts(report);
    expect(await page.textContent('#count-total')).toBe(String(report.results.length));
    for (const s of ['pass', 'fail', 'errored', 'skipped', 'xfail'] as const) expect(await page.textContent(`#count-${s}`), s).toBe(String(c[s]));
    const tls = page.locator('table.agree[data-subtype="11"] tr[data-section="TLS"]');
    expect(Number(await tls.locator('td.wrong').textContent())).toBe(fieldsOf(11, 'TLS', 'fail'));
    expect(Number(await tls.locator('td.right').textContent())).toBe(fieldsOf(11, 'TLS', 'pass'));
    const common = page.locator('table.agree[data-subtype="11"] tr[data-section="Common"]');
    expect(Number(await common.locator('td.missing').textContent())).toBe(fieldsOf(11, 'Common', 'missing'));
    expect(fieldsOf(11, 'TLS', 'fail')).toBeGreaterThan(0);
    expect(await page.locator('table.agree[data-subtype="12"] td.wrong.some').count()).toBe(0);
    const wrong = page.locator('table.wrong tbody tr');
    expect(await wrong.count()).toBe(1);
    expect(await wrong.getAttribute('data-field')).toBe(`st11 TLS.${SLOPPY.swapped}`);
    expect(await wrong.locator('td.val').allTextContents()).toEqual(['"C02F"', '"2FC0"']);
    const whole = await page.locator('table.whole tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
    expect(whole).toEqual(report.results.filter((r) => (r.status === 'fail' || r.status === 'errored') && r.fields.length === 0).map((r) => r.id));
    expect(await page.locator('table.whole').textContent()).toContain('rejected a valid input: VBS files are not supported');
    await page.screenshot({ path: join(ARTIFACTS, 'report-summary.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the case column in place while the matrix scrolls sideways', async () => {
    const page = await open(url);
    const wrap = page.locator('#matrix-11');
    await wrap.scrollIntoViewIfNeeded();
    const caseCell = wrap.locator('tbody tr').first().locator('th.case');
    const fieldCell = wrap.locator('tbody tr').first().locator('td').nth(20);
    const before = (await caseCell.boundingBox())!;
    const fieldBefore = (await fieldCell.boundingBox())!;
    const scrolled = await wrap.evaluate((el) => {
      el.scrollLeft = 1500;
      return el.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(1000);
    const after = (await caseCell.boundingBox())!;
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    expect(after.y).toBe(before.y);
    expect((await fieldCell.boundingBox())!.x).toBeCloseTo(fieldBefore.x - scrolled, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-matrix-scrolled.png') });
    await page.close();
  });

  it('filters by status, text and section, and can show only the wrong fields', async () => {
    const page = await open(url);
    const c = counts(report);
    await page.selectOption('#status', 'errored');
    expect(await page.textContent('#shown')).toBe(String(c.errored));
    expect(await page.locator('table.mx tbody tr').count()).toBe(c.errored);
    expect(await page.locator('table.mx tbody tr').getAttribute('data-case')).toBe(SLOPPY.crashes);
    await page.selectOption('#status', '');
    // The text filter looks at the case id, description, message and flags.
    await page.fill('#filter', 'Failed-SSH');
    const bySsh = report.results.filter((r) => [r.id, r.description, r.message, ...r.flags].some((t) => t.toLowerCase().includes('failed-ssh')));
    expect(bySsh.length).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('#shown')).toBe(String(bySsh.length));
    expect(await page.locator('table.mx tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).toEqual(bySsh.filter((r) => r.subtype === 11).map((r) => r.id).concat(bySsh.filter((r) => r.subtype === 12).map((r) => r.id)));
    await page.fill('#filter', '');
    await page.selectOption('#section', 'TLS');
    expect(await page.locator('#matrix-11 tr.groups th:not(.case)').allTextContents()).toEqual(['TLS']);
    const tlsFields = new Set(report.results.filter((r) => r.subtype === 11).flatMap((r) => r.fields.filter((f) => f.section === 'TLS').map((f) => f.field)));
    expect(await page.locator('#matrix-11 tr.names th').count()).toBe(tlsFields.size);
    await page.selectOption('#section', '');
    await page.check('#only-wrong');
    expect(await page.locator('#matrix-11 tr.names th').evaluateAll((ths) => ths.map((th) => th.getAttribute('title')))).toEqual([`TLS.${SLOPPY.swapped}`]);
    const failing = report.results.filter((r) => r.subtype === 11 && r.fields.some((f) => f.status === 'fail')).length;
    expect(await page.locator('#matrix-11 td.fail').count()).toBe(failing);
    await page.close();
  });

  it('opens the case view on a wrong cell: the record as `inspect` prints it, next to the parser\'s values', async () => {
    const page = await open(url);
    await page.check('#only-wrong');
    await page.locator('#matrix-11 tr[data-case="st11-3.2-tls-init"] td.fail').click();
    const view = page.locator('#case-view');
    await view.waitFor({ state: 'visible' });
    expect(await view.locator('#case-title').textContent()).toContain('st11-3.2-tls-init');
    const entry = loadManifest().cases.find((e) => e.id === 'st11-3.2-tls-init')!;
    const [record] = readRecords(readFileSync(join(CORPUS_DIR, entry.input)), 'rdw').records;
    const { rows } = inspectRecord(record!.bytes, { release: '3.2' });
    const shown = await view.locator('table.hex tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)));
    expect(shown).toEqual(rows.map((r) => [String(r.offset), String(r.length), r.hex, r.path, r.value === undefined ? '' : JSON.stringify(r.value)]));
    const focus = view.locator('table.hex tr.focus');
    expect(await focus.count()).toBe(1);
    expect(await focus.locator('td').allTextContents()).toEqual(expect.arrayContaining([`st11 > TLS[0] > ${SLOPPY.swapped}`, '"C02F"', '"2FC0"', '✗ wrong']));
    expect(await view.locator('table.hex tr.missing td.parser').first().textContent()).toBe('not reported');
    expect(await view.locator('table.diffs tbody tr').allTextContents()).toEqual([`record[0] TLS[0].${SLOPPY.swapped}"C02F""2FC0"`]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-case.png') });
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('shows each record of a multi-record case, a hex dump of input that cannot be split, and what else the runner reported', async () => {
    const page = await open(`${url}#case=st11-3.2-sweep`);
    const view = page.locator('#case-view');
    await view.waitFor({ state: 'visible' });
    const entry = loadManifest().cases.find((e) => e.id === 'st11-3.2-sweep')!;
    const records = readRecords(readFileSync(join(CORPUS_DIR, entry.input)), 'rdw').records;
    expect(await view.locator('.recs button').count()).toBe(records.length);
    await view.locator('.recs button[data-rec="3"]').click();
    expect(await view.locator('#hex > div.mono').textContent()).toBe(formatRows(3, records[3]!.offset, records[3]!.bytes.length, inspectRecord(records[3]!.bytes, { release: '3.2' })).split('\n')[0]);
    await page.goto(`${url}#case=st11-3.2-truncated`);
    await view.waitFor({ state: 'visible' });
    expect(await view.locator('pre.dump').textContent()).toMatch(/^ {5}0 {2}[0-9A-F]{32}$/m);
    await page.goto(`${url}#case=${SLOPPY.crashes}`);
    await view.locator('dl.facts pre').waitFor();
    expect(JSON.parse((await view.locator('dl.facts pre').textContent())!)).toEqual({ context: { stderr: expect.stringContaining('Traceback') } });
    await page.close();
  });

  it('renders 1,000 cases without errors, 100 rows per matrix at first', async () => {
    const corpusDir = repeatedCorpus(1000);
    const big = await conform({ makeAdapter: sloppyAdapter, corpusDir });
    const problems: string[] = [];
    const page = await open(writePage(htmlReport(big, { corpusDir })), problems);
    expect(await page.textContent('#count-total')).toBe('1000');
    const st11 = big.results.filter((r) => r.subtype === 11).length;
    expect(await page.locator('#matrix-11 tbody tr').count()).toBe(100);
    expect(await page.textContent('#shown-11')).toBe(`100 of ${st11}`);
    await page.locator('#more-11 button[data-n="100"]').click();
    expect(await page.locator('#matrix-11 tbody tr').count()).toBe(200);
    await page.selectOption('#status', 'errored');
    expect(await page.locator('table.mx tbody tr').count()).toBe(counts(big).errored);
    await page.goto(`${page.url().split('#')[0]}#case=st11-3.2-sweep-x9`);
    await page.locator('#case-view table.hex').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
