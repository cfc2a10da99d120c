import type { CanonicalRecord } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { codeLegalIn, existsIn, sectionLayout, SUBTYPE_DEFS } from '../../spec/layout.js';
import { formatTimeOfDay } from '../../spec/primitives.js';
import { ipv6FlagRef, presenceRules } from '../../spec/rules.js';
import type { FieldDef, Release, SectionDef, Subtype } from '../../spec/types.js';

// Coverage sweep: records whose every field holds a non-default value and whose enum, flag and known-text
// fields step through all their named values, record by record. Built from the tables, so a field or code
// added to a table is covered without anyone remembering to.

/** Values the sweep leaves to dedicated cases, because they change what the rest of a record may hold. */
const HELD_BACK: Record<string, (code: number) => boolean> = {
  SMF119SC_TLS_Handshake_Type: (c) => c === 3, // failed handshake: section must be zero
  SMF119SC_SSH_Flags: (c) => (c & 0x80) !== 0, // failed handshake
  SMF119SS_SAEvent_Type: (c) => c !== 1, // enable/disable records carry no protocol section
};
/** Bits every valid record holds whatever the sweep steps through: X'40' "subtypes used" must be on (reference
 *  smf119-st11 SMF119HDFlags: "subtypes used (must be on; ezasmf.h constant SMF119HDSub)"). */
const ALWAYS_SET: Record<string, number> = { SMF119HDFlags: 0x40 };
const FIXED: Record<string, unknown> = {
  SMF119SS_SAInitFailedHsConnCnt: 0, // counts > 0 zero the TLS/SSH section: covered by failed-handshake cases
  SMF119SS_SAEndFailedHsConnCnt: 0,
};


function legalCodes(f: FieldDef, release: Release): number[] {
  const t = f.type;
  const set = t.kind === 'enum' ? t.codes : t.kind === 'flags' ? t.flags : undefined;
  return (set?.codes ?? []).filter((c) => codeLegalIn(c, release) && !HELD_BACK[f.name]?.(c.code)).map((c) => c.code);
}

function sweepValue(f: FieldDef, i: number, release: Release, ipv6: boolean, siblings: SectionValue): unknown {
  if (f.name in FIXED) return FIXED[f.name];
  const t = f.type;
  const pick = <T>(xs: readonly T[]): T => xs[i % xs.length]!;
  switch (t.kind) {
    case 'enum':
      return pick(legalCodes(f, release));
    case 'flags': {
      const bits = legalCodes(f, release);
      // Odd records set every legal bit, even ones each bit in turn: every flag appears, alone and together.
      return (i % 2 === 1 ? bits.reduce((m, b) => m | b, 0) : pick(bits) ?? 0) | (ALWAYS_SET[f.name] ?? 0);
    }
    case 'uint':
      return f.length > 6 ? String(10n ** BigInt(10 + (i % 9)) + BigInt(i)) : Math.min(i + 1, 2 ** (8 * f.length) - 1);
    case 'text': {
      if (t.known) return pick(t.known.map((k) => k.value));
      return `${f.name.replace(/^SMF119\w\w_/, '').replace(/_/g, '').toUpperCase()}${i}`.slice(-f.length);
    }
    case 'varText':
      return `CN=host${i}.example.com,OU=Unit ${i},O=Example,C=US`;
    case 'cipher':
      return pick(['C02F', '009C', '1301', '0700C0', '010080', 'C030']);
    case 'ip':
      return ipv6 ? `2001:db8:${i}::${i + 1}` : `10.${i}.${i + 1}.${i + 2}`;
    case 'timeOfDay':
      return formatTimeOfDay(360000 * (i % 24) + 6000 * i + 123);
    case 'packedDate':
      return `20${String(20 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    case 'certTime':
      return siblings[t.typeField] === 0 ? null : `20${String(30 + i).padStart(2, '0')}-12-31T23:59:${String(i % 60).padStart(2, '0')}Z`;
    case 'sizedBytes':
      return Array.from({ length: Math.min(f.length, 1 + (i % f.length)) }, (_, k) => ((i * 16 + k) & 0xff).toString(16).padStart(2, '0').toUpperCase()).join('');
    case 'todDuration':
      return String(BigInt(60 * (i + 1)) * 1_000_000n * 4096n);
    case 'derived':
    case 'reserved':
      return undefined;
  }
}

function sweepSection(s: SectionDef, i: number, release: Release, ipv6: boolean): SectionValue {
  const out: SectionValue = {};
  for (const { def } of sectionLayout(s, release).fields) {
    const v = sweepValue(def, i, release, ipv6, out);
    if (v !== undefined) out[def.name] = v;
  }
  return out;
}

/** `count` records of one subtype and release in which every field is set and every named value appears. */
export function sweepRecords(subtype: Subtype, release: Release, count: number): CanonicalRecord[] {
  const st = SUBTYPE_DEFS[subtype];
  const ipv6Flag = ipv6FlagRef(subtype);
  const presence = presenceRules(subtype);
  const records: CanonicalRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record: CanonicalRecord = {};
    const commonDef = st.sections.find((s) => s.key === 'Common')!;
    const common = sweepSection(commonDef, i, release, false);
    const ipv6 = ((common[ipv6Flag.field] as number) & ipv6Flag.mask) !== 0;
    for (const s of st.sections) {
      if (!existsIn(s, release)) continue;
      if (s.key === 'SelfDef') continue;
      if (!s.layoutKnown) {
        record[s.key] = [];
        continue;
      }
      // A subtype 12 protocol section appears in every third record: step its values once per appearance.
      const step = subtype === 12 && presence.some((r) => r.section === s.key) ? Math.floor(i / presence.length) : i;
      const values = sweepSection(s, step, release, ipv6);
      record[s.key] = s.key === 'Header' ? { ...values, SMF119HDSubType: subtype } : [values];
    }
    // Subtype 11 records carry every protocol section; a subtype 12 session has exactly one, in turn.
    const commonValues = (record['Common'] as SectionValue[])[0]!;
    if (subtype === 11) {
      for (const r of presence) commonValues[r.flag.field] = 0;
      for (const r of presence) commonValues[r.flag.field] = (commonValues[r.flag.field] as number) | r.flag.mask;
    } else {
      const chosen = presence[i % presence.length]!;
      for (const r of presence) if (r !== chosen) record[r.section] = [];
      commonValues[chosen.flag.field] = chosen.flag.mask;
    }
    if (subtype === 11) (record['IPSec'] as SectionValue[])[0]!['SMF119SC_IPSec_TunFlags'] = ipv6 ? 0xc0 : 0x40;
    records.push(record);
  }
  return records;
}

