import type { DecodeOptions, DecodeResult } from '../spec/codec.js';
import { decode } from '../spec/codec.js';
import type { Framing } from './framing.js';
import { readRecordBatches, readRecords } from './framing.js';

export interface DecodedFileRecord extends DecodeResult {
  index: number;
  /** File offset of the record (of its first segment, for spanned VBS records). */
  offset: number;
}

export type FileDecodeOptions = DecodeOptions & { framing?: Framing | 'auto' };

/** Splits a file held in memory into records (RDW or VBS, detected unless given) and decodes each. Framing errors throw ZertError. */
export function decodeFile(file: Uint8Array, options: FileDecodeOptions = {}): { framing: Framing; records: DecodedFileRecord[] } {
  const { framing, records } = readRecords(file, options.framing ?? 'auto');
  return { framing, records: records.map((r, index) => ({ index, offset: r.offset, ...decode(r.bytes, options) })) };
}

/**
 * Streamed decodeFile: records are decoded as the chunks arrive and memory does not grow with the file.
 * A framing error throws (ZertError) after the records before it have been yielded.
 */
export async function* decodeStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: FileDecodeOptions = {}): AsyncGenerator<DecodedFileRecord> {
  let index = 0;
  for await (const batch of readRecordBatches(chunks, options.framing ?? 'auto')) {
    for (const r of batch) yield { index: index++, offset: r.offset, ...decode(r.bytes, options) };
  }
}

/**
 * A record that is not zERT data at all (another SMF record type, or type 119 of another subtype), as every
 * full SMF dump holds: zERT readers pass over it (the golden corpus lists such records under `skip`).
 */
export function isForeignRecord(r: DecodeResult): boolean {
  return r.record === null && r.diagnostics.some((d) => d.kind === 'not-smf119' || d.kind === 'unknown-subtype');
}
