// Package exports: the library the CLI is built on.
export * from './spec/types.js';
export * from './spec/errors.js';
export { encode, decode, hasErrors, MAX_RECORD_LENGTH, recordOf } from './spec/codec.js';
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
export { encodeInto } from './spec/codec.js';
export { compareField } from './spec/fields.js';
export { presenceRules, ipv6FlagRef, failedHandshakeApplies } from './spec/rules.js';
export type * from './spec/generated/record-types.js';
export { specDocument, specMarkdown } from './spec/describe.js';
export type { SpecDoc, SectionDoc, FieldDoc } from './spec/describe.js';
export { recordSchema } from './spec/schema.js';
export { inspectRecord } from './spec/inspect.js';
export type { InspectRow, Inspection } from './spec/inspect.js';
export { isForeignRecord } from './io/decode.js';
export { randomRecord } from './generators/arbitraries.js';
export { sampleRecords, sampleRecordAt } from './generators/sample.js';
export type { SampleOptions, SampleRecord } from './generators/sample.js';
export { simulate, simulateStream, mergeTimed, intervalProblem } from './generators/scenarios/simulate.js';
export type { Scenario, SimOptions, StreamOptions, TimedRecord } from './generators/scenarios/simulate.js';
export { SCENARIOS, scenarioByName } from './generators/scenarios/named.js';
export { createChecker, checkStream, RULES as CHECK_RULES } from './generators/scenarios/check.js';
export type { Checker, CheckOptions, CheckResult, Finding as CheckFinding, Retained as CheckRetained, RuleName as CheckRuleName } from './generators/scenarios/check.js';
export { conform, loadManifest } from './conformance/runner/run.js';
export type { ConformOptions, ConformReport, CaseResult } from './conformance/runner/run.js';
export { builtinAdapter, cliAdapter, NdjsonAdapter } from './conformance/runner/adapters.js';
export {
  fuzz, replayFinding, loadFinding, emitCorpus, dictionary, describeInput,
  mutatedRecordArbitrary, mutatedFileArbitrary, recordMutationArbitrary, fileMutationArbitrary,
} from './conformance/fuzz/index.js';
export type { FuzzOptions, FuzzResult, Finding as FuzzFinding, FuzzInput, FuzzMutation, MutatedInput } from './conformance/fuzz/index.js';
export { ksyText } from './spec/export/ksy.js';
export { cHeader } from './spec/export/c.js';
export { dsectText } from './spec/export/dsect.js';
export { verifyMapping } from './spec/verify/verify.js';
export { readMapping } from './spec/verify/mapping.js';
