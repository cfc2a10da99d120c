import type { Framing } from '../../io/framing.js';
import { concat, frame } from '../../io/framing.js';
import { Rng } from '../../generators/scenarios/model.js';
import { readSmallUint, writeSmallUint } from '../../spec/primitives.js';
import type { FieldDef, SectionKey } from '../../spec/types.js';
import type { Seed } from './seeds.js';
import type { FieldSpot, RecordMap } from './structure.js';
import { mapRecord, mapVbs } from './structure.js';

// The catalogue of named, structure-aware mutations. A fuzz input is a seed plus a list of these: plain
// JSON that says what was done ("unknown code 3 in SSH[0].SMF119SC_SSH_Prot_Ver"), applies to any seed
// that has the named place, and shrinks parameter by parameter. Record mutations name fields and sections,
// not offsets, so the shrinker can move a mutation list to a smaller seed.
//
// Order of application: record mutations in list order (each on the record `record`, default the first),
// then the records are framed as the seed's framing, then file mutations in list order.

export type BoundaryValue = 'zero' | 'one' | 'max' | 'max-1' | 'high-bit';
export type TripletValue = 'outside' | 'overlap' | 'zero' | 'max' | 'plus-one';

export type RecordMutation = { record?: number } & (
  | { op: 'field-boundary'; field: string; value: BoundaryValue }
  | { op: 'unknown-code'; field: string; code: number }
  | { op: 'flag-bits'; field: string; value: number }
  | { op: 'triplet'; section: SectionKey; part: 'off' | 'len' | 'num'; value: TripletValue }
  | { op: 'section-length'; section: SectionKey; change: 'shorter' | 'longer' | 'zero'; by: number }
  | { op: 'truncate'; at: string; rdw: 'kept' | 'adjusted' }
  | { op: 'dn-length'; entry: number; value: 'zero' | 'below-prefix' | 'plus-one' | 'overflow' | 'max' }
  | { op: 'dn-grow'; entry: number; length: number }
  | { op: 'packed-date'; field: string; value: 'bad-sign' | 'bad-digit' | 'day-zero' | 'day-367' | 'all-ff' }
  | { op: 'bad-time'; field: string; value: 'midnight' | 'all-ff' }
  | { op: 'ebcdic-unmappable'; field: string; byte: number }
  | { op: 'rdw'; value: 'zero' | 'short' | 'long' | 'max' | 'segment-bits' }
  | { op: 'foreign-record'; kind: 'smf-type-30' | 'subtype-2' | 'subtype-13' | 'other-zert'; position: 'before' | 'after' }
  | { op: 'splice'; with: string; at: string }
  | { op: 'random-bytes'; at: number; count: number; seed: number }
);

export type FileMutation =
  | { op: 'reblock'; blockSize: number }
  | { op: 'bdw'; block: number; value: 'zero' | 'short' | 'long' | 'max' }
  | { op: 'sdw'; segment: number; value: 'complete' | 'first' | 'middle' | 'last' | 'short' | 'long' }
  | { op: 'drop-segment'; segment: number }
  | { op: 'random-file'; length: number; seed: number };

export type FuzzMutation = RecordMutation | FileMutation;
export type MutationOp = FuzzMutation['op'];

const FILE_OPS = new Set<MutationOp>(['reblock', 'bdw', 'sdw', 'drop-segment', 'random-file']);
export const isFileMutation = (m: FuzzMutation): m is FileMutation => FILE_OPS.has(m.op);

export interface Materialised {
  bytes: Uint8Array;
  framing: Framing;
  /** Logical records after the record mutations (before framing). */
  records: Uint8Array[];
}

/** Looks up other seeds by id (splices, records of the other zERT subtype). */
export interface SeedLookup {
  byId(id: string): Seed | undefined;
  /** The smallest seed of a subtype. */
  smallest(subtype: 11 | 12): Seed | undefined;
}

