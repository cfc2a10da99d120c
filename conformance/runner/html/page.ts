import type { CaseStatus, ConformReport } from '../run.js';
import { CLIENT } from './client.js';
import type { ReportModel, SubtypeAgreement, Tally, WrongField } from './model.js';
import { buildModel, emptyTally, total } from './model.js';
import { STYLE } from './style.js';

// The HTML report: a self-contained page (inline CSS and script, no network) that answers "what is wrong
// with my parser" from the top down: case counts, agreement per subtype and section, the fields most often
// wrong with an example each, the cases that failed as a whole, then a matrix per subtype and a per-case view
// with the input's annotated hex next to the parser's values.

export interface HtmlReportOptions {
  /** The corpus directory the report was run on: the case inputs for the annotated hex come from it. */
  corpusDir: string;
}

const STATUSES: CaseStatus[] = ['pass', 'fail', 'errored', 'skipped', 'xfail'];
const TALLY_KEYS = ['pass', 'fail', 'missing', 'other'] as const;
const TALLY_LABEL: Record<(typeof TALLY_KEYS)[number], string> = { pass: 'right', fail: 'wrong', missing: 'missing', other: 'other' };

const html = (s: string): string => s.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);
const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const json = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));
/** JSON inside a <script> element: no "</script" or "<!--" can occur once every "<" is escaped. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

function bar(t: Tally): string {
  const n = total(t);
  const parts = TALLY_KEYS.filter((k) => t[k] > 0).map((k) => `<i class="${k}" style="width:${((100 * t[k]) / n).toFixed(2)}%" title="${TALLY_LABEL[k]} ${t[k]}"></i>`);
  return `<div class="bar" role="img" aria-label="${TALLY_KEYS.map((k) => `${TALLY_LABEL[k]} ${t[k]}`).join(', ')}">${parts.join('')}</div>`;
}

function tallyCells(t: Tally): string {
  const reported = t.pass + t.fail + t.other;
  return `<td class="n total">${total(t)}</td><td class="n right">${t.pass}</td><td class="n wrong${t.fail ? ' some' : ''}">${t.fail}</td><td class="n missing">${t.missing}</td>`
    + `<td class="n agreement" title="right / (right + wrong)">${pct(t.pass, reported)}</td><td class="n reported" title="reported / expected">${pct(reported, total(t))}</td><td>${bar(t)}</td>`;
}

function caseChips(cases: Record<string, number>): string {
  const order = (s: string): number => (STATUSES.includes(s as CaseStatus) ? STATUSES.indexOf(s as CaseStatus) : STATUSES.length);
  return Object.entries(cases).sort(([a], [b]) => order(a) - order(b)).map(([s, n]) => `<span class="chip s-${html(s)}" data-status="${html(s)}">${html(s)} <b>${n}</b></span>`).join('');
}

function agreementTable(a: SubtypeAgreement): string {
  const rows = a.sections.map((s) => `<tr data-section="${html(s.section)}"><th>${html(s.section)}</th>${tallyCells(s)}</tr>`);
  const cases = Object.values(a.cases).reduce((x, y) => x + y, 0);
  return `<h3 id="agreement-${a.subtype}">Subtype ${a.subtype}: ${html(a.title.replace(/\s*\(subtype \d+\)$/, ''))} <span class="chip">${cases} case${cases === 1 ? '' : 's'}</span>${caseChips(a.cases)}</h3>
${a.sections.length === 0 ? '<p class="help">No field was compared (every case was rejected, skipped or errored).</p>' : `<table class="agree" data-subtype="${a.subtype}"><thead><tr><th>section</th><th>expected fields</th><th>right</th><th>wrong</th><th>missing</th><th>agreement</th><th>reported</th><th></th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
<tfoot><tr data-section=""><th>all sections</th>${tallyCells(a.fields)}</tr></tfoot></table>`}`;
}

const WRONG_SHOWN = 25;

function wrongTable(wrong: WrongField[]): string {
  if (wrong.length === 0) return '<p class="help" id="no-wrong">No field has a wrong value.</p>';
  const rows = wrong.slice(0, WRONG_SHOWN).map((w) => {
    const t = w.tally;
    const ex = w.example;
    return `<tr data-field="st${w.subtype} ${html(w.section)}.${html(w.field)}"><th><span class="sec">st${w.subtype} ${html(w.section)}.</span>${html(w.field)}</th><td class="n wrong some">${t.fail}</td><td class="n compared">${t.pass + t.fail + t.other}</td><td class="n cases">${w.cases}</td><td>${bar({ ...emptyTally(), pass: t.pass, fail: t.fail, other: t.other })}</td>`
      + `<td><a href="#case=${encodeURIComponent(ex.caseId)}" class="example">${html(ex.caseId)}</a><div class="path">${html(ex.path)}</div></td><td class="val"><code>${html(json(ex.expected))}</code></td><td class="val"><code>${html(json(ex.actual))}</code></td></tr>`;
  });
  const more = wrong.length > WRONG_SHOWN ? `<p class="help">and ${wrong.length - WRONG_SHOWN} more field(s) with wrong values: ${wrong.slice(WRONG_SHOWN).map((w) => `st${w.subtype} ${html(w.section)}.${html(w.field)} (${w.tally.fail})`).join(', ')}</p>` : '';
  return `<table class="wrong"><thead><tr><th>field</th><th>wrong</th><th>compared</th><th>in cases</th><th></th><th>example case</th><th>expected</th><th>parser</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${more}`;
}

/** Failed or errored cases whose fields could not be the reason: rejected, accepted, crashed, counts differ. */
function wholeCaseTable(report: ConformReport): string {
  const whole = report.results.filter((r) => (r.status === 'fail' || r.status === 'errored') && !r.fields.some((f) => f.status === 'fail'));
  const surprises = report.results.filter((r) => r.unexpectedPass);
  const rows = [...whole, ...surprises].map((r) => `<tr data-case="${html(r.id)}"><th><a href="#case=${encodeURIComponent(r.id)}">${html(r.id)}</a></th><td><span class="badge s-${r.status}">${r.status}</span></td><td>${html(r.message)}</td></tr>`);
  if (rows.length === 0) return '';
  return `<h2 id="whole">Cases wrong as a whole</h2><p class="help">Rejected, accepted, crashed, or no field to blame; and expected failures that now pass.</p>
<table class="whole"><thead><tr><th>case</th><th>status</th><th>message</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function matrixSection(model: ReportModel): string {
  const sections = [...new Set(model.columns.map((c) => c.section))];
  const filters = `<div class="filters"><label>Filter <input id="filter" type="search" placeholder="case id, description, message, flag"></label>
<label>Status <select id="status"><option value="">any</option>${STATUSES.map((s) => `<option>${s}</option>`).join('')}</select></label>
<label>Section <select id="section"><option value="">all</option>${sections.map((s) => `<option>${html(s)}</option>`).join('')}</select></label>
<label><input id="only-wrong" type="checkbox"> only fields with wrong values</label><span>showing <b id="shown">${model.cases.length}</b> case(s)</span></div>`;
  const matrices = model.matrices.map((m) => `<h3>Subtype ${m.subtype} <span class="path">(<span id="shown-${m.subtype}"></span> shown)</span></h3><div class="mx-wrap" id="matrix-${m.subtype}"></div><p class="more" id="more-${m.subtype}"></p>`);
  return `<section id="matrix"><h2>Cases × fields</h2><p class="help">One matrix per subtype, fields grouped by section: green right, red wrong (≠ the parser's value; hover for the expected one), grey missing, blank: not in this case. Click a case or a cell for the case view: the record's annotated hex next to the parser's values.</p>
${filters}
${matrices.join('\n')}</section>`;
}

export function htmlPage(report: ConformReport, counts: Record<CaseStatus, number>, options: HtmlReportOptions): string {
  const model = buildModel(report, options.corpusDir);
  const impl = report.implementation;
  const title = `${impl.name}${impl.version ? ` ${impl.version}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>zert-forge conformance: ${html(title)}</title><style>${STYLE}</style></head>
<body>
<header>
<h1>zert-forge conformance: ${html(title)}</h1>
<p class="meta">Golden corpus ${html(report.corpusVersion)}, ${report.results.length} cases, run ${html(report.startedAt)} in ${(report.durationMs / 1000).toFixed(1)} s${report.strict ? '; strict: missing fields count as wrong' : ''}.</p>
<p class="counts"><span>total <b id="count-total">${report.results.length}</b></span>${STATUSES.map((s) => `<span class="s-${s}">${s} <b id="count-${s}">${counts[s]}</b></span>`).join('')}</p>
</header>
<main>
<section id="agreement"><h2>Agreement by subtype and section</h2>
<p class="help">Every expected field of every compared record: <b>right</b> the parser's value is the expected one, <b>wrong</b> it differs, <b>missing</b> the parser did not report it. Agreement = right / (right + wrong); reported = share of the expected fields the parser gave.</p>
${model.subtypes.map(agreementTable).join('\n')}
</section>
<section id="wrong"><h2>Fields most often wrong</h2>
${wrongTable(model.wrongFields)}
${wholeCaseTable(report)}
</section>
${matrixSection(model)}
</main>
<aside id="case-view" hidden aria-label="case view"></aside>
<script type="application/json" id="zf-data">${scriptJson({ ...model, subtypes: undefined, wrongFields: undefined })}</script>
<script>${CLIENT}</script>
</body></html>
`;
}
