import { describe, expect, it } from 'vitest';
import { scenarioByName } from '../generators/scenarios/named.js';
import type { StreamOptions, TimedRecord } from '../generators/scenarios/simulate.js';
import { mergeTimed, simulate, simulateStream, SimulationError } from '../generators/scenarios/simulate.js';
import { encode } from '../spec/codec.js';
import { checkStream } from '../generators/scenarios/check.js';
import { asInput, common, small } from './helpers/sim.js';

// Issue 7 §2-3: the simulator streams in time order with memory bounded by open connections, and splits into
// shards by workload stream whose merge by (time, stream, n) is the unsharded output, byte for byte.

const bytes = (records: Iterable<TimedRecord>, release: StreamOptions['release']): Buffer => Buffer.concat([...records].map((t) => Buffer.from(encode(t.record, { release }))));
const key = (t: TimedRecord): string => `${t.time}|${t.stream}|${t.n}`;

describe('sharded simulation', () => {
  it.each([2, 3])('the merge of %i shards equals the unsharded run, byte for byte', (count) => {
    const opts: StreamOptions = small('3.2', 31);
    const scenario = scenarioByName('mixed-estate')!;
    const whole = [...simulateStream(scenario, opts)];
    const shards = Array.from({ length: count }, (_, index) => [...simulateStream(scenario, { ...opts, shard: { index, count } })]);
    for (const s of shards) expect(s.length).toBeGreaterThan(0);
    expect(shards.reduce((n, s) => n + s.length, 0)).toBe(whole.length);
    const merged = [...mergeTimed(shards)];
    expect(merged.map(key)).toEqual(whole.map(key));
    expect(bytes(merged, '3.2').equals(bytes(whole, '3.2'))).toBe(true);
    // The enable/disable events (the global stream) are shard 0's.
    const global = (t: TimedRecord): boolean => [5, 6].includes(Number(common(t.record)['SMF119SC_SAEvent_Type'])) || [2, 3].includes(Number(common(t.record)['SMF119SS_SAEvent_Type']));
    expect(shards[0]!.filter(global)).toHaveLength(4);
    for (const s of shards.slice(1)) expect(s.filter(global)).toHaveLength(0);
  });
  it('output is in (time, stream, n) order and n counts each stream from 0', () => {
    const records = [...simulateStream(scenarioByName('tls-over-ipsec')!, small('3.1', 32))];
    for (let i = 1; i < records.length; i++) {
      const [a, b] = [records[i - 1]!, records[i]!];
      expect(a.time < b.time || (a.time === b.time && (a.stream < b.stream || (a.stream === b.stream && a.n < b.n)))).toBe(true);
    }
    const perStream = new Map<number, number[]>();
    for (const t of records) perStream.set(t.stream, [...(perStream.get(t.stream) ?? []), t.n]);
    for (const ns of perStream.values()) expect(ns).toEqual(ns.map((_, i) => i));
  });
  it('a shard that does not exist is refused', () => {
    expect(() => simulateStream(scenarioByName('healthy-tls')!, { ...small('3.2', 1), shard: { index: 2, count: 2 } })).toThrow(SimulationError);
  });
});

describe('streaming simulation', () => {
  it('is lazy: the first records of a week-long run need only the connections opened so far', () => {
    let opened = 0;
    const it = simulateStream(scenarioByName('mixed-estate')!, { ...small('3.2', 33), duration: 7 * 86400, rate: 60, onConnection: () => opened++ })[Symbol.iterator]();
    for (let i = 0; i < 200; i++) expect(it.next().done).toBe(false);
    // A week at 60 a minute is about 600,000 connections; 200 records come from the first minutes.
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThan(2000);
  });
  it('simulate() is the same run, collected', () => {
    const opts = small('2.5', 34);
    const eager = simulate(scenarioByName('enforcement-audit')!, opts);
    expect(eager.records.map(key)).toEqual([...simulateStream(scenarioByName('enforcement-audit')!, opts)].map(key));
    expect(new Set(eager.connections.map((c) => c.id)).size).toBe(eager.connections.length);
  });
  it('starts at the date and time asked for, and a run across midnight still passes check', () => {
    const sim = simulate(scenarioByName('mixed-estate')!, { ...small('3.2', 36), startDate: '2026-03-01', startTime: '23:50' });
    const header = (t: TimedRecord): Record<string, unknown> => t.record['Header'] as Record<string, unknown>;
    expect(header(sim.records[0]!)).toEqual(expect.objectContaining({ SMF119HDDate: '2026-03-01', SMF119HDTime: '23:50:00.00' }));
    expect(header(sim.records[sim.records.length - 1]!)).toEqual(expect.objectContaining({ SMF119HDDate: '2026-03-02', SMF119HDTime: '00:10:00.00' }));
    expect(checkStream(asInput(sim.records, '3.2'), { completeWindow: true }).findings).toEqual([]);
    expect(() => simulate(scenarioByName('mixed-estate')!, { ...small('3.2', 36), startTime: '25:00' })).toThrow(SimulationError);
  });
  it('several systems in one run: each its own connections, sharded like the rest, and check keeps them apart', () => {
    const opts: StreamOptions = { ...small('3.2', 37), systems: ['SYSA', 'SYSB'] };
    const scenario = scenarioByName('ipsec-ee')!;
    const whole = [...simulateStream(scenario, opts)];
    const sids = new Set(whole.map((t) => (t.record['Header'] as Record<string, unknown>)['SMF119HDSID']));
    expect(sids).toEqual(new Set(['SYSA', 'SYSB']));
    const merged = [...mergeTimed([0, 1].map((index) => simulateStream(scenario, { ...opts, shard: { index, count: 2 } })))];
    expect(merged.map(key)).toEqual(whole.map(key));
    expect(checkStream(asInput(whole, '3.2'), { completeWindow: true }).findings).toEqual([]);
  });
  it('names the system and stack it was asked to', () => {
    const [first] = simulate(scenarioByName('healthy-tls')!, { ...small('3.2', 35), system: 'PRD2', stack: 'TCPIPB' }).records;
    expect((first!.record['Header'] as Record<string, unknown>)['SMF119HDSID']).toBe('PRD2');
    expect((first!.record['Ident'] as Record<string, unknown>[])[0]).toEqual(expect.objectContaining({ SMF119TI_SYSName: 'PRD2', SMF119TI_Stack: 'TCPIPB' }));
  });
});
