import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { CanonicalRecord } from '../../spec/codec.js';
import { ZertError } from '../../spec/errors.js';
import type { Framing } from '../../io/framing.js';
import { readRecords } from '../../io/framing.js';
import type { Manifest, ManifestCase } from '../corpus/golden.js';
import { CORPUS_DIR } from '../corpus/golden.js';
import type { Adapter, CaseInput, Implementation, Outcome } from './adapters.js';
import { ParserError } from './adapters.js';
import { alignRecords } from './align.js';
import type { AliasMap } from './aliases.js';
import type { FieldResult } from './compare.js';
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
  /** When the parser returned another number of records: expected records it left out, and its extra answers. */
  missingRecords?: number[];
  extraRecords?: number[];
  /** Time the parser took for the case (not the wait for a free job, nor its start-up). */
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
  /** Set when the run stopped before every selected case was run (--fail-fast). */
  stopped?: { reason: string; notRun: number };
}

export interface ConformOptions {
  corpusDir?: string;
  /** One adapter per job: `jobs` are run in parallel. */
  makeAdapter: () => Adapter;
  /** Capped at MAX_JOBS. */
  jobs?: number;
  /** Only cases whose id matches. */
  select?: (id: string) => boolean;
  /** Case id -> reason: a known gap that must not fail the run. */
  expectedFailures?: Record<string, string>;
  aliases?: AliasMap;
  /** Count fields the parser leaves out as failures, not as partial coverage. */
  strict?: boolean;
  /** Stop at the first case that fails or errors (expected failures do not count). */
  failFast?: boolean;
  /** The parser's name in reports, instead of the one it gives (or its command line). */
  name?: string;
  onResult?: (r: CaseResult) => void;
}

/** More parallel jobs than this only make parsers compete for the cores and time out. */
export const MAX_JOBS = availableParallelism() * 2;

/** Why a run could not be done at all: a corpus that cannot be read, a parser that cannot run or start. */
export class ConformError extends Error {
  constructor(
    readonly kind: 'corpus' | 'parser-not-runnable' | 'parser-did-not-start',
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ConformError';
  }
}

/** What the runner relies on in a manifest (the corpus generator writes more). */
const MANIFEST_SCHEMA = {
  type: 'object',
  required: ['version', 'cases'],
  properties: {
    version: { type: 'string' },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'subtype', 'release', 'framing', 'expectation', 'input', 'expected'],
        properties: {
          id: { type: 'string', minLength: 1 },
          subtype: { enum: [11, 12] },
          release: { type: 'string' },
          framing: { enum: ['rdw', 'vbs'] },
          expectation: { enum: ['valid', 'invalid', 'acceptable'] },
          input: { type: 'string', minLength: 1 },
          expected: { type: ['string', 'null'] },
          flags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

function readCorpusFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConformError('corpus', path, code === 'ENOENT' ? `no ${what}` : code === 'EISDIR' ? `${what} is a directory` : (e as Error).message);
  }
}

/** The corpus manifest, checked: every problem is one ConformError naming the file. */
export function loadManifest(corpusDir = CORPUS_DIR): Manifest {
  let stat;
  try {
    stat = statSync(corpusDir);
  } catch {
    throw new ConformError('corpus', corpusDir, 'no such corpus directory');
  }
  if (!stat.isDirectory()) throw new ConformError('corpus', corpusDir, 'not a directory (--corpus names the golden corpus directory)');
  const path = join(corpusDir, 'manifest.json');
  const text = readCorpusFile(path, 'manifest.json here: is this a golden corpus directory?');
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw new ConformError('corpus', path, `not JSON: ${(e as Error).message}`);
  }
  const validate = new Ajv({ strict: false }).compile(MANIFEST_SCHEMA);
  if (!validate(manifest)) {
    const e = validate.errors![0]!;
    const at = /^\/cases\/(\d+)/.exec(e.instancePath);
    const id = at ? (manifest as { cases: { id?: unknown }[] }).cases[Number(at[1])]?.id : undefined;
    throw new ConformError('corpus', path, `not a corpus manifest: ${e.instancePath || 'the top level'}${typeof id === 'string' ? ` (case ${id})` : ''} ${e.message}`);
  }
  return manifest as Manifest;
}

