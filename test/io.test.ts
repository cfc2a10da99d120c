import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Keyed } from '../generators/parallel.js';
import { compareKeys, mergeByKey } from '../generators/parallel.js';
import { jsonRecords, JsonSyntaxError } from '../io/json-records.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* pieces(text: string, cuts: number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let at = 0;
  for (const p of [...points, bytes.length]) {
    yield bytes.subarray(at, p);
    at = p;
  }
}

describe('JSON records from a stream', () => {
  const records = fc.array(fc.record({ Header: fc.record({ SMF119HDSubType: fc.constantFrom(11, 12), SMF119HDSID: fc.string({ maxLength: 6 }) }), note: fc.string({ unit: 'grapheme' }) }), { maxLength: 6 });
  it('reads JSON Lines and a pretty-printed array alike, however the bytes are cut (multi-byte characters included)', async () => {
    await fc.assert(
      fc.asyncProperty(records, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(), async (rs, cuts, asArray) => {
        const text = asArray ? JSON.stringify(rs, null, 2) : rs.map((r) => JSON.stringify(r)).join('\n');
        expect((await collect(jsonRecords(pieces(`${text}\n`, cuts)))).map((r) => r.value)).toEqual(rs);
      }),
      { numRuns: 150 },
    );
  });
  it('gives the line each record starts on, and the line of a syntax error', async () => {
    const got = await collect(jsonRecords(pieces('[\n  {"a": 1},\n  {\n    "b": "}{"\n  }\n]\n', [3, 9])));
    expect(got.map((r) => [r.index, r.line])).toEqual([[0, 2], [1, 3]]);
    await expect(collect(jsonRecords(pieces('{"a": 1}\n{"b":\n 2,,}\n', [])))).rejects.toThrow(new JsonSyntaxError(3, '').message.slice(0, 7));
    await expect(collect(jsonRecords(pieces('[{"a": 1}', [])))).rejects.toThrow(/ends before the array's closing/);
    await expect(collect(jsonRecords(pieces('{"a": 1', [])))).rejects.toThrow(/line 1: the input ends inside this record/);
  });
});

describe('ordered merge of shards', () => {
  it('merges key-ordered shards into one order, whatever the batch sizes ([time, stream, n] keys)', async () => {
    const keys = fc.array(fc.tuple(fc.nat(50), fc.nat(3), fc.nat(1000)), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(keys, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 7 }), async (ks, shards, batch) => {
        const unique = [...new Map(ks.map((k) => [k.join(','), k])).values()];
        const sorted = [...unique].sort(compareKeys);
        const sources = Array.from({ length: shards }, (_, s) => (async function* () {
          const mine = sorted.filter((_, i) => i % shards === s).map((key): Keyed => ({ key, bytes: Uint8Array.of(key[0]!) }));
          for (let i = 0; i < mine.length; i += batch) yield mine.slice(i, i + batch);
        })());
        expect((await collect(mergeByKey(sources))).map((r) => r.key)).toEqual(sorted);
      }),
      { numRuns: 100 },
    );
  });
});
