import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frame, readRecords } from '../../io/framing.js';
import type { CanonicalRecord } from '../../spec/codec.js';
import { decode, encode } from '../../spec/codec.js';
import { ZertError, formatPath } from '../../spec/errors.js';
import type { SectionValue } from '../../spec/fields.js';
import { defaultValue } from '../../spec/fields.js';
import { existsIn, SUBTYPE_DEFS } from '../../spec/layout.js';
import type { FieldDef, Subtype } from '../../spec/types.js';
import { RELEASES } from '../../spec/types.js';
import type { CaseDef } from './cases.js';
import { allCases, CORPUS_CHANGES, CORPUS_VERSION, isForeign, RETIRED_IDS } from './cases.js';

// Materialises the cases as files (conformance/corpus/cases/<id>.smf and <id>.json) with a versioned
// manifest, checks the committed files byte for byte, and measures what the valid cases cover.

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url)).replace(/dist\/conformance/, 'conformance');

export interface ManifestCase {
  id: string;
  description: string;
  subtype: Subtype;
  release: string;
  framing: string;
  blockSize?: number;
  flags: string[];
  expectation: 'valid' | 'invalid' | 'acceptable';
  /** For 'acceptable': the flag that explains why either answer is right. */
  acceptableBecause?: string;
  /** For 'invalid': how a decoder must fail (test262 style), as zert-forge reports it. */
  error?: { kind: string; path: string };
  why?: string;
  input: string;
  expected: string | null;
  sha256: string;
  /** Records a parser must return (the expected JSON's length): the file's records minus those in `skip`. */
  records: number;
  /** Records in the file that are not zERT (another SMF type, or type 119 of another subtype): a parser skips
   *  them, returning neither them nor an error. Listed in file order with their index among all the file's records. */
  skip?: SkippedRecord[];
  handWrittenExpectation: boolean;
  /** The input was built without zert-forge's encoder (reference offsets, glibc iconv). */
  handBuiltInput?: boolean;
  /** What the case tests: the IBM sentences and reference rows its expectation rests on. */
  cites?: string[];
}

export interface SkippedRecord {
  index: number;
  /** File offset of the record (of its first segment, in a VBS file). */
  offset: number;
  type: number;
  subtype: number;
  what: string;
}

export interface Manifest {
  corpus: 'zert-forge golden corpus';
  version: string;
  /** What changed in each version, newest first. */
  changes: readonly { version: string; changes: readonly string[] }[];
  retiredIds: readonly string[];
  cases: ManifestCase[];
}

export interface Materialised {
  def: CaseDef;
  entry: ManifestCase;
  input: Uint8Array;
  /** Expected canonical records (valid and acceptable cases), as our decoder reads them. */
  expected: CanonicalRecord[] | null;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
export const stableJson = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** JSON with keys sorted at every level: hand-written files need not follow our key order. */
function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v));
}

/** A zERT parser reads SMF type 119 subtypes 11 and 12 and skips every other record (by record type, byte 5, and
 *  subtype, bytes 22-23: reference smf119-common "Standard SMF header"). */
export function isZertRecord(record: Uint8Array): boolean {
  if (record.length < 24 || record[5] !== 119) return false;
  const subtype = (record[22]! << 8) | record[23]!;
  return subtype === 11 || subtype === 12;
}

/** How our decoder fails on a file: a framing error, or the first error diagnostic of a zERT record. */
export function firstError(input: Uint8Array, def: Pick<CaseDef, 'framing' | 'release'>): { kind: string; path: string } | null {
  let records;
  try {
    records = readRecords(input, def.framing).records;
  } catch (e) {
    if (e instanceof ZertError) return { kind: e.kind, path: formatPath(e.path) };
    throw e;
  }
  for (const r of records.filter((x) => isZertRecord(x.bytes))) {
    const d = decode(r.bytes, { release: def.release }).diagnostics.find((x) => x.severity === 'error');
    if (d) return { kind: d.kind, path: formatPath(d.path) };
  }
  return null;
}

/** The input file of a case: encoded and framed by zert-forge, or (hand-built) read from the corpus directory. */
function caseInput(def: CaseDef): Uint8Array {
  if (def.handBuiltInput) {
    const path = join(CORPUS_DIR, 'cases', `${def.id}.smf`);
    if (!existsSync(path)) throw new Error(`${def.id}: the hand-built input ${path} is missing (npx tsx test/handwritten/write.ts writes it)`);
    return new Uint8Array(readFileSync(path));
  }
  const records = def.records.map((r) => (isForeign(r) ? r.foreign : encode(r.record, { release: def.release, overrides: r.overrides })));
  const framed = frame(records, def.framing, def.blockSize);
  return def.damage ? def.damage(framed) : framed;
}

