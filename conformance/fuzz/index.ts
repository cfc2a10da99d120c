// The fuzzing library: what `zert-forge fuzz` is built on, for programs that drive it themselves.
export { fuzz, describeInput, seedLookup } from './engine.js';
export type { Finding, FuzzOptions, FuzzResult, Progress } from './engine.js';
export { cliExecutor, ndjsonExecutor, executorFor, splitCommand } from './exec.js';
export type { Executor, ExecLimits, RunRequest, Target, Verdict, FailureKind } from './exec.js';
export { judge, reference, stderrSignature } from './oracles.js';
export type { Failure, FindingKind, OracleOptions } from './oracles.js';
export { applyMutation, describeMutation, generateInput, materialise, MUTATION_OPS, simplerVariants } from './mutations.js';
export type { FileMutation, FuzzInput, FuzzMutation, Materialised, MutationOp, RecordMutation } from './mutations.js';
export { seedPool } from './seeds.js';
export type { Seed, SeedOptions } from './seeds.js';
export { mapRecord, mapVbs } from './structure.js';
export type { RecordMap, FieldSpot, TripletSpot } from './structure.js';
export { loadFinding, replayFinding, writeFindings, findingName } from './findings.js';
export type { ReplayResult, StoredFinding } from './findings.js';
export { fuzzJsonl, fuzzJunit, fuzzTextSummary } from './reports.js';
export { dictionary, emitCorpus } from './emit.js';
export { fileMutationArbitrary, mutatedFileArbitrary, mutatedRecordArbitrary, recordMutationArbitrary } from './arbitraries.js';
export type { MutatedInput } from './arbitraries.js';
