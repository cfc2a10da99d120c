import { findCode } from '../layout.js';
import { exportSections, exportVersions, fieldLabel } from '../export/model.js';
import type { FieldDef, Release, SectionKey, Subtype } from '../types.js';
import type { Mapping, MappedCode, MappedField, TypeClass } from './mapping.js';

// Compares a user's mapping (see mapping.ts) with the tables of one release, field by field and code by code.
// Offsets are compared relative to where each of our sections sits in their DSECT/struct: the offset difference
// most of the section's matched fields share, so a DSECT that starts the self-defining section at 0, or a header
// DSECT that runs on into it at 24, verifies either way.

export interface OurField {
  subtype: Subtype;
  section: SectionKey;
  name: string;
  offset: number;
  /** null for variable-length text. */
  length: number | null;
  type: TypeClass;
  def: FieldDef;
}

export type Finding =
  | { kind: 'ok'; name: string; section: SectionKey }
  | { kind: 'missing-in-ours'; name: string; theirs: MappedField; section: SectionKey; relativeOffset: number }
  | { kind: 'missing-in-theirs'; name: string; ours: Omit<OurField, 'def'> }
  | { kind: 'offset' | 'length' | 'type'; name: string; section: SectionKey; ours: number | string | null; theirs: number | string | null; theirsField: MappedField }
  | { kind: 'code-we-lack'; field: string; section: SectionKey; value: number; theirName: string; line: number };

export interface VerifyReport {
  format: Mapping['format'];
  release: Release;
  tables: string;
  subtypes: Subtype[];
  counts: { theirFields: number; theirCodes: number; ok: number; differences: number };
  /** Every finding except 'ok'. */
  differences: Exclude<Finding, { kind: 'ok' }>[];
  /** How each of their DSECTs/structs lines up with our sections. */
  containers: { name: string; section: SectionKey; base: number; matched: number; anchor: { name: string; offset: number } }[];
  warnings: string[];
}

const SHARED: readonly SectionKey[] = ['Header', 'SelfDef', 'Ident'];
/** Names zert-forge's own exports give reserved areas IBM did not name: not fields to compare. */
const UNNAMED = /^reserved_\d+$/i;

function typeClass(f: FieldDef): TypeClass {
  const k = f.type.kind;
  if (k === 'text' || k === 'cipher' || k === 'certTime' || k === 'varText') return 'char';
  if (k === 'packedDate') return 'packed';
  return 'binary';
}

