import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { errnoReason, FileError, fileOutput, openInput, readWholeInput, streamOutput } from '../io/files.js';
import type { Output } from '../io/files.js';
import { ZertError } from '../spec/errors.js';

export { writeFileAtomic } from '../io/files.js';
export type { Output } from '../io/files.js';

/** Exit codes: 0 ok, 1 invalid data (or output that could not be written), 2 usage. */
export const EXIT = { ok: 0, invalidData: 1, usage: 2 } as const;

/** A mistake in how the command was called (exit 2), as opposed to bad data (exit 1). */
export class UsageError extends Error {}

/** What a command talks to: the process's streams, or streams a test hands in. */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Relative output paths resolve against it. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Progress is drawn only on a terminal. */
  stderrIsTTY: boolean;
}

export function processIO(): CommandIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stderrIsTTY: process.stderr.isTTY === true };
}

function line(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Whole-file input for the commands that need every record at once; '-' is stdin. */
export function readInput(path: string): Uint8Array {
  return readWholeInput(path);
}

/** Streamed input: chunks of the file, or of stdin for '-'. */
export function inputChunks(path: string, io: CommandIO): Promise<AsyncIterable<Uint8Array>> {
  return openInput(path === '-' ? path : resolve(io.cwd, path), io.stdin, path);
}

/** Size of an input file, when it is a regular file (for the progress ETA). */
export function inputSize(path: string, io: CommandIO): number | undefined {
  if (path === '-') return undefined;
  const stat = statSync(resolve(io.cwd, path), { throwIfNoEntry: false });
  return stat?.isFile() ? stat.size : undefined;
}

/** '-' is stdout; anything else a file written by the rules of io/files.ts. */
export async function openOutput(path: string, io: CommandIO): Promise<Output> {
  if (path === '-') return streamOutput(io.stdout);
  return fileOutput(resolve(io.cwd, path), path);
}

// Commands written with out()/err()/run() talk to the streams main() was given (tests run them in-process).
let active: CommandIO | undefined;
let lastExitCode: number | undefined;
const current = (): CommandIO => active ?? processIO();

/** Runs `fn` with out(), err() and run() bound to `io`; returns the exit code run() reported, if any. */
export async function withIO(io: CommandIO, fn: () => Promise<void>): Promise<number | undefined> {
  const previous = active;
  active = io;
  lastExitCode = undefined;
  try {
    await fn();
    return lastExitCode;
  } finally {
    active = previous;
  }
}

let epipeHooked = false;

/** `| head` closes stdout early: that is not an error. For commands that write with out(). */
export function exitQuietlyOnEpipe(): void {
  if (epipeHooked) return;
  epipeHooked = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
    err(`zert-forge: cannot write stdout: ${errnoReason(e)}`);
    process.exit(EXIT.invalidData);
  });
}

export function out(text: string): void {
  current().stdout.write(text);
}

export function err(text: string): void {
  current().stderr.write(line(text));
}

/** Runs a command body; failures become one line on stderr and an exit code, never a stack trace. */
export async function runCommand(io: CommandIO, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    io.stderr.write(line(`zert-forge: ${describeFailure(e)}`));
    if (io.env['ZF_DEBUG'] && e instanceof Error && e.stack) io.stderr.write(line(e.stack));
    return exitCodeOf(e);
  }
}

function describeFailure(e: unknown): string {
  if (e instanceof UsageError || e instanceof ZertError || e instanceof FileError) return e.message;
  return `internal error: ${e instanceof Error ? e.message : String(e)} (set ZF_DEBUG=1 for the stack trace)`;
}

function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof FileError) return e.phase === 'open' ? EXIT.usage : EXIT.invalidData;
  return EXIT.invalidData;
}

/** Runs a command body against the process's streams and sets the exit code. */
export async function run(body: () => Promise<number> | number): Promise<void> {
  lastExitCode = await runCommand(current(), body);
  if (!active) process.exitCode = lastExitCode;
}

// --- progress ------------------------------------------------------------------------------------

const PROGRESS_EVERY_MS = 250;

/** Records, MB, rate and ETA on stderr, only on a terminal and never in CI or with --quiet. */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private last = 0;
  private records = 0;
  private bytes = 0;
  private shown = false;
  /** `total`: records expected; `totalBytes`: input size (the ETA follows whichever is known). */
  constructor(private readonly io: CommandIO, private readonly options: { quiet?: boolean; total?: number; totalBytes?: number; verb: string }) {
    this.enabled = io.stderrIsTTY && !options.quiet && !io.env['CI'];
  }
  tick(records: number, bytes: number): void {
    this.records += records;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const { total, totalBytes } = this.options;
    const left = total ? (total - this.records) / (this.records / seconds) : totalBytes && this.bytes > 0 ? (totalBytes - this.bytes) / (this.bytes / seconds) : undefined;
    const eta = left !== undefined && Number.isFinite(left) ? `, ETA ${Math.max(0, Math.round(left))} s` : '';
    const of = total ? ` of ${total.toLocaleString('en')}` : '';
    this.io.stderr.write(`\r${this.options.verb} ${this.records.toLocaleString('en')}${of} records, ${(this.bytes / 1e6).toFixed(1)} MB, ${Math.round(this.records / seconds).toLocaleString('en')} records/s${eta}\x1b[K`);
    this.shown = true;
  }
  done(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[K');
  }
}
