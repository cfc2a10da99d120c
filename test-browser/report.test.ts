import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NdjsonAdapter } from '../conformance/runner/adapters.js';
import { counts, htmlReport } from '../conformance/runner/reports.js';
import type { ConformReport } from '../conformance/runner/run.js';
import { conform } from '../conformance/runner/run.js';

// The HTML report in a real headless Chromium (Debian's /usr/bin/chromium): it loads without console
// errors, shows the right counts, and its filters work.

const PYTHON = fileURLToPath(new URL('../conformance/adapters/python_minimal.py', import.meta.url));
let browser: Browser;
let report: ConformReport;
let url: string;

beforeAll(async () => {
  report = await conform({ makeAdapter: () => new NdjsonAdapter(`python3 "${PYTHON}"`), jobs: 2 });
  const file = join(mkdtempSync(join(tmpdir(), 'zf-html-')), 'report.html');
  writeFileSync(file, htmlReport(report));
  url = pathToFileURL(file).href;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML conformance report in headless Chromium', () => {
  it('loads without console errors and shows the right counts', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    const c = counts(report);
    expect(await page.textContent('#count-total')).toBe(String(report.results.length));
    for (const s of ['pass', 'fail', 'errored', 'skipped', 'xfail'] as const) expect(await page.textContent(`#count-${s}`), s).toBe(String(c[s]));
    expect(await page.locator('tbody tr').count()).toBe(report.results.length);
    expect(await page.locator('td.fail[title]').count()).toBe(0); // field cells carry a title; the status column does not
    expect(await page.locator('td.status.fail').count()).toBe(c.fail);
    expect(await page.locator('td.missing').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
  it('filters by status and by text', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.selectOption('#status', 'skipped');
    expect(await page.textContent('#shown')).toBe(String(counts(report).skipped));
    expect(await page.locator('tbody tr:not([hidden])').count()).toBe(counts(report).skipped);
    await page.selectOption('#status', '');
    await page.fill('#filter', 'st11-3.2-failed');
    expect(await page.textContent('#shown')).toBe('2');
    await page.close();
  });
});