interface PreparedCase {
  input: CaseInput;
  expected: CanonicalRecord[] | null;
}

function prepare(corpusDir: string, entry: ManifestCase): PreparedCase {
  const path = join(corpusDir, entry.input);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ConformError('corpus', path, `input of case ${entry.id}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let expected: CanonicalRecord[] | null = null;
  if (entry.expected) {
    const file = join(corpusDir, entry.expected);
    try {
      expected = JSON.parse(readCorpusFile(file, `expected records of case ${entry.id}`)) as CanonicalRecord[];
    } catch (e) {
      if (e instanceof ConformError) throw e;
      throw new ConformError('corpus', file, `expected records of case ${entry.id} are not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(expected)) throw new ConformError('corpus', file, `expected records of case ${entry.id} are not a JSON array`);
  }
  if (entry.expectation !== 'invalid' && !expected) throw new ConformError('corpus', join(corpusDir, 'manifest.json'), `case ${entry.id} is ${entry.expectation} but names no expected records`);
  return { input: { entry, path, bytes }, expected };
}

/** File offsets of a case's records, for parsers that report where each record starts. */
function recordOffsets(input: CaseInput): number[] {
  try {
    return readRecords(input.bytes, input.entry.framing as Framing).records.map((r) => r.offset);
  } catch (e) {
    if (e instanceof ZertError) return [];
    throw e;
  }
}

const recordLabel = (r: CanonicalRecord | undefined): string => {
  const h = r?.['Header'] as Record<string, unknown> | undefined;
  return h ? ` (${[h['SMF119HDDate'], h['SMF119HDTime'], h['SMF119HDSID']].filter((x) => x !== undefined && x !== null).join(' ')})` : '';
};

type Verdict = Pick<CaseResult, 'status' | 'message' | 'fields' | 'missingRecords' | 'extraRecords'>;

function judge(prepared: PreparedCase, outcome: Outcome, options: ConformOptions): Verdict {
  const { entry } = prepared.input;
  if (outcome.kind === 'errored') return { status: 'errored', message: outcome.message, fields: [] };
  if (outcome.kind === 'skipped') return { status: 'skipped', message: outcome.reason, fields: [] };
  const how = entry.error ? ` (${entry.error.kind} at ${entry.error.path})` : '';
  if (outcome.kind === 'rejected') {
    if (entry.expectation === 'valid') return { status: 'fail', message: `rejected a valid input: ${outcome.message}`, fields: [] };
    const why = entry.expectation === 'invalid' ? `rejected as it must be${how}` : `rejected; acceptable because ${entry.acceptableBecause}`;
    return { status: 'pass', message: why, fields: [] };
  }
  if (entry.expectation === 'invalid') return { status: 'fail', message: `accepted an invalid input: ${entry.why ?? 'the corpus marks it invalid'}${how}`, fields: [] };
  const want = prepared.expected!;
  const got = outcome.records;
  if (got.length !== want.length) {
    const al = alignRecords(entry.subtype, want, got, recordOffsets(prepared.input), options.aliases);
    const fields = al.pairs.flatMap(([e, a]) => compareRecord(entry.subtype, want[e]!, got[a]!, e, options.aliases));
    const parts = [
      al.missing.length ? `missing ${al.missing.map((i) => `record[${i}]${recordLabel(want[i])}`).join(', ')}` : '',
      al.extra.length ? `extra answer${al.extra.length > 1 ? 's' : ''} ${al.extra.map((i) => `[${i}]`).join(', ')}` : '',
    ].filter(Boolean);
    const wrong = fields.filter((f) => f.status === 'fail').length;
    return {
      status: 'fail',
      message: `${got.length} record(s) returned, ${want.length} expected; paired by ${al.by}: ${parts.join('; ')}${wrong ? `; ${wrong} field(s) wrong in paired records` : ''}`,
      fields,
      missingRecords: al.missing,
      extraRecords: al.extra,
    };
  }
  const fields = want.flatMap((w, i) => compareRecord(entry.subtype, w, got[i]!, i, options.aliases));
  const failed = fields.filter((f) => f.status === 'fail' || (options.strict && f.status === 'missing'));
  const reported = fields.filter((f) => f.status !== 'missing').length;
  if (failed.length > 0) return { status: 'fail', message: `${failed.length} field(s) wrong, first ${failed[0]!.path}`, fields };
  if (reported === 0) return { status: 'fail', message: 'no field reported', fields };
  const missing = fields.length - reported;
  return { status: 'pass', message: missing ? `${reported}/${fields.length} fields reported, all right` : `all ${fields.length} fields right`, fields };
}