export function materialise(def: CaseDef): Materialised {
  const input = caseInput(def);
  let expected: CanonicalRecord[] | null = null;
  const skip: SkippedRecord[] = [];
  let count = def.records.length;
  if (def.expectation.kind !== 'invalid') {
    const framed = readRecords(input, def.framing).records;
    const foreign = def.records.filter(isForeign);
    framed.forEach((r, index) => {
      if (isZertRecord(r.bytes)) return;
      const what = foreign.find((f) => Buffer.from(f.foreign).equals(Buffer.from(r.bytes)))?.what ?? 'not a zERT record';
      skip.push({ index, offset: r.offset, type: r.bytes[5]!, subtype: (r.bytes[22]! << 8) | r.bytes[23]!, what });
    });
    expected = framed.filter((r) => isZertRecord(r.bytes)).map((r) => decode(r.bytes, { release: def.release }).record!);
    count = expected.length;
  }
  const entry: ManifestCase = {
    id: def.id,
    description: def.description,
    subtype: def.subtype,
    release: def.release,
    framing: def.framing,
    ...(def.blockSize ? { blockSize: def.blockSize } : {}),
    flags: def.flags,
    expectation: def.expectation.kind,
    ...(def.expectation.kind === 'acceptable' ? { acceptableBecause: def.expectation.flag, why: def.expectation.why } : {}),
    ...(def.expectation.kind === 'invalid' ? { error: def.expectation.error, why: def.expectation.why } : {}),
    input: `cases/${def.id}.smf`,
    expected: expected ? `cases/${def.id}.json` : null,
    sha256: sha256(input),
    records: count,
    ...(skip.length ? { skip } : {}),
    handWrittenExpectation: def.handWritten ?? false,
    ...(def.handBuiltInput ? { handBuiltInput: true } : {}),
    ...(def.cites ? { cites: def.cites } : {}),
  };
  return { def, entry, input, expected };
}

export function buildCorpus(): { manifest: Manifest; cases: Materialised[] } {
  const cases = allCases().map(materialise);
  return { manifest: { corpus: 'zert-forge golden corpus', version: CORPUS_VERSION, changes: CORPUS_CHANGES, retiredIds: RETIRED_IDS, cases: cases.map((c) => c.entry) }, cases };
}

/** Our output without the companion keys (names beside codes), which hand-written expectations leave out. */
export function withoutCompanions(records: CanonicalRecord[]): CanonicalRecord[] {
  const strip = (v: SectionValue): SectionValue => Object.fromEntries(Object.entries(v).filter(([k]) => !/\.(name|flags|seconds)$/.test(k)));
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.map(strip) : strip(v as SectionValue)])));
}

/** Our decoded records equal a hand-written expectation (JSON text; companion names left out, any key order). */
export function agreesWithHandWritten(decoded: CanonicalRecord[], handWritten: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(handWritten);
  } catch {
    return false;
  }
  return sortedJson(parsed) === sortedJson(withoutCompanions(decoded));
}

export interface CheckProblem {
  id: string;
  problem: string;
}

