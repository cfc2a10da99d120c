import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Framing } from '../../io/framing.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { ManifestCase } from '../corpus/golden.js';
import type { Limits } from '../runner/adapters.js';
import { NdjsonAdapter, recordsFromOutput } from '../runner/adapters.js';
import { ParserProcess, splitCommand } from '../runner/process.js';

// Runs a parser on one fuzz input and says what happened, with the process-level facts the oracles need.
// The cli protocol has its own executor because the conformance Adapter interface does not give the exit
// signal or the memory a process used; both run the parser as the runner's ParserProcess: in its own process
// group (so that its children die with it), without a shell (file names are arguments, never shell text),
// its resident memory (VmRSS of the whole tree, from /proc) polled so that a runaway allocation is stopped at
// --max-rss, before the machine suffers. The ndjson protocol reuses the conformance NdjsonAdapter.

export interface RunRequest {
  id: string;
  bytes: Uint8Array;
  subtype: Subtype;
  release: Release;
  framing: Framing;
}

export type FailureKind = 'crash' | 'hang' | 'memory' | 'protocol' | 'errored';

export type Verdict =
  | { kind: 'records'; records: Record<string, unknown>[] }
  | { kind: 'rejected'; message: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; failure: FailureKind; message: string; exitCode?: number | null; signal?: string | null; stderr: string; maxRssBytes?: number };

export interface Executor {
  run(request: RunRequest): Promise<Verdict>;
  close(): Promise<void>;
}

export interface ExecLimits {
  timeoutMs: number;
  /** Resident memory of the parser's process group; undefined = not watched. */
  maxRssBytes?: number;
  maxOutputBytes: number;
}

/** A command-line parser, run once per input: `{input}` is the input file, `{output}` a file it may write JSON to. */
export function cliExecutor(template: string, options: { limits: ExecLimits; rejectCodes: number[] }): Executor {
  if (splitCommand(template).length === 0) throw new Error('the parser command is empty');
  const writesOutput = template.includes('{output}');
  const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-'));
  const { limits, rejectCodes } = options;
  let n = 0;
  return {
    run: async (request) => {
      const input = join(dir, `input-${++n}.smf`);
      const output = join(dir, `output-${n}.json`);
      writeFileSync(input, request.bytes);
      let verdict: Verdict | undefined;
      const fail = (failure: FailureKind, message: string): void => {
        verdict ??= { kind: 'failed', failure, message, stderr: '' };
      };
      const proc = new ParserProcess(template, {
        input,
        output,
        stdin: 'ignore',
        shell: 'none',
        maxRssBytes: limits.maxRssBytes,
        onMaxRss: (rss) => fail('memory', `resident memory ${Math.round(rss / 1048576)} MB passed --max-rss ${Math.round(limits.maxRssBytes! / 1048576)} MB`),
      });
      const timer = setTimeout(() => {
        fail('hang', `no result within ${limits.timeoutMs} ms`);
        proc.kill();
      }, limits.timeoutMs);
      const stdout: Buffer[] = [];
      let stdoutBytes = 0;
      proc.child.stdout.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes <= limits.maxOutputBytes) stdout.push(chunk);
        else {
          fail('protocol', `output exceeds ${limits.maxOutputBytes} bytes`);
          proc.kill();
        }
      });
      const drained = new Promise<void>((resolve) => proc.child.stdout.once('close', resolve));
      const [end] = await Promise.all([proc.ended, drained]);
      clearTimeout(timer);
      rmSync(input, { force: true });
      const stderr = proc.stderr.toString();
      const facts = { exitCode: end.code, signal: end.signal, stderr, ...(limits.maxRssBytes === undefined ? {} : { maxRssBytes: proc.peakRssBytes }) };
      try {
        if (verdict?.kind === 'failed') return { ...verdict, ...facts };
        if (end.notRunnable) return { kind: 'failed', failure: 'crash', message: `cannot run the parser: ${end.notRunnable}`, ...facts };
        if (end.code !== null && rejectCodes.includes(end.code)) return { kind: 'rejected', message: proc.stderr.lastLines() || `exit code ${end.code}` };
        if (end.code !== 0) return { kind: 'failed', failure: 'crash', message: end.signal ? `killed by ${end.signal}` : `exit code ${end.code}, not one of --reject-exit-codes ${rejectCodes.join(',')}`, ...facts };
        try {
          const text = writesOutput ? readFileSync(output, 'utf8') : Buffer.concat(stdout).toString('utf8');
          return { kind: 'records', records: recordsFromOutput(text) };
        } catch (e) {
          return { kind: 'failed', failure: 'protocol', message: `exit code 0 but the output is not JSON records: ${(e as Error).message}`, ...facts };
        }
      } finally {
        rmSync(output, { force: true });
      }
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The adapter's 'errored' outcome covers the parser's own errored answer and every way the process
 * failed; the message and the context tell them apart.
 */
