import { describe, expect, it } from 'vitest';
import { DirectGenerator, directRecord } from '../generators/direct.js';
import { randomRuns, RANDOM_BLOCK } from '../generators/parallel.js';
import { BulkSample } from '../generators/sample.js';
import { frameRecordRuns, readRdw, readVbs } from '../io/framing.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode } from '../spec/codec.js';
import type { Release, Subtype } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';

// The direct generator of bulk random records (generate --random): valid records of every subtype and
// release, read back by the decoder to the values drawn; the domain of the fast-check arbitraries; the same
// bytes whatever the number of worker threads.

type Section = Record<string, unknown>;

/** The decoded values of the fields the record gives (the decoder adds companions and derived fields). */
function drawnPart(decoded: CanonicalRecord, drawn: CanonicalRecord): CanonicalRecord {
  const pick = (d: Section, keys: Section): Section => Object.fromEntries(Object.keys(keys).map((k) => [k, d[k]]));
  const out: CanonicalRecord = {};
  for (const [key, value] of Object.entries(drawn)) {
    const d = decoded[key];
    out[key] = Array.isArray(value) ? (d as Section[]).map((s, i) => pick(s, value[i] as Section)) : pick(d as Section, value as Section);
  }
  return out;
}

function sample(subtype: Subtype, release: Release, count: number, seed = 1): { drawn: CanonicalRecord; decoded: CanonicalRecord }[] {
  return Array.from({ length: count }, (_, i) => {
    const drawn = directRecord(subtype, release, seed, i);
    const r = decode(encode(drawn, { release }), { release });
    return { drawn, decoded: r.record! };
  });
}

const protocolBits = { TLS: 0x80, SSH: 0x40, IPSec: 0x20 } as const;

