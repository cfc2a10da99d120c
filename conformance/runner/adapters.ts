import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { hasErrors } from '../../spec/codec.js';
import { formatPath, ZertError } from '../../spec/errors.js';
import { decodeFile, isForeignRecord } from '../../io/decode.js';
import type { Release } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import type { ManifestCase } from '../corpus/golden.js';
import { describeEnd, ParserProcess } from './process.js';
import type { ResultMessage, StartedMessage } from './protocol.js';
import { PROTOCOL_VERSION, schemaErrors, validators } from './protocol.js';

// How the runner talks to a parser. Every failure of the parser (timeout, crash, output that is not
// JSON or is too large, a message that breaks the protocol) becomes an 'errored' outcome, never an
// exception in the runner. The one failure that stops a run is a parser that cannot be run at all
// (command not found): every case would fail the same way.

export interface CaseInput {
  entry: ManifestCase;
  /** Absolute path of the case's input file. */
  path: string;
  bytes: Uint8Array;
}

export type Outcome =
  | { kind: 'records'; records: Record<string, unknown>[] }
  | { kind: 'rejected'; message: string }
  | { kind: 'skipped'; reason: string }
  /** `fatal`: the parser cannot run at all, so the run stops. */
  | { kind: 'errored'; message: string; context?: unknown; fatal?: boolean };

export type Implementation = StartedMessage['implementation'];

export interface Adapter {
  /** Starts the parser if it is not running (ndjson: the `start` handshake) and says who it is. */
  implementation(): Promise<Implementation>;
  run(c: CaseInput): Promise<Outcome>;
  close(): Promise<void>;
}

export interface Limits {
  /** Milliseconds a parser may take to answer one case. */
  timeoutMs: number;
  /** Milliseconds an ndjson parser may take to answer `start` (an interpreter may start slowly). */
  startupTimeoutMs?: number;
  /** Bytes of output a parser may write for one case. */
  maxOutputBytes: number;
}

/** The largest delay a Node timer takes (a longer one fires at once). */
export const TIMER_MAX_MS = 2 ** 31 - 1;
/** After `stop`, a parser has this long to exit before its process group is killed. */
export const STOP_DEADLINE_MS = 2000;
export const DEFAULT_LIMITS: Required<Limits> = { timeoutMs: 10_000, startupTimeoutMs: 30_000, maxOutputBytes: 64 << 20 };

/** A parser failure; `notRunnable` when its command cannot be run at all (not found, not executable). */
export class ParserError extends Error {
  constructor(
    message: string,
    readonly notRunnable = false,
  ) {
    super(message);
  }
}

const clampTimer = (ms: number): number => Math.max(1, Math.min(ms, TIMER_MAX_MS));

/** Our own decoder, in-process: the reference every other parser is measured against. */
export function builtinAdapter(): Adapter {
  return {
    implementation: async () => ({ name: 'zert-forge', version: '0.1.0', language: 'TypeScript', notes: 'built-in decoder' }),
    run: async (c) => {
      try {
        // Records of other SMF types and type 119 subtypes are not zERT: skipped, as the corpus manifest's `skip` says.
        const records = decodeFile(c.bytes, { framing: c.entry.framing as Framing, release: c.entry.release as Release }).records.filter((r) => !isForeignRecord(r));
        const bad = records.find((r) => hasErrors(r.diagnostics));
        if (bad) {
          const d = bad.diagnostics.find((x) => x.severity === 'error')!;
          return { kind: 'rejected', message: `${d.kind} at ${formatPath(d.path)}: ${d.message}` };
        }
        return { kind: 'records', records: records.map((r) => r.record!) };
      } catch (e) {
        if (e instanceof ZertError) return { kind: 'rejected', message: e.message };
        throw e;
      }
    },
    close: async () => {},
  };
}

/**
 * One run of an ndjson parser: its process, the lines it wrote, and how it failed. Events of a session
 * that was given up only ever touch that session, so a restarted parser starts clean.
 */
class NdjsonSession {
  readonly proc: ParserProcess;
  private readonly queue: string[] = [];
  private partial: string[] = [];
  /** Bytes the parser may still write before the current answer is complete. */
  private budget: number;
  private failure: ParserError | undefined;
  private waiter: ((line: string | ParserError) => void) | undefined;

