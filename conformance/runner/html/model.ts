import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framing } from '../../../io/framing.js';
import { readRecords } from '../../../io/framing.js';
import { formatDiagnostic } from '../../../spec/errors.js';
import type { InspectRow } from '../../../spec/inspect.js';
import { formatRows, inspectRecord } from '../../../spec/inspect.js';
import { subtypeDef } from '../../../spec/layout.js';
import { toHex } from '../../../spec/primitives.js';
import type { Release } from '../../../spec/types.js';
import type { Manifest, ManifestCase } from '../../corpus/golden.js';
import type { FieldResult } from '../compare.js';
import type { CaseResult, ConformReport } from '../run.js';

// What the HTML report shows, computed once in Node: agreement per subtype and section, the fields most
// often wrong, matrix columns, and per case the field results and the annotated hex of its input records
// (the rows `zert-forge inspect` prints). The page renders the summary from this statically and the
// matrix and case view from a compact JSON copy in the browser.

/** Tallies of field results; `other` holds statuses this report does not know (a newer runner's). */
export interface Tally {
  pass: number;
  fail: number;
  missing: number;
  other: number;
}

export interface SectionAgreement extends Tally {
  section: string;
}

export interface SubtypeAgreement {
  subtype: number;
  title: string;
  cases: Record<string, number>;
  fields: Tally;
  sections: SectionAgreement[];
}

export interface WrongField {
  subtype: number;
  section: string;
  field: string;
  tally: Tally;
  /** Cases with at least one wrong value of this field. */
  cases: number;
  example: { caseId: string; path: string; expected: unknown; actual: unknown };
}

/** A matrix column: one field of one section, in table order. */
export interface Column {
  section: string;
  field: string;
}

/**
 * The rows `zert-forge inspect` prints for a record, as [offset, length, index into `strings` of the path].
 * Records of the same structure share one layout: a corpus has few structures and many records.
 */
export type Layout = [number, number, number][];

/** Bytes shown per row before "...", as `inspect` shows them; rows shown otherwise carry their own hex. */
export const HEX_SHOWN = 24;

export interface RecordView {
  /** File offset of the record. */
  at: number;
  /** The heading `inspect` prints. */
  head: string;
  layout: number;
  /** The record's bytes, base64: the page cuts each row's hex from them. */
  bytes: string;
  /** Row -> value where it is not the expected value of the row's field result (or empty). */
  values?: Record<number, string>;
  /** Row -> hex where `inspect` shows something else than the first HEX_SHOWN bytes and "...". */
  hex?: Record<number, string>;
  /** Row -> values of the inspect columns this report does not know (`extraHexColumns`). */
  extra?: Record<number, string[]>;
  diagnostics?: string[];
}

/** FieldRow statuses: small numbers for the three the runner has today, the string itself for any other. */
export const STATUS_CODE: Record<string, number> = { pass: 0, fail: 1, missing: 2 };

/**
 * One field result: index into `strings` of its path, status (STATUS_CODE), expected, then actual: left out
 * when missing, and when a right value is written exactly as expected.
 */
export type FieldRow = [number, number | string, unknown, unknown?];

export interface CaseView {
  id: string;
  subtype: number;
  release: string;
  status: string;
  message: string;
  description: string;
  expectation: string;
  answer: string;
  flags: string[];
  framing?: string;
  /** What the manifest says about an invalid or acceptable case. */
  why?: string;
  unexpectedPass?: boolean;
  /** Properties of the case result this report does not know, shown as JSON. */
  more?: Record<string, unknown>;
  fields: FieldRow[];
  records?: RecordView[];
  /** Why there is no annotated hex, or what went wrong reading the input. */
  inputNote?: string;
  /** Plain hex dump of an input the framing reader rejects. */
  dump?: string;
}

