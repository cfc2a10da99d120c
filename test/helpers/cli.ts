import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../bin/cli.js';

export interface CliResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs the CLI in-process with its own stdin, stdout and stderr (no process start-up). */
export async function cli(args: string[], options: { stdin?: Uint8Array | string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => errors.push(c));
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const status = await main(args, { stdin, stdout, stderr, cwd: options.cwd ?? tmpdir(), env: options.env ?? {}, stderrIsTTY: false });
  return { status, stdout: Buffer.concat(out), stderr: Buffer.concat(errors).toString() };
}

export const freshDir = (): string => mkdtempSync(join(tmpdir(), 'zf-cli-'));
