import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldOffset } from '../conformance/corpus/cases.js';
import { checkStream } from '../generators/scenarios/check.js';
import { SCENARIOS, scenarioByName } from '../generators/scenarios/named.js';
import type { SimOptions, TimedRecord } from '../generators/scenarios/simulate.js';
import { simulate } from '../generators/scenarios/simulate.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode } from '../spec/codec.js';
import type { SectionValue } from '../spec/fields.js';
import type { DecodedFileRecord } from '../io/decode.js';
import type { Release } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';

const small = (release: Release, seed: number): SimOptions => ({ release, seed, duration: 1200, rate: 15, interval: 300 });

function decodeAll(records: TimedRecord[], release: Release, mutate?: (r: CanonicalRecord, i: number) => void): DecodedFileRecord[] {
  return records.map((t, index) => {
    const record = structuredClone(t.record);
    mutate?.(record, index);
    return { index, offset: 0, ...decode(encode(record, { release }), { release }) };
  });
}

const common = (r: CanonicalRecord): SectionValue => (r['Common'] as SectionValue[])[0]!;

describe('every scenario, every release, any seed passes check', () => {
  it.each(SCENARIOS.map((s) => s.name))('%s', (name) => {
    fc.assert(
      fc.property(fc.constantFrom(...RELEASES), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (release, seed) => {
        const sim = simulate(scenarioByName(name)!, small(release, seed));
        const result = checkStream(decodeAll(sim.records, release));
        expect(result.violations).toEqual([]);
        expect(result.summaryRecords).toBeGreaterThan(0);
        expect(result.connections).toBe(sim.connections.length);
      }),
      { numRuns: 6 },
    );
  });
});

describe('check catches each class of injected inconsistency', () => {
  const release: Release = '3.2';
  const sim = simulate(scenarioByName('mixed-estate')!, small(release, 42));
  const indexOf = (pred: (t: TimedRecord) => boolean): number => sim.records.findIndex(pred);
  const kinds = (decoded: DecodedFileRecord[]): string[] => [...new Set(checkStream(decoded).violations.map((v) => v.kind))];

  it('a summary count off by one', () => {
    const i = indexOf((t) => t.subtype === 12 && common(t.record)['SMF119SS_SAEvent_Type'] === 1 && Number(common(t.record)['SMF119SS_SAEndLifeConnCnt']) > 0);
    const decoded = decodeAll(sim.records, release, (r, k) => {
      if (k === i) common(r)['SMF119SS_SAEndLifeConnCnt'] = Number(common(r)['SMF119SS_SAEndLifeConnCnt']) + 1;
    });
    const v = checkStream(decoded).violations;
    expect(v).toContainEqual(expect.objectContaining({ index: i, kind: 'summary-count', path: 'st12 > Common[0] > SMF119SS_SAEndLifeConnCnt' }));
  });
  it('a missing Init', () => {
    const term = sim.records.find((t) => t.subtype === 11 && common(t.record)['SMF119SC_SAEvent_Type'] === 3)!;
    const id = common(term.record)['SMF119SC_SAConnID'];
    const without = sim.records.filter((t) => !(t.subtype === 11 && common(t.record)['SMF119SC_SAEvent_Type'] === 1 && common(t.record)['SMF119SC_SAConnID'] === id));
    expect(without.length).toBe(sim.records.length - 1);
    const v = checkStream(decodeAll(without, release)).violations;
    expect(v).toContainEqual(expect.objectContaining({ kind: 'lifecycle', message: expect.stringMatching(/Term for connection \d+ without an Init/) }));
  });
  it('a cipher suite with the wrong algorithm codes', () => {
    const i = indexOf((t) => t.subtype === 11 && typeof (t.record['TLS'] as SectionValue[] | undefined)?.[0]?.['SMF119SC_TLS_Neg_Cipher'] === 'string' && (t.record['TLS'] as SectionValue[])[0]!['SMF119SC_TLS_Neg_Cipher'] !== 'FFFFFF');
    const decoded = decodeAll(sim.records, release, (r, k) => {
      if (k === i) (r['TLS'] as SectionValue[])[0]!['SMF119SC_TLS_CS_Kex_Alg'] = 8; // DH_ANON
    });
    expect(checkStream(decoded).violations).toContainEqual(expect.objectContaining({ index: i, kind: 'cipher', path: 'st11 > TLS[0] > SMF119SC_TLS_CS_Kex_Alg' }));
  });
  it('an IPv6 flag on an IPv4 connection', () => {
    const i = indexOf((t) => t.subtype === 11 && String(common(t.record)['SMF119SC_SARIP']).includes('.'));
    const decoded = sim.records.map((t, index) => {
      const bytes = encode(t.record, { release });
      if (index === i) bytes[fieldOffset(bytes, 'Common[0]', 'SMF119SC_SAFlags')]! |= 0x80;
      return { index, offset: 0, ...decode(bytes, { release }) };
    });
    expect(checkStream(decoded).violations).toContainEqual(expect.objectContaining({ index: i, kind: 'ip-family' }));
  });
  it('a failed-handshake section with a leftover field', () => {
    const hs = simulate(scenarioByName('handshake-failures')!, small(release, 7));
    const i = hs.records.findIndex((t) => (t.record['TLS'] as SectionValue[] | undefined)?.[0]?.['SMF119SC_TLS_Handshake_Type'] === 3);
    const decoded = hs.records.map((t, index) => ({ index, offset: 0, ...decode(encode(t.record, { release, overrides: index === i ? { 'TLS[0].SMF119SC_TLS_Prot_Ver': 0x0303 } : {} }), { release }) }));
    expect(checkStream(decoded).violations).toContainEqual(expect.objectContaining({ index: i, kind: 'failed-handshake-rule' }));
  });
  it('records out of time order', () => {
    const swapped = [...sim.records];
    const j = swapped.findIndex((t, k) => k > 0 && t.time > swapped[k - 1]!.time);
    [swapped[j - 1], swapped[j]] = [swapped[j]!, swapped[j - 1]!];
    expect(kinds(decodeAll(swapped, release))).toContain('order');
  });
  it('a summary record that disappears', () => {
    const i = indexOf((t) => t.subtype === 12 && common(t.record)['SMF119SS_SAEvent_Type'] === 1);
    const v = checkStream(decodeAll(sim.records.filter((_, k) => k !== i), release)).violations;
    expect(v).toContainEqual(expect.objectContaining({ kind: 'summary-missing' }));
  });
});