export interface ReportModel {
  subtypes: SubtypeAgreement[];
  wrongFields: WrongField[];
  /** Per subtype: its matrix columns (indexes into `columns`), grouped by section in table order. */
  matrices: { subtype: number; columns: number[] }[];
  columns: Column[];
  cases: CaseView[];
  /** Interned paths (field results and inspect rows repeat them across cases). */
  strings: string[];
  /** Per string: the matrix column of a field result's path, else -1. */
  stringColumns: number[];
  layouts: Layout[];
  /** Inspect columns this report does not know, by name: the order of RecordView.extra's values. */
  extraHexColumns: string[];
  /** Set when the corpus could not give the case inputs. */
  corpusNote?: string;
}

export const emptyTally = (): Tally => ({ pass: 0, fail: 0, missing: 0, other: 0 });

function count(t: Tally, status: string): void {
  if (status === 'pass' || status === 'fail' || status === 'missing') t[status]++;
  else t.other++;
}

const KNOWN_RESULT_KEYS = new Set<string>(['id', 'description', 'subtype', 'release', 'expectation', 'flags', 'status', 'message', 'answer', 'fields', 'durationMs', 'unexpectedPass']);
const KNOWN_ROW_KEYS = new Set<string>(['offset', 'length', 'hex', 'path', 'value']);
const DUMP_BYTES = 1024;

/** Section order of the tables, then anything else (a section the tables do not know) by name. */
function sectionOrder(subtype: number): Map<string, Map<string, number>> {
  const order = new Map<string, Map<string, number>>();
  for (const s of subtypeDef(subtype)?.sections ?? []) order.set(s.key, new Map(s.fields.map((f, i) => [f.name, i])));
  return order;
}

function matrixColumns(subtype: number, results: CaseResult[]): Column[] {
  const seen = new Map<string, Column>();
  for (const r of results) for (const f of r.fields) seen.set(`${f.section}.${f.field}`, { section: f.section, field: f.field });
  const order = sectionOrder(subtype);
  const sections = [...order.keys()];
  const rank = (c: Column): [number, number] => {
    const s = sections.indexOf(c.section);
    return [s < 0 ? sections.length : s, order.get(c.section)?.get(c.field) ?? Number.MAX_SAFE_INTEGER];
  };
  return [...seen.values()].sort((a, b) => {
    const [sa, fa] = rank(a);
    const [sb, fb] = rank(b);
    return sa - sb || a.section.localeCompare(b.section) || fa - fb || a.field.localeCompare(b.field);
  });
}

function agreement(subtype: number, results: CaseResult[]): SubtypeAgreement {
  const cases: Record<string, number> = {};
  const fields = emptyTally();
  const bySection = new Map<string, SectionAgreement>();
  for (const r of results) {
    cases[r.status] = (cases[r.status] ?? 0) + 1;
    for (const f of r.fields) {
      count(fields, f.status);
      const s = bySection.get(f.section) ?? { section: f.section, ...emptyTally() };
      count(s, f.status);
      bySection.set(f.section, s);
    }
  }
  const sections = [...sectionOrder(subtype).keys()];
  const rank = (s: string): number => (sections.includes(s) ? sections.indexOf(s) : sections.length);
  return {
    subtype,
    title: subtypeDef(subtype)?.title ?? 'unknown subtype',
    cases,
    fields,
    sections: [...bySection.values()].sort((a, b) => rank(a.section) - rank(b.section) || a.section.localeCompare(b.section)),
  };
}

/** Fields with at least one wrong value, most often wrong first, each with its first wrong example. */
function wrongFields(report: ConformReport): WrongField[] {
  const byField = new Map<string, Omit<WrongField, 'example'> & { example?: WrongField['example'] }>();
  for (const r of report.results) {
    const wrongHere = new Set<string>();
    for (const f of r.fields) {
      const key = `${r.subtype} ${f.section}.${f.field}`;
      const w = byField.get(key) ?? { subtype: r.subtype, section: f.section, field: f.field, tally: emptyTally(), cases: 0 };
      byField.set(key, w);
      count(w.tally, f.status);
      if (f.status !== 'fail') continue;
      if (!wrongHere.has(key)) w.cases++;
      wrongHere.add(key);
      if (!w.example) w.example = { caseId: r.id, path: f.path, expected: f.expected, actual: f.actual };
    }
  }
  const share = (w: WrongField): number => w.tally.fail / total(w.tally);
  return [...byField.values()]
    .filter((w): w is WrongField => w.example !== undefined)
    .sort((a, b) => b.tally.fail - a.tally.fail || share(b) - share(a) || a.subtype - b.subtype || a.section.localeCompare(b.section) || a.field.localeCompare(b.field));
}