const EBCDIC_X = 0xe7;
const BOUNDARY_VALUES: BoundaryValue[] = ['zero', 'one', 'max', 'max-1', 'high-bit'];
const TRIPLET_VALUES: TripletValue[] = ['outside', 'overlap', 'zero', 'max', 'plus-one'];
/** Block sizes that make ordinary records span two or more blocks (first, middle and last segments). */
export const SMALL_BLOCK_SIZES = [18, 40, 64, 100, 256];
const DN_GROW_LENGTHS = [201, 256, 1024, 1025];
const UNMAPPABLE_BYTES = [0x00, 0x15, 0x25, 0x3f, 0xff];

function fill(bytes: Uint8Array, at: number, length: number, value: BoundaryValue): void {
  for (let i = 0; i < length; i++) {
    const last = i === length - 1;
    bytes[at + i] = value === 'zero' ? 0 : value === 'one' ? (last ? 1 : 0) : value === 'max' ? 0xff : value === 'max-1' ? (last ? 0xfe : 0xff) : i === 0 ? 0x80 : 0;
  }
}

function writeNumber(bytes: Uint8Array, at: number, length: number, value: number): void {
  for (let i = 0; i < length; i++) bytes[at + i] = Math.floor(value / 2 ** (8 * (length - 1 - i))) & 0xff;
}

const setRdwLength = (r: Uint8Array): void => writeSmallUint(r, 0, 2, Math.min(r.length, 0xffff));

/** Inserts (delta > 0) or removes (delta < 0) bytes at `at`, moving the sections behind and fixing the RDW. */
function resize(map: RecordMap, r: Uint8Array, at: number, delta: number): Uint8Array {
  const out = delta > 0 ? concat([r.subarray(0, at), new Uint8Array(delta).fill(EBCDIC_X), r.subarray(at)]) : concat([r.subarray(0, at + delta), r.subarray(at)]);
  for (const t of map.triplets) if (t.num > 0 && t.off >= at) writeSmallUint(out, t.at.off, 4, t.off + delta);
  setRdwLength(out);
  return out;
}

const fieldSpot = (map: RecordMap, name: string): FieldSpot | undefined => map.fields.find((f) => f.name === name);

/** Codes of an enum field's set that are not in the table: the first past the known ones, and the largest. */
export function unknownCodes(def: FieldDef): number[] {
  if (def.type.kind !== 'enum') return [];
  const known = new Set(def.type.codes.codes.map((c) => c.code));
  const max = 2 ** (8 * def.length) - 1;
  const out: number[] = [];
  for (let c = Math.max(...known) + 1; c <= max && out.length < 1; c++) if (!known.has(c)) out.push(c);
  if (!known.has(max) && !out.includes(max)) out.push(max);
  return out;
}

function undeclaredBits(def: FieldDef): number {
  if (def.type.kind !== 'flags') return 0;
  const declared = def.type.flags.codes.reduce((m, c) => m | c.code, 0);
  return (2 ** (8 * def.length) - 1) & ~declared;
}

