import type { FieldStatus } from './compare.js';
import { counts } from './reports.js';
import type { CaseStatus, ConformReport } from './run.js';

// The machine-readable summary of a run (`conform --format json`): case counts, and agreement per section and
// per field, for pipelines that track a parser's conformance over time.

export const SUMMARY_FORMAT = 'zert-forge conform summary 1';

interface Tally {
  /** Fields the corpus expects. */
  expected: number;
  /** Of those, fields the parser reported. */
  reported: number;
  right: number;
  wrong: number;
  missing: number;
  /** right / reported; null when nothing was reported. */
  agreement: number | null;
}

export interface SectionAgreement extends Tally {
  subtype: number;
  section: string;
}

export interface FieldAgreement extends Tally {
  subtype: number;
  section: string;
  field: string;
  /** The first wrong value, to show what the parser writes. */
  example?: { case: string; path: string; expected: unknown; actual: unknown };
}

export interface JsonSummary {
  format: typeof SUMMARY_FORMAT;
  implementation: ConformReport['implementation'];
  corpusVersion: string;
  startedAt: string;
  durationMs: number;
  strict: boolean;
  cases: Record<CaseStatus, number> & { total: number; unexpectedPass: number };
  /** (pass + xfail) / cases not skipped; null when every case was skipped. */
  passRate: number | null;
  stopped?: ConformReport['stopped'];
  fields: Tally;
  sections: SectionAgreement[];
  fieldAgreement: FieldAgreement[];
  results: { id: string; status: CaseStatus; message: string; missingRecords?: number[]; extraRecords?: number[]; unexpectedPass?: boolean }[];
}

const emptyTally = (): Tally => ({ expected: 0, reported: 0, right: 0, wrong: 0, missing: 0, agreement: null });
const COUNTER: Record<FieldStatus, 'right' | 'wrong' | 'missing'> = { pass: 'right', fail: 'wrong', missing: 'missing' };

function add(t: Tally, status: FieldStatus): void {
  t.expected++;
  t[COUNTER[status]]++;
  if (status !== 'missing') t.reported++;
  t.agreement = t.reported ? t.right / t.reported : null;
}

export function jsonSummary(report: ConformReport): JsonSummary {
  const c = counts(report);
  const total = emptyTally();
  const sections = new Map<string, SectionAgreement>();
  const fields = new Map<string, FieldAgreement>();
  for (const r of report.results) {
    for (const f of r.fields) {
      add(total, f.status);
      const sKey = `${r.subtype} ${f.section}`;
      const s = sections.get(sKey) ?? { subtype: r.subtype, section: f.section, ...emptyTally() };
      add(s, f.status);
      sections.set(sKey, s);
      const fKey = `${sKey}.${f.field}`;
      const a = fields.get(fKey) ?? { subtype: r.subtype, section: f.section, field: f.field, ...emptyTally() };
      add(a, f.status);
      if (f.status === 'fail' && !a.example) a.example = { case: r.id, path: f.path, expected: f.expected, actual: f.actual };
      fields.set(fKey, a);
    }
  }
  const run = report.results.length - c.skipped;
  const order = (a: { subtype: number; section: string; field?: string }, b: typeof a): number => a.subtype - b.subtype || a.section.localeCompare(b.section) || (a.field ?? '').localeCompare(b.field ?? '');
  return {
    format: SUMMARY_FORMAT,
    implementation: report.implementation,
    corpusVersion: report.corpusVersion,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    strict: report.strict,
    cases: { total: report.results.length, ...c, unexpectedPass: report.results.filter((r) => r.unexpectedPass).length },
    passRate: run ? (c.pass + c.xfail) / run : null,
    ...(report.stopped ? { stopped: report.stopped } : {}),
    fields: total,
    sections: [...sections.values()].sort(order),
    fieldAgreement: [...fields.values()].sort(order),
    results: report.results.map((r) => ({
      id: r.id, status: r.status, message: r.message,
      ...(r.missingRecords ? { missingRecords: r.missingRecords, extraRecords: r.extraRecords } : {}),
      ...(r.unexpectedPass ? { unexpectedPass: true } : {}),
    })),
  };
}
