import fc from 'fast-check';
import { encode } from '../../spec/codec.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import { recordArbitrary } from '../../generators/arbitraries.js';
import type { FileMutation, FuzzMutation, MutationState, RecordMutation, SeedLookup } from './mutations.js';
import { applyMutation, finish, initialState, SMALL_BLOCK_SIZES, unknownCodes } from './mutations.js';
import type { Seed } from './seeds.js';
import type { RecordMap } from './structure.js';
import { mapRecord } from './structure.js';

// fast-check arbitraries for JavaScript consumers that property-test their own parser in-process: valid
// records from the tables, damaged by the fuzzer's named mutations. The mutation list is the shrinkable
// part of the value (the records do not shrink: re-encoding and re-mapping them at every step is slow and
// says little), so a failing property shrinks to the fewest, plainest mutations, and the value says in
// words what was done to the record.

export interface MutatedInput {
  subtype: Subtype;
  release: Release;
  framing: Framing;
  /** The valid records the mutations started from (RDW included). */
  original: Uint8Array[];
  /** The mutations that applied, in order (named, as in fuzz findings). */
  mutations: FuzzMutation[];
  /** The file to hand to the parser. */
  bytes: Uint8Array;
}

const noOtherSeeds: SeedLookup = { byId: () => undefined, smallest: () => undefined };

/** Record mutations that fit this record's fields, triplets and DN entries. */
export function recordMutationArbitrary(map: RecordMap | undefined): fc.Arbitrary<RecordMutation> {
  const fields = map?.fields ?? [];
  const names = (test: (f: RecordMap['fields'][number]) => boolean): string[] => fields.filter(test).map((f) => f.name);
  const options: fc.Arbitrary<RecordMutation>[] = [];
  const settable = names((f) => f.def.type.kind !== 'derived');
  if (settable.length) options.push(fc.record({ op: fc.constant('field-boundary' as const), field: fc.constantFrom(...settable), value: fc.constantFrom('zero' as const, 'one' as const, 'max' as const, 'max-1' as const, 'high-bit' as const) }));
  const codes = fields.flatMap((f) => unknownCodes(f.def).map((code) => ({ field: f.name, code })));
  if (codes.length) options.push(fc.constantFrom(...codes).map((c) => ({ op: 'unknown-code' as const, ...c })));
  const sections = [...new Set(map?.triplets.map((t) => t.section) ?? [])];
  if (sections.length) {
    options.push(fc.record({ op: fc.constant('triplet' as const), section: fc.constantFrom(...sections), part: fc.constantFrom('off' as const, 'len' as const, 'num' as const), value: fc.constantFrom('zero' as const, 'plus-one' as const, 'outside' as const, 'overlap' as const, 'max' as const) }));
    options.push(fc.record({ op: fc.constant('section-length' as const), section: fc.constantFrom(...sections), change: fc.constantFrom('shorter' as const, 'longer' as const, 'zero' as const), by: fc.constantFrom(1, 4, 8, 64) }));
  }
  const all = names(() => true);
  if (all.length) options.push(fc.record({ op: fc.constant('truncate' as const), at: fc.constantFrom(...all), rdw: fc.constantFrom('kept' as const, 'adjusted' as const) }));
  const dnCount = fields.filter((f) => f.section === 'DN' && f.def.type.kind === 'derived').length;
  if (dnCount) {
    options.push(fc.record({ op: fc.constant('dn-length' as const), entry: fc.nat(dnCount - 1), value: fc.constantFrom('zero' as const, 'below-prefix' as const, 'plus-one' as const, 'overflow' as const, 'max' as const) }));
    options.push(fc.record({ op: fc.constant('dn-grow' as const), entry: fc.nat(dnCount - 1), length: fc.constantFrom(201, 256, 1024, 1025) }));
  }
  const dates = names((f) => f.def.type.kind === 'packedDate');
  if (dates.length) options.push(fc.record({ op: fc.constant('packed-date' as const), field: fc.constantFrom(...dates), value: fc.constantFrom('bad-sign' as const, 'bad-digit' as const, 'day-zero' as const, 'day-367' as const, 'all-ff' as const) }));
  const texts = names((f) => f.def.type.kind === 'text' || f.def.type.kind === 'varText');
  if (texts.length) options.push(fc.record({ op: fc.constant('ebcdic-unmappable' as const), field: fc.constantFrom(...texts), byte: fc.constantFrom(0x00, 0x15, 0x25, 0x3f, 0xff) }));
  options.push(fc.record({ op: fc.constant('rdw' as const), value: fc.constantFrom('zero' as const, 'short' as const, 'long' as const, 'max' as const, 'segment-bits' as const) }));
  options.push(fc.record({ op: fc.constant('foreign-record' as const), kind: fc.constantFrom('smf-type-30' as const, 'subtype-2' as const, 'subtype-13' as const), position: fc.constantFrom('before' as const, 'after' as const) }));
  options.push(fc.record({ op: fc.constant('random-bytes' as const), at: fc.nat(4095), count: fc.constantFrom(1, 2, 4, 16), seed: fc.nat() }));
  return fc.oneof(...options);
}

