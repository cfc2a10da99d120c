import { hasErrors } from '../../spec/codec.js';
import { formatPath, ZertError } from '../../spec/errors.js';
import { decodeFile } from '../../io/decode.js';
import type { CanonicalRecord } from '../../spec/codec.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import { compareRecord } from '../runner/compare.js';
import type { FailureKind, Verdict } from './exec.js';

// Decides whether a parser's answer to a fuzz input is a finding, and gives each finding a signature for
// deduplication: two findings with the same kind and signature are the same bug.

export type FindingKind = FailureKind | 'wrong-value' | 'rejected-valid' | 'accepted-invalid';

export interface Failure {
  kind: FindingKind;
  signature: string;
  message: string;
}

export interface OracleOptions {
  /** Compare values with zert-forge's decoder on inputs it accepts. */
  differential: boolean;
  /** With differential: a parser that accepts an input the decoder rejects is a finding. */
  strictReject: boolean;
  /** The parser's names and values mapped to IBM's (the alias map `conform` takes). */
  aliases?: Parameters<typeof compareRecord>[4];
}

/** The crash's error line and first stack frame, with the numbers that vary between inputs taken out. */
export function stderrSignature(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = lines.find((l) => /\b[A-Z]\w*(Error|Exception)\b|panic|fault|Traceback|Abort|assert/i.test(l));
  // The first frame of the parser's own code: runtime internals say little about where the bug is.
  const frames = lines.filter((l) => /^at\s|^File "|^#\d+\s/.test(l));
  const frame = frames.find((l) => !/node:internal|\(native\)|<frozen /.test(l)) ?? frames[0];
  const parts = [error?.replace(/0x[0-9a-f]+/gi, 'X').replace(/\d+/g, 'N').slice(0, 120), frame?.replace(/(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/:\d+\)?$/, '')];
  return parts.filter(Boolean).join(' | ') || (lines.at(-1)?.replace(/\d+/g, 'N').slice(0, 120) ?? '');
}

type Reference = { valid: true; records: CanonicalRecord[]; clean: boolean } | { valid: false; error: string };

/** What zert-forge's decoder makes of the input: records, or the first error (kind and path, no offsets). */
export function reference(bytes: Uint8Array, framing: Framing, release: Release): Reference {
  try {
    const { records } = decodeFile(bytes, { framing, release });
    const bad = records.find((r) => hasErrors(r.diagnostics));
    if (bad) {
      const d = bad.diagnostics.find((x) => x.severity === 'error')!;
      return { valid: false, error: `${d.kind} at ${formatPath(d.path.map((p) => p.replace(/\[\d+\]/, '[]')))}` };
    }
    const clean = records.every((r) => r.diagnostics.every((d) => d.severity === 'info'));
    return { valid: true, records: records.map((r) => r.record!), clean };
  } catch (e) {
    if (e instanceof ZertError) return { valid: false, error: e.kind };
    throw e;
  }
}

export function judge(verdict: Verdict, input: { bytes: Uint8Array; framing: Framing; release: Release; subtype: Subtype }, options: OracleOptions): Failure | undefined {
  if (verdict.kind === 'failed') {
    const status = verdict.signal ? verdict.signal : verdict.exitCode !== undefined && verdict.exitCode !== null ? `exit ${verdict.exitCode}` : '';
    const signature = verdict.failure === 'crash' || verdict.failure === 'errored' ? stderrSignature(verdict.stderr) || status : '';
    return { kind: verdict.failure, signature, message: verdict.message };
  }
  if (!options.differential || verdict.kind === 'skipped') return undefined;
  const ref = reference(input.bytes, input.framing, input.release);
  if (!ref.valid) {
    if (verdict.kind === 'records' && options.strictReject) return { kind: 'accepted-invalid', signature: ref.error, message: `accepted an input zert-forge rejects (${ref.error})` };
    return undefined;
  }
  if (verdict.kind === 'rejected') {
    // A decoder warning (reserved bytes set, padding) makes rejecting a defensible choice.
    return ref.clean ? { kind: 'rejected-valid', signature: '', message: `rejected a valid input: ${verdict.message}` } : undefined;
  }
  if (verdict.records.length !== ref.records.length) return { kind: 'wrong-value', signature: 'record count', message: `${verdict.records.length} record(s), zert-forge decodes ${ref.records.length}` };
  for (let i = 0; i < ref.records.length; i++) {
    const subtype = Number((ref.records[i]!['Header'] as Record<string, unknown> | undefined)?.['SMF119HDSubType']);
    if (subtype !== 11 && subtype !== 12) continue;
    const wrong = compareRecord(subtype, ref.records[i]!, verdict.records[i]!, i, options.aliases).find((f) => f.status === 'fail');
    if (wrong) return { kind: 'wrong-value', signature: `${wrong.section}.${wrong.field}`, message: `${wrong.path}: expected ${JSON.stringify(wrong.expected)}, got ${JSON.stringify(wrong.actual)}` };
  }
  return undefined;
}

export const findingKey = (f: Pick<Failure, 'kind' | 'signature'>): string => `${f.kind}\u0000${f.signature}`;