/** Regenerates every case and compares it with the files on disk; also checks our decoder fails invalid cases as stated. */
export function checkCorpus(dir = CORPUS_DIR): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const { manifest, cases } = buildCorpus();
  const ids = cases.map((c) => c.def.id);
  for (const id of ids.filter((x, i) => ids.indexOf(x) !== i)) problems.push({ id, problem: 'id used twice' });
  for (const id of ids.filter((x) => RETIRED_IDS.includes(x))) problems.push({ id, problem: 'id is retired and may not be reused' });
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== stableJson(manifest)) problems.push({ id: 'manifest.json', problem: 'differs from the regenerated manifest' });
  for (const c of cases) {
    const input = join(dir, c.entry.input);
    if (!existsSync(input) || !Buffer.from(readFileSync(input)).equals(Buffer.from(c.input))) problems.push({ id: c.def.id, problem: `${c.entry.input} differs from the regenerated bytes` });
    if (c.expected && c.entry.expected) {
      const path = join(dir, c.entry.expected);
      const onDisk = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const same = onDisk !== undefined && (c.def.handWritten ? agreesWithHandWritten(c.expected, onDisk) : onDisk === stableJson(c.expected));
      if (!same) problems.push({ id: c.def.id, problem: c.def.handWritten ? `our decoder disagrees with the hand-written ${c.entry.expected}` : `${c.entry.expected} differs from the decoded records` });
    }
    if (c.def.expectation.kind === 'valid') {
      // Reference smf119-st11 SMF119HDFlags: "X'40' subtypes used (must be on)". Read from the bytes, not decoded.
      const lacking = readRecords(c.input, c.def.framing).records.filter((r) => isZertRecord(r.bytes) && (r.bytes[4]! & 0x40) === 0);
      if (lacking.length) problems.push({ id: c.def.id, problem: `a valid case, but ${lacking.length} record(s) lack header flag X'40' (subtypes used), first at offset ${lacking[0]!.offset}` });
    }
    const error = firstError(c.input, c.def);
    if (c.def.expectation.kind === 'invalid') {
      const want = c.def.expectation.error;
      if (!error || error.kind !== want.kind || error.path !== want.path) problems.push({ id: c.def.id, problem: `expected rejection ${want.kind} at ${want.path}, our decoder gives ${error ? `${error.kind} at ${error.path}` : 'no error'}` });
    } else if (error) {
      problems.push({ id: c.def.id, problem: `a ${c.def.expectation.kind} case, but our decoder reports ${error.kind} at ${error.path}` });
    }
  }
  const listed = new Set(cases.flatMap((c) => [c.entry.input, c.entry.expected].filter(Boolean).map((p) => p!.slice('cases/'.length))));
  if (existsSync(join(dir, 'cases'))) for (const f of readdirSync(join(dir, 'cases'))) if (!listed.has(f)) problems.push({ id: f, problem: 'file in cases/ that no case lists' });
  return problems;
}

/** Writes the generated files. Hand-written expectations are never written: --check reports them if missing. */
export function writeCorpus(write: (path: string, data: Uint8Array | string) => void, dir = CORPUS_DIR): number {
  const { manifest, cases } = buildCorpus();
  mkdirSync(join(dir, 'cases'), { recursive: true });
  for (const c of cases) {
    write(join(dir, c.entry.input), c.input);
    if (!c.expected || !c.entry.expected) continue;
    if (c.def.handWritten) continue;
    write(join(dir, c.entry.expected), stableJson(c.expected));
  }
  write(join(dir, 'manifest.json'), stableJson(manifest));
  return cases.length;
}

// --- coverage ------------------------------------------------------------------------------------

export interface Coverage {
  /** Every field of every section (reserved bytes and the logical record's segment descriptor excepted). */
  fields: { subtype: number; section: string; field: string; covered: boolean }[];
  codes: { subtype: number; section: string; field: string; code: string; covered: boolean }[];
  releases: { subtype: number; release: string; covered: boolean }[];
  flags: { flag: string; cases: number }[];
  /** How many cases have oracles independent of zert-forge: a hand-written expectation, a hand-built input. */
  oracles: { cases: number; handWrittenExpectations: number; handBuiltInputs: number };
}

function isDefault(f: FieldDef, v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === 0 || v === '0' || v === '0.0.0.0' || v === '::' || v === '00:00:00.00' || JSON.stringify(v) === JSON.stringify(defaultValue(f));
}

/** A logical record's segment descriptor is zero by definition (spanning lives in the physical file). */
const NOT_APPLICABLE = new Set(['SMF119HDSegDesc']);

