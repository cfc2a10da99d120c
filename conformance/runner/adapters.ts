import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasErrors } from '../../spec/codec.js';
import { formatPath, ZertError } from '../../spec/errors.js';
import { decodeFile } from '../../io/decode.js';
import type { Release } from '../../spec/types.js';
import type { Framing } from '../../io/framing.js';
import type { ManifestCase } from '../corpus/golden.js';
import type { ResultMessage, StartedMessage } from './protocol.js';
import { PROTOCOL_VERSION, schemaErrors, validators } from './protocol.js';

// How the runner talks to a parser. Every failure of the parser (timeout, crash, output that is not
// JSON or is too large, a message that breaks the protocol) becomes an 'errored' outcome, never an
// exception in the runner.

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
  | { kind: 'errored'; message: string; context?: unknown };

export type Implementation = StartedMessage['implementation'];

export interface Adapter {
  implementation(): Promise<Implementation>;
  run(c: CaseInput): Promise<Outcome>;
  close(): Promise<void>;
}

export interface Limits {
  timeoutMs: number;
  /** Bytes of output a parser may write for one case. */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 10_000, maxOutputBytes: 64 << 20 };

/** Our own decoder, in-process: the reference every other parser is measured against. */
export function builtinAdapter(): Adapter {
  return {
    implementation: async () => ({ name: 'zert-forge', version: '0.1.0', language: 'TypeScript', notes: 'built-in decoder' }),
    run: async (c) => {
      try {
        const { records } = decodeFile(c.bytes, { framing: c.entry.framing as Framing, release: c.entry.release as Release });
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

class TailBuffer {
  private text = '';
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-4096);
  }
  toString(): string {
    return this.text;
  }
}

/** A parser process speaking the ndjson protocol; restarted after any failure. */
export class NdjsonAdapter implements Adapter {
  private child: ChildProcessWithoutNullStreams | undefined;
  private impl: Implementation | undefined;
  private buffer = '';
  private waiting: ((line: string | Error) => void) | undefined;
  private lines: string[] = [];
  private stderr = new TailBuffer();
  private exited: Error | undefined;
  private seq = 0;

  constructor(
    private readonly command: string,
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  private startProcess(): void {
    this.buffer = '';
    this.lines = [];
    this.exited = undefined;
    this.stderr = new TailBuffer();
    const child = spawn(this.command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdin.on('error', () => {}); // a parser that exits early closes its stdin: reported via 'exit'
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > this.limits.maxOutputBytes) {
        this.fail(new Error(`output exceeds ${this.limits.maxOutputBytes} bytes without a complete line`));
        return;
      }
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.deliver(line);
      }
    });
    child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    child.on('error', (e) => this.fail(e));
    child.on('exit', (code, signal) => this.fail(new Error(`parser exited (${signal ?? `code ${code}`})`)));
  }

  private deliver(line: string): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(line);
    } else {
      this.lines.push(line);
    }
  }

  private fail(e: Error): void {
    this.exited ??= e;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(e);
    }
  }

  private nextLine(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        if (line instanceof Error) reject(line);
        else resolve(line);
      };
    });
  }

  private send(message: unknown): void {
    this.child!.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.impl = undefined;
  }

  private parse(line: string, what: string): unknown {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`${what} is not JSON: ${line.slice(0, 200)}`);
    }
  }

  private async ensureStarted(): Promise<Implementation> {
    if (this.child && this.impl && !this.exited) return this.impl;
    this.kill();
    this.startProcess();
    this.send({ cmd: 'start', version: PROTOCOL_VERSION });
    const reply = this.parse(await this.nextLine(this.limits.timeoutMs), 'start reply');
    if (!validators.started(reply)) throw new Error(`start reply breaks the protocol: ${schemaErrors(validators.started)}`);
    this.impl = (reply as StartedMessage).implementation;
    return this.impl;
  }

  async implementation(): Promise<Implementation> {
    return this.ensureStarted();
  }

  async run(c: CaseInput): Promise<Outcome> {
    try {
      await this.ensureStarted();
      const seq = ++this.seq;
      this.send({ cmd: 'run', seq, case: { id: c.entry.id, subtype: c.entry.subtype, release: c.entry.release, framing: c.entry.framing, path: c.path, bytes: Buffer.from(c.bytes).toString('base64') } });
      const reply = this.parse(await this.nextLine(this.limits.timeoutMs), 'answer');
      if (!validators.result(reply)) throw new Error(`answer breaks the protocol: ${schemaErrors(validators.result)}`);
      const r = reply as ResultMessage;
      if (r.seq !== seq) throw new Error(`answer for seq ${r.seq}, expected ${seq}`);
      if (r.records) return { kind: 'records', records: r.records };
      if (r.rejected) return { kind: 'rejected', message: r.rejected.message };
      if (r.skipped) return { kind: 'skipped', reason: r.skipped.reason };
      return { kind: 'errored', message: r.errored!.message, context: r.errored!.context };
    } catch (e) {
      const context = { stderr: this.stderr.toString() };
      this.kill();
      return { kind: 'errored', message: (e as Error).message, context };
    }
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return this.kill();
    this.send({ cmd: 'stop' });
    child.stdin.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.child = undefined;
  }
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

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
 * Any command-line parser: `template` gets {input} (the case file) and optionally {output} (a file the
 * parser writes instead of stdout). Exit codes in `rejectCodes` mean "invalid input"; 0 means records.
 */
export function cliAdapter(template: string, options: { limits?: Limits; rejectCodes?: number[]; name?: string } = {}): Adapter {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const rejectCodes = options.rejectCodes ?? [1];
  return {
    implementation: async () => ({ name: options.name ?? template.split(/\s+/)[0]!, notes: `command line: ${template}` }),
    run: (c) =>
      new Promise<Outcome>((resolve) => {
        const dir = template.includes('{output}') ? mkdtempSync(join(tmpdir(), 'zf-out-')) : undefined;
        const outputPath = dir ? join(dir, 'out.json') : undefined;
        const command = template.replaceAll('{input}', shellQuote(c.path)).replaceAll('{output}', outputPath ? shellQuote(outputPath) : '');
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        const stderr = new TailBuffer();
        let verdict: Outcome | undefined;
        const finish = (o: Outcome): void => {
          verdict ??= o;
        };
        const timer = setTimeout(() => {
          finish({ kind: 'errored', message: `no result within ${limits.timeoutMs} ms` });
          child.kill('SIGKILL');
        }, limits.timeoutMs);
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.length > limits.maxOutputBytes) {
            finish({ kind: 'errored', message: `output exceeds ${limits.maxOutputBytes} bytes` });
            child.kill('SIGKILL');
          }
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => stderr.push(chunk));
        child.on('error', (e) => finish({ kind: 'errored', message: e.message }));
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          const context = { exitCode: code, signal, stderr: stderr.toString() };
          if (!verdict) {
            if (code !== null && rejectCodes.includes(code)) finish({ kind: 'rejected', message: stderr.toString().trim() || `exit code ${code}` });
            else if (code !== 0) finish({ kind: 'errored', message: `parser failed (${signal ?? `exit code ${code}`})`, context });
            else {
              try {
                const text = outputPath ? readFileSync(outputPath, 'utf8') : stdout;
                finish({ kind: 'records', records: recordsFromOutput(text) });
              } catch (e) {
                finish({ kind: 'errored', message: `output is not JSON records: ${(e as Error).message}`, context });
              }
            }
          }
          if (dir) rmSync(dir, { recursive: true, force: true });
          resolve(verdict!);
        });
      }),
    close: async () => {},
  };
}