/** Our named fields of a release (reserved areas by IBM's name where known), with alternative names. */
export function ourFields(release: Release, subtypes: readonly Subtype[] = [11, 12]): Map<string, OurField> {
  const out = new Map<string, OurField>();
  for (const subtype of subtypes) {
    for (const s of exportSections(subtype, release)) {
      for (const p of s.fields) {
        if (p.def.name === 'reserved' && !p.def.ibmName) continue;
        const name = fieldLabel(p);
        const field: OurField = { subtype, section: s.def.key, name, offset: p.offset, length: p.def.type.kind === 'varText' ? null : p.def.length, type: typeClass(p.def), def: p.def };
        for (const n of [name, ...(p.def.altNames ?? []).map((a) => a.split(' ')[0]!)]) {
          if (!out.has(n.toUpperCase())) out.set(n.toUpperCase(), field);
        }
      }
    }
  }
  return out;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

export function verifyMapping(mapping: Mapping, options: { release: Release; subtypes?: Subtype[] }): VerifyReport {
  const release = options.release;
  const ours = ourFields(release, options.subtypes);
  const findings: Finding[] = [];
  const matchedOurs = new Set<OurField>();
  const containers: VerifyReport['containers'] = [];
  const byContainer = new Map<string, MappedField[]>();
  for (const f of mapping.fields) byContainer.set(f.container, [...(byContainer.get(f.container) ?? []), f]);
  for (const [name, fields] of byContainer) {
    const matched = fields.filter((f) => ours.has(f.name.toUpperCase()));
    if (matched.length === 0) continue;
    // One DSECT may map several of our sections (a header DSECT running on into the self-defining section,
    // ORG overlays): each section gets its own base.
    const bases = new Map<SectionKey, number>();
    for (const section of new Set(matched.map((f) => ours.get(f.name.toUpperCase())!.section))) {
      const inSection = matched.filter((f) => ours.get(f.name.toUpperCase())!.section === section);
      const base = mode(inSection.map((f) => f.offset - ours.get(f.name.toUpperCase())!.offset));
      bases.set(section, base);
      const anchor = ours.get(inSection[0]!.name.toUpperCase())!;
      containers.push({ name, section, base, matched: inSection.length, anchor: { name: anchor.name, offset: anchor.offset } });
    }
    const seen = new Set<string>();
    let section = ours.get(matched[0]!.name.toUpperCase())!.section;
    for (const theirs of fields) {
      const key = theirs.name.toUpperCase();
      if (seen.has(key) || UNNAMED.test(theirs.name)) continue;
      seen.add(key);
      const our = ours.get(key);
      if (!our) {
        // A name we lack belongs to the section of the known field before it.
        findings.push({ kind: 'missing-in-ours', name: theirs.name, theirs, section, relativeOffset: theirs.offset - bases.get(section)! });
        continue;
      }
      section = our.section;
      const base = bases.get(our.section)!;
      matchedOurs.add(our);
      const before = findings.length;
      if (theirs.offset - base !== our.offset) findings.push({ kind: 'offset', name: our.name, section: our.section, ours: our.offset, theirs: theirs.offset - base, theirsField: theirs });
      if (theirs.length !== null && our.length !== null && theirs.length !== our.length) findings.push({ kind: 'length', name: our.name, section: our.section, ours: our.length, theirs: theirs.length, theirsField: theirs });
      if (theirs.type !== null && theirs.type !== our.type) findings.push({ kind: 'type', name: our.name, section: our.section, ours: our.type, theirs: theirs.type, theirsField: theirs });
      if (findings.length === before) findings.push({ kind: 'ok', name: our.name, section: our.section });
    }
  }

  // Their mapping covers a subtype when it names a field of one of its own sections.
  const covered = new Set<Subtype>([...matchedOurs].filter((f) => !SHARED.includes(f.section)).map((f) => f.subtype));
  const sharedCovered = [...matchedOurs].some((f) => SHARED.includes(f.section));
  const reported = new Set<OurField>();
  for (const f of ours.values()) {
    if (matchedOurs.has(f) || reported.has(f)) continue;
    if (!(SHARED.includes(f.section) ? sharedCovered || covered.size > 0 : covered.has(f.subtype))) continue;
    reported.add(f);
    const { def: _def, ...plain } = f;
    findings.push({ kind: 'missing-in-theirs', name: f.name, ours: plain });
  }

  for (const code of mapping.codes) findings.push(...codeFindings(code, ours));

  const differences = findings.filter((f): f is Exclude<Finding, { kind: 'ok' }> => f.kind !== 'ok');
  return {
    format: mapping.format,
    release,
    tables: exportVersions().tables,
    subtypes: [...covered].sort(),
    counts: { theirFields: mapping.fields.length, theirCodes: mapping.codes.length, ok: findings.length - differences.length, differences: differences.length },
    differences,
    containers,
    warnings: mapping.warnings,
  };
}

function codeFindings(code: MappedCode, ours: Map<string, OurField>): Finding[] {
  if (!code.field) return [];
  const field = ours.get(code.field.toUpperCase());
  if (!field) return [];
  const t = field.def.type;
  const set = t.kind === 'enum' ? t.codes : t.kind === 'flags' ? t.flags : undefined;
  if (set && findCode(set, code.value)) return [];
  return [{ kind: 'code-we-lack', field: field.name, section: field.section, value: code.value, theirName: code.name, line: code.line }];
}

const hex = (n: number): string => `X'${n.toString(16).toUpperCase().padStart(2, '0')}'`;

export function verifyText(report: VerifyReport, file: string): string {
  const formatName = { 'hlasm-listing': 'HLASM listing', 'hlasm-source': 'assembler source', 'c-header': 'C header' }[report.format];
  const out = [
    `zert-forge spec --verify ${file}: ${formatName}, ${report.counts.theirFields} fields and ${report.counts.theirCodes} codes; tables ${report.tables}, z/OS ${report.release}; subtypes covered: ${report.subtypes.join(', ') || 'none'}`,
  ];
  for (const c of report.containers) out.push(`  ${c.name} maps ${c.section} at +${c.base} (${c.matched} fields matched)`);
  out.push(`ok: ${report.counts.ok} fields`);
  for (const d of report.differences) {
    switch (d.kind) {
      case 'offset':
      case 'length':
      case 'type':
        out.push(`different ${d.kind}: ${d.section} ${d.name}: ours ${d.ours}, theirs ${d.theirs} (their line ${d.theirsField.line})`);
        break;
      case 'missing-in-ours':
        out.push(`missing in ours: ${d.name} (their ${d.theirs.container}, ${d.section} +${d.relativeOffset}${d.theirs.length !== null ? ` length ${d.theirs.length}` : ''}${d.theirs.type ? ` ${d.theirs.type}` : ''}, line ${d.theirs.line})`);
        break;
      case 'missing-in-theirs':
        out.push(`missing in theirs: st${d.ours.subtype} ${d.ours.section} ${d.name} (ours +${d.ours.offset}${d.ours.length !== null ? ` length ${d.ours.length}` : ''})`);
        break;
      case 'code-we-lack':
        out.push(`code we lack: ${d.section} ${d.field} ${hex(d.value)} (their ${d.theirName}, line ${d.line})`);
        break;
    }
  }
  for (const w of report.warnings) out.push(`warning: ${w}`);
  out.push(
    report.differences.length === 0
      ? 'Result: the mapping agrees with the tables.'
      : `Result: ${report.differences.length} difference(s). The report holds only names, offsets, lengths and codes: please attach it (or the --format json output) to an issue.`,
  );
  return `${out.join('\n')}\n`;
}