/** What the valid and acceptable cases exercise: fields with a non-default value, named codes, releases, flags. */
export function corpusCoverage(cases: Materialised[] = buildCorpus().cases): Coverage {
  const valid = cases.filter((c) => c.def.expectation.kind !== 'invalid' && c.expected);
  const coverage: Coverage = {
    fields: [], codes: [], releases: [], flags: [],
    oracles: { cases: cases.length, handWrittenExpectations: cases.filter((c) => c.def.handWritten).length, handBuiltInputs: cases.filter((c) => c.def.handBuiltInput).length },
  };
  for (const subtype of [11, 12] as const) {
    const records = valid.filter((c) => c.def.subtype === subtype).flatMap((c) => c.expected!);
    for (const s of SUBTYPE_DEFS[subtype].sections) {
      if (!s.layoutKnown) continue;
      const occurrences = records.flatMap((r) => {
        const v = r[s.key];
        return Array.isArray(v) ? (v as SectionValue[]) : v ? [v as SectionValue] : [];
      });
      for (const f of s.fields) {
        if (f.type.kind === 'reserved' || NOT_APPLICABLE.has(f.name) || !RELEASES.some((r) => existsIn(f, r))) continue;
        coverage.fields.push({ subtype, section: s.key, field: f.name, covered: occurrences.some((o) => !isDefault(f, o[f.name])) });
        const t = f.type;
        const named = t.kind === 'enum' ? t.codes.codes : t.kind === 'flags' ? t.flags.codes : t.kind === 'text' && t.known ? t.known.map((k) => ({ code: k.value, name: k.meaning })) : [];
        for (const c of named) {
          // A record's subtype code is the subtype's own: the other subtype's code cannot appear in it.
          if (f.name === 'SMF119HDSubType' && c.code !== subtype) continue;
          const seen = occurrences.some((o) => {
            const v = o[f.name];
            if (t.kind === 'flags') return typeof v === 'number' && (v & (c.code as number)) === c.code;
            return v === c.code;
          });
          coverage.codes.push({ subtype, section: s.key, field: f.name, code: typeof c.code === 'number' ? `X'${c.code.toString(16).toUpperCase().padStart(2, '0')}' ${c.name}` : `'${c.code}'`, covered: seen });
        }
      }
    }
    for (const release of RELEASES) coverage.releases.push({ subtype, release, covered: valid.some((c) => c.def.subtype === subtype && c.def.release === release) });
  }
  const flags = new Map<string, number>();
  for (const c of cases) for (const f of c.def.flags) flags.set(f, (flags.get(f) ?? 0) + 1);
  coverage.flags = [...flags].sort().map(([flag, n]) => ({ flag, cases: n }));
  return coverage;
}

export function coverageReport(c: Coverage): string {
  const pct = (xs: { covered: boolean }[]): string => `${xs.filter((x) => x.covered).length}/${xs.length} (${((100 * xs.filter((x) => x.covered).length) / Math.max(1, xs.length)).toFixed(1)}%)`;
  const lines = [`fields with a non-default value in a valid or acceptable case: ${pct(c.fields)}`, `named codes, flags and known texts seen: ${pct(c.codes)}`, `release profiles with a valid case: ${pct(c.releases)}`];
  for (const f of c.fields.filter((x) => !x.covered)) lines.push(`  missing field: st${f.subtype} ${f.section} ${f.field}`);
  for (const x of c.codes.filter((y) => !y.covered)) lines.push(`  missing code: st${x.subtype} ${x.section} ${x.field} ${x.code}`);
  for (const r of c.releases.filter((x) => !x.covered)) lines.push(`  missing release: st${r.subtype} ${r.release}`);
  lines.push(`case flags: ${c.flags.map((f) => `${f.flag} (${f.cases})`).join(', ')}`);
  lines.push(`independent oracles: ${c.oracles.handWrittenExpectations} of ${c.oracles.cases} cases have a hand-written expectation, ${c.oracles.handBuiltInputs} a hand-built input`);
  return `${lines.join('\n')}\n`;
}

/** `golden --coverage --format json`: totals per kind, what is missing, and every item with its state. */
export function coverageJson(c: Coverage): unknown {
  const total = (xs: { covered: boolean }[]): { covered: number; total: number; percent: number } => {
    const covered = xs.filter((x) => x.covered).length;
    return { covered, total: xs.length, percent: Math.round((1000 * covered) / Math.max(1, xs.length)) / 10 };
  };
  const missing = <T extends { covered: boolean }>(xs: T[]): Omit<T, 'covered'>[] => xs.filter((x) => !x.covered).map(({ covered: _, ...rest }) => rest);
  return {
    corpusVersion: CORPUS_VERSION,
    fullyCovered: isFullyCovered(c),
    totals: { fields: total(c.fields), codes: total(c.codes), releases: total(c.releases) },
    missing: { fields: missing(c.fields), codes: missing(c.codes), releases: missing(c.releases) },
    oracles: c.oracles,
    flags: c.flags,
    fields: c.fields,
    codes: c.codes,
    releases: c.releases,
  };
}

export function isFullyCovered(c: Coverage): boolean {
  return [...c.fields, ...c.codes, ...c.releases].every((x) => x.covered);
}

