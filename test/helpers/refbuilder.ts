import { readFileSync } from 'node:fs';
import { glibcDecodeAll } from './glibc.js';

// Builds expected record bytes from the reference JSON alone: its offsets, lengths and section lengths,
// glibc's IBM-1047 for text, and byte writing done here. Nothing from spec/ is used, so agreement with
// encode() is an independent check of both.

type RefField = { offset: number; name: string; length: number | null; format: string; since?: string; until?: string };
type RefSection = { key?: string; name: string; fields?: RefField[]; lengthByRelease?: Record<string, number | string | null> };

const load = (name: string): any => JSON.parse(readFileSync(new URL(`../../spec/reference/${name}`, import.meta.url), 'utf8'));
const common = load('smf119-common.json');
const st11 = load('smf119-st11.json');
const st12 = load('smf119-st12.json');

const toEbcdic = new Map<string, number>(glibcDecodeAll('IBM-1047').map((cp, byte) => [String.fromCodePoint(cp), byte]));

/** A value for the builder: number/bigint = big-endian unsigned in the field's length; 'x:..' = hex bytes; other strings = EBCDIC text blank padded. */
export type V = number | bigint | string;
export type Fields = Record<string, V>;

const RELEASE_ORDER = ['2.3', '2.4', '2.5', '3.1', '3.2'];
const inRelease = (f: RefField, r: string): boolean =>
  RELEASE_ORDER.indexOf(f.since ?? '2.3') <= RELEASE_ORDER.indexOf(r) && (!f.until || RELEASE_ORDER.indexOf(r) <= RELEASE_ORDER.indexOf(f.until));

function bytesOf(v: V, length: number | null, name: string): number[] {
  if (typeof v === 'number' || typeof v === 'bigint') {
    let n = BigInt(v);
    const out = new Array<number>(length!).fill(0);
    for (let i = length! - 1; i >= 0; i--) {
      out[i] = Number(n & 0xffn);
      n >>= 8n;
    }
    if (n !== 0n) throw new Error(`${name}: ${v} does not fit`);
    return out;
  }
  if (v.startsWith('x:')) {
    const hex = v.slice(2);
    const out = Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    if (length !== null && out.length !== length) throw new Error(`${name}: ${out.length} bytes for a ${length}-byte field`);
    return out;
  }
  const out = [...v].map((ch) => {
    const b = toEbcdic.get(ch);
    if (b === undefined) throw new Error(`${name}: no EBCDIC byte for ${ch}`);
    return b;
  });
  if (length === null) return out;
  if (out.length > length) throw new Error(`${name}: text too long`);
  return [...out, ...new Array<number>(length - out.length).fill(0x40)];
}

interface Layout {
  fields: RefField[];
  length: number;
}

function sectionLayout(subtype: 11 | 12, key: string, release: string): Layout {
  if (key === 'Ident') return { fields: common.tcpipIdentificationSection.fields, length: 64 };
  const sections: RefSection[] = subtype === 11 ? st11.sections : st12.sections;
  const s = subtype === 11 ? sections.find((x) => x.key === key) : sections.find((x) => x.name.includes(key === 'Common' ? 'common' : key));
  if (!s?.fields) throw new Error(`no reference section ${key}`);
  const declared = s.lengthByRelease?.[release];
  // Subtype 11's reference gives lengths only for 2.3; later releases are unchanged by inference.
  const length = typeof declared === 'number' ? declared : Number(s.lengthByRelease?.['2.3']);
  return { fields: s.fields.filter((f) => inRelease(f, release)), length };
}

function fill(layout: Layout, values: Fields, where: string): number[] {
  const out = new Array<number>(layout.length).fill(0);
  for (const f of layout.fields) {
    // Text fields default to blanks (reserved areas to zeros).
    if (f.format === 'EBCDIC' && f.name !== 'reserved' && f.length) out.fill(0x40, f.offset, f.offset + f.length);
  }
  for (const [name, v] of Object.entries(values)) {
    const f = layout.fields.find((x) => x.name === name);
    if (!f) throw new Error(`${where}: the reference has no field ${name}`);
    out.splice(f.offset, f.length!, ...bytesOf(v, f.length, name));
  }
  return out;
}

export interface Spec {
  subtype: 11 | 12;
  release: string;
  header: Fields;
  sections: Record<string, Fields[]>;
}

/** Triplet order per subtype, from the reference's self-defining section tables. */
const TRIPLETS: Record<11 | 12, [string, string][]> = {
  11: [['ID', 'Ident'], ['S1', 'S1'], ['S2', 'S2'], ['S3', 'S3'], ['S4', 'S4'], ['S5', 'S5'], ['S6', 'S6'], ['S7', 'S7']],
  12: [['ID', 'Ident'], ['S1', 'Common'], ['S2', 'TLS'], ['S3', 'SSH'], ['S4', 'IPSec'], ['S5', 'DN']],
};

export function buildExpected(spec: Spec): Buffer {
  const { subtype, release } = spec;
  const trn = subtype === 11 ? (Number(st11.sections.find((s: RefSection) => s.key === 'SDS').lengthByRelease[release]) - 4) / 8 : st12.sections[0].tripletsByRelease[release];
  const bodies: number[][] = [];
  const triplets: [number, number, number][] = [];
  let offset = 24 + 4 + 8 * trn;
  for (const [, key] of TRIPLETS[subtype].slice(0, trn)) {
    const occurrences = spec.sections[key] ?? [];
    const isDn = (subtype === 11 && key === 'S6') || (subtype === 12 && key === 'DN');
    const parts = occurrences.map((values, i) => {
      if (isDn) {
        // DN entry: 2-byte length (4 + text), 2-byte type, then the text.
        const text = bytesOf(values['DN'] as string, null, 'DN');
        return [...bytesOf(text.length + 4, 2, 'DN_Len'), ...bytesOf(values['Type'] as number, 2, 'DN_Type'), ...text];
      }
      return fill(sectionLayout(subtype, key, release), values, `${key}[${i}]`);
    });
    const total = parts.reduce((n, p) => n + p.length, 0);
    triplets.push(parts.length ? [offset, isDn ? total : parts[0]!.length, parts.length] : [0, 0, 0]);
    bodies.push(parts.flat());
    offset += total;
  }
  const header = fill({ fields: common.standardHeader.fields, length: 24 }, { ...spec.header, SMF119HDLength: offset, SMF119HDType: 119, SMF119HDSubType: subtype }, 'Header');
  const selfDef = [...bytesOf(trn, 2, 'TRN'), 0, 0, ...triplets.flatMap(([o, l, n]) => [...bytesOf(o, 4, 'Off'), ...bytesOf(l, 2, 'Len'), ...bytesOf(n, 2, 'Num')])];
  return Buffer.from([...header, ...selfDef, ...bodies.flat()]);
}
