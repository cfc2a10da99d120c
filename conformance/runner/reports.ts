import type { FieldResult } from './compare.js';
import type { CaseStatus, ConformReport } from './run.js';

// Four views of one conformance run: JSONL (one line per case), a text summary, JUnit XML for CI, and a
// self-contained HTML matrix of cases x fields.

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

const html = (s: string): string => s.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);
const WORST: Record<FieldResult['status'], number> = { pass: 0, missing: 1, fail: 2 };
const CELL: Record<FieldResult['status'], string> = { pass: '✓ pass', fail: '✗ fail', missing: '· missing' };

export function htmlReport(report: ConformReport): string {
  const c = counts(report);
  const columns = [...new Set(report.results.flatMap((r) => r.fields.map((f) => `st${r.subtype} ${f.section}.${f.field}`)))].sort();
  const rows = report.results.map((r) => {
    const worst = new Map<string, FieldResult>();
    for (const f of r.fields) {
      const key = `st${r.subtype} ${f.section}.${f.field}`;
      const prev = worst.get(key);
      if (!prev || WORST[f.status] > WORST[prev.status]) worst.set(key, f);
    }
    const cells = columns.map((col) => {
      const f = worst.get(col);
      if (!f) return '<td class="na"></td>';
      const title = f.status === 'fail' ? `${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}` : `${f.path}: ${JSON.stringify(f.expected)}`;
      return `<td class="${f.status}" title="${html(title)}">${CELL[f.status]}</td>`;
    });
    return `<tr data-status="${r.status}" data-id="${html(r.id)}"><th class="case" title="${html(r.description)}">${html(r.id)}</th><td class="status ${r.status}">${r.status}</td><td class="msg">${html(r.message)}</td>${cells.join('')}</tr>`;
  });
  const style = `body{font:13px system-ui,sans-serif;margin:1em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 4px;white-space:nowrap}
thead th{position:sticky;top:0;background:#f4f4f4;writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal}thead th.fixed{writing-mode:horizontal-tb;transform:none}
.pass{background:#d8f5d8}.fail{background:#f7c6c6}.errored{background:#f3d19c}.skipped,.missing{background:#eee;color:#666}.xfail{background:#e4dcf7}.na{background:#fff}
td.msg{max-width:28em;overflow:hidden;text-overflow:ellipsis}.counts span{margin-right:1.2em;padding:2px 6px}`;
  const script = `const q=document.getElementById('filter'),s=document.getElementById('status');function apply(){const t=q.value.toLowerCase(),st=s.value;let shown=0;for(const r of document.querySelectorAll('tbody tr')){const ok=(!t||r.dataset.id.toLowerCase().includes(t)||r.textContent.toLowerCase().includes(t))&&(!st||r.dataset.status===st);r.hidden=!ok;if(ok)shown++;}document.getElementById('shown').textContent=String(shown);}q.addEventListener('input',apply);s.addEventListener('change',apply);`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zert-forge conformance: ${html(report.implementation.name)}</title><style>${style}</style></head>
<body>
<h1>zert-forge conformance: ${html(report.implementation.name)}${report.implementation.version ? ` ${html(report.implementation.version)}` : ''}</h1>
<p>Golden corpus ${html(report.corpusVersion)}, ${report.results.length} cases, run ${html(report.startedAt)} in ${(report.durationMs / 1000).toFixed(1)} s.</p>
<p class="counts"><span>total <b id="count-total">${report.results.length}</b></span>${STATUSES.map((s) => `<span class="${s}">${s} <b id="count-${s}">${c[s]}</b></span>`).join('')}</p>
<p><label>Filter <input id="filter" placeholder="case id or text"></label> <label>Status <select id="status"><option value="">any</option>${STATUSES.map((s) => `<option>${s}</option>`).join('')}</select></label> showing <b id="shown">${report.results.length}</b></p>
<table><thead><tr><th class="fixed">case</th><th class="fixed">status</th><th class="fixed">message</th>${columns.map((col) => `<th>${html(col)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<script>${script}</script>
</body></html>
`;
}
