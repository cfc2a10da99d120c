export const RELEASES = ['2.3', '2.4', '2.5', '3.1', '3.2'] as const;
export type Release = (typeof RELEASES)[number];
export const LATEST_RELEASE: Release = '3.2';

const RELEASE_INDEX = new Map<string, number>(RELEASES.map((r, i) => [r, i]));

export function releaseIndex(r: Release): number {
  return RELEASE_INDEX.get(r) ?? -1;
}
export function isRelease(s: unknown): s is Release {
  return typeof s === 'string' && (RELEASES as readonly string[]).includes(s);
}

/**
 * How sure we are of a fact: 'ibm' = IBM documentation or education material; 'vendor-copy' = a vendor's
 * copy of IBM's table (pacsys); 'inferred' = reasoned, not read anywhere; 'unknown' = placeholder for a
 * fact no source gives (we still need some bytes to write).
 */
export type Confidence = 'ibm' | 'vendor-copy' | 'inferred' | 'unknown';

export type Subtype = 11 | 12;

export type SectionKey =
  | 'Header'
  | 'SelfDef'
  | 'Ident'
  | 'Common'
  | 'IPFilter'
  | 'TLS'
  | 'SSH'
  | 'IPSec'
  | 'DN'
  | 'Enforcement';

export interface Code {
  code: number;
  name: string;
  since?: Release;
  confidence?: Confidence;
  note?: string;
}

/** A set of codes shared by several fields ("same values as ..."). */
export interface CodeSet {
  id: string;
  codes: Code[];
  /** false when the source list was cut or is known to grow: other codes are legal and only unnamed. */
  complete: boolean;
  note?: string;
}

export interface TextValue {
  value: string;
  meaning: string;
  since?: Release;
}

/** Where the IPv6 indicator for an address field lives. */
export interface FlagRef {
  section: SectionKey;
  field: string;
  mask: number;
}

export type DerivedRule =
  | { rule: 'recordLength' }
  | { rule: 'segmentDescriptor' }
  | { rule: 'recordType' }
  | { rule: 'tripletCount' }
  | { rule: 'tripletOff'; section: SectionKey }
  | { rule: 'tripletLen'; section: SectionKey }
  | { rule: 'tripletNum'; section: SectionKey }
  /** Length in bytes of a sibling field's significant value, plus a constant (DN_Len counts its 4-byte prefix). */
  | { rule: 'lengthOf'; field: string; plus: number };

export type FieldType =
  | { kind: 'uint' }
  | { kind: 'enum'; codes: CodeSet }
  | { kind: 'flags'; flags: CodeSet }
  | { kind: 'text'; known?: TextValue[]; knownComplete?: boolean }
  /** Negotiated cipher: 4 hex chars + 2 blanks (SSLv3+), 6 hex chars (SSLv2), 'FFFFFF' (unknown). */
  | { kind: 'cipher' }
  | { kind: 'ip'; ipv6When: FlagRef }
  /** Hundredths of a second since midnight. */
  | { kind: 'timeOfDay'; zone: 'local' | 'UTC' }
  /** Packed decimal 0cyydddF. */
  | { kind: 'packedDate'; zone: 'local' | 'UTC' }
  /** Certificate 'not after': UTCTime YYMMDDhhmmssZ or GeneralizedTime YYYYMMDDhhmmssZ, chosen by a type byte. */
  | { kind: 'certTime'; typeField: string }
  /** Fixed-capacity binary value whose significant length is in another field (serials, session id, fingerprints). */
  | { kind: 'sizedBytes'; lengthField: string }
  /** 64-bit TOD-clock duration (bit 51 = 1 microsecond). */
  | { kind: 'todDuration' }
  /** Variable-length EBCDIC text whose length is given by a length field of the same entry. */
  | { kind: 'varText'; lengthField: string; prefix: number; max: number }
  | { kind: 'reserved' }
  | { kind: 'derived'; derive: DerivedRule };

export interface FieldDef {
  /** IBM name, or 'reserved'. */
  name: string;
  /** Bytes; 0 for variable-length (varText). */
  length: number;
  type: FieldType;
  since: Release;
  /** Last release the field exists in this form (e.g. a reserved area later reused). */
  until?: Release;
  source: string[];
  confidence: Confidence;
  note?: string;
  altNames?: string[];
  /** IBM name of a reserved area, where one is known. */
  ibmName?: string;
  /** Value written when a record leaves the field out (otherwise zero/blank). */
  default?: string | number;
  /** Whether subtype 12 aggregation tells security sessions apart by this field (absent: not an aggregation attribute). */
  significance?: Significance;
}

/** IBM: aggregation keys sessions on significant attributes and "does not report or consider informational" ones. */
export interface Significance {
  aggregation: 'significant' | 'informational';
  source: string[];
  note?: string;
}

export interface FailedHandshakeRule {
  since: Release;
  /** The rule applies when any of these holds. */
  when: { section: SectionKey; field: string; test: { equals: number } | { mask: number } | { nonZero: true } }[];
  /** Fields IBM lists as still set; every other field of the section must be zero/blank. */
  keep: string[];
  /** Values IBM prescribes for kept fields. */
  fixed?: Record<string, string | number>;
  /** How sure we are of `fixed` where it is less than the rule itself (IBM states the value for another subtype). */
  fixedConfidence?: Confidence;
  source: string[];
  note: string;
}

export interface SectionDef {
  key: SectionKey;
  title: string;
  /** Name stem of its triplet: 'ID', 'S1'...; absent for Header and SelfDef (fixed position). */
  triplet?: string;
  since: Release;
  /** 'one': exactly one; 'optional': 0 or 1; 'many': 0..n. */
  occurs: 'one' | 'optional' | 'many';
  /** DN entries: each occurrence has its own length. */
  variable?: boolean;
  /** false when no source gives the layout (subtype 11's 2.5 enforcement section). */
  layoutKnown: boolean;
  fields: FieldDef[];
  source: string[];
  /** Confidence of the section length per release, where it differs from the fields' own confidence. */
  lengthConfidence?: Partial<Record<Release, Confidence>>;
  lengthNote?: string;
  failedHandshake?: FailedHandshakeRule;
  /** Protocol bit of another section that says this section is present (inferred pairing where no source states it). */
  presentWhen?: FlagRef;
  note?: string;
}

export interface SubtypeDef {
  subtype: Subtype;
  /** 'st11' / 'st12': first element of every path. */
  pathRoot: string;
  title: string;
  /** Header, SelfDef, then the triplet sections in triplet order. */
  sections: SectionDef[];
  /** Triplet count per release, where it is not simply the number of triplet sections that exist. */
  tripletCountConfidence: Partial<Record<Release, Confidence>>;
  source: string[];
}
