import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frame } from '../../io/framing.js';
import { ebcdic, encodeStrict } from '../../spec/ebcdic.js';
import { sectionLayout, SUBTYPE_DEFS, tripletSections } from '../../spec/layout.js';
import { RELEASES } from '../../spec/types.js';
import { seedLookup } from './engine.js';
import { generateInput } from './mutations.js';
import { mapRecord } from './structure.js';
import { seedPool } from './seeds.js';

// A seed corpus and a dictionary for coverage-guided fuzzers (AFL++, libFuzzer, Atheris, Jazzer,
// cargo-fuzz): valid files to start from, files already mutated the structure-aware way, and the byte
// patterns those fuzzers cannot guess (record type, subtypes, triplets, segment descriptors, EBCDIC words).

export interface EmitOptions {
  dir: string;
  /** Number of input files. */
  count: number;
  seed: number;
  corpusDir?: string;
}

/** EBCDIC words zERT records carry: component names, providers, DN attribute types. */
const EBCDIC_WORDS = ['STACK', 'TCPIP', 'IBM System SSL', 'IBM OpenSSH', 'Observation', 'SSHD', 'SFTPS', 'CN=', 'OU=', 'O=', 'C=', 'CS V3R2'];

const hex = (bytes: Iterable<number>): string => [...bytes].map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

/** AFL/libFuzzer dictionary lines: name="\xHH...". */
export function dictionary(options: { seed: number; corpusDir?: string }): string {
  const entries = new Map<string, string>();
  const add = (name: string, bytes: Iterable<number>): void => {
    const value = hex(bytes);
    if (![...entries.values()].includes(value)) entries.set(name.replace(/[^A-Za-z0-9_]/g, '_'), value);
  };
  add('smf_type_119', [0x77]);
  add('header_flags_type', [0x5e, 0x77]);
  add('subtype_11', u16(11));
  add('subtype_12', u16(12));
  add('rdw_segment_complete', [0, 0]);
  for (const [name, code] of [['first', 1], ['last', 2], ['middle', 3]] as const) add(`sdw_${name}`, [0, 0, code, 0]);
  add('packed_date_2025_181', [0x01, 0x25, 0x18, 0x1f]);
  add('max_u16', [0xff, 0xff]);
  for (const subtype of [11, 12] as const) {
    for (const release of RELEASES) {
      const st = SUBTYPE_DEFS[subtype];
      add(`triplet_count_st${subtype}_${release}`, u16(tripletSections(st, release).length));
      for (const s of tripletSections(st, release)) if (s.layoutKnown && !s.variable) add(`len_st${subtype}_${s.key}_${release}`, u16(sectionLayout(s, release).length));
    }
  }
  // Whole triplets (Off, Len, Num) as valid records have them.
  for (const seed of seedPool({ seed: options.seed, corpusDir: options.corpusDir })) {
    const record = seed.records[0]!;
    for (const t of mapRecord(record, seed.release)?.triplets ?? []) if (t.num > 0) add(`triplet_st${seed.subtype}_${t.section}_${t.off}`, record.subarray(t.at.off, t.at.off + 8));
  }
  const codec = ebcdic();
  for (const word of EBCDIC_WORDS) add(`ebcdic_${word}`, encodeStrict(codec, word)!);
  return `# zert-forge dictionary for SMF 119 zERT records (AFL++ -x, libFuzzer -dict=)\n${[...entries].map(([k, v]) => `${k}="${v}"`).join('\n')}\n`;
}

/** Writes `count` files (valid seeds first, then mutated inputs) and zert-forge.dict; returns the file names. */
export function emitCorpus(options: EmitOptions): { files: string[]; dictionary: string } {
  mkdirSync(options.dir, { recursive: true });
  const pool = seedPool({ seed: options.seed, corpusDir: options.corpusDir });
  const lookup = seedLookup(pool);
  const files: string[] = [];
  const valid = Math.min(pool.length, Math.ceil(options.count / 4));
  for (let i = 0; i < valid; i++) {
    const seed = pool[i]!;
    const name = `valid-${String(i).padStart(4, '0')}-${seed.id.replace(/[^A-Za-z0-9.-]+/g, '_')}.smf`;
    writeFileSync(join(options.dir, name), frame(seed.records, seed.framing));
    files.push(name);
  }
  for (let i = 0; files.length < options.count; i++) {
    const { input, materialised } = generateInput(options.seed, i, pool, lookup);
    const ops = [...new Set(input.mutations.map((m) => m.op))].join('+') || 'none';
    const name = `mutated-${String(i).padStart(4, '0')}-${ops}.smf`;
    writeFileSync(join(options.dir, name), materialised.bytes);
    files.push(name);
  }
  const dict = join(options.dir, 'zert-forge.dict');
  writeFileSync(dict, dictionary({ seed: options.seed, corpusDir: options.corpusDir }));
  return { files, dictionary: dict };
}
