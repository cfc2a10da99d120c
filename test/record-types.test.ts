import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomRecord } from '../generators/arbitraries.js';
import { decode, encode } from '../spec/codec.js';
import type { St11Record, St12Record } from '../spec/generated/record-types.js';
import { recordTypesSource } from '../spec/record-types.js';
import { RELEASES } from '../spec/types.js';

const GENERATED = new URL('../spec/generated/record-types.ts', import.meta.url);

/** Property names of each interface in the generated file, split into required and optional. */
function interfaces(source: string): Map<string, { required: Set<string>; optional: Set<string> }> {
  const out = new Map<string, { required: Set<string>; optional: Set<string> }>();
  for (const m of source.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const members = { required: new Set<string>(), optional: new Set<string>() };
    for (const p of m[2]!.matchAll(/^ {2}'?([\w.@]+)'?(\??): /gm)) (p[2] ? members.optional : members.required).add(p[1]!);
    out.set(m[1]!, members);
  }
  return out;
}

describe('typed decoded records', () => {
  it('spec/generated/record-types.ts is what the tables generate (run npm run generate:types)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(recordTypesSource());
  });
  it('decoded records have the fields their types list, and no others', () => {
    const types = interfaces(readFileSync(GENERATED, 'utf8'));
    for (const subtype of [11, 12] as const) {
      for (const release of RELEASES) {
        for (let i = 0; i < 10; i++) {
          const record = decode(encode(randomRecord(subtype, release, 3, i), { release }), { release }).record!;
          for (const [key, value] of Object.entries(record)) {
            const type = types.get(`St${subtype}${key}`)!;
            for (const occurrence of Array.isArray(value) ? value : [value]) {
              const keys = Object.keys(occurrence as object);
              for (const k of keys) expect(type.required.has(k) || type.optional.has(k), `${key}.${k}`).toBe(true);
              // SelfDef lists only the triplets the record carries; every other section has all required fields.
              if (key !== 'SelfDef') for (const k of type.required) expect(keys, `${key}.${k}`).toContain(k);
            }
          }
        }
      }
    }
  });
  it('a misspelt field name does not compile', () => {
    const r = decode(encode(randomRecord(11, '3.2', 1, 1), { release: '3.2' })).record as unknown as St11Record;
    const s = decode(encode(randomRecord(12, '3.2', 1, 1), { release: '3.2' })).record as unknown as St12Record;
    // @ts-expect-error: no such field (SMF119SC_SARPort is the remote port)
    expect(r.Common?.[0]?.SMF119SC_SARPrt).toBeUndefined();
    // @ts-expect-error: a subtype 11 field name in a subtype 12 section
    expect(s.Common?.[0]?.SMF119SC_SARPort).toBeUndefined();
    const port: number | undefined = r.Common?.[0]?.SMF119SC_SARPort;
    expect(typeof port).toBe('number');
  });
});