/** File mutations: re-blocking into short VBS blocks (spanned records), then descriptor damage. */
export const fileMutationArbitrary: fc.Arbitrary<FileMutation> = fc.oneof(
  fc.record({ op: fc.constant('reblock' as const), blockSize: fc.constantFrom(...SMALL_BLOCK_SIZES) }),
  fc.record({ op: fc.constant('bdw' as const), block: fc.nat(8), value: fc.constantFrom('zero' as const, 'short' as const, 'long' as const, 'max' as const) }),
  fc.record({ op: fc.constant('sdw' as const), segment: fc.nat(16), value: fc.constantFrom('complete' as const, 'first' as const, 'middle' as const, 'last' as const, 'short' as const, 'long' as const) }),
  fc.record({ op: fc.constant('drop-segment' as const), segment: fc.nat(16) }),
);

/** Applies what applies, in order; the value lists only those. */
function applyAll(seed: Seed, mutations: readonly FuzzMutation[]): MutatedInput {
  let state: MutationState = initialState(seed);
  const applied: FuzzMutation[] = [];
  for (const m of mutations) {
    const next = applyMutation(state, m, seed, noOtherSeeds);
    if (!next) continue;
    state = next;
    applied.push(m);
  }
  const done = finish(state);
  return { subtype: seed.subtype, release: seed.release, framing: done.framing, original: seed.records, mutations: applied, bytes: done.bytes };
}

const asSeed = (subtype: Subtype, release: Release, framing: Framing, records: Uint8Array[]): Seed => ({ id: 'arbitrary', subtype, release, framing, records, size: records.reduce((n, r) => n + r.length, 0) });

/** One valid record of the subtype and release, damaged by up to `maxMutations` record mutations, as an RDW file. */
export function mutatedRecordArbitrary(options: { subtype: Subtype; release: Release; maxMutations?: number }): fc.Arbitrary<MutatedInput> {
  const { subtype, release } = options;
  return fc
    .noShrink(recordArbitrary(subtype, release))
    .map((r) => encode(r, { release }))
    .chain((bytes) => fc.array(recordMutationArbitrary(mapRecord(bytes, release)), { minLength: 1, maxLength: options.maxMutations ?? 3 }).map((ms) => applyAll(asSeed(subtype, release, 'rdw', [bytes]), ms)));
}

/** A file of 1..maxRecords valid records (RDW or VBS), with record mutations on its first record and file mutations after framing. */
export function mutatedFileArbitrary(options: { subtype: Subtype; release: Release; framing?: Framing; maxRecords?: number; maxMutations?: number }): fc.Arbitrary<MutatedInput> {
  const { subtype, release } = options;
  const framingArb = options.framing ? fc.constant(options.framing) : fc.constantFrom<Framing>('rdw', 'vbs');
  return fc
    .tuple(fc.noShrink(fc.array(recordArbitrary(subtype, release), { minLength: 1, maxLength: options.maxRecords ?? 3 })), framingArb)
    .chain(([records, framing]) => {
      const encoded = records.map((r) => encode(r, { release }));
      const recordMutations = fc.array(recordMutationArbitrary(mapRecord(encoded[0]!, release)), { maxLength: options.maxMutations ?? 2 });
      const fileMutations = fc.array(fileMutationArbitrary, { maxLength: 2 });
      return fc.tuple(recordMutations, fileMutations).map(([rm, fm]) => applyAll(asSeed(subtype, release, framing, encoded), [...rm, ...fm]));
    });
}
