import fc from 'fast-check';

// Byte-level mutations of valid records, for fuzzing decoders. The interesting places of an SMF record are
// its RDW, the triplet count and the triplets; the operators aim there as often as at random bytes.

export type Mutation =
  | { op: 'flipBit'; at: number; bit: number }
  | { op: 'setByte'; at: number; value: number }
  | { op: 'setU16'; at: number; value: number }
  | { op: 'setU32'; at: number; value: number }
  | { op: 'truncate'; length: number }
  | { op: 'extend'; bytes: number[] };

/** Applies mutations in order; positions are taken modulo the current length, so any list applies to any record. */
export function mutate(record: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Uint8Array.from(record);
  for (const m of mutations) {
    if (m.op === 'truncate') {
      out = out.subarray(0, Math.min(m.length, out.length));
      continue;
    }
    if (m.op === 'extend') {
      const longer = new Uint8Array(out.length + m.bytes.length);
      longer.set(out);
      longer.set(m.bytes, out.length);
      out = longer;
      continue;
    }
    if (out.length === 0) continue;
    const at = m.at % out.length;
    if (m.op === 'flipBit') out[at] = out[at]! ^ (0x80 >> m.bit);
    else if (m.op === 'setByte') out[at] = m.value;
    else if (m.op === 'setU16') for (let i = 0; i < 2 && at + i < out.length; i++) out[at + i] = (m.value >> (8 * (1 - i))) & 0xff;
    else for (let i = 0; i < 4 && at + i < out.length; i++) out[at + i] = (m.value >>> (8 * (3 - i))) & 0xff;
  }
  return out;
}

/** Offsets of the RDW, triplet count and the first eight triplets (Off, Len, Num). */
const STRUCTURAL = [0, 2, 24, ...Array.from({ length: 8 }, (_, k) => [28 + 8 * k, 32 + 8 * k, 34 + 8 * k]).flat()];
const EDGE_VALUES = [0, 1, 2, 4, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0xffffffff];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flipBit' as const), at: fc.nat(4096), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('setByte' as const), at: fc.nat(4096), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('setU16' as const), at: fc.constantFrom(...STRUCTURAL), value: fc.oneof(fc.constantFrom(...EDGE_VALUES.filter((v) => v <= 0xffff)), fc.integer({ min: 0, max: 0xffff })) }),
  fc.record({ op: fc.constant('setU32' as const), at: fc.constantFrom(...STRUCTURAL), value: fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.nat()) }),
  fc.record({ op: fc.constant('truncate' as const), length: fc.nat(2048) }),
  fc.record({ op: fc.constant('extend' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }) }),
);

export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
