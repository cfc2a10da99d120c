import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ZertError } from '../spec/errors.js';

/** Exit codes: 0 ok, 1 invalid data, 2 usage. */
export const EXIT = { ok: 0, invalidData: 1, usage: 2 } as const;

/** A mistake in how the command was called (exit 2), as opposed to bad data (exit 1). */
export class UsageError extends Error {}

/** Writes a file so that readers never see half of it: a temporary file in the same folder, then a rename. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

export function readInput(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** `| head` closes stdout early: that is not an error. */
export function exitQuietlyOnEpipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
}

export function out(text: string): void {
  process.stdout.write(text);
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs a command body and turns its failures into exit codes. */
export async function run(body: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (e) {
    if (e instanceof UsageError) {
      err(`zert-forge: ${e.message}`);
      process.exitCode = EXIT.usage;
    } else if (e instanceof ZertError) {
      err(`zert-forge: ${e.message}`);
      process.exitCode = EXIT.invalidData;
    } else {
      throw e;
    }
  }
}
