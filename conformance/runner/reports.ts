import { CORPUS_DIR } from '../corpus/golden.js';
import type { HtmlReportOptions } from './html/page.js';
import { htmlPage } from './html/page.js';
import type { CaseStatus, ConformReport } from './run.js';

// Four views of one conformance run: JSONL (one line per case), a text summary, JUnit XML for CI, and a
// self-contained HTML page (html/page.ts).

const STATUSES: CaseStatus[] = ['pass', 'fail', 'errored', 'skipped', 'xfail'];

export function counts(report: ConformReport): Record<CaseStatus, number> {
  const c = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of report.results) c[r.status]++;
  return c;
}

export function toJsonl(report: ConformReport): string {
  return report.results.map((r) => JSON.stringify({ corpusVersion: report.corpusVersion, implementation: report.implementation.name, ...r })).join('\n') + '\n';
}

interface FieldStats {
  key: string;
  pass: number;
  fail: number;
  missing: number;
}

/** Per "stNN Section.Field" over all compared cases. */
export function fieldStats(report: ConformReport): FieldStats[] {
  const stats = new Map<string, FieldStats>();
  for (const r of report.results) {
    for (const f of r.fields) {
      const key = `st${r.subtype} ${f.section}.${f.field}`;
      const s = stats.get(key) ?? { key, pass: 0, fail: 0, missing: 0 };
      s[f.status]++;
      stats.set(key, s);
    }
  }
  return [...stats.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

export function textSummary(report: ConformReport): string {
  const c = counts(report);
  const run = report.results.length - c.skipped;
  const fields = report.results.flatMap((r) => r.fields);
  const reported = fields.filter((f) => f.status !== 'missing');
  const lines = [
    `zert-forge conform: ${report.implementation.name}${report.implementation.version ? ` ${report.implementation.version}` : ''} against golden corpus ${report.corpusVersion}: ${report.results.length} cases in ${(report.durationMs / 1000).toFixed(1)} s`,
    `cases: ${STATUSES.map((s) => `${s} ${c[s]}`).join(', ')}; pass rate ${pct(c.pass + c.xfail, run)} of cases run`,
    `fields: ${reported.length}/${fields.length} expected fields reported (${pct(reported.length, fields.length)}); ${fields.filter((f) => f.status === 'pass').length} right, ${fields.filter((f) => f.status === 'fail').length} wrong, ${fields.length - reported.length} missing${report.strict ? ' (strict: missing counts as wrong)' : ''}`,
  ];
  const bySection = new Map<string, { pass: number; total: number; reported: number }>();
  for (const r of report.results) for (const f of r.fields) {
    const key = `st${r.subtype} ${f.section}`;
    const s = bySection.get(key) ?? { pass: 0, total: 0, reported: 0 };
    s.total++;
    if (f.status !== 'missing') s.reported++;
    if (f.status === 'pass') s.pass++;
    bySection.set(key, s);
  }
  if (bySection.size) lines.push('coverage by section (reported / expected, right / reported):');
  for (const [key, s] of [...bySection].sort()) lines.push(`  ${key.padEnd(16)} reported ${pct(s.reported, s.total).padStart(6)}   right ${pct(s.pass, s.reported).padStart(6)}`);
  const wrong = fieldStats(report).filter((s) => s.fail > 0);
  if (wrong.length) lines.push('fields with wrong values:', ...wrong.map((s) => `  ${s.key}: ${s.fail} wrong, ${s.pass} right`));
  const notable = report.results.filter((r) => r.status === 'fail' || r.status === 'errored' || r.unexpectedPass);
  if (notable.length) lines.push('cases:', ...notable.map((r) => `  ${r.status.toUpperCase().padEnd(8)} ${r.id}: ${r.message}`));
  const firstDiffs = report.results.flatMap((r) => r.fields.filter((f) => f.status === 'fail').slice(0, 3).map((f) => `  ${r.id} ${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`));
  if (firstDiffs.length) lines.push('first differences:', ...firstDiffs.slice(0, 30));
  return `${lines.join('\n')}\n`;
}

const xml = (s: string): string => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitXml(report: ConformReport): string {
  const c = counts(report);
  const cases = report.results.map((r) => {
    const head = `    <testcase classname="zert-forge.st${r.subtype}.${xml(r.release)}" name="${xml(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}">`;
    const diffs = r.fields.filter((f) => f.status === 'fail').map((f) => `${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`).join('\n');
    const body =
      r.status === 'fail' ? `\n      <failure message="${xml(r.message)}">${xml(diffs || r.message)}</failure>\n    `
      : r.status === 'errored' ? `\n      <error message="${xml(r.message)}">${xml(JSON.stringify(r.context ?? {}))}</error>\n    `
      : r.status === 'skipped' || r.status === 'xfail' ? `\n      <skipped message="${xml(r.message)}"/>\n    `
      : '';
    return `${head}${body}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zert-forge conformance" tests="${report.results.length}" failures="${c.fail}" errors="${c.errored}" skipped="${c.skipped + c.xfail}">`,
    `  <testsuite name="${xml(report.implementation.name)} vs corpus ${xml(report.corpusVersion)}" tests="${report.results.length}" failures="${c.fail}" errors="${c.errored}" skipped="${c.skipped + c.xfail}" timestamp="${report.startedAt}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The self-contained HTML report; its case view reads the case inputs from the corpus the report was run on. */
export function htmlReport(report: ConformReport, options: Partial<HtmlReportOptions> = {}): string {
  return htmlPage(report, counts(report), { corpusDir: options.corpusDir ?? CORPUS_DIR });
}
