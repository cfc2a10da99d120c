import { opsOf } from './field-types.js';
import { existsIn, releaseProfile, SELF_DEF_OFFSET, sectionLayout, sectionLength, SUBTYPE_DEFS } from './layout.js';
import type { ReleaseProfile } from './layout.js';
import { SOURCES } from './sources.js';
import type { Code, FieldDef, Release, SectionDef, Significance, Subtype } from './types.js';
import { RELEASES } from './types.js';

// The tables as a document: `zert-forge spec` prints it as JSON or Markdown.

export interface FieldDoc {
  name: string;
  /** Offset from the section start, or from the record start for the header and self-defining section. */
  offset: number;
  length: number | 'variable';
  type: string;
  since: Release;
  until?: Release;
  values?: { code: number | string; name: string; since?: Release; confidence?: string }[];
  valuesComplete?: boolean;
  source: string[];
  confidence: string;
  note?: string;
  altNames?: string[];
  ibmName?: string;
  /** Subtype 12 aggregation: whether sessions are told apart by this field, with the source. */
  significance?: Significance;
}

export interface SectionDoc {
  key: string;
  title: string;
  triplet: string | null;
  offsetBase: 'record' | 'section';
  since: Release;
  occurs: string;
  layoutKnown: boolean;
  lengthByRelease: Partial<Record<Release, number | 'variable' | 'unknown'>>;
  lengthConfidence?: Partial<Record<Release, string>>;
  lengthNote?: string;
  failedHandshake?: SectionDef['failedHandshake'];
  note?: string;
  source: string[];
  fields: FieldDoc[];
}

export interface SpecDoc {
  subtypes: { subtype: Subtype; title: string; profiles: ReleaseProfile[]; sections: SectionDoc[] }[];
  sources: typeof SOURCES;
}

function typeName(f: FieldDef): string {
  return opsOf(f).describe(f.type);
}

function valuesOf(f: FieldDef): Pick<FieldDoc, 'values' | 'valuesComplete'> {
  const t = f.type;
  const code = (c: Code): NonNullable<FieldDoc['values']>[number] => ({ code: c.code, name: c.name, ...(c.since ? { since: c.since } : {}), ...(c.confidence ? { confidence: c.confidence } : {}) });
  if (t.kind === 'enum') return { values: t.codes.codes.map(code), valuesComplete: t.codes.complete };
  if (t.kind === 'flags') return { values: t.flags.codes.map(code), valuesComplete: t.flags.complete };
  if (t.kind === 'text' && t.known) return { values: t.known.map((k) => ({ code: k.value, name: k.meaning })), valuesComplete: t.knownComplete ?? false };
  return {};
}

function sectionDoc(s: SectionDef, releases: readonly Release[]): SectionDoc {
  const base = s.key === 'SelfDef' ? SELF_DEF_OFFSET : 0;
  const offsets = new Map<FieldDef, number>();
  for (const r of releases) for (const p of sectionLayout(s, r).fields) offsets.set(p.def, p.offset + base);
  const lengthByRelease: SectionDoc['lengthByRelease'] = {};
  for (const r of releases) {
    if (!existsIn(s, r)) continue;
    lengthByRelease[r] = s.variable ? 'variable' : (sectionLength(s, r) ?? 'unknown');
  }
  const doc: SectionDoc = {
    key: s.key,
    title: s.title,
    triplet: s.triplet ?? null,
    offsetBase: s.triplet === undefined ? 'record' : 'section',
    since: s.since,
    occurs: s.occurs,
    layoutKnown: s.layoutKnown,
    lengthByRelease,
    source: s.source,
    fields: s.fields
      .filter((f) => offsets.has(f))
      .map((f) => ({
        name: f.name,
        offset: offsets.get(f)!,
        length: f.type.kind === 'varText' ? 'variable' : f.length,
        type: typeName(f),
        since: f.since,
        ...(f.until ? { until: f.until } : {}),
        ...valuesOf(f),
        source: f.source,
        confidence: f.confidence,
        ...(f.note ? { note: f.note } : {}),
        ...(f.altNames ? { altNames: f.altNames } : {}),
        ...(f.ibmName ? { ibmName: f.ibmName } : {}),
        ...(f.significance ? { significance: f.significance } : {}),
      })),
  };
  if (s.lengthConfidence) doc.lengthConfidence = s.lengthConfidence;
  if (s.lengthNote) doc.lengthNote = s.lengthNote;
  if (s.failedHandshake) doc.failedHandshake = s.failedHandshake;
  if (s.note) doc.note = s.note;
  return doc;
}