/** One record mutation on one record; undefined when the record lacks the place the mutation names. */
function applyToRecord(m: RecordMutation, r: Uint8Array, map: RecordMap | undefined, seeds: SeedLookup): Uint8Array[] | undefined {
  const out = Uint8Array.from(r);
  const field = 'field' in m ? (map ? fieldSpot(map, m.field) : undefined) : undefined;
  switch (m.op) {
    case 'field-boundary':
      if (!field) return undefined;
      fill(out, field.offset, field.length, m.value);
      return [out];
    case 'unknown-code':
    case 'flag-bits':
      if (!field) return undefined;
      writeNumber(out, field.offset, field.length, m.op === 'unknown-code' ? m.code : m.value);
      return [out];
    case 'triplet': {
      const t = map?.triplets.find((x) => x.section === m.section);
      if (!t || !map) return undefined;
      const size = m.part === 'off' ? 4 : 2;
      const other = map.triplets.find((x) => x.section !== m.section && x.num > 0 && x.off !== t.off);
      const values: Record<TripletValue, number> = {
        outside: m.part === 'off' ? r.length + 1 : m.part === 'len' ? Math.max(r.length - t.off + 1, 1) : t.len > 0 ? Math.floor((r.length - t.off) / t.len) + 1 : 0xffff,
        overlap: m.part === 'off' ? (other?.off ?? 24) : m.part === 'len' ? t.len + (other?.len ?? 8) : t.num + 1,
        zero: 0,
        max: size === 4 ? 0xffffffff : 0xffff,
        'plus-one': (m.part === 'off' ? t.off : m.part === 'len' ? t.len : t.num) + 1,
      };
      writeNumber(out, t.at[m.part], size, Math.min(values[m.value], 2 ** (8 * size) - 1));
      return [out];
    }
    case 'section-length': {
      const t = map?.triplets.find((x) => x.section === m.section && x.num === 1 && x.len > 0);
      if (!t || !map || t.off + t.len > r.length) return undefined;
      if (m.change === 'zero') {
        writeSmallUint(out, t.at.len, 2, 0);
        return [out];
      }
      const delta = m.change === 'longer' ? m.by : -Math.min(m.by, t.len);
      const resized = resize(map, out, t.off + t.len, delta);
      writeSmallUint(resized, t.at.len, 2, t.len + delta);
      return [resized];
    }
    case 'truncate': {
      const spot = map ? fieldSpot(map, m.at) : undefined;
      if (!spot) return undefined;
      const cut = out.subarray(0, spot.offset);
      if (m.rdw === 'adjusted' && cut.length >= 2) setRdwLength(cut);
      return [cut];
    }
    case 'dn-length':
    case 'dn-grow': {
      const len = map?.fields.find((f) => f.section === 'DN' && f.index === m.entry && f.def.type.kind === 'derived');
      if (!len || !map) return undefined;
      const current = readSmallUint(r, len.offset, 2);
      if (m.op === 'dn-length') {
        const dn = map.triplets.find((t) => t.section === 'DN')!;
        const values = { zero: 0, 'below-prefix': 3, 'plus-one': current + 1, overflow: dn.off + dn.len - len.offset + 1, max: 0xffff };
        writeSmallUint(out, len.offset, 2, Math.min(values[m.value], 0xffff));
        return [out];
      }
      const delta = m.length + 4 - current;
      if (delta <= 0) return undefined;
      const grown = resize(map, out, len.offset + current, delta);
      writeSmallUint(grown, len.offset, 2, m.length + 4);
      const dn = map.triplets.find((t) => t.section === 'DN')!;
      writeSmallUint(grown, dn.at.len, 2, Math.min(dn.len + delta, 0xffff));
      return [grown];
    }
    case 'packed-date': {
      if (!field || field.def.type.kind !== 'packedDate') return undefined;
      const at = field.offset;
      if (m.value === 'all-ff') out.fill(0xff, at, at + 4);
      else if (m.value === 'bad-sign') out[at + 3] = (out[at + 3]! & 0xf0) | 0x0a;
      else if (m.value === 'bad-digit') out[at + 1] = 0xab;
      else out.set(m.value === 'day-zero' ? [0x01, 0x25, 0x00, 0x0f] : [0x01, 0x25, 0x36, 0x7f], at);
      return [out];
    }
    case 'bad-time':
      if (!field || field.def.type.kind !== 'timeOfDay') return undefined;
      writeNumber(out, field.offset, 4, m.value === 'midnight' ? 8_640_000 : 0xffffffff);
      return [out];
    case 'ebcdic-unmappable':
      if (!field || (field.def.type.kind !== 'text' && field.def.type.kind !== 'varText')) return undefined;
      out[field.offset] = m.byte;
      return [out];
    case 'rdw':
      if (out.length < 4) return undefined;
      if (m.value === 'segment-bits') out[2] = 0x01;
      else writeSmallUint(out, 0, 2, { zero: 0, short: Math.max(out.length - 1, 0), long: Math.min(out.length + 1, 0xffff), max: 0xffff }[m.value]);
      return [out];
    case 'foreign-record': {
      let foreign: Uint8Array;
      if (m.kind === 'other-zert') {
        const subtype = out.length >= 24 && readSmallUint(out, 22, 2) === 12 ? 11 : 12;
        const other = seeds.smallest(subtype);
        if (!other) return undefined;
        foreign = Uint8Array.from(other.records[0]!);
      } else {
        foreign = Uint8Array.from(out);
        if (foreign.length < 24) return undefined;
        if (m.kind === 'smf-type-30') foreign[5] = 30;
        else writeSmallUint(foreign, 22, 2, m.kind === 'subtype-2' ? 2 : 13);
      }
      return m.position === 'before' ? [foreign, out] : [out, foreign];
    }
    case 'splice': {
      const spot = map ? fieldSpot(map, m.at) : undefined;
      const partner = seeds.byId(m.with)?.records[0];
      if (!spot || !partner || spot.offset >= partner.length) return undefined;
      const spliced = concat([out.subarray(0, spot.offset), partner.subarray(spot.offset)]);
      setRdwLength(spliced);
      return [spliced];
    }
    case 'random-bytes': {
      if (out.length === 0) return undefined;
      const rng = new Rng(m.seed);
      const at = m.at % out.length;
      for (let i = at; i < Math.min(at + m.count, out.length); i++) out[i] = rng.int(0, 255);
      return [out];
    }
  }
}

