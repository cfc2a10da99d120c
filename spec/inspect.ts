import type { DecodeOptions, DecodeResult, FieldTrace } from './codec.js';
import { decode } from './codec.js';
import type { CodePage } from './ebcdic.js';
import { ebcdic } from './ebcdic.js';
import type { Diagnostic } from './errors.js';
import { formatDiagnostic } from './errors.js';
import { findCode, SUBTYPE_DEFS } from './layout.js';
import { toHex } from './primitives.js';
import type { FieldDef, Subtype } from './types.js';

// Annotated hex dump: every field's offset, bytes, EBCDIC text, path, value and code name, plus any bytes no
// triplet describes.

const MAX_HEX_BYTES = 24;
const UNDESCRIBED = '(not described by any triplet)';

export interface InspectRow {
  offset: number;
  length: number;
  hex: string;
  /** The shown bytes as EBCDIC text, '.' for bytes outside printable ASCII (as xxd shows). */
  text: string;
  path: string;
  value: unknown;
  /** Name of an enum code, or of each flag set. */
  name?: string;
}

export interface Inspection {
  result: DecodeResult;
  rows: InspectRow[];
}

function printable(codePage: CodePage | undefined): (bytes: Uint8Array) => string {
  const table = ebcdic(codePage).decodeTable;
  return (bytes) => {
    let s = '';
    for (const b of bytes) {
      const c = table[b]!;
      const cp = c.charCodeAt(0);
      s += cp >= 0x20 && cp < 0x7f ? c : '.';
    }
    return s;
  };
}

function fieldDef(subtype: Subtype | null, path: readonly string[]): FieldDef | undefined {
  if (subtype === null || path.length < 3) return undefined;
  const key = path[1]!.replace(/\[\d+\]$/, '');
  return SUBTYPE_DEFS[subtype].sections.find((s) => s.key === key)?.fields.find((f) => f.name === path[path.length - 1]);
}

/** The code name(s) of an enum or flags value, as the tables give them. */
function codeName(def: FieldDef | undefined, value: unknown): string | undefined {
  if (!def || typeof value !== 'number') return undefined;
  if (def.type.kind === 'enum') return findCode(def.type.codes, value)?.name ?? (def.type.codes.complete ? 'not a known code' : undefined);
  if (def.type.kind === 'flags') {
    const names = def.type.flags.codes.filter((c) => (value & c.code) !== 0).map((c) => c.name);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  return undefined;
}

export function inspectRecord(bytes: Uint8Array, options: Omit<DecodeOptions, 'onField'> = {}): Inspection {
  const traces: FieldTrace[] = [];
  const result = decode(bytes, { ...options, onField: (t) => traces.push(t) });
  traces.sort((a, b) => a.offset - b.offset);
  const text = printable(options.codePage);
  const rows: InspectRow[] = [];
  let covered = 0;
  const row = (from: number, length: number, path: string, value: unknown, name?: string): InspectRow => {
    const shown = bytes.subarray(from, from + Math.min(length, MAX_HEX_BYTES));
    const more = length > MAX_HEX_BYTES ? '...' : '';
    return { offset: from, length, hex: toHex(shown) + more, text: text(shown) + more, path, value, ...(name ? { name } : {}) };
  };
  for (const t of traces) {
    if (t.offset > covered) rows.push(row(covered, t.offset - covered, UNDESCRIBED, undefined));
    rows.push(row(t.offset, t.length, t.path.join(' > '), t.value, codeName(fieldDef(result.subtype, t.path), t.value)));
    covered = Math.max(covered, t.offset + t.length);
  }
  if (covered < bytes.length) rows.push(row(covered, bytes.length - covered, UNDESCRIBED, undefined));
  return { result, rows };
}

function describeRelease(result: DecodeResult): string {
  return result.release ? `release ${result.release}${result.releaseInferred ? ' (inferred from the structure)' : ''}` : 'release unknown';
}

/** One record as text: a header line, a column header, a row per field, the diagnostics. */
export function formatRows(index: number, fileOffset: number, length: number, { result, rows }: Inspection): string {
  const lines = [`record ${index} at file offset ${fileOffset}: subtype ${result.subtype ?? '?'}, ${describeRelease(result)}, ${length} bytes`];
  lines.push(`  ${'offset'.padEnd(8)}${'len'.padEnd(6)}${'bytes'.padEnd(52)}${'text'.padEnd(28)}field = value`);
  for (const r of rows) {
    const value = r.value === undefined ? '' : ` = ${JSON.stringify(r.value)}${r.name ? ` (${r.name})` : ''}`;
    lines.push(`  ${String(r.offset).padEnd(8)}${String(r.length).padEnd(6)}${r.hex.padEnd(52)}${r.text.padEnd(28)}${r.path}${value}`);
  }
  for (const d of result.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
  return lines.join('\n');
}

/** One record as a JSON-ready object (inspect --format json). */
export function inspectionObject(index: number, fileOffset: number, length: number, { result, rows }: Inspection): {
  index: number; offset: number; length: number; subtype: number | null; release: string | null; releaseInferred: boolean; fields: InspectRow[]; diagnostics: Diagnostic[];
} {
  return { index, offset: fileOffset, length, subtype: result.subtype, release: result.release, releaseInferred: result.releaseInferred, fields: rows, diagnostics: result.diagnostics };
}
