import type { CanonicalRecord } from '../../spec/codec.js';
import type { Subtype } from '../../spec/types.js';
import type { AliasMap } from './aliases.js';
import { compareRecord } from './compare.js';

// When a parser returns more or fewer records than a case holds, its records are paired with the expected
// ones before fields are compared, so that one record left out does not make every later record "wrong".
// Pairing uses, in this order: a record offset or index the parser reports (`@offset`: file offset of the
// record's RDW; `@index`: 0-based position in the file), else the record's identity (header time, date,
// system and subtype, and the key fields below), keeping file order. Records nothing pairs are missing or extra.

/** Fields that tell one record of a file from another, besides the header's time, date, system and subtype. */
const KEY_FIELDS: Record<Subtype, readonly string[]> = {
  11: ['SMF119SC_SAEvent_Type', 'SMF119SC_SAConnID', 'SMF119SC_SARIP', 'SMF119SC_SARPort', 'SMF119SC_SALPort', 'SMF119SC_SASTime'],
  12: ['SMF119SS_SAEvent_Type', 'SMF119SS_SASessionID', 'SMF119SS_SASrvIP', 'SMF119SS_SACltIP', 'SMF119SS_SASrvPortStart'],
};
const HEADER_KEYS = ['SMF119HDTime', 'SMF119HDDate', 'SMF119HDSID', 'SMF119HDSubType'];
/** Beyond this many record pairs, records are paired by position (the pairing is quadratic). */
const MAX_PAIRS = 250_000;

export interface Alignment {
  /** [expected index, actual index], in file order. */
  pairs: [number, number][];
  /** Expected records no answer pairs with. */
  missing: number[];
  /** Answers no expected record pairs with. */
  extra: number[];
  by: 'position' | 'offset' | 'index' | 'key';
}

const pick = (o: unknown, names: readonly string[]): Record<string, unknown> | undefined => {
  if (typeof o !== 'object' || o === null) return undefined;
  const out = Object.fromEntries(names.filter((n) => n in o).map((n) => [n, (o as Record<string, unknown>)[n]]));
  return Object.keys(out).length ? out : undefined;
};

/** The expected record reduced to its identity: what `compareRecord` checks when pairing. */
function identity(subtype: Subtype, r: CanonicalRecord): CanonicalRecord {
  const common = Array.isArray(r['Common']) ? r['Common'][0] : undefined;
  const key = pick(common, KEY_FIELDS[subtype]);
  return { Header: pick(r['Header'], HEADER_KEYS) ?? {}, ...(key ? { Common: [key] } : {}) } as CanonicalRecord;
}

/** Longest in-order pairing of expected and actual records under `same`. */
function inOrder(n: number, m: number, same: (e: number, a: number) => boolean): [number, number][] {
  const len = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let e = n - 1; e >= 0; e--) for (let a = m - 1; a >= 0; a--) len[e]![a] = same(e, a) ? len[e + 1]![a + 1]! + 1 : Math.max(len[e + 1]![a]!, len[e]![a + 1]!);
  const pairs: [number, number][] = [];
  for (let e = 0, a = 0; e < n && a < m; ) {
    if (same(e, a) && len[e]![a] === len[e + 1]![a + 1]! + 1) pairs.push([e++, a++]);
    else if (len[e + 1]![a]! >= len[e]![a + 1]!) e++;
    else a++;
  }
  return pairs;
}

function reported(actual: Record<string, unknown>[], key: '@offset' | '@index'): number[] | undefined {
  const values = actual.map((r) => r[key]);
  return values.every((v) => typeof v === 'number' && Number.isInteger(v)) ? (values as number[]) : undefined;
}

/**
 * Pairs expected with actual records. `offsets` are the file offsets of the expected records (their index
 * is their position).
 */
export function alignRecords(subtype: Subtype, expected: CanonicalRecord[], actual: Record<string, unknown>[], offsets: readonly number[], aliases?: AliasMap): Alignment {
  const finish = (pairs: [number, number][], by: Alignment['by']): Alignment => {
    const e = new Set(pairs.map((p) => p[0]));
    const a = new Set(pairs.map((p) => p[1]));
    return { pairs, by, missing: expected.map((_, i) => i).filter((i) => !e.has(i)), extra: actual.map((_, i) => i).filter((i) => !a.has(i)) };
  };
  const byReported = (values: number[], expectedValues: readonly number[], by: Alignment['by']): Alignment => {
    const where = new Map(expectedValues.map((v, i) => [v, i]));
    const used = new Set<number>();
    const pairs: [number, number][] = [];
    values.forEach((v, a) => {
      const e = where.get(v);
      if (e !== undefined && !used.has(e)) {
        used.add(e);
        pairs.push([e, a]);
      }
    });
    return finish(pairs.sort((x, y) => x[0] - y[0]), by);
  };
  const atOffsets = reported(actual, '@offset');
  if (atOffsets) return byReported(atOffsets, offsets, 'offset');
  const atIndexes = reported(actual, '@index');
  if (atIndexes) return byReported(atIndexes, expected.map((_, i) => i), 'index');
  const positional = (): Alignment => finish(Array.from({ length: Math.min(expected.length, actual.length) }, (_, i) => [i, i]), 'position');
  if (expected.length * actual.length > MAX_PAIRS) return positional();
  const identities = expected.map((r) => identity(subtype, r));
  const verdicts = identities.map((id) => actual.map((a) => compareRecord(subtype, id, a, 0, aliases)));
  // Identity fields the parser does not report cannot pair anything: then position is all there is.
  if (verdicts.every((row) => row.every((fields) => fields.every((f) => f.status === 'missing')))) return positional();
  const pairs = inOrder(expected.length, actual.length, (e, a) => verdicts[e]![a]!.every((f) => f.status !== 'fail'));
  return finish(pairs, 'key');
}