export const total = (t: Tally): number => t.pass + t.fail + t.missing + t.other;

function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, DUMP_BYTES); at += 16) lines.push(`${String(at).padStart(6)}  ${toHex(bytes.subarray(at, Math.min(at + 16, bytes.length)))}`);
  if (bytes.length > DUMP_BYTES) lines.push(`... ${bytes.length - DUMP_BYTES} more bytes`);
  return lines.join('\n');
}

/** Everything the cases share, interned once: path strings and record layouts. */
class Shared {
  readonly strings: string[] = [];
  readonly stringColumns: number[] = [];
  readonly layouts: Layout[] = [];
  readonly extraHexColumns: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly layoutIndex = new Map<string, number>();

  string(s: string, column = -1): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringColumns.push(column);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  layout(rows: InspectRow[]): number {
    const layout: Layout = rows.map((r) => [r.offset, r.length, this.string(r.path)]);
    const key = JSON.stringify(layout);
    let i = this.layoutIndex.get(key);
    if (i === undefined) {
      i = this.layouts.length;
      this.layouts.push(layout);
      this.layoutIndex.set(key, i);
    }
    return i;
  }
}

const fieldOfTrace = new Map<string, string>();
/** "st11 > Common[0] > SMF119SC_SAJobname" in record 2 -> "record[2] Common[0].SMF119SC_SAJobname", the field result's path. */
function resultPathOfTrace(tracePath: string, record: number): string {
  let field = fieldOfTrace.get(tracePath);
  if (field === undefined) {
    const parts = tracePath.split(' > ');
    field = `${parts.slice(1, -1).join(' > ')}.${parts[parts.length - 1]}`;
    fieldOfTrace.set(tracePath, field);
  }
  return `record[${record}] ${field}`;
}

function recordView(bytes: Uint8Array, index: number, fileOffset: number, release: Release, expectedByPath: Map<string, unknown>, shared: Shared): RecordView {
  const options = { release };
  const inspection = inspectRecord(bytes, options);
  const { result, rows } = inspection;
  const view: RecordView = {
    at: fileOffset,
    // The heading exactly as `zert-forge inspect` prints it (its first line).
    head: formatRows(index, fileOffset, bytes.length, inspection).split('\n', 1)[0]!,
    layout: shared.layout(rows),
    bytes: Buffer.from(bytes).toString('base64'),
  };
  const allHex = toHex(bytes);
  const shownHex = (offset: number, length: number): string => allHex.slice(2 * offset, 2 * (offset + Math.min(length, HEX_SHOWN))) + (length > HEX_SHOWN ? '...' : '');
  const extraKeys = Object.keys(rows[0] ?? {}).filter((k) => !KNOWN_ROW_KEYS.has(k));
  for (const k of extraKeys) if (!shared.extraHexColumns.includes(k)) shared.extraHexColumns.push(k);
  const values: Record<number, string> = {};
  const hex: Record<number, string> = {};
  const extra: Record<number, string[]> = {};
  rows.forEach((row, i) => {
    const path = resultPathOfTrace(row.path, index);
    const implied = expectedByPath.has(path) ? JSON.stringify(expectedByPath.get(path)) : '';
    const shown = row.value === undefined ? '' : JSON.stringify(row.value);
    if (shown !== implied) values[i] = shown;
    if (row.hex !== shownHex(row.offset, row.length)) hex[i] = row.hex;
    if (extraKeys.length) extra[i] = shared.extraHexColumns.map((k) => String((row as unknown as Record<string, unknown>)[k] ?? ''));
  });
  if (Object.keys(values).length) view.values = values;
  if (Object.keys(hex).length) view.hex = hex;
  if (Object.keys(extra).length) view.extra = extra;
  if (result.diagnostics.length) view.diagnostics = result.diagnostics.map(formatDiagnostic);
  return view;
}

