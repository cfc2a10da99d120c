import type { Framing } from '../generators/framing.js';
import { readRecords } from '../generators/framing.js';
import type { DecodeOptions, DecodeResult } from './codec.js';
import { decode } from './codec.js';

export interface DecodedFileRecord extends DecodeResult {
  index: number;
  /** File offset of the record (of its first segment, for spanned VBS records). */
  offset: number;
}

/** Splits a file into records (RDW or VBS, detected unless given) and decodes each. Framing errors throw ZertError. */
export function decodeFile(file: Uint8Array, options: DecodeOptions & { framing?: Framing | 'auto' } = {}): { framing: Framing; records: DecodedFileRecord[] } {
  const { framing, records } = readRecords(file, options.framing ?? 'auto');
  return { framing, records: records.map((r, index) => ({ index, offset: r.offset, ...decode(r.bytes, options) })) };
}