export function specDocument(options: { subtype?: Subtype; release?: Release } = {}): SpecDoc {
  const subtypes = options.subtype ? [options.subtype] : ([11, 12] as const);
  const releases = options.release ? [options.release] : RELEASES;
  return {
    subtypes: subtypes.map((n) => {
      const st = SUBTYPE_DEFS[n];
      return {
        subtype: n,
        title: st.title,
        profiles: releases.map((r) => releaseProfile(n, r)),
        sections: st.sections.filter((s) => releases.some((r) => existsIn(s, r))).map((s) => sectionDoc(s, releases)),
      };
    }),
    sources: SOURCES,
  };
}

const cell = (s: unknown): string => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const hexCode = (c: number | string, length: number): string => (typeof c === 'number' ? `X'${c.toString(16).toUpperCase().padStart(length <= 1 ? 2 : 4, '0')}'` : `'${c}'`);

export function specMarkdown(doc: SpecDoc): string {
  const out: string[] = ['# zert-forge spec tables', '', 'Generated from the tables in `spec/tables`. Offsets are decimal; the header and self-defining section count from the record start (RDW included), other sections from their own start. Confidence: ibm, vendor-copy (pacsys copy of IBM), inferred, unknown.', ''];
  for (const st of doc.subtypes) {
    out.push(`## Subtype ${st.subtype}: ${st.title}`, '', '| Release | Triplets | Section lengths |', '|---|---|---|');
    for (const p of st.profiles) out.push(`| ${p.release} | ${p.tripletCount} | ${p.sections.map((s) => `${s.key} ${s.length ?? (s.layoutKnown ? 'variable' : 'unknown')}${s.lengthVersion ? ` (${s.lengthVersion})` : ''}`).join(', ')} |`);
    out.push('');
    for (const s of st.sections) {
      out.push(`### ${s.title} (${s.key}${s.triplet ? `, triplet ${s.triplet}` : ''})`, '');
      out.push(`Length by release: ${Object.entries(s.lengthByRelease).map(([r, l]) => `${r}: ${l}${s.lengthConfidence?.[r as Release] ? ` (${s.lengthConfidence[r as Release]})` : ''}`).join(', ')}. Occurs: ${s.occurs}. Sources: ${s.source.join(', ')}.`, '');
      if (s.note) out.push(s.note, '');
      if (s.lengthNote) out.push(s.lengthNote, '');
      if (s.failedHandshake) out.push(`Failed handshake (from ${s.failedHandshake.since}): ${s.failedHandshake.note} Kept: ${s.failedHandshake.keep.join(', ')}.`, '');
      if (!s.layoutKnown) {
        out.push('_Layout not documented by any source._', '');
        continue;
      }
      out.push('| Off | Len | Name | Type | Since | Values | Confidence | Source | Note |', '|---|---|---|---|---|---|---|---|---|');
      for (const f of s.fields) {
        const len = typeof f.length === 'number' ? f.length : 1;
        const values = (f.values ?? []).map((v) => `${hexCode(v.code, len)} ${v.name}${v.since ? ` [${v.since}+]` : ''}`).join('; ') + (f.valuesComplete === false ? ' (list incomplete)' : '');
        const name = f.name === 'reserved' && f.ibmName ? `reserved (${f.ibmName})` : f.name;
        out.push(`| ${f.offset} | ${f.length} | ${cell(name)} | ${cell(f.type)} | ${f.since}${f.until ? `-${f.until}` : ''} | ${cell(values)} | ${f.confidence} | ${f.source.join(', ')} | ${cell([f.note, f.significance ? `aggregation: ${f.significance.aggregation} (${f.significance.source.join(', ')})` : undefined].filter(Boolean).join('; '))} |`);
      }
      out.push('');
    }
  }
  out.push('## Sources', '');
  for (const s of Object.values(doc.sources)) out.push(`- **${s.id}**: ${s.what} ${s.url}`);
  return `${out.join('\n')}\n`;
}
