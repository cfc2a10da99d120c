import { readPackageJson } from '../export/model.js';
import type { VerifyReport } from './verify.js';

// A JSON Patch (RFC 6902) per reference file in spec/reference, for the maintainers: what a user's mapping
// says differently. Offsets and lengths are replaced after a 'test' of the old value (so a patch made against
// an older reference fails instead of overwriting); fields and codes we lack are added with the user's names.
// Nothing is removed: a field missing from their mapping may be newer than their release.

export const REFERENCE_FILES = ['smf119-common.json', 'smf119-st11.json', 'smf119-st12.json'] as const;
export type ReferenceFile = (typeof REFERENCE_FILES)[number];

export interface PatchOp { op: 'test' | 'replace' | 'add'; path: string; value: unknown; reason?: string }

interface RefField { name: string; offset: number; length: number | null; values?: unknown[] }
interface Located { file: ReferenceFile; pointer: string; section: string; field: RefField }

const SOURCE_ID = 'USER-MAPPING';

/** Where each field name sits in the reference files; subtype files first, the common file for shared fields. */
function locateAll(): Map<string, Located> {
  const out = new Map<string, Located>();
  const add = (file: ReferenceFile, section: string, fields: RefField[] | undefined): void => {
    fields?.forEach((field, j) => {
      const key = field.name.toUpperCase();
      if (!out.has(key)) out.set(key, { file, pointer: `${section}/fields/${j}`, section, field });
    });
  };
  const common = readPackageJson<{ standardHeader: { fields: RefField[] }; tcpipIdentificationSection: { fields: RefField[] } }>('spec/reference/smf119-common.json');
  add('smf119-common.json', '/standardHeader', common.standardHeader.fields);
  add('smf119-common.json', '/tcpipIdentificationSection', common.tcpipIdentificationSection.fields);
  for (const file of ['smf119-st11.json', 'smf119-st12.json'] as const) {
    const doc = readPackageJson<{ sections: { fields?: RefField[] }[] }>(`spec/reference/${file}`);
    doc.sections.forEach((s, i) => add(file, `/sections/${i}`, s.fields));
  }
  return out;
}

export function referencePatch(report: VerifyReport, origin: string): Partial<Record<ReferenceFile, PatchOp[]>> {
  const refs = locateAll();
  const patches: Partial<Record<ReferenceFile, PatchOp[]>> = {};
  const push = (file: ReferenceFile, ...ops: PatchOp[]): void => {
    (patches[file] ??= []).push(...ops);
  };
  const reason = `${origin} (zert-forge spec --verify, z/OS ${report.release})`;
  /** Reference offset of a table offset: the reference counts the self-defining section from the record start. */
  const shift = (loc: Located, ourOffset: number): number => loc.field.offset - ourOffset;
  const valuesAdded = new Set<string>();

  for (const d of report.differences) {
    if (d.kind === 'offset' || d.kind === 'length') {
      const loc = refs.get(d.name.toUpperCase());
      if (!loc) continue;
      const key = d.kind === 'offset' ? 'offset' : 'length';
      const value = d.kind === 'offset' ? (d.theirs as number) + shift(loc, d.ours as number) : d.theirs;
      push(loc.file, { op: 'test', path: `${loc.pointer}/${key}`, value: loc.field[key] }, { op: 'replace', path: `${loc.pointer}/${key}`, value, reason });
    } else if (d.kind === 'missing-in-ours') {
      // Placed in the reference section of a field of the same DSECT/struct that the tables know.
      const container = report.containers.find((c) => c.name === d.theirs.container && c.section === d.section);
      const loc = container && refs.get(container.anchor.name.toUpperCase());
      if (!container || !loc) continue;
      push(loc.file, {
        op: 'add',
        path: `${loc.section}/fields/-`,
        value: {
          offset: d.relativeOffset + shift(loc, container.anchor.offset),
          name: d.name,
          length: d.theirs.length,
          ...(d.theirs.type ? { format: d.theirs.type === 'char' ? 'EBCDIC' : d.theirs.type === 'packed' ? 'Packed' : 'Binary' } : {}),
          since: report.release,
          source: [SOURCE_ID],
          note: `from ${reason}; meaning to be filled in`,
        },
      });
    } else if (d.kind === 'code-we-lack') {
      const loc = refs.get(d.field.toUpperCase());
      if (!loc) continue;
      const value = { value: `X'${d.value.toString(16).toUpperCase().padStart(2, '0')}'`, meaning: `${d.theirName} (name from ${origin}; meaning to be filled in)`, since: report.release, source: [SOURCE_ID] };
      if (!loc.field.values && !valuesAdded.has(loc.pointer)) {
        push(loc.file, { op: 'add', path: `${loc.pointer}/values`, value: [value] });
      } else {
        push(loc.file, { op: 'add', path: `${loc.pointer}/values/-`, value });
      }
      valuesAdded.add(loc.pointer);
    }
  }
  return patches;
}