function readInputs(view: CaseView, entry: ManifestCase, corpusDir: string, expectedByPath: Map<string, unknown>, shared: Shared): void {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(corpusDir, entry.input));
  } catch (e) {
    view.inputNote = `cannot read the input ${entry.input}: ${(e as Error).message}`;
    return;
  }
  let records;
  try {
    records = readRecords(bytes, entry.framing as Framing).records;
  } catch (e) {
    view.inputNote = `zert-forge cannot split the file into records: ${(e as Error).message}`;
    view.dump = hexDump(bytes);
    return;
  }
  view.records = records.map((r, i) => recordView(r.bytes, i, r.offset, entry.release as Release, expectedByPath, shared));
}

function loadManifest(corpusDir: string, report: ConformReport): { manifest?: Manifest; note?: string } {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (e) {
    return { note: `no annotated hex: cannot read the corpus manifest in ${corpusDir}: ${(e as Error).message}` };
  }
  if (manifest.version !== report.corpusVersion) return { note: `no annotated hex: the corpus in ${corpusDir} is version ${manifest.version}, the report was run on ${report.corpusVersion}` };
  return { manifest };
}

function fieldRow(f: FieldResult, path: number): FieldRow {
  const code = STATUS_CODE[f.status] ?? f.status;
  const row: FieldRow = [path, code, f.expected];
  if (f.actual !== undefined && !(f.status === 'pass' && JSON.stringify(f.actual) === JSON.stringify(f.expected))) row.push(f.actual);
  return row;
}

export function buildModel(report: ConformReport, corpusDir: string): ReportModel {
  const shared = new Shared();
  const subtypes = [...new Set(report.results.map((r) => r.subtype))].sort((a, b) => a - b);
  const columns: Column[] = [];
  const columnIndex = new Map<string, number>();
  const matrices = subtypes.map((subtype) => {
    const ids = matrixColumns(subtype, report.results.filter((r) => r.subtype === subtype)).map((c) => {
      columns.push(c);
      columnIndex.set(`${subtype} ${c.section}.${c.field}`, columns.length - 1);
      return columns.length - 1;
    });
    return { subtype, columns: ids };
  });
  const { manifest, note } = loadManifest(corpusDir, report);
  const entries = new Map(manifest?.cases.map((c) => [c.id, c]));
  const cases = report.results.map((r): CaseView => {
    const entry = entries.get(r.id);
    const fields = r.fields.map((f) => fieldRow(f, shared.string(f.path, columnIndex.get(`${r.subtype} ${f.section}.${f.field}`))));
    const more = Object.fromEntries(Object.entries(r).filter(([k, v]) => !KNOWN_RESULT_KEYS.has(k) && v !== undefined));
    const view: CaseView = {
      id: r.id, subtype: r.subtype, release: r.release, status: r.status, message: r.message, description: r.description,
      expectation: r.expectation, answer: r.answer, flags: r.flags, fields,
    };
    if (Object.keys(more).length) view.more = more;
    if (r.unexpectedPass) view.unexpectedPass = true;
    if (entry) {
      view.framing = entry.framing;
      if (entry.expectation === 'invalid') view.why = `must be rejected: ${entry.why ?? ''} (zert-forge: ${entry.error?.kind} at ${entry.error?.path})`;
      else if (entry.expectation === 'acceptable') view.why = `rejecting or decoding are both right: ${entry.acceptableBecause ?? ''}`;
      readInputs(view, entry, corpusDir, new Map(r.fields.map((f) => [f.path, f.expected])), shared);
    } else if (manifest) {
      view.inputNote = `the corpus in ${corpusDir} has no case ${r.id}`;
    }
    return view;
  });
  const model: ReportModel = {
    subtypes: subtypes.map((st) => agreement(st, report.results.filter((r) => r.subtype === st))),
    wrongFields: wrongFields(report),
    matrices,
    columns,
    cases,
    strings: shared.strings,
    stringColumns: shared.stringColumns,
    layouts: shared.layouts,
    extraHexColumns: shared.extraHexColumns,
  };
  if (note) model.corpusNote = note;
  return model;
}
