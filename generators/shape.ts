import type { SectionValue } from '../spec/fields.js';
import { defaultValue } from '../spec/fields.js';
import { existsIn, sectionLayout } from '../spec/layout.js';
import { failedHandshakeRule, ipv6FlagRef } from '../spec/rules.js';
import type { Release, SectionDef, SectionKey } from '../spec/types.js';

// The cross-field rules of a valid random record, stated once for both generators: the fast-check
// arbitraries (arbitraries.ts) and the seeded direct draws (direct.ts) each draw field values and the
// record's choices their own way, then apply these rules in place to what they drew, and then the values
// of a failed handshake where the record has one.

/** The protocol sections a record carries (TLS, SSH, IPSec), as drawn; absent ones undefined. */
export type DrawnProtocols = Partial<Record<SectionKey, SectionValue | undefined>>;

/** A subtype 11 record's choices: address family, IP filter section present, 3.2 role bits (X'10' client, X'08' server, 0). */
export interface St11Choices {
  ipv6: boolean;
  filtered: boolean;
  role: number;
}

/** Subtype 11 role bits of 3.2 to choose from: none, client, server. */
export const ST11_ROLES: readonly number[] = [0, 0x10, 0x08];

/** A connection record: Ident of the stack, protocol bits, flags and the protocol sections' own rules. */
export function shapeSt11(release: Release, c: St11Choices, secProtos: number, ident: SectionValue, common: SectionValue, p: DrawnProtocols): void {
  ident['SMF119TI_Comp'] = 'STACK';
  ident['SMF119TI_Reason'] = 0x08;
  if (p.TLS) {
    // Handshake type 3 (failed) only comes with a failed-handshake shape.
    if (p.TLS['SMF119SC_TLS_Handshake_Type'] === 3) p.TLS['SMF119SC_TLS_Handshake_Type'] = 1;
  }
  if (p.SSH) {
    if (p.SSH['SMF119SC_SSH_Flags'] !== undefined) p.SSH['SMF119SC_SSH_Flags'] = 0;
    if (p.SSH['SMF119SC_SSH_Prot_Ver'] === 0) p.SSH['SMF119SC_SSH_Prot_Ver'] = 2;
  }
  if (p.IPSec) p.IPSec['SMF119SC_IPSec_TunFlags'] = (Number(p.IPSec['SMF119SC_IPSec_TunFlags']) & 0x40) | (c.ipv6 ? 0x80 : 0);
  common['SMF119SC_SASecProtos'] = secProtos;
  const drawnFlags = Number(common['SMF119SC_SAFlags']);
  let flags = (drawnFlags & 0x40) | (c.ipv6 ? ipv6FlagRef(11).mask : 0);
  const event = common['SMF119SC_SAEvent_Type'];
  // Reset-by-policy appears only in Term / Short Term records.
  if ((event === 3 || event === 4) && existsIn({ since: '2.5' }, release)) flags |= drawnFlags & 0x20;
  if (existsIn({ since: '3.2' }, release)) flags |= c.role;
  common['SMF119SC_SAFlags'] = flags;
  common['SMF119SC_SASecFlags'] = (Number(common['SMF119SC_SASecFlags']) & 0xc0) | (c.filtered ? 0x20 : 0);
}

/**
 * A subtype 12 record's choices: address family; an event record (no protocol) or a session; `more` records
 * follow; role bits (X'40' or X'20'); a failed-handshake session and its failed connection counts (3.2).
 */
export interface St12Choices {
  ipv6: boolean;
  eventRecord: boolean;
  more: boolean;
  role: number;
  failed: boolean;
  failedCounts: readonly [number, number];
}

/** Subtype 12 role bits to choose from. */
export const ST12_ROLES: readonly number[] = [0x40, 0x20];

/** Failed connection counts of a failed-handshake session: initial 0..500, at the end 1..500. */
export const FAILED_COUNTS = { initial: { min: 0, max: 500 }, end: { min: 1, max: 500 } } as const;

/** A summary record: event type and Ident reason from the choices, protocol bits, server ports in order, 3.2 failure counts. */
export function shapeSt12(release: Release, c: St12Choices, secProtos: number, ident: SectionValue, common: SectionValue, p: DrawnProtocols): void {
  if (p.SSH && p.SSH['SMF119SS_SSH_Prot_Ver'] === 0) p.SSH['SMF119SS_SSH_Prot_Ver'] = 2;
  common['SMF119SS_SAEvent_Type'] = c.eventRecord ? (c.more ? 2 : 3) : 1;
  common['SMF119SS_SAFlags'] = (c.ipv6 ? ipv6FlagRef(12).mask : 0) | c.role;
  common['SMF119SS_SASecProtos'] = secProtos;
  common['SMF119SS_SASrvPortEnd'] = Math.max(Number(common['SMF119SS_SASrvPortStart']), Number(common['SMF119SS_SASrvPortEnd']));
  if (existsIn({ since: '3.2' }, release)) {
    common['SMF119SS_SAInitFailedHsConnCnt'] = c.failed ? c.failedCounts[0] : 0;
    common['SMF119SS_SAEndFailedHsConnCnt'] = c.failed ? c.failedCounts[1] : 0;
  }
  ident['SMF119TI_Comp'] = 'STACK';
  ident['SMF119TI_Reason'] = c.eventRecord ? (c.more ? 0x48 : 0x08) : c.more ? 0xc0 : 0x80;
}

/**
 * What a failed handshake sets in a section, by the tables' rule in force in the release (none otherwise):
 * every field but the kept ones zero/blank, the section's own trigger (subtype 11: a handshake type, an SSH
 * flag) to what the rule tests, and the rule's fixed values.
 */
export function failedHandshakeValues(s: SectionDef, release: Release, ipv6: boolean): [string, unknown][] {
  const rule = failedHandshakeRule(s, release);
  if (!rule) return [];
  const set: [string, unknown][] = [];
  for (const { def: f } of sectionLayout(s, release).fields) {
    if (f.type.kind === 'derived' || f.type.kind === 'reserved' || rule.keep.includes(f.name)) continue;
    set.push([f.name, defaultValue(f, { ipv6: () => ipv6 })]);
  }
  for (const w of rule.when) if (w.section === s.key) set.push([w.field, 'equals' in w.test ? w.test.equals : 'mask' in w.test ? w.test.mask : 1]);
  set.push(...Object.entries(rule.fixed ?? {}));
  return set;
}