  constructor(
    command: string,
    private readonly maxBytes: number,
  ) {
    this.budget = maxBytes;
    this.proc = new ParserProcess(command, { stdin: 'pipe' });
    const decoder = new StringDecoder('utf8');
    const stdout = this.proc.child.stdout;
    stdout.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      this.budget -= chunk.length;
      if (this.budget < 0) {
        this.fail(new ParserError(`output exceeds ${maxBytes} bytes for one answer`));
        this.proc.kill();
        return;
      }
      const text = decoder.write(chunk);
      const lines = text.split('\n');
      if (lines.length === 1) {
        this.partial.push(text);
        return;
      }
      lines[0] = this.partial.join('') + lines[0]!;
      this.partial = [lines.pop()!];
      for (const line of lines) {
        const trimmed = line.trim();
        if (trimmed) this.deliver(trimmed);
      }
    });
    // The failure is known once the process has exited and its output is read to the end: an answer
    // written just before exiting still counts.
    const drained = new Promise<void>((resolve) => stdout.once('close', resolve));
    void Promise.all([this.proc.ended, drained]).then(([end]) =>
      this.fail(end.notRunnable ? new ParserError(`parser command ${end.notRunnable}`, true) : new ParserError(`parser exited (${describeEnd(end, this.proc.stderr)})`)),
    );
  }

  get alive(): boolean {
    return this.failure === undefined;
  }

  private deliver(line: string): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(line);
    } else {
      this.queue.push(line);
    }
  }

  private fail(e: ParserError): void {
    this.failure ??= e;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(this.failure);
    }
  }

  send(message: unknown): void {
    this.budget = this.maxBytes;
    this.proc.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  next(timeoutMs: number, what: string): Promise<string> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ParserError(`no ${what} within ${timeoutMs / 1000} s`));
      }, clampTimer(timeoutMs));
      this.waiter = (line) => {
        clearTimeout(timer);
        if (line instanceof ParserError) reject(line);
        else resolve(line);
      };
    });
  }

  /** `stop`, then the deadline, then the whole process group is killed whether it exited or not. */
  async stop(): Promise<void> {
    if (this.alive) {
      this.send({ cmd: 'stop' });
      this.proc.child.stdin!.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.proc.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_DEADLINE_MS)))]);
      clearTimeout(timer);
    }
    this.proc.kill();
  }
}

function parseLine(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new ParserError(`${what} is not JSON: ${line.slice(0, 200)}`);
  }
}

/** A parser process speaking the ndjson protocol; restarted after any failure. */
export class NdjsonAdapter implements Adapter {
  private session: NdjsonSession | undefined;
  private impl: Implementation | undefined;
  private seq = 0;
  private readonly limits: Required<Limits>;

