import type { CheckInput } from '../../generators/scenarios/check.js';
import type { SimOptions, TimedRecord } from '../../generators/scenarios/simulate.js';
import type { CanonicalRecord } from '../../spec/codec.js';
import { decode, encode } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import type { Release } from '../../spec/types.js';

/** A short simulated run: 20 minutes, 15 connections a minute, 5-minute intervals. */
export const small = (release: Release, seed: number): SimOptions => ({ release, seed, duration: 1200, rate: 15, interval: 300 });

/** Encodes and decodes each record (after an optional change to its canonical form), as `check` would read a file. */
export function decodeAll(records: TimedRecord[], release: Release, mutate?: (r: CanonicalRecord, i: number) => void): CheckInput[] {
  return records.map((t, index) => {
    const record = structuredClone(t.record);
    mutate?.(record, index);
    return { index, offset: 0, ...decode(encode(record, { release }), { release }) };
  });
}

export const common = (r: CanonicalRecord): SectionValue => (r['Common'] as SectionValue[])[0]!;
export const section = (r: CanonicalRecord, key: string): SectionValue | undefined => (r[key] as SectionValue[] | undefined)?.[0];
export const event = (t: TimedRecord): number => Number(common(t.record)[t.subtype === 11 ? 'SMF119SC_SAEvent_Type' : 'SMF119SS_SAEvent_Type']);
export const detail = (records: TimedRecord[]): TimedRecord[] => records.filter((t) => t.subtype === 11 && [1, 2, 3, 4, 7].includes(event(t)));
export const summaries = (records: TimedRecord[]): TimedRecord[] => records.filter((t) => t.subtype === 12 && event(t) === 1);

/** The simulator's records as the checker's input without the codec round trip (the codec has its own tests). */
export function asInput(records: TimedRecord[], release: Release): CheckInput[] {
  return records.map((t, index) => ({ index, offset: 0, record: t.record, subtype: t.subtype, release, releaseInferred: false, diagnostics: [] }));
}
