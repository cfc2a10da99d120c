import type { DecodeOptions, DecodeResult, FieldTrace } from './codec.js';
import { decode } from './codec.js';
import { formatDiagnostic } from './errors.js';
import { toHex } from './primitives.js';

// Annotated hex dump: every field's offset, bytes, path and value, plus any bytes no triplet describes.

const MAX_HEX_BYTES = 24;

export interface InspectRow {
  offset: number;
  length: number;
  hex: string;
  path: string;
  value: string;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

export function inspectRecord(bytes: Uint8Array, options: Omit<DecodeOptions, 'onField'> = {}): { result: DecodeResult; rows: InspectRow[] } {
  const traces: FieldTrace[] = [];
  const result = decode(bytes, { ...options, onField: (t) => traces.push(t) });
  traces.sort((a, b) => a.offset - b.offset);
  const rows: InspectRow[] = [];
  let covered = 0;
  const hexOf = (from: number, length: number): string => {
    const shown = bytes.subarray(from, from + Math.min(length, MAX_HEX_BYTES));
    return toHex(shown) + (length > MAX_HEX_BYTES ? '...' : '');
  };
  for (const t of traces) {
    if (t.offset > covered) rows.push({ offset: covered, length: t.offset - covered, hex: hexOf(covered, t.offset - covered), path: '(not described by any triplet)', value: '' });
    rows.push({ offset: t.offset, length: t.length, hex: hexOf(t.offset, t.length), path: t.path.join(' > '), value: show(t.value) });
    covered = Math.max(covered, t.offset + t.length);
  }
  if (covered < bytes.length) rows.push({ offset: covered, length: bytes.length - covered, hex: hexOf(covered, bytes.length - covered), path: '(not described by any triplet)', value: '' });
  return { result, rows };
}

export function formatInspection(index: number, fileOffset: number, bytes: Uint8Array, options: Omit<DecodeOptions, 'onField'> = {}): string {
  const { result, rows } = inspectRecord(bytes, options);
  const release = result.release ? `release ${result.release}${result.releaseInferred ? ' (inferred from the structure)' : ''}` : 'release unknown';
  const lines = [`record ${index} at file offset ${fileOffset}: subtype ${result.subtype ?? '?'}, ${release}, ${bytes.length} bytes`];
  lines.push(`  ${'offset'.padEnd(8)}${'len'.padEnd(6)}${'bytes'.padEnd(52)}field = value`);
  for (const r of rows) {
    lines.push(`  ${String(r.offset).padEnd(8)}${String(r.length).padEnd(6)}${r.hex.padEnd(52)}${r.path}${r.value ? ` = ${r.value}` : ''}`);
  }
  for (const d of result.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
  return lines.join('\n');
}
