import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Framing } from '../../io/framing.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { ManifestCase } from '../corpus/golden.js';
import type { Limits } from '../runner/adapters.js';
import { NdjsonAdapter, recordsFromOutput } from '../runner/adapters.js';

// Runs a parser on one fuzz input and says what happened, with the process-level facts the oracles need.
// The cli protocol has its own small executor because the conformance Adapter interface does not give
// the exit signal or the memory a process used: the parser runs in its own process group (so that its
// children die with it), without a shell (file names are arguments, never shell text), and its resident
// memory (VmRSS of the whole group, from /proc) is polled so that a runaway allocation is stopped at
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

const STDERR_TAIL = 4096;
const RSS_POLL_MS = 20;

/** Splits a command template into arguments: blanks separate, '...' and "..." quote. No other shell syntax. */
export function splitCommand(template: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of template) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in the parser command`);
  if (started) args.push(current);
  return args;
}

/** Processes of a tree: the root and its descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process is gone, or /proc lacks children lists: count what we have
    }
  }
  return out;
}

/** Resident bytes of a process tree (sum of VmRSS), 0 where /proc cannot tell. */
export function treeRssBytes(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // exited between listing and reading
    }
  }
  return kb * 1024;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A command-line parser, run once per input: `{input}` is the input file, `{output}` a file it may write JSON to. */
export function cliExecutor(template: string, options: { limits: ExecLimits; rejectCodes: number[] }): Executor {
  const argv = splitCommand(template);
  if (argv.length === 0) throw new Error('the parser command is empty');
  const dir = mkdtempSync(join(tmpdir(), 'zf-fuzz-'));
  const { limits, rejectCodes } = options;
  let n = 0;
  return {
    run: (request) =>
      new Promise<Verdict>((resolve) => {
        const input = join(dir, `input-${++n}.smf`);
        const output = join(dir, `output-${n}.json`);
        writeFileSync(input, request.bytes);
        const args = argv.map((a) => a.replaceAll('{input}', input).replaceAll('{output}', output));
        const child = spawn(args[0]!, args.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const stdout: Buffer[] = [];
        let stdoutBytes = 0;
        let stderr = '';
        let peakRss = 0;
        let verdict: Verdict | undefined;
        const fail = (failure: FailureKind, message: string): void => {
          verdict ??= { kind: 'failed', failure, message, stderr: '' };
          killGroup(child.pid);
        };
        const timer = setTimeout(() => fail('hang', `no result within ${limits.timeoutMs} ms`), limits.timeoutMs);
        const poll = limits.maxRssBytes === undefined || child.pid === undefined ? undefined : setInterval(() => {
          const rss = treeRssBytes(child.pid!);
          peakRss = Math.max(peakRss, rss);
          if (rss > limits.maxRssBytes!) fail('memory', `resident memory ${Math.round(rss / 1048576)} MB passed --max-rss ${Math.round(limits.maxRssBytes! / 1048576)} MB`);
        }, RSS_POLL_MS);
        child.stdout.on('data', (chunk: Buffer) => {
          stdoutBytes += chunk.length;
          if (stdoutBytes > limits.maxOutputBytes) fail('protocol', `output exceeds ${limits.maxOutputBytes} bytes`);
          else stdout.push(chunk);
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          stderr = (stderr + chunk).slice(-STDERR_TAIL);
        });
        child.on('error', (e) => fail('crash', `cannot run the parser: ${e.message}`));
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (poll) clearInterval(poll);
          killGroup(child.pid); // children the parser left behind
          const facts = { exitCode: code, signal, stderr, ...(limits.maxRssBytes === undefined ? {} : { maxRssBytes: peakRss }) };
          if (verdict?.kind === 'failed') verdict = { ...verdict, ...facts };
          else if (code !== null && rejectCodes.includes(code)) verdict = { kind: 'rejected', message: stderr.trim().split('\n').pop() || `exit code ${code}` };
          else if (code !== 0) verdict = { kind: 'failed', failure: 'crash', message: signal ? `killed by ${signal}` : `exit code ${code}, not one of --reject-exit-codes ${rejectCodes.join(',')}`, ...facts };
          else {
            try {
              const text = argv.some((a) => a.includes('{output}')) ? readFileSync(output, 'utf8') : Buffer.concat(stdout).toString('utf8');
              verdict = { kind: 'records', records: recordsFromOutput(text) };
            } catch (e) {
              verdict = { kind: 'failed', failure: 'protocol', message: `exit code 0 but the output is not JSON records: ${(e as Error).message}`, ...facts };
            }
          }
          rmSync(input, { force: true });
          rmSync(output, { force: true });
          resolve(verdict);
        });
      }),
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
