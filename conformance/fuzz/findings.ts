import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Framing } from '../../io/framing.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Finding } from './engine.js';
import { describeInput, seedLookup, sha256 } from './engine.js';
import type { Target, Verdict } from './exec.js';
import { executorFor } from './exec.js';
import type { FuzzMutation } from './mutations.js';
import { describeMutation, materialise } from './mutations.js';
import type { Failure, FindingKind, OracleOptions } from './oracles.js';
import { judge } from './oracles.js';
import type { Seed } from './seeds.js';

// A finding on disk: <kind>-<short hash>.smf (the input) and .json (how it was made, from what, what the
// parser did). The JSON carries its seed records, so `--replay` rebuilds the input from the mutation list
// alone, checks it is byte for byte the .smf, and runs the parser on it again.

export const FINDING_FORMAT = 'zert-forge fuzz finding';

interface StoredSeed {
  id: string;
  subtype: Subtype;
  release: Release;
  framing: Framing;
  /** Records, base64. */
  records: string[];
}

export interface StoredFinding {
  format: typeof FINDING_FORMAT;
  version: 1;
  kind: FindingKind;
  signature: string;
  message: string;
  input: string;
  sha256: string;
  framing: Framing;
  subtype: Subtype;
  release: Release;
  seed: StoredSeed;
  partners: StoredSeed[];
  mutations: FuzzMutation[];
  described: string[];
  fuzzSeed: number;
  foundAt: number;
  original: { seed: string; mutations: FuzzMutation[] };
  target: Target;
  oracles: OracleOptions;
  exit: { code: number | null; signal: string | null };
  stderrTail: string;
  maxRssBytes?: number;
  /** What to run to see it again. */
  replay: string;
}

const storeSeed = (s: Seed): StoredSeed => ({ id: s.id, subtype: s.subtype, release: s.release, framing: s.framing, records: s.records.map((r) => Buffer.from(r).toString('base64')) });
const loadSeed = (s: StoredSeed): Seed => {
  const records = s.records.map((r) => new Uint8Array(Buffer.from(r, 'base64')));
  return { id: s.id, subtype: s.subtype, release: s.release, framing: s.framing, records, size: records.reduce((n, r) => n + r.length, 0) };
};

export const findingName = (f: Pick<Finding, 'kind' | 'sha256'>): string => `${f.kind}-${f.sha256.slice(0, 10)}`;

/** Writes every finding; returns the JSON paths. */
export function writeFindings(findings: readonly Finding[], dir: string, context: { fuzzSeed: number; target: Target; oracles: OracleOptions }): string[] {
  mkdirSync(dir, { recursive: true });
  return findings.map((f) => {
    const name = findingName(f);
    const json = join(dir, `${name}.json`);
    writeFileSync(join(dir, `${name}.smf`), f.bytes);
    const stored: StoredFinding = {
      format: FINDING_FORMAT,
      version: 1,
      kind: f.kind,
      signature: f.signature,
      message: f.message,
      input: `${name}.smf`,
      sha256: f.sha256,
      framing: f.framing,
      subtype: f.seed.subtype,
      release: f.seed.release,
      seed: storeSeed(f.seed),
      partners: f.partners.map(storeSeed),
      mutations: f.mutations,
      described: f.mutations.map(describeMutation),
      fuzzSeed: context.fuzzSeed,
      foundAt: f.foundAt,
      original: f.original,
      target: context.target,
      oracles: { differential: context.oracles.differential, strictReject: context.oracles.strictReject, ...(context.oracles.aliases ? { aliases: context.oracles.aliases } : {}) },
      exit: { code: f.exitCode ?? null, signal: f.signal ?? null },
      stderrTail: f.stderrTail,
      ...(f.maxRssBytes === undefined ? {} : { maxRssBytes: f.maxRssBytes }),
      replay: `zert-forge fuzz --replay ${json}`,
    };
    writeFileSync(json, `${JSON.stringify(stored, null, 2)}\n`);
    return json;
  });
}

export class FindingFileError extends Error {}

export function loadFinding(path: string): StoredFinding {
  let stored: StoredFinding;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as StoredFinding;
  } catch (e) {
    throw new FindingFileError(`cannot read finding ${path}: ${(e as Error).message}`);
  }
  if (stored.format !== FINDING_FORMAT || stored.version !== 1) throw new FindingFileError(`${path} is not a zert-forge fuzz finding (version 1)`);
  return stored;
}

export interface ReplayResult {
  finding: StoredFinding;
  /** The mutation list, applied to the stored seed, gives exactly the stored .smf. */
  rebuilt: boolean;
  description: string;
  verdict: Verdict;
  failure: Failure | undefined;
  /** Same kind and signature as recorded. */
  reproduced: boolean;
}

/** Rebuilds a finding's input from its mutation list and runs the parser on it again (`target` overrides the stored one). */
export async function replayFinding(path: string, options: { target?: Partial<Target> } = {}): Promise<ReplayResult> {
  const finding = loadFinding(path);
  const seed = loadSeed(finding.seed);
  const materialised = materialise(seed, finding.mutations, seedLookup([seed, ...finding.partners.map(loadSeed)]));
  if (!materialised) throw new FindingFileError(`${path}: the mutation list no longer applies to its seed`);
  const smfPath = resolve(dirname(path), finding.input);
  let onDisk: Uint8Array | undefined;
  try {
    onDisk = readFileSync(smfPath);
  } catch {
    onDisk = undefined;
  }
  const rebuilt = sha256(materialised.bytes) === finding.sha256 && (onDisk === undefined || sha256(onDisk) === finding.sha256);
  const executor = executorFor({ ...finding.target, ...options.target });
  try {
    const verdict = await executor.run({ id: `replay-${finding.sha256.slice(0, 10)}`, bytes: materialised.bytes, subtype: finding.subtype, release: finding.release, framing: materialised.framing });
    const failure = judge(verdict, { bytes: materialised.bytes, framing: materialised.framing, release: finding.release, subtype: finding.subtype }, finding.oracles);
    return { finding, rebuilt, description: describeInput({ seed, mutations: finding.mutations }), verdict, failure, reproduced: failure !== undefined && failure.kind === finding.kind && failure.signature === finding.signature };
  } finally {
    await executor.close();
  }
}