function applyToFile(m: FileMutation, file: Uint8Array, records: Uint8Array[], framing: Framing): { bytes: Uint8Array; framing: Framing } | undefined {
  if (m.op === 'reblock') return { bytes: frame(records, 'vbs', m.blockSize), framing: 'vbs' };
  if (m.op === 'random-file') {
    const rng = new Rng(m.seed);
    return { bytes: Uint8Array.from({ length: m.length }, () => rng.int(0, 255)), framing };
  }
  if (framing !== 'vbs') return undefined;
  const { blocks, segments } = mapVbs(file);
  const out = Uint8Array.from(file);
  if (m.op === 'bdw') {
    const b = blocks[m.block];
    if (!b) return undefined;
    writeSmallUint(out, b.at, 2, { zero: 0, short: b.length - 1, long: Math.min(b.length + 1, 0xffff), max: 0xffff }[m.value]);
    return { bytes: out, framing };
  }
  const s = segments[m.segment];
  if (!s) return undefined;
  if (m.op === 'sdw') {
    const codes = { complete: 0, first: 1, last: 2, middle: 3 } as const;
    if (m.value === 'short' || m.value === 'long') writeSmallUint(out, s.at, 2, m.value === 'short' ? s.length - 1 : s.length + 1);
    else out[s.at + 2] = codes[m.value];
    return { bytes: out, framing };
  }
  const block = blocks[s.block]!;
  const dropped = concat([out.subarray(0, s.at), out.subarray(s.at + s.length)]);
  writeSmallUint(dropped, block.at, 2, block.length - s.length);
  return { bytes: dropped, framing };
}

/** An input half-way through its mutation list: the records, and the file once a file mutation framed it. */
export interface MutationState {
  records: Uint8Array[];
  framing: Framing;
  file?: Uint8Array;
}

const mapCache = new WeakMap<Uint8Array, RecordMap | undefined>();
function cachedMap(record: Uint8Array, release: Seed['release']): RecordMap | undefined {
  if (!mapCache.has(record)) mapCache.set(record, mapRecord(record, release));
  return mapCache.get(record);
}

export const initialState = (seed: Seed): MutationState => ({ records: seed.records, framing: seed.framing });

