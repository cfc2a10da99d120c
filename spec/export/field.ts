import { specDocument } from '../describe.js';
import type { FieldDoc } from '../describe.js';
import { SOURCES } from '../sources.js';
import type { Release, Subtype } from '../types.js';
import { RELEASES } from '../types.js';

// `spec --field NAME`: one field's facts across releases, found by exact name, prefix or substring.

export interface FieldInfo {
  name: string;
  subtype: Subtype;
  section: string;
  sectionTitle: string;
  triplet: string | null;
  offsetBase: 'record' | 'section';
  /** Offset and length in each release the field exists in. */
  byRelease: Partial<Record<Release, { offset: number; length: number | 'variable' }>>;
  type: string;
  meaning?: string;
  values?: FieldDoc['values'];
  valuesComplete?: boolean;
  since: Release;
  until?: Release;
  confidence: string;
  source: { id: string; url: string }[];
  altNames?: string[];
  ibmName?: string;
}

export interface FieldLookup {
  match: 'exact' | 'prefix' | 'search' | 'none';
  fields: FieldInfo[];
}

let all: FieldInfo[] | undefined;

function allFields(): FieldInfo[] {
  if (all) return all;
  const byKey = new Map<string, FieldInfo>();
  for (const release of RELEASES) {
    for (const st of specDocument({ release }).subtypes) {
      for (const s of st.sections) {
        for (const f of s.fields) {
          if (f.name === 'reserved' && !f.ibmName) continue;
          const name = f.name === 'reserved' ? f.ibmName! : f.name;
          const key = `${st.subtype}/${s.key}/${name}/${f.since}`;
          const info: FieldInfo = byKey.get(key) ?? {
            name,
            subtype: st.subtype,
            section: s.key,
            sectionTitle: s.title,
            triplet: s.triplet,
            offsetBase: s.offsetBase,
            byRelease: {},
            type: f.type,
            since: f.since,
            confidence: f.confidence,
            source: f.source.map((id) => ({ id, url: SOURCES[id]?.url ?? '' })),
          };
          // Later releases overwrite descriptive facts: codes added later are listed.
          if (f.note) info.meaning = f.note;
          if (f.values) info.values = f.values;
          if (f.valuesComplete !== undefined) info.valuesComplete = f.valuesComplete;
          if (f.until) info.until = f.until;
          if (f.altNames) info.altNames = f.altNames;
          if (f.ibmName) info.ibmName = f.ibmName;
          info.byRelease[release] = { offset: f.offset, length: f.length };
          byKey.set(key, info);
        }
      }
    }
  }
  all = [...byKey.values()];
  return all;
}

export function lookupField(query: string): FieldLookup {
  const q = query.toUpperCase();
  const fields = allFields();
  const names = (f: FieldInfo): string[] => [f.name, ...(f.altNames ?? []).map((a) => a.split(' ')[0]!)].map((n) => n.toUpperCase());
  const exact = fields.filter((f) => names(f).includes(q));
  if (exact.length) return { match: 'exact', fields: exact };
  const prefix = fields.filter((f) => names(f).some((n) => n.startsWith(q)));
  if (prefix.length) return { match: 'prefix', fields: prefix };
  const search = fields.filter((f) => names(f).some((n) => n.includes(q)) || (f.meaning ?? '').toUpperCase().includes(q));
  return { match: search.length ? 'search' : 'none', fields: search };
}

const hexCode = (c: number | string, length: number | 'variable'): string =>
  typeof c === 'number' ? `X'${c.toString(16).toUpperCase().padStart(length === 1 ? 2 : 4, '0')}'` : `'${c}'`;

function details(f: FieldInfo): string[] {
  const releases = Object.entries(f.byRelease) as [Release, { offset: number; length: number | 'variable' }][];
  const length = releases[releases.length - 1]![1].length;
  const out = [
    `${f.name}: subtype ${f.subtype}, ${f.sectionTitle}${f.triplet ? ` (triplet ${f.triplet})` : ''}`,
    ...(f.meaning ? [`  meaning:    ${f.meaning}`] : []),
    `  type:       ${f.type}`,
    `  offset:     ${releases.map(([r, p]) => `${r} +${p.offset} (X'${p.offset.toString(16).toUpperCase()}') length ${p.length}`).join('; ')}`,
    `              counted from the ${f.offsetBase === 'record' ? 'record start, RDW included' : 'section start'}`,
    `  releases:   ${f.since}${f.until ? ` to ${f.until}` : ' on'}`,
    `  confidence: ${f.confidence}`,
    `  source:     ${f.source.map((s) => `${s.id}${s.url ? ` ${s.url}` : ''}`).join('\n              ')}`,
  ];
  if (f.values) {
    out.push(`  codes:${f.valuesComplete === false ? ' (list incomplete: other values are legal and unnamed)' : ''}`);
    for (const v of f.values) out.push(`    ${hexCode(v.code, length)} ${v.name}${v.since ? ` (since ${v.since})` : ''}${v.confidence ? ` [${v.confidence}]` : ''}`);
  }
  if (f.altNames) out.push(`  also named: ${f.altNames.join('; ')}`);
  if (f.ibmName && f.ibmName !== f.name) out.push(`  IBM name:   ${f.ibmName}`);
  return out;
}

export function fieldLookupText(query: string, lookup: FieldLookup): string {
  if (lookup.match === 'none') return `no field matches '${query}'\n`;
  if (lookup.fields.length <= 3) return `${lookup.fields.map((f) => details(f).join('\n')).join('\n\n')}\n`;
  const lines = lookup.fields.map((f) => {
    const [release, p] = Object.entries(f.byRelease).pop()!;
    return `${f.name.padEnd(40)} st${f.subtype} ${f.section.padEnd(9)} +${String(p.offset).padEnd(4)} len ${String(p.length).padEnd(4)} ${f.type} [${f.confidence}] (${release})`;
  });
  return `${lookup.fields.length} fields ${lookup.match === 'prefix' ? 'start with' : 'contain'} '${query}' (offset and length in the latest release they exist in; give a full name for details):\n${lines.join('\n')}\n`;
}
