import { encodeCompiled, encodeCompiledInto, readerFor } from './compile.js';
import { decodeWith } from './decode.js';
import { encodeReference } from './encode.js';
import type { Diagnostic } from './errors.js';
import { ZertError } from './errors.js';
import type { CanonicalRecord, DecodeOptions, DecodeResult, EncodeOptions } from './record.js';

// The record codec's public entry points. Records are encoded and decoded by code compiled from the tables
// (spec/compile.ts); the field-by-field reference path (spec/encode.ts, spec/decode.ts' interpreter)
// applies overrides and traces fields for annotated dumps, and is what the compiled path is tested against.

export type { CanonicalRecord, DecodeOptions, DecodeResult, EncodeOptions, FieldTrace } from './record.js';
export { MAX_RECORD_LENGTH, recordOf } from './record.js';

/** Encodes a canonical record as the exact bytes of one SMF 119 record (RDW included). Throws ZertError. */
export function encode(record: CanonicalRecord, options: EncodeOptions): Uint8Array {
  if (options.overrides) return encodeReference(record, options);
  return encodeCompiled(record, options);
}

/**
 * Encodes a record into `buf` at `offset` (no allocation for the record's bytes) and returns its length.
 * Throws ZertError, also when the buffer has no room left (nothing is then written).
 */
export function encodeInto(record: CanonicalRecord, buf: Uint8Array, offset: number, options: EncodeOptions): number {
  if (options.overrides) {
    const bytes = encodeReference(record, options);
    if (buf.length - offset < bytes.length) throw new ZertError('record-too-long', ['record'], `${bytes.length} bytes do not fit in the ${buf.length - offset} bytes left in the buffer`);
    buf.set(bytes, offset);
    return bytes.length;
  }
  return encodeCompiledInto(record, buf, offset, options);
}

/** Decodes one logical record (RDW included). Never throws: problems are typed diagnostics with paths. */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  return decodeWith(bytes, options, readerFor);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** The reference path of both directions, for tests that prove the compiled path identical to it. */
export const reference = {
  encode: encodeReference,
  decode: (bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult => decodeWith(bytes, options, null),
};