/** Applies one mutation; undefined when it has no place to apply (or is a record mutation after a file one). */
export function applyMutation(state: MutationState, m: FuzzMutation, seed: Seed, seeds: SeedLookup): MutationState | undefined {
  if (isFileMutation(m)) {
    const next = applyToFile(m, state.file ?? frame(state.records, state.framing), state.records, state.framing);
    return next && { records: state.records, framing: next.framing, file: next.bytes };
  }
  if (state.file) return undefined;
  const index = (m.record ?? 0) % Math.max(state.records.length, 1);
  const target = state.records[index];
  if (!target) return undefined;
  const replaced = applyToRecord(m, target, cachedMap(target, seed.release), seeds);
  return replaced && { records: [...state.records.slice(0, index), ...replaced, ...state.records.slice(index + 1)], framing: state.framing };
}

export const finish = (state: MutationState): Materialised => ({ bytes: state.file ?? frame(state.records, state.framing), framing: state.framing, records: state.records });

/** The bytes of a seed with a mutation list applied; undefined when a mutation has no place to apply. */
export function materialise(seed: Seed, mutations: readonly FuzzMutation[], seeds: SeedLookup): Materialised | undefined {
  // Record mutations first, in list order, then the file mutations: the order the list documents.
  let state: MutationState | undefined = initialState(seed);
  for (const m of [...mutations.filter((x) => !isFileMutation(x)), ...mutations.filter(isFileMutation)]) {
    state = applyMutation(state, m, seed, seeds);
    if (!state) return undefined;
  }
  return finish(state);
}