  constructor(
    private readonly command: string,
    limits: Limits = DEFAULT_LIMITS,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  private discard(): void {
    this.session?.proc.kill();
    this.session = undefined;
    this.impl = undefined;
  }

  async implementation(): Promise<Implementation> {
    if (this.session?.alive && this.impl) return this.impl;
    this.discard();
    const session = new NdjsonSession(this.command, this.limits.maxOutputBytes);
    this.session = session;
    try {
      session.send({ cmd: 'start', version: PROTOCOL_VERSION });
      const reply = parseLine(await session.next(this.limits.startupTimeoutMs, 'answer to "start"'), 'the answer to "start"');
      if (!validators().started(reply)) throw new ParserError(`the answer to "start" breaks the protocol: ${schemaErrors(validators().started)}`);
      this.impl = (reply as StartedMessage).implementation;
      return this.impl;
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  async run(c: CaseInput): Promise<Outcome> {
    try {
      await this.implementation();
    } catch (e) {
      return { kind: 'errored', message: `parser did not start: ${(e as Error).message}`, fatal: e instanceof ParserError && e.notRunnable };
    }
    const session = this.session!;
    try {
      const seq = ++this.seq;
      session.send({ cmd: 'run', seq, case: { id: c.entry.id, subtype: c.entry.subtype, release: c.entry.release, framing: c.entry.framing, path: c.path, bytes: Buffer.from(c.bytes).toString('base64') } });
      const reply = parseLine(await session.next(this.limits.timeoutMs, 'answer'), 'answer');
      if (!validators().result(reply)) throw new ParserError(`answer breaks the protocol: ${schemaErrors(validators().result)}`);
      const r = reply as ResultMessage;
      if (r.seq !== seq) throw new ParserError(`answer for seq ${r.seq}, expected ${seq}`);
      if (r.records) return { kind: 'records', records: r.records };
      if (r.rejected) return { kind: 'rejected', message: r.rejected.message };
      if (r.skipped) return { kind: 'skipped', reason: r.skipped.reason };
      return { kind: 'errored', message: r.errored!.message, context: r.errored!.context };
    } catch (e) {
      // The parser is in an unknown state: the next case gets a fresh one.
      const context = { stderr: session.proc.stderr.toString() };
      this.discard();
      return { kind: 'errored', message: (e as Error).message, context };
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.impl = undefined;
    await session?.stop();
  }
}

/** Records from a parser's JSON output: an array, {records: [...]}, one record object, or JSON lines. */
export function recordsFromOutput(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const v = JSON.parse(trimmed) as unknown;
    if (Array.isArray(v)) return v as Record<string, unknown>[];
    if (v && typeof v === 'object' && Array.isArray((v as { records?: unknown }).records)) return (v as { records: Record<string, unknown>[] }).records;
    if (v && typeof v === 'object') return [v as Record<string, unknown>];
  } catch {
    return trimmed.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  throw new Error('output is JSON but not records');
}

/**
 * Any command-line parser: `template` may refer to {input} (the case file) and {output} (a file the parser
 * writes instead of stdout); both reach the shell as positional parameters, never as text (see process.ts).
 * Exit codes in `rejectCodes` mean "invalid input", with the last line of stderr as the reason; 0 means records.
 */
export function cliAdapter(template: string, options: { limits?: Limits; rejectCodes?: number[]; name?: string } = {}): Adapter {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const rejectCodes = options.rejectCodes ?? [1];
  return {
    implementation: async () => ({ name: options.name ?? template, notes: `command line: ${template}` }),
    run: async (c) => {
      const dir = template.includes('{output}') ? mkdtempSync(join(tmpdir(), 'zf-out-')) : undefined;
      const outputPath = dir ? join(dir, 'out.json') : undefined;
      const proc = new ParserProcess(template, { input: c.path, output: outputPath, stdin: 'ignore' });
      const stdout: Buffer[] = [];
      let size = 0;
      let verdict: Outcome | undefined;
      const timer = setTimeout(() => {
        verdict ??= { kind: 'errored', message: `no result within ${limits.timeoutMs / 1000} s` };
        proc.kill();
      }, clampTimer(limits.timeoutMs));
      proc.child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxOutputBytes) {
          verdict ??= { kind: 'errored', message: `output exceeds ${limits.maxOutputBytes} bytes` };
          proc.kill();
        } else if (!verdict) stdout.push(chunk);
      });
      const drained = new Promise<void>((resolve) => proc.child.stdout.once('close', resolve));
      const [end] = await Promise.all([proc.ended, drained]);
      clearTimeout(timer);
      try {
        if (verdict) return verdict;
        const context = { exitCode: end.code, signal: end.signal, stderr: proc.stderr.toString() };
        if (end.notRunnable) return { kind: 'errored', message: `parser command ${end.notRunnable}`, fatal: true, context };
        if (end.code !== null && rejectCodes.includes(end.code)) return { kind: 'rejected', message: proc.stderr.lastLines() || `exit code ${end.code}` };
        if (end.code !== 0) return { kind: 'errored', message: `parser failed (${describeEnd(end, proc.stderr)})`, context };
        try {
          const text = outputPath ? readFileSync(outputPath, 'utf8') : Buffer.concat(stdout).toString('utf8');
          return { kind: 'records', records: recordsFromOutput(text) };
        } catch (e) {
          return { kind: 'errored', message: `output is not JSON records: ${(e as Error).message}`, context };
        }
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
    close: async () => {},
  };
}
