import type { PlacedField } from '../layout.js';
import { SUBTYPE_DEFS } from '../layout.js';
import type { FieldDef, Release, SectionKey, Subtype } from '../types.js';
import { codeSetOf, codesIn, exportHeaderLines, exportSections } from './model.js';

// HLASM DSECTs in the style of IBM's mapping macros: one DSECT per section, DS statements with explicit
// lengths (so no boundary alignment moves a field), EQUs for codes and flag masks after their field, and
// a length EQU per section. Source lines stay within columns 1-71 (column 72 is the continuation column).

const LAST_COLUMN = 71;

/** DSECT names: the first three are IBM's (CAJARS, EZASMF-C); the others are zert-forge's own. */
export function dsectName(subtype: Subtype, key: SectionKey): string {
  if (key === 'Header') return 'SMF119Header';
  if (key === 'SelfDef') return 'SMF119SDefSect';
  if (key === 'Ident') return 'SMF119Ident';
  return `SMF119${SUBTYPE_DEFS[subtype].pathRoot.toUpperCase()}_${key}`;
}

/** The DS operand of a field: explicit lengths, C for text, P for packed dates, binary otherwise. */
export function dsOperand(f: FieldDef): string {
  const t = f.type;
  switch (t.kind) {
    case 'text':
    case 'cipher':
    case 'certTime':
      return `CL${f.length}`;
    case 'varText':
      return '0C';
    case 'packedDate':
      return `PL${f.length}`;
    case 'uint':
    case 'derived':
    case 'timeOfDay':
    case 'todDuration':
      if (f.length === 2) return 'HL2';
      if (f.length === 4 || f.length === 8) return `FL${f.length}`;
      return `XL${f.length}`;
    default:
      return `XL${f.length}`;
  }
}

function commentLines(text: string): string[] {
  const out: string[] = [];
  let line = '*';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > LAST_COLUMN) {
      out.push(line);
      line = '*';
    }
    line += ` ${word.slice(0, LAST_COLUMN - 2)}`;
  }
  if (line !== '*') out.push(line);
  return out;
}

/** One statement: label, operation, operand, remark; a remark that does not fit goes on comment lines before it. */
function statement(label: string, op: string, operand: string, remark: string): string[] {
  const head = `${label.padEnd(label.length < 9 ? 9 : label.length + 1)}${op.padEnd(6)}${operand}`;
  const line = `${head.padEnd(Math.max(head.length + 1, 35))}${remark}`;
  if (line.length <= LAST_COLUMN) return [line];
  return [...commentLines(remark), head];
}

const hexValue = (code: number, length: number): string => `X'${code.toString(16).toUpperCase().padStart(length <= 1 ? 2 : length * 2, '0')}'`;

function fieldStatements(p: PlacedField, release: Release): string[] {
  const f = p.def;
  const label = f.name === 'reserved' ? (f.ibmName ?? '') : f.name;
  const where = `+${p.offset} ${f.confidence}${f.since !== '2.3' ? ` since ${f.since}` : ''}`;
  const what = f.name === 'reserved' ? 'reserved' : f.type.kind === 'varText' ? `variable, up to ${f.type.max}` : '';
  const out = statement(label, 'DS', dsOperand(f), [where, what].filter(Boolean).join(' '));
  const set = codeSetOf(f);
  if (set) {
    for (const c of codesIn(set, release)) {
      const remark = `${c.name}${c.confidence ? ` (${c.confidence})` : ''}${c.since ? ` since ${c.since}` : ''}`;
      out.push(...statement(`${f.name}_X${c.code.toString(16).toUpperCase().padStart(2, '0')}`, 'EQU', hexValue(c.code, f.length), remark));
    }
    if (!set.complete) out.push('*        (code list incomplete: other values are legal, unnamed)');
  }
  return out;
}

export function dsectText(subtype: Subtype, release: Release): string {
  const rule = `*${'-'.repeat(LAST_COLUMN - 2)}*`;
  const out: string[] = [rule, ...exportHeaderLines(subtype, release).flatMap(commentLines), ...commentLines('DSECT names SMF119Header, SMF119SDefSect and SMF119Ident follow IBM; the others are zert-forge names. Remarks give the offset and the confidence.'), rule];
  for (const s of exportSections(subtype, release)) {
    const name = dsectName(subtype, s.def.key);
    out.push('*', ...commentLines(`${s.def.title}${s.def.triplet ? `, triplet ${s.def.triplet}` : ''}. Source: ${s.def.source.join(', ')}.${s.def.lengthConfidence?.[release] ? ` Length confidence: ${s.def.lengthConfidence[release]}.` : ''}`));
    if (!s.def.layoutKnown) {
      out.push(...commentLines(`Layout NOT FOUND in any source: no DSECT. ${s.def.note ?? ''}`));
      continue;
    }
    out.push(...statement(name, 'DSECT', ',', ''));
    for (const p of s.fields) out.push(...fieldStatements(p, release));
    out.push(...statement(`${name}_Len`, 'EQU', `*-${name}`, s.def.variable ? 'fixed prefix of each entry' : `${s.length} in ${release}`));
  }
  out.push(...statement('', 'END', '', ''));
  return `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}
