import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CanonicalRecord } from '../../spec/codec.js';
import type { Manifest, ManifestCase } from '../corpus/golden.js';
import { CORPUS_DIR } from '../corpus/golden.js';
import type { Adapter, CaseInput, Implementation, Outcome } from './adapters.js';
import type { AliasMap, FieldResult } from './compare.js';
import { compareRecord } from './compare.js';

// Runs a parser over the golden corpus and judges every case: pass / fail / errored / skipped, and xfail
// for a failure listed in the expected-failures file.

export type CaseStatus = 'pass' | 'fail' | 'errored' | 'skipped' | 'xfail';

export interface CaseResult {
  id: string;
  description: string;
  subtype: number;
  release: string;
  expectation: ManifestCase['expectation'];
  flags: string[];
  status: CaseStatus;
  message: string;
  /** What the parser answered: records, rejected, skipped or errored. */
  answer: Outcome['kind'];
  fields: FieldResult[];
  durationMs: number;
  /** Listed as an expected failure, but passed: the list should lose it. */
  unexpectedPass?: boolean;
  context?: unknown;
}

export interface ConformReport {
  corpusVersion: string;
  implementation: Implementation;
  startedAt: string;
  durationMs: number;
  strict: boolean;
  results: CaseResult[];
}

export interface ConformOptions {
  corpusDir?: string;
  /** One adapter per job: `jobs` are run in parallel. */
  makeAdapter: () => Adapter;
  jobs?: number;
  /** Only cases whose id matches. */
  select?: (id: string) => boolean;
  /** Case id -> reason: a known gap that must not fail the run. */
  expectedFailures?: Record<string, string>;
  aliases?: AliasMap;
  /** Count fields the parser leaves out as failures, not as partial coverage. */
  strict?: boolean;
  onResult?: (r: CaseResult) => void;
}

export function loadManifest(corpusDir = CORPUS_DIR): Manifest {
  return JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as Manifest;
}

function judge(entry: ManifestCase, expected: CanonicalRecord[] | null, outcome: Outcome, options: ConformOptions): Pick<CaseResult, 'status' | 'message' | 'fields'> {
  if (outcome.kind === 'errored') return { status: 'errored', message: outcome.message, fields: [] };
  if (outcome.kind === 'skipped') return { status: 'skipped', message: outcome.reason, fields: [] };
  if (outcome.kind === 'rejected') {
    if (entry.expectation === 'valid') return { status: 'fail', message: `rejected a valid input: ${outcome.message}`, fields: [] };
    const why = entry.expectation === 'invalid' ? `rejected as it must be (${entry.error!.kind} at ${entry.error!.path})` : `rejected; acceptable because ${entry.acceptableBecause}`;
    return { status: 'pass', message: why, fields: [] };
  }
  if (entry.expectation === 'invalid') return { status: 'fail', message: `accepted an invalid input: ${entry.why} (${entry.error!.kind} at ${entry.error!.path})`, fields: [] };
  const want = expected!;
  if (outcome.records.length !== want.length) return { status: 'fail', message: `${outcome.records.length} record(s) returned, ${want.length} expected`, fields: [] };
  const fields = want.flatMap((w, i) => compareRecord(entry.subtype, w, outcome.records[i] ?? {}, i, options.aliases));
  const failed = fields.filter((f) => f.status === 'fail' || (options.strict && f.status === 'missing'));
  const reported = fields.filter((f) => f.status !== 'missing').length;
  if (failed.length > 0) return { status: 'fail', message: `${failed.length} field(s) wrong, first ${failed[0]!.path}`, fields };
  if (reported === 0) return { status: 'fail', message: 'no field reported', fields };
  const missing = fields.length - reported;
  return { status: 'pass', message: missing ? `${reported}/${fields.length} fields reported, all right` : `all ${fields.length} fields right`, fields };
}

export async function conform(options: ConformOptions): Promise<ConformReport> {
  const corpusDir = resolve(options.corpusDir ?? CORPUS_DIR);
  const manifest = loadManifest(corpusDir);
  const cases = manifest.cases.filter((c) => !options.select || options.select(c.id));
  const startedAt = new Date();
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, cases.length || 1));
  const adapters = Array.from({ length: jobs }, options.makeAdapter);
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  try {
    // A parser that cannot even start still gets a report: its cases come out 'errored'.
    const implementation = await adapters[0]!.implementation().catch((e: Error) => ({ name: 'unknown parser', notes: `did not start: ${e.message}` }));
    await Promise.all(
      adapters.map(async (adapter) => {
        while (next < cases.length) {
          const index = next++;
          const entry = cases[index]!;
          const path = join(corpusDir, entry.input);
          const input: CaseInput = { entry, path, bytes: readFileSync(path) };
          const expected = entry.expected ? (JSON.parse(readFileSync(join(corpusDir, entry.expected), 'utf8')) as CanonicalRecord[]) : null;
          const t0 = performance.now();
          const outcome = await adapter.run(input);
          const verdict = judge(entry, expected, outcome, options);
          const known = options.expectedFailures?.[entry.id];
          const result: CaseResult = {
            id: entry.id, description: entry.description, subtype: entry.subtype, release: entry.release, expectation: entry.expectation, flags: entry.flags,
            ...verdict, answer: outcome.kind, durationMs: Math.round(performance.now() - t0),
          };
          if (outcome.kind === 'errored' && outcome.context !== undefined) result.context = outcome.context;
          if (known !== undefined && (verdict.status === 'fail' || verdict.status === 'errored')) {
            result.status = 'xfail';
            result.message = `expected failure (${known}): ${verdict.message}`;
          } else if (known !== undefined && verdict.status === 'pass') {
            result.unexpectedPass = true;
            result.message = `passes, but is listed as an expected failure (${known}): remove it from the list`;
          }
          results[index] = result;
          options.onResult?.(result);
        }
      }),
    );
    return { corpusVersion: manifest.version, implementation, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), strict: options.strict ?? false, results };
  } finally {
    await Promise.all(adapters.map((a) => a.close()));
  }
}

export function succeeded(report: ConformReport): boolean {
  return report.results.every((r) => r.status === 'pass' || r.status === 'skipped' || r.status === 'xfail');
}