describe('direct generator', () => {
  it('draws records of every subtype and release that encode and decode back to the drawn values, without a diagnostic', () => {
    for (const subtype of [11, 12] as const) {
      for (const release of RELEASES) {
        for (const seed of [1, -7, 2 ** 40 + 3]) {
          for (let i = 0; i < 120; i++) {
            const drawn = directRecord(subtype, release, seed, i);
            const r = decode(encode(drawn, { release }), { release });
            expect(r.diagnostics.filter((d) => d.severity !== 'info'), `st${subtype} ${release} seed ${seed} #${i}`).toEqual([]);
            expect(drawnPart(r.record!, drawn), `st${subtype} ${release} seed ${seed} #${i}`).toEqual(drawn);
          }
        }
      }
    }
  });

  it('covers the domain in a few thousand records: sections, codes, address families, failed handshakes, DNs', () => {
    const st11 = sample(11, '3.2', 3000).map((x) => x.decoded);
    const st12 = sample(12, '3.2', 3000).map((x) => x.decoded);
    const sections = (records: CanonicalRecord[], key: string): number[] => records.map((r) => (r[key] as Section[]).length);
    for (const key of ['IPFilter', 'TLS', 'SSH', 'IPSec']) {
      expect(new Set(sections(st11, key)), `st11 ${key}`).toEqual(new Set([0, 1]));
    }
    for (const key of ['TLS', 'SSH', 'IPSec']) expect(new Set(sections(st12, key)), `st12 ${key}`).toEqual(new Set([0, 1]));
    expect(new Set(sections(st11, 'DN'))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(sections(st12, 'DN'))).toEqual(new Set([0, 1, 2, 3]));
    // Subtype 12 sessions carry one protocol at most.
    for (const r of st12) expect(['TLS', 'SSH', 'IPSec'].filter((k) => (r[k] as Section[]).length > 0).length).toBeLessThanOrEqual(1);

    // Protocol bits and sections agree (masks typed from the tables' notes, not read from code).
    for (const [records, common] of [[st11, 'SMF119SC_SASecProtos'], [st12, 'SMF119SS_SASecProtos']] as const) {
      for (const r of records) {
        const bits = (r['Common'] as Section[])[0]![common] as number;
        for (const [key, mask] of Object.entries(protocolBits)) expect((bits & mask) !== 0, key).toBe((r[key] as Section[]).length === 1);
      }
    }

    // Every code of a few enum fields, as the release allows them.
    const values = (records: CanonicalRecord[], key: string, field: string): Set<unknown> => new Set(records.flatMap((r) => (r[key] as Section[]).map((s) => s[field])));
    expect(values(st11, 'Common', 'SMF119SC_SAEvent_Type')).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(values(sample(11, '2.4', 400).map((x) => x.decoded), 'Common', 'SMF119SC_SAEvent_Type')).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(values(st11, 'TLS', 'SMF119SC_TLS_Prot_Ver')).toEqual(new Set([0, 0x200, 0x300, 0x301, 0x302, 0x303, 0x304]));
    expect(values(sample(11, '2.3', 600).map((x) => x.decoded), 'TLS', 'SMF119SC_TLS_Prot_Ver')).toEqual(new Set([0, 0x200, 0x300, 0x301, 0x302, 0x303]));
    expect(values(st12, 'Common', 'SMF119SS_SAEvent_Type')).toEqual(new Set([1, 2, 3]));

    // IPv4 and IPv6, each with the flag that says so, in the addresses of both subtypes.
    for (const [records, flags, address] of [[st11, 'SMF119SC_SAFlags', 'SMF119SC_SARIP'], [st12, 'SMF119SS_SAFlags', 'SMF119SS_SACltIP']] as const) {
      const families = records.map((r) => {
        const common = (r['Common'] as Section[])[0]!;
        const v6 = String(common[address]).includes(':');
        expect(((common[flags] as number) & 0x80) !== 0).toBe(v6);
        return v6;
      });
      expect(new Set(families)).toEqual(new Set([true, false]));
    }

    // Failed handshakes as 3.2 writes them, and none before 3.2.
    const tls11 = st11.flatMap((r) => r['TLS'] as Section[]);
    const failed11 = tls11.filter((t) => t['SMF119SC_TLS_Handshake_Type'] === 3);
    expect(failed11.length).toBeGreaterThan(50);
    for (const t of failed11) expect([t['SMF119SC_TLS_Neg_Cipher'], t['SMF119SC_TLS_Prot_Ver'], t['SMF119SC_TLS_SCert_Serial']]).toEqual(['FFFFFF', 0, '']);
    expect(st11.flatMap((r) => r['SSH'] as Section[]).filter((s) => s['SMF119SC_SSH_Flags'] === 0x80).length).toBeGreaterThan(50);
    const failed12 = st12.filter((r) => ((r['Common'] as Section[])[0]!['SMF119SS_SAEndFailedHsConnCnt'] as number) > 0);
    expect(failed12.length).toBeGreaterThan(50);
    for (const r of failed12) expect((r['TLS'] as Section[]).length + (r['SSH'] as Section[]).length).toBe(1);
    const before = sample(11, '3.1', 600).map((x) => x.decoded).flatMap((r) => r['TLS'] as Section[]);
    expect(before.some((t) => t['SMF119SC_TLS_Handshake_Type'] === 3 || t['SMF119SC_TLS_Neg_Cipher'] === 'FFFFFF')).toBe(false);

    // 8-byte counters over the whole unsigned range, as decimal text.
    const counters = [...values(st11, 'Common', 'SMF119SC_SAInBytes')].map((v) => BigInt(v as string));
    expect(counters.some((v) => v >= 1n << 63n)).toBe(true);
    expect(counters.some((v) => v < 1n << 62n)).toBe(true);

    // DN text of varying length, certificate times present and absent.
    const dns = st11.flatMap((r) => r['DN'] as Section[]).map((d) => String(d['SMF119SC_DN']));
    expect(Math.min(...dns.map((d) => d.length))).toBe(1);
    expect(Math.max(...dns.map((d) => d.length))).toBeGreaterThan(60);
    expect(values(st11, 'TLS', 'SMF119SC_TLS_SCert_Time').has(null)).toBe(true);
    expect([...values(st11, 'TLS', 'SMF119SC_TLS_SCert_Time')].some((t) => typeof t === 'string' && /^\d{4}-\d\d-\d\dT/.test(t))).toBe(true);
  });

  it('gives the same record for the same seed and index, whatever was drawn before', () => {
    const bytes = (subtype: Subtype, seed: number, index: number): string => Buffer.from(encode(directRecord(subtype, '3.2', seed, index), { release: '3.2' })).toString('hex');
    const first = bytes(12, 42, 7);
    const g = new DirectGenerator(12, '3.2');
    for (let i = 0; i < 20; i++) g.record(42, i);
    expect(Buffer.from(encode(g.record(42, 7), { release: '3.2' })).toString('hex')).toBe(first);
    expect(bytes(12, 42, 7)).toBe(first);
    expect(bytes(12, 42, 8)).not.toBe(first);
    expect(bytes(12, 43, 7)).not.toBe(first);
    expect(bytes(11, 2 ** 32 + 42, 7)).not.toBe(bytes(11, 42, 7));
  });

  it('writes the same bytes for 1, 2 and 3 worker threads over several blocks, records in index order', async () => {
    const count = 3 * RANDOM_BLOCK + 17;
    const task = { kind: 'random' as const, subtypes: [11, 12] as Subtype[], count, seed: 9, release: '3.1' as Release };
    const runs = async (jobs: number): Promise<Buffer> => {
      const out: Uint8Array[] = [];
      for await (const run of randomRuns(task, jobs)) out.push(run.bytes);
      return Buffer.concat(out);
    };
    const one = await runs(1);
    expect((await runs(2)).equals(one)).toBe(true);
    expect((await runs(3)).equals(one)).toBe(true);
    const records = readRdw(one);
    expect(records).toHaveLength(count);
    // Record i is subtype 11 and 12 in turn, the (i >> 1)-th of its subtype.
    for (const i of [0, 1, RANDOM_BLOCK, 2 * RANDOM_BLOCK + 1, count - 1]) {
      const subtype = i % 2 === 0 ? 11 : 12;
      expect(Buffer.from(records[i]!.bytes).equals(Buffer.from(encode(directRecord(subtype, '3.1', 9, i >> 1), { release: '3.1' })))).toBe(true);
    }
    // VBS framing of the runs holds the same records.
    const vbs: Uint8Array[] = [];
    async function* bytesOf(jobs: number): AsyncGenerator<Uint8Array> {
      for await (const run of randomRuns(task, jobs)) yield run.bytes;
    }
    for await (const chunk of frameRecordRuns(bytesOf(2), 'vbs', 2000)) vbs.push(chunk);
    expect(Buffer.concat(readVbs(Buffer.concat(vbs)).map((r) => r.bytes)).equals(one)).toBe(true);
    expect(Buffer.from(new BulkSample(task).encodeRange(0, count)).equals(one)).toBe(true);
  }, 60_000);
});