function startFailure(e: unknown): ConformError {
  if (e instanceof ParserError && e.notRunnable) return new ConformError('parser-not-runnable', 'parser', e.message);
  return new ConformError('parser-did-not-start', 'parser', `did not start: ${(e as Error).message}`);
}

export async function conform(options: ConformOptions): Promise<ConformReport> {
  const corpusDir = resolve(options.corpusDir ?? CORPUS_DIR);
  const manifest = loadManifest(corpusDir);
  const cases = manifest.cases.filter((c) => !options.select || options.select(c.id)).map((c) => prepare(corpusDir, c));
  const startedAt = new Date();
  // Nothing selected: no parser needs to start to say so.
  if (cases.length === 0) return { corpusVersion: manifest.version, implementation: { name: options.name ?? 'not started' }, startedAt: startedAt.toISOString(), durationMs: 0, strict: options.strict ?? false, results: [] };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, MAX_JOBS, cases.length));
  const adapters = Array.from({ length: jobs }, options.makeAdapter);
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let stopped: ConformReport['stopped'];
  let fatal: ConformError | undefined;
  try {
    // Parsers start before the first case, each under its own start-up limit: a slow start costs no case.
    const started = await Promise.allSettled(adapters.map((a) => a.implementation()));
    const failedStart = started.find((s) => s.status === 'rejected');
    if (failedStart) throw startFailure(failedStart.reason);
    const reportedImpl = (started[0] as PromiseFulfilledResult<Implementation>).value;
    const implementation = options.name ? { ...reportedImpl, name: options.name } : reportedImpl;
    await Promise.all(
      adapters.map(async (adapter) => {
        while (next < cases.length && !stopped && !fatal) {
          const index = next++;
          const prepared = cases[index]!;
          const { entry } = prepared.input;
          const t0 = performance.now();
          const outcome = await adapter.run(prepared.input);
          const durationMs = Math.round(performance.now() - t0);
          if (outcome.kind === 'errored' && outcome.fatal) {
            fatal ??= new ConformError('parser-not-runnable', 'parser', outcome.message);
            return;
          }
          const verdict = judge(prepared, outcome, options);
          const known = options.expectedFailures?.[entry.id];
          const result: CaseResult = {
            id: entry.id, description: entry.description, subtype: entry.subtype, release: entry.release, expectation: entry.expectation, flags: entry.flags ?? [],
            ...verdict, answer: outcome.kind, durationMs,
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
          if (options.failFast && (result.status === 'fail' || result.status === 'errored')) stopped ??= { reason: `--fail-fast: ${entry.id} ${result.status}`, notRun: 0 };
        }
      }),
    );
    if (fatal) throw fatal;
    const done = results.filter((r) => r !== undefined);
    if (stopped) stopped.notRun = cases.length - done.length;
    return { corpusVersion: manifest.version, implementation, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), strict: options.strict ?? false, results: done, ...(stopped ? { stopped } : {}) };
  } finally {
    await Promise.all(adapters.map((a) => a.close()));
  }
}

export function succeeded(report: ConformReport): boolean {
  return !report.stopped && report.results.every((r) => r.status === 'pass' || r.status === 'skipped' || r.status === 'xfail');
}
