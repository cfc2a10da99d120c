// Package exports: the library the CLI is built on.
export * from './spec/types.js';
export * from './spec/errors.js';
export { encode, decode, hasErrors, MAX_RECORD_LENGTH } from './spec/codec.js';
export type { CanonicalRecord, EncodeOptions, DecodeOptions, DecodeResult } from './spec/codec.js';
export type { SectionValue } from './spec/fields.js';
export { ebcdic, encodeStrict, registerWithIconvLite, CODE_PAGES, DEFAULT_CODE_PAGE } from './spec/ebcdic.js';
export type { CodePage, EbcdicCodec } from './spec/ebcdic.js';
export { SUBTYPE_DEFS, releaseProfile, sectionLayout, sectionLength, tripletSections } from './spec/layout.js';
export type { ReleaseProfile, SectionLayout, PlacedField } from './spec/layout.js';
export { SOURCES } from './spec/sources.js';
export { recordArbitrary, sectionArb } from './generators/arbitraries.js';
export { frame, frameStream, framer, parser, readRecords, readRecordBatches, readRecordStream, readRdw, readVbs, writeRdw, writeVbs, detectFraming, FRAMINGS, DEFAULT_BLOCK_SIZE } from './io/framing.js';
export type { Framing, FramedRecord, ReadResult, RecordParser, RecordFramer } from './io/framing.js';
export { decodeFile, decodeStream } from './io/decode.js';
export type { DecodedFileRecord, FileDecodeOptions } from './io/decode.js';
