import type { Code, CodeSet, FieldDef, Release, SectionDef, SectionKey, Subtype, SubtypeDef } from './types.js';
import { RELEASES, releaseIndex } from './types.js';
import { ST11 } from './tables/st11.js';
import { ST12 } from './tables/st12.js';

export const SUBTYPE_DEFS: Record<Subtype, SubtypeDef> = { 11: ST11, 12: ST12 };

export function subtypeDef(subtype: number): SubtypeDef | undefined {
  return subtype === 11 || subtype === 12 ? SUBTYPE_DEFS[subtype] : undefined;
}

export function existsIn(item: { since: Release; until?: Release }, release: Release): boolean {
  const r = releaseIndex(release);
  return releaseIndex(item.since) <= r && (item.until === undefined || r <= releaseIndex(item.until));
}

export function codeLegalIn(code: Code, release: Release): boolean {
  return code.since === undefined || releaseIndex(code.since) <= releaseIndex(release);
}

const codeIndex = new WeakMap<CodeSet, Map<number, Code>>();

export function findCode(set: CodeSet, value: number): Code | undefined {
  let index = codeIndex.get(set);
  if (!index) {
    index = new Map(set.codes.map((c) => [c.code, c]));
    codeIndex.set(set, index);
  }
  return index.get(value);
}

export interface PlacedField {
  def: FieldDef;
  /** Offset from the start of the section (for Header, equal to the record offset). */
  offset: number;
}

export interface SectionLayout {
  def: SectionDef;
  fields: PlacedField[];
  /** Fixed length in this release; for variable entries (DN), the fixed prefix. */
  length: number;
}

/** Fields that exist in a release, placed back to back. */
export function sectionLayout(def: SectionDef, release: Release): SectionLayout {
  const perRelease = layoutCache.get(def) ?? new Map<Release, SectionLayout>();
  layoutCache.set(def, perRelease);
  const cached = perRelease.get(release);
  if (cached) return cached;
  let offset = 0;
  const fields: PlacedField[] = [];
  for (const f of def.fields) {
    if (!existsIn(f, release)) continue;
    fields.push({ def: f, offset });
    offset += f.length;
  }
  const layout = { def, fields, length: offset };
  perRelease.set(release, layout);
  return layout;
}
const layoutCache = new WeakMap<SectionDef, Map<Release, SectionLayout>>();

/** Length of a section in a release, or null where the layout is unknown. */
export function sectionLength(def: SectionDef, release: Release): number | null {
  return def.layoutKnown ? sectionLayout(def, release).length : null;
}

const lengthRange = new WeakMap<SectionDef, { min: number; max: number }>();

function lengthsOf(def: SectionDef): { min: number; max: number } {
  let range = lengthRange.get(def);
  if (!range) {
    const lengths = RELEASES.filter((r) => existsIn(def, r)).map((r) => sectionLayout(def, r).length);
    range = { min: Math.min(...lengths), max: Math.max(...lengths) };
    lengthRange.set(def, range);
  }
  return range;
}

/** Smallest length the section has in any release: anything shorter is malformed, not merely older. */
export function minimumSectionLength(def: SectionDef): number {
  return lengthsOf(def).min;
}

/** Longest layout the tables know: fields beyond it are 'extra bytes' of a newer release. */
export function maximumSectionLength(def: SectionDef): number {
  return lengthsOf(def).max;
}

const tripletCache = new WeakMap<SubtypeDef, Map<Release, SectionDef[]>>();

/** Triplet sections of a release, in triplet order (cached; do not modify the array). */
export function tripletSections(st: SubtypeDef, release: Release): SectionDef[] {
  let byRelease = tripletCache.get(st);
  if (!byRelease) tripletCache.set(st, (byRelease = new Map()));
  let sections = byRelease.get(release);
  if (!sections) byRelease.set(release, (sections = st.sections.filter((s) => s.triplet !== undefined && existsIn(s, release))));
  return sections;
}

export function sectionDef(st: SubtypeDef, key: SectionKey): SectionDef {
  const s = st.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key} in subtype ${st.subtype}`);
  return s;
}

/** Name of the self-defining section's Off, Len or Num field for a section, as the tables derive it. */
export function tripletField(st: SubtypeDef, section: SectionKey, rule: 'tripletOff' | 'tripletLen' | 'tripletNum'): string {
  const f = sectionDef(st, 'SelfDef').fields.find((x) => x.type.kind === 'derived' && x.type.derive.rule === rule && 'section' in x.type.derive && x.type.derive.section === section);
  if (!f) throw new Error(`no ${rule} field for ${section} in subtype ${st.subtype}`);
  return f.name;
}

/** Record offset of the self-defining section's first byte. */
export const SELF_DEF_OFFSET = 24;

export interface ReleaseProfile {
  subtype: Subtype;
  release: Release;
  tripletCount: number;
  sections: {
    key: SectionKey;
    title: string;
    triplet: string | null;
    /** null = variable-length entries (length shown is of each entry) or unknown layout. */
    length: number | null;
    /** 'V1', 'V2', ... numbered by the distinct lengths the section has across releases. */
    lengthVersion: string | null;
    occurs: string;
    layoutKnown: boolean;
  }[];
}

function lengthVersion(def: SectionDef, release: Release): string | null {
  if (!def.layoutKnown || def.variable) return null;
  const distinct = [...new Set(RELEASES.filter((r) => existsIn(def, r)).map((r) => sectionLayout(def, r).length))];
  return `V${distinct.indexOf(sectionLayout(def, release).length) + 1}`;
}

export function releaseProfile(subtype: Subtype, release: Release): ReleaseProfile {
  const st = SUBTYPE_DEFS[subtype];
  const present = st.sections.filter((s) => existsIn(s, release));
  return {
    subtype,
    release,
    tripletCount: tripletSections(st, release).length,
    sections: present.map((s) => ({
      key: s.key,
      title: s.title,
      triplet: s.triplet ?? null,
      length: s.variable ? null : sectionLength(s, release),
      lengthVersion: lengthVersion(s, release),
      occurs: s.occurs,
      layoutKnown: s.layoutKnown,
    })),
  };
}
