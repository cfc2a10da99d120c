import { existsIn, sectionLayout, SUBTYPE_DEFS, tripletSections } from './layout.js';
import type { FailedHandshakeRule, FlagRef, Release, SectionDef, SectionKey, Subtype, SubtypeDef } from './types.js';
import { RELEASES, releaseIndex } from './types.js';

// Rules that relate fields and sections, each evaluated here from what the tables state once: which protocol
// bit makes a section present, where the IPv6 flag lives, when a section is a failed handshake, and which
// release a record's structure belongs to.

type SectionValue = Record<string, unknown>;
/** A canonical record, or the part of one decoded so far. */
type RecordValues = Record<string, unknown>;

export interface PresenceRule {
  section: SectionKey;
  flag: FlagRef;
}

const presenceCache = new Map<SubtypeDef, PresenceRule[]>();

/** Sections whose presence a protocol bit states, with that bit (from each section's `presentWhen`). */
export function presenceRules(subtype: Subtype | SubtypeDef): PresenceRule[] {
  const st = typeof subtype === 'number' ? SUBTYPE_DEFS[subtype] : subtype;
  let rules = presenceCache.get(st);
  if (!rules) {
    rules = st.sections.filter((s) => s.presentWhen !== undefined).map((s) => ({ section: s.key, flag: s.presentWhen! }));
    presenceCache.set(st, rules);
  }
  return rules;
}

/** The IPv6 flag the subtype's address fields follow. */
export function ipv6FlagRef(subtype: Subtype | SubtypeDef): FlagRef {
  const st = typeof subtype === 'number' ? SUBTYPE_DEFS[subtype] : subtype;
  for (const s of st.sections) for (const f of s.fields) if (f.type.kind === 'ip') return f.type.ipv6When;
  throw new Error(`subtype ${st.subtype} has no address field`);
}

/** Value of a field of the first occurrence of a section, or of the occurrence being worked on. */
function fieldOf(record: RecordValues, current: { key: SectionKey; values: SectionValue } | undefined, section: SectionKey, field: string): unknown {
  if (current && section === current.key) return current.values[field];
  const holder = record[section];
  const first = Array.isArray(holder) ? (holder[0] as SectionValue | undefined) : (holder as SectionValue | undefined);
  return first?.[field];
}

/** Is the flag on in the record (the section it lives in may be the one being encoded or decoded)? */
export function flagIsOn(ref: FlagRef, record: RecordValues, current?: { key: SectionKey; values: SectionValue }): boolean {
  const v = fieldOf(record, current, ref.section, ref.field);
  return typeof v === 'number' && (v & ref.mask) !== 0;
}

function asInteger(v: unknown): number | bigint | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return v.length > 15 ? BigInt(v) : Number(v);
  return undefined;
}

/** The section's failed-handshake rule, when it is in force in the release. */
export function failedHandshakeRule(s: SectionDef, release: Release): FailedHandshakeRule | undefined {
  const rule = s.failedHandshake;
  return rule && releaseIndex(release) >= releaseIndex(rule.since) ? rule : undefined;
}

/** Does the section's failed-handshake rule apply to this occurrence (in this release)? */
export function failedHandshakeApplies(rule: FailedHandshakeRule, release: Release, record: RecordValues, current: { key: SectionKey; values: SectionValue }): boolean {
  if (releaseIndex(release) < releaseIndex(rule.since)) return false;
  for (const w of rule.when) {
    const v = asInteger(fieldOf(record, current, w.section, w.field));
    if (v === undefined) continue;
    if ('equals' in w.test ? v == w.test.equals : 'mask' in w.test ? (Number(BigInt(v) & BigInt(w.test.mask)) !== 0) : v != 0) return true;
  }
  return false;
}

/** Section fields a failed-handshake rule wants zero/blank: all but the kept and the reserved ones. */
const clearsCache = new WeakMap<SectionDef, Map<Release, string[]>>();

export function failedHandshakeClears(s: SectionDef, release: Release): readonly string[] {
  const rule = s.failedHandshake;
  if (!rule) return [];
  let byRelease = clearsCache.get(s);
  if (!byRelease) clearsCache.set(s, (byRelease = new Map()));
  let names = byRelease.get(release);
  if (!names) {
    names = sectionLayout(s, release)
      .fields.filter((p) => !rule.keep.includes(p.def.name) && p.def.type.kind !== 'reserved')
      .map((p) => p.def.name);
    byRelease.set(release, names);
  }
  return names;
}

// --- release inference -------------------------------------------------------------------------

/** What a record's self-defining section says about one triplet section. */
export interface ObservedTriplet {
  section: SectionDef;
  len: number;
  num: number;
}

/**
 * The release whose structure fits the record best, from the tables alone: the releases that write as many
 * triplets as the record has (else the closest count), scored by the section lengths the triplets give
 * (2 per section as long as the release's layout, 1 per longer one: a newer release appending fields);
 * the latest release wins a tie, as the newest structure that explains the bytes.
 */
export function inferRelease(st: SubtypeDef, tripletCount: number, triplets: readonly ObservedTriplet[], releases: readonly Release[] = RELEASES): Release {
  // The answer depends only on the count and the (section, Len, present) triple of each triplet: memoised.
  let key = `${tripletCount}`;
  for (const t of triplets) key += t.num === 0 ? ',-' : `,${t.len}`;
  if (releases !== RELEASES) return scoreReleases(st, tripletCount, triplets, releases);
  let memo = inferenceMemo.get(st);
  if (!memo) inferenceMemo.set(st, (memo = new Map()));
  let release = memo.get(key);
  if (release === undefined) {
    release = scoreReleases(st, tripletCount, triplets, releases);
    if (memo.size < 4096) memo.set(key, release);
  }
  return release;
}

const inferenceMemo = new WeakMap<SubtypeDef, Map<string, Release>>();

function scoreReleases(st: SubtypeDef, tripletCount: number, triplets: readonly ObservedTriplet[], releases: readonly Release[]): Release {
  const distance = (r: Release): number => Math.abs(tripletSections(st, r).length - tripletCount);
  const nearest = Math.min(...releases.map(distance));
  let best: Release = releases[releases.length - 1]!;
  let bestScore = -1;
  for (const r of releases) {
    if (distance(r) !== nearest) continue;
    let score = 0;
    for (const t of triplets) {
      const s = t.section;
      if (t.num === 0 || s.variable || !s.layoutKnown || !existsIn(s, r)) continue;
      const length = sectionLayout(s, r).length;
      if (t.len === length) score += 2;
      else if (t.len > length) score += 1;
    }
    if (score >= bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}