/** One line per mutation, for reports; codes and flag values in hex, as IBM writes them. */
export function describeMutation(m: FuzzMutation): string {
  const { op, ...params } = m;
  const shown = Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'number' && (k === 'code' || (k === 'value' && op === 'flag-bits')) ? `X'${v.toString(16).toUpperCase()}'` : String(v)}`);
  return [op, ...shown].join(' ');
}

// --- generation --------------------------------------------------------------------------------------

/** What a generator sees: the current state of the input. */
interface GenState {
  seed: Seed;
  current: Materialised;
  map: RecordMap | undefined;
  seeds: SeedLookup;
  others: readonly Seed[];
}

type Generator = (rng: Rng, s: GenState) => FuzzMutation | undefined;

const pickField = (rng: Rng, s: GenState, test: (f: FieldSpot) => boolean): FieldSpot | undefined => {
  const fields = s.map?.fields.filter(test) ?? [];
  return fields.length ? rng.pick(fields) : undefined;
};
const dnEntries = (s: GenState): number => s.map?.fields.filter((f) => f.section === 'DN' && f.def.type.kind === 'derived').length ?? 0;

/** Generators with weights: structure-aware operators dominate; raw bytes keep a share. */
const GENERATORS: { op: MutationOp; weight: number; make: Generator }[] = [
  { op: 'field-boundary', weight: 4, make: (rng, s) => {
    const f = pickField(rng, s, (x) => x.def.type.kind !== 'derived');
    return f && { op: 'field-boundary', field: f.name, value: rng.pick(BOUNDARY_VALUES) };
  } },
  { op: 'unknown-code', weight: 4, make: (rng, s) => {
    const f = pickField(rng, s, (x) => unknownCodes(x.def).length > 0);
    return f && { op: 'unknown-code', field: f.name, code: rng.pick(unknownCodes(f.def)) };
  } },
  { op: 'flag-bits', weight: 2, make: (rng, s) => {
    const f = pickField(rng, s, (x) => x.def.type.kind === 'flags');
    if (!f) return undefined;
    const undeclared = undeclaredBits(f.def);
    return { op: 'flag-bits', field: f.name, value: rng.pick([2 ** (8 * f.length) - 1, ...(undeclared ? [undeclared] : []), rng.int(0, 2 ** (8 * f.length) - 1)]) };
  } },
  { op: 'triplet', weight: 5, make: (rng, s) => {
    const ts = s.map?.triplets ?? [];
    const t = ts.length ? rng.pick(ts) : undefined;
    return t && { op: 'triplet', section: t.section, part: rng.pick(['off', 'len', 'num'] as const), value: rng.pick(TRIPLET_VALUES) };
  } },
  { op: 'section-length', weight: 2, make: (rng, s) => {
    const ts = s.map?.triplets.filter((t) => t.num === 1 && t.len > 0) ?? [];
    const t = ts.length ? rng.pick(ts) : undefined;
    return t && { op: 'section-length', section: t.section, change: rng.pick(['shorter', 'longer', 'zero'] as const), by: rng.pick([1, 4, 8, 64]) };
  } },
  { op: 'truncate', weight: 3, make: (rng, s) => {
    const f = pickField(rng, s, () => true);
    return f && { op: 'truncate', at: f.name, rdw: rng.pick(['kept', 'adjusted'] as const) };
  } },
  { op: 'dn-length', weight: 2, make: (rng, s) => {
    const n = dnEntries(s);
    return n ? { op: 'dn-length', entry: rng.int(0, n - 1), value: rng.pick(['zero', 'below-prefix', 'plus-one', 'overflow', 'max'] as const) } : undefined;
  } },
  { op: 'dn-grow', weight: 2, make: (rng, s) => {
    const n = dnEntries(s);
    return n ? { op: 'dn-grow', entry: rng.int(0, n - 1), length: rng.pick(DN_GROW_LENGTHS) } : undefined;
  } },
  { op: 'packed-date', weight: 1, make: (rng, s) => {
    const f = pickField(rng, s, (x) => x.def.type.kind === 'packedDate');
    return f && { op: 'packed-date', field: f.name, value: rng.pick(['bad-sign', 'bad-digit', 'day-zero', 'day-367', 'all-ff'] as const) };
  } },
  { op: 'bad-time', weight: 1, make: (rng, s) => {
    const f = pickField(rng, s, (x) => x.def.type.kind === 'timeOfDay');
    return f && { op: 'bad-time', field: f.name, value: rng.pick(['midnight', 'all-ff'] as const) };
  } },
  { op: 'ebcdic-unmappable', weight: 1, make: (rng, s) => {
    const f = pickField(rng, s, (x) => x.def.type.kind === 'text' || x.def.type.kind === 'varText');
    return f && { op: 'ebcdic-unmappable', field: f.name, byte: rng.pick(UNMAPPABLE_BYTES) };
  } },
  { op: 'rdw', weight: 1, make: (rng) => ({ op: 'rdw', value: rng.pick(['zero', 'short', 'long', 'max', 'segment-bits'] as const) }) },
  { op: 'foreign-record', weight: 1, make: (rng) => ({ op: 'foreign-record', kind: rng.pick(['smf-type-30', 'subtype-2', 'subtype-13', 'other-zert'] as const), position: rng.pick(['before', 'after'] as const) }) },
  { op: 'splice', weight: 1, make: (rng, s) => {
    const f = pickField(rng, s, () => true);
    return f && s.others.length ? { op: 'splice', with: rng.pick(s.others).id, at: f.name } : undefined;
  } },
  { op: 'random-bytes', weight: 1, make: (rng) => ({ op: 'random-bytes', at: rng.int(0, 4095), count: rng.pick([1, 2, 4, 16]), seed: rng.int(0, 0xffffffff) }) },
  { op: 'reblock', weight: 2, make: (rng) => ({ op: 'reblock', blockSize: rng.pick(SMALL_BLOCK_SIZES) }) },
  { op: 'bdw', weight: 1, make: (rng, s) => {
    const n = s.current.framing === 'vbs' ? mapVbs(s.current.bytes).blocks.length : 0;
    return n ? { op: 'bdw', block: rng.int(0, n - 1), value: rng.pick(['zero', 'short', 'long', 'max'] as const) } : undefined;
  } },
  { op: 'sdw', weight: 1, make: (rng, s) => {
    const n = s.current.framing === 'vbs' ? mapVbs(s.current.bytes).segments.length : 0;
    return n ? { op: 'sdw', segment: rng.int(0, n - 1), value: rng.pick(['complete', 'first', 'middle', 'last', 'short', 'long'] as const) } : undefined;
  } },
  { op: 'drop-segment', weight: 1, make: (rng, s) => {
    const n = s.current.framing === 'vbs' ? mapVbs(s.current.bytes).segments.length : 0;
    return n > 1 ? { op: 'drop-segment', segment: rng.int(0, n - 1) } : undefined;
  } },
  { op: 'random-file', weight: 1, make: (rng) => ({ op: 'random-file', length: rng.pick([0, 1, 4, 24, 100, 600]), seed: rng.int(0, 0xffffffff) }) },
];

export const MUTATION_OPS: readonly MutationOp[] = GENERATORS.map((g) => g.op);

export interface FuzzInput {
  seed: Seed;
  mutations: FuzzMutation[];
}

/**
 * Input number `index` of a run: a function of (runSeed, index) alone, so every --jobs gives the same
 * inputs in the same order.
 */
export function generateInput(runSeed: number, index: number, pool: readonly Seed[], seeds: SeedLookup): { input: FuzzInput; materialised: Materialised } {
  const rng = new Rng((Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);
  const seed = rng.pick(pool);
  const count = rng.weighted([{ n: 1, weight: 6 }, { n: 2, weight: 3 }, { n: 3, weight: 1 }, { n: 4, weight: 1 }]).n;
  const mutations: FuzzMutation[] = [];
  let state = initialState(seed);
  for (let tries = 0; mutations.length < count && tries < count * 6; tries++) {
    const first = state.records[0];
    const gen: GenState = { seed, current: finish(state), map: first ? cachedMap(first, seed.release) : undefined, seeds, others: pool };
    const m = rng.weighted(GENERATORS).make(rng, gen);
    if (!m) continue;
    // Plain random bytes replace everything: alone, or not at all.
    if (m.op === 'random-file' && mutations.length > 0) continue;
    const next = applyMutation(state, m, seed, seeds);
    if (!next) continue;
    mutations.push(m);
    state = next;
    if (m.op === 'random-file') break;
  }
  const current = finish(state);
  return { input: { seed, mutations }, materialised: current };
}

// --- shrinking ---------------------------------------------------------------------------------------

const FIELD_PREFIX = { 11: 'SMF119SC_', 12: 'SMF119SS_' } as const;

/**
 * The same mutations aimed at a record of another subtype: subtype 11 and 12 sections share field names
 * but for their prefix (SMF119SC_ / SMF119SS_), so 'SSH[0].SMF119SC_SSH_Prot_Ver' becomes
 * 'SSH[0].SMF119SS_SSH_Prot_Ver'. Where the other subtype lacks the field, the mutation will not apply.
 */
export function forSubtype(mutations: readonly FuzzMutation[], subtype: 11 | 12): FuzzMutation[] {
  const other = FIELD_PREFIX[subtype === 11 ? 12 : 11];
  const rename = (name: string): string => name.replace(other, FIELD_PREFIX[subtype]);
  return mutations.map((m) => ('field' in m ? { ...m, field: rename(m.field) } : m.op === 'truncate' || m.op === 'splice' ? { ...m, at: rename(m.at) } : m));
}

/** Simpler variants of one mutation, most promising first: smaller sizes, smaller numbers, plainer values. */
export function simplerVariants(m: FuzzMutation): FuzzMutation[] {
  switch (m.op) {
    case 'dn-grow':
      return DN_GROW_LENGTHS.filter((l) => l < m.length).map((length) => ({ ...m, length }));
    case 'section-length':
      return [1, 4, 8].filter((b) => b < m.by).map((by) => ({ ...m, by }));
    case 'random-bytes':
      return [1, 2, 4].filter((c) => c < m.count).map((count) => ({ ...m, count }));
    case 'random-file':
      return [0, 1, 4, 24, 100].filter((l) => l < m.length).map((length) => ({ ...m, length }));
    case 'reblock':
      return SMALL_BLOCK_SIZES.filter((b) => b > m.blockSize).reverse().map((blockSize) => ({ ...m, blockSize }));
    default:
      return 'record' in m && m.record ? [{ ...m, record: 0 }] : [];
  }
}