function classify(message: string, context: unknown): { failure: FailureKind; exitCode?: number | null; signal?: string | null; stderr: string } {
  const stderr = typeof (context as { stderr?: unknown } | undefined)?.stderr === 'string' ? (context as { stderr: string }).stderr : '';
  if (/no answer within|timed? ?out|did not answer/i.test(message)) return { failure: 'hang', stderr };
  // 'parser exited (SIGSEGV)', '(code 3)', '(killed by SIGSEGV: ...)', '(exit code 3: ...)'
  const exited = /exited \((?:killed by )?(SIG\w+)|exited \((?:exit )?code (-?\d+)/.exec(message);
  if (exited) return { failure: 'crash', signal: exited[1] ?? null, exitCode: exited[2] === undefined ? null : Number(exited[2]), stderr };
  if (context !== undefined && 'stderr' in (context as object)) return { failure: 'protocol', stderr };
  return { failure: 'errored', stderr };
}

/** A parser speaking the ndjson protocol, through the conformance runner's adapter. Memory is not watched. */
export function ndjsonExecutor(command: string, limits: Limits): Executor {
  const adapter = new NdjsonAdapter(command, limits);
  const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-'));
  let n = 0;
  return {
    run: async (request) => {
      const path = join(dir, `input-${++n}.smf`);
      writeFileSync(path, request.bytes);
      const entry = { id: request.id, subtype: request.subtype, release: request.release, framing: request.framing } as ManifestCase;
      const outcome = await adapter.run({ entry, path, bytes: request.bytes });
      rmSync(path, { force: true });
      if (outcome.kind === 'records') return { kind: 'records', records: outcome.records };
      if (outcome.kind === 'rejected') return { kind: 'rejected', message: outcome.message };
      if (outcome.kind === 'skipped') return { kind: 'skipped', reason: outcome.reason };
      // An adapter that marks a parser as not runnable at all (command not found) says so with `fatal`.
      if ((outcome as { fatal?: boolean }).fatal) return { kind: 'failed', failure: 'crash', message: `cannot run the parser: ${outcome.message}`, stderr: '' };
      return { kind: 'failed', message: outcome.message, ...classify(outcome.message, outcome.context) };
    },
    close: async () => {
      await adapter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How to reach a parser: what a finding records so that --replay can run it again. */
export interface Target {
  parser: string;
  protocol: 'cli' | 'ndjson';
  rejectExitCodes: number[];
  timeoutSeconds: number;
  maxRssMb?: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 64 << 20;

export function executorFor(target: Target): Executor {
  const timeoutMs = target.timeoutSeconds * 1000;
  if (target.protocol === 'ndjson') return ndjsonExecutor(target.parser, { timeoutMs, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES });
  const maxRssBytes = target.maxRssMb === undefined ? undefined : target.maxRssMb * 1048576;
  return cliExecutor(target.parser, { limits: { timeoutMs, maxRssBytes, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES }, rejectCodes: target.rejectExitCodes });
}
