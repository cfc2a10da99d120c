import type { FileDecodeOptions } from '../../io/decode.js';
import type { CommandIO, Output } from '../io.js';
import type { ReadArgs } from '../options.js';

// What the streaming commands (decode, inspect, encode) share.

export const decodeOptions = (argv: ReadArgs): FileDecodeOptions => ({ framing: argv.framing, release: argv.release, codePage: argv.codePage });

/** An empty input is not an error (a day without zERT activity), but it is said. */
export function noRecords(io: CommandIO, file: string): void {
  io.stderr.write(`zert-forge: no records in ${file === '-' ? 'stdin' : file}\n`);
}

/** Other SMF records of a full dump are passed over, and counted, not reported as invalid. */
export function skippedRecords(io: CommandIO, count: number): void {
  io.stderr.write(`zert-forge: skipped ${count} record(s) that are not SMF type 119 subtype 11 or 12\n`);
}

const FLUSH_AT = 1 << 16;

/** Collects small texts into writes of about 64 KiB; write() resolves false once the reader has gone. */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly output: Output) {}
  async write(text: string): Promise<boolean> {
    if (this.output.closed) return false;
    this.parts.push(text);
    this.size += text.length;
    return this.size >= FLUSH_AT ? this.flush() : true;
  }
  private async flush(): Promise<boolean> {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text.length === 0 ? !this.output.closed : this.output.write(text);
  }
  /** Writes what is left and completes the output; `abandon` discards a temporary file instead. */
  async finish(abandon = false): Promise<void> {
    try {
      await this.flush();
    } catch (e) {
      await this.output.abort();
      throw e;
    }
    if (abandon) await this.output.abort();
    else await this.output.finish();
  }
}