describe('determinism', () => {
  const bytes = (release: Release, seed: number): Buffer => Buffer.concat(simulate(scenarioByName('mixed-estate')!, small(release, seed)).records.map((t) => Buffer.from(encode(t.record, { release }))));
  it('the same seed and options give the same bytes; another seed gives others', () => {
    expect(bytes('3.2', 5).equals(bytes('3.2', 5))).toBe(true);
    expect(bytes('3.2', 5).equals(bytes('3.2', 6))).toBe(false);
  });
});

describe('pre-3.2 and 3.2 output of the same scenario differ exactly as documented', () => {
  const events = (records: TimedRecord[], id: unknown): number[] => records.filter((t) => t.subtype === 11 && common(t.record)['SMF119SC_SAConnID'] === id).map((t) => Number(common(t.record)['SMF119SC_SAEvent_Type']));
  const protos = (records: TimedRecord[], id: unknown): number[] => records.filter((t) => t.subtype === 11 && common(t.record)['SMF119SC_SAConnID'] === id).map((t) => Number(common(t.record)['SMF119SC_SASecProtos']));

  it('failed handshakes: unprotected before 3.2, failed-handshake sections and counts in 3.2', () => {
    const options = small('3.1', 9);
    const old = simulate(scenarioByName('handshake-failures')!, options);
    const now = simulate(scenarioByName('handshake-failures')!, { ...options, release: '3.2' });
    const failed = now.connections.filter((c) => c.failed);
    expect(failed.length).toBeGreaterThan(5);
    for (const c of failed) {
      expect(events(old.records, c.id)).toEqual([4]);
      expect(events(now.records, c.id)).toEqual([4]);
      expect(protos(old.records, c.id)).toEqual([0]);
      expect(protos(now.records, c.id)).toEqual([c.protection.protocol === 'tls' ? 0x80 : 0x40]);
    }
    const failedCounts = now.records.filter((t) => t.subtype === 12 && Number(common(t.record)['SMF119SS_SAEndFailedHsConnCnt'] ?? 0) > 0);
    expect(failedCounts.length).toBeGreaterThan(0);
    expect(old.records.some((t) => t.subtype === 12 && common(t.record)['SMF119SS_SAEndFailedHsConnCnt'] !== undefined)).toBe(false);
  });
  it('a handshake running at the 10 s timer and an early TLS close: extra unprotected records before 3.2 only', () => {
    const options = small('3.1', 11);
    const old = simulate(scenarioByName('late-tls-start')!, options);
    const now = simulate(scenarioByName('late-tls-start')!, { ...options, release: '3.2' });
    const slow = now.connections.filter((c) => c.slowHandshake);
    const closed = now.connections.filter((c) => c.tlsClosedAt !== undefined && c.end <= options.duration * 100);
    const late = now.connections.filter((c) => c.protectedFrom !== undefined && !c.slowHandshake && c.protectedFrom <= options.duration * 100);
    expect(slow.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    for (const c of slow) {
      expect(protos(old.records, c.id).slice(0, 2)).toEqual([0, 0x80]); // unprotected Init, then a Change
      expect(events(old.records, c.id).slice(0, 2)).toEqual([1, 2]);
      expect(protos(now.records, c.id)[0]).toBe(0x80); // 3.2: one protected Init
      expect(events(now.records, c.id)).not.toContain(2);
    }
    for (const c of closed) {
      expect(events(old.records, c.id)).toEqual([1, 2, 3]);
      expect(protos(old.records, c.id)).toEqual([0x80, 0, 0]);
      expect(events(now.records, c.id)).toEqual([1, 3]);
    }
    for (const c of late) expect(protos(now.records, c.id).slice(0, 2)).toEqual([0, 0x80]); // STARTTLS: the same in both
    const slowInWindow = slow.filter((c) => c.protectedFrom! <= options.duration * 100).length;
    const oldDetail = old.records.filter((t) => t.subtype === 11).length;
    const newDetail = now.records.filter((t) => t.subtype === 11).length;
    expect(oldDetail - newDetail).toBe(slowInWindow + closed.length);
  });
});
