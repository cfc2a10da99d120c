import { decode } from '../../spec/codec.js';
import { readSmallUint } from '../../spec/primitives.js';
import { sectionDef, subtypeDef, tripletField, tripletSections } from '../../spec/layout.js';
import type { FieldDef, Release, SectionKey, Subtype } from '../../spec/types.js';

// Where things are in a record and in a VBS file, so that mutations can aim at named fields, triplets and
// segments instead of at byte offsets. Field positions come from the decoder's own field trace (the tables
// place them); nothing here types an offset.

export interface FieldSpot {
  /** 'Header.SMF119HDDate', 'TLS[0].SMF119SC_TLS_Neg_Cipher', 'DN[1].SMF119SC_DN_Len'. */
  name: string;
  section: SectionKey;
  index: number;
  def: FieldDef;
  offset: number;
  length: number;
}

export interface TripletSpot {
  section: SectionKey;
  /** Record offsets of the triplet's Off (4 bytes), Len and Num (2 bytes each) fields. */
  at: { off: number; len: number; num: number };
  off: number;
  len: number;
  num: number;
}

export interface RecordMap {
  subtype: Subtype;
  release: Release;
  fields: FieldSpot[];
  triplets: TripletSpot[];
}

/** The fields and triplets of a record of a known subtype, as far as the decoder could read them. */
export function mapRecord(bytes: Uint8Array, release: Release): RecordMap | undefined {
  if (bytes.length < 24) return undefined;
  const st = subtypeDef(readSmallUint(bytes, 22, 2));
  if (!st) return undefined;
  const fields: FieldSpot[] = [];
  const fieldOffsets = new Map<string, number>();
  decode(bytes, {
    release,
    onField: (t) => {
      const [, occurrence, fieldName] = t.path;
      if (!occurrence || !fieldName || fieldName === 'reserved') return;
      const m = /^(\w+)(?:\[(\d+)\])?$/.exec(occurrence);
      if (!m) return;
      const section = m[1] as SectionKey;
      const def = sectionDef(st, section).fields.find((f) => f.name === fieldName);
      if (!def) return;
      const name = `${occurrence}.${fieldName}`;
      fieldOffsets.set(name, t.offset);
      if (t.offset + t.length <= bytes.length) fields.push({ name, section, index: Number(m[2] ?? 0), def, offset: t.offset, length: t.length });
    },
  });
  const triplets: TripletSpot[] = [];
  for (const s of tripletSections(st, release)) {
    const at = {
      off: fieldOffsets.get(`SelfDef.${tripletField(st, s.key, 'tripletOff')}`),
      len: fieldOffsets.get(`SelfDef.${tripletField(st, s.key, 'tripletLen')}`),
      num: fieldOffsets.get(`SelfDef.${tripletField(st, s.key, 'tripletNum')}`),
    };
    if (at.off === undefined || at.len === undefined || at.num === undefined || at.num + 2 > bytes.length) continue;
    const place = { off: at.off, len: at.len, num: at.num };
    triplets.push({ section: s.key, at: place, off: readSmallUint(bytes, at.off, 4), len: readSmallUint(bytes, at.len, 2), num: readSmallUint(bytes, at.num, 2) });
  }
  return { subtype: st.subtype, release, fields, triplets };
}

export interface VbsSegment {
  /** File offset of the segment descriptor. */
  at: number;
  length: number;
  code: number;
  block: number;
}

export interface VbsBlock {
  at: number;
  length: number;
}

/** Blocks and segments of a VBS file, walked leniently (stops where the descriptors stop making sense). */
export function mapVbs(file: Uint8Array): { blocks: VbsBlock[]; segments: VbsSegment[] } {
  const blocks: VbsBlock[] = [];
  const segments: VbsSegment[] = [];
  let at = 0;
  while (at + 4 <= file.length) {
    const length = readSmallUint(file, at, 2);
    if (length < 8 || at + length > file.length) break;
    blocks.push({ at, length });
    let seg = at + 4;
    while (seg + 4 <= at + length) {
      const segLength = readSmallUint(file, seg, 2);
      if (segLength < 4) break;
      segments.push({ at: seg, length: segLength, code: file[seg + 2]! & 0x03, block: blocks.length - 1 });
      seg += segLength;
    }
    at += length;
  }
  return { blocks, segments };
}
