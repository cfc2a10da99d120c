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
import { allCases, CORPUS_VERSION, RETIRED_IDS } from './cases.js';

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
  records: number;
  handWrittenExpectation: boolean;
}

export interface Manifest {
  corpus: 'zert-forge golden corpus';
  version: string;
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

/** How our decoder fails on a file: a framing error, or the first error diagnostic of a record. */
export function firstError(input: Uint8Array, def: Pick<CaseDef, 'framing' | 'release'>): { kind: string; path: string } | null {
  let records;
  try {
    records = readRecords(input, def.framing).records;
  } catch (e) {
    if (e instanceof ZertError) return { kind: e.kind, path: formatPath(e.path) };
    throw e;
  }
  for (const r of records) {
    const d = decode(r.bytes, { release: def.release }).diagnostics.find((x) => x.severity === 'error');
    if (d) return { kind: d.kind, path: formatPath(d.path) };
  }
  return null;
}

export function materialise(def: CaseDef): Materialised {
  const records = def.records.map((r) => encode(r.record, { release: def.release, overrides: r.overrides }));
  const framed = frame(records, def.framing, def.blockSize);
  const input = def.damage ? def.damage(framed) : framed;
  let expected: CanonicalRecord[] | null = null;
  if (def.expectation.kind !== 'invalid') {
    expected = readRecords(input, def.framing).records.map((r) => decode(r.bytes, { release: def.release }).record!);
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
    records: def.records.length,
    handWrittenExpectation: def.handWritten ?? false,
  };
  return { def, entry, input, expected };
}

export function buildCorpus(): { manifest: Manifest; cases: Materialised[] } {
  const cases = allCases().map(materialise);
  return { manifest: { corpus: 'zert-forge golden corpus', version: CORPUS_VERSION, retiredIds: RETIRED_IDS, cases: cases.map((c) => c.entry) }, cases };
}

/** Our output without the companion keys (names beside codes), which hand-written expectations leave out. */
export function withoutCompanions(records: CanonicalRecord[]): CanonicalRecord[] {
  const strip = (v: SectionValue): SectionValue => Object.fromEntries(Object.entries(v).filter(([k]) => !/\.(name|flags|seconds)$/.test(k)));
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.map(strip) : strip(v as SectionValue)])));
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
      const want = c.def.handWritten ? sortedJson(withoutCompanions(c.expected)) : stableJson(c.expected);
      const got = onDisk === undefined ? undefined : c.def.handWritten ? sortedJson(JSON.parse(onDisk)) : onDisk;
      if (got !== want) problems.push({ id: c.def.id, problem: c.def.handWritten ? `our decoder disagrees with the hand-written ${c.entry.expected}` : `${c.entry.expected} differs from the decoded records` });
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
}

function isDefault(f: FieldDef, v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === 0 || v === '0' || v === '0.0.0.0' || v === '::' || v === '00:00:00.00' || JSON.stringify(v) === JSON.stringify(defaultValue(f));
}

/** A logical record's segment descriptor is zero by definition (spanning lives in the physical file). */
const NOT_APPLICABLE = new Set(['SMF119HDSegDesc']);

/** What the valid and acceptable cases exercise: fields with a non-default value, named codes, releases, flags. */
export function corpusCoverage(cases: Materialised[] = buildCorpus().cases): Coverage {
  const valid = cases.filter((c) => c.def.expectation.kind !== 'invalid' && c.expected);
  const coverage: Coverage = { fields: [], codes: [], releases: [], flags: [] };
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
  return `${lines.join('\n')}\n`;
}

export function isFullyCovered(c: Coverage): boolean {
  return [...c.fields, ...c.codes, ...c.releases].every((x) => x.covered);
}

