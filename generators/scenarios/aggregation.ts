import type { SectionValue } from '../../spec/fields.js';
import { ipv6FlagRef, presenceRules } from '../../spec/rules.js';
import { ST12 } from '../../spec/tables/st12.js';
import type { SectionKey } from '../../spec/types.js';

// The subtype 12 aggregation key, derived from the tables' `significance` attribute (IBM-AGGR-HOW: sessions are
// keyed by server IP, server port range, client IP, job name, role and the significant cryptographic
// attributes; informational ones are not considered). The simulator groups connections with it and the
// checker matches detail records to summary records with it: one definition for both.

export type ProtocolSection = 'TLS' | 'SSH' | 'IPSec';
/** SASecProtos bit of each protocol section: the tables' `presentWhen` (the same bits in both subtypes). */
export const PROTOCOL_BIT = Object.fromEntries(presenceRules(12).map((r) => [r.section, r.flag.mask])) as Readonly<Record<ProtocolSection, number>>;
/** SAFlags bit that says the Common section's addresses are IPv6: the tables' FlagRef (the same in both subtypes). */
export const IPV6_BIT = ipv6FlagRef(12).mask;

function significantFields(key: SectionKey): string[] {
  const section = ST12.sections.find((s) => s.key === key);
  return (section?.fields ?? []).filter((f) => f.significance?.aggregation === 'significant').map((f) => f.name);
}

/** Significant subtype 12 fields per section, in table order. */
export const SIGNIFICANT: Readonly<Record<'Common' | ProtocolSection, readonly string[]>> = {
  Common: significantFields('Common'),
  TLS: significantFields('TLS'),
  SSH: significantFields('SSH'),
  IPSec: significantFields('IPSec'),
};

/** Zero, blank and absent read the same: the simulator leaves fields out, the decoder returns zeros. */
function norm(v: unknown): string {
  if (v === undefined || v === null || v === 0 || v === '' || v === '0' || v === false) return '';
  return String(v);
}

/** The cryptographic part of a session key: protocol and its section's significant fields (subtype 12 names). */
export function cryptoKey(protocol: ProtocolSection | 'none', section: SectionValue | undefined): string {
  if (protocol === 'none' || !section) return 'none';
  return `${protocol}:${SIGNIFICANT[protocol].map((f) => norm(section[f])).join(':')}`;
}

/** The same for a subtype 11 section: its fields carry the SMF119SC_ twin of each subtype 12 name. */
export function cryptoKeyOfDetail(protocol: ProtocolSection, section: SectionValue): string {
  return `${protocol}:${SIGNIFICANT[protocol].map((f) => norm(section[f.replace('SMF119SS_', 'SMF119SC_')])).join(':')}`;
}

/** The full key of a subtype 12 Common section and its protocol section. */
export function sessionKey(common: SectionValue, protocol: ProtocolSection | 'none', section: SectionValue | undefined): string {
  return `${SIGNIFICANT.Common.map((f) => norm(common[f])).join('|')}|${cryptoKey(protocol, section)}`;
}
