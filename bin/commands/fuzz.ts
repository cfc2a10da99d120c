import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { CORPUS_DIR } from '../../conformance/corpus/golden.js';
import { fuzz } from '../../conformance/fuzz/engine.js';
import type { Progress } from '../../conformance/fuzz/engine.js';
import type { OracleOptions } from '../../conformance/fuzz/oracles.js';
import { emitCorpus } from '../../conformance/fuzz/emit.js';
import type { Target } from '../../conformance/fuzz/exec.js';
import { executorFor } from '../../conformance/fuzz/exec.js';
import { splitCommand } from '../../conformance/runner/process.js';
import { FindingFileError, replayFinding, writeFindings } from '../../conformance/fuzz/findings.js';
import { fuzzJsonl, fuzzJunit, fuzzTextSummary } from '../../conformance/fuzz/reports.js';
import { EXIT, err, out, run, UsageError, writeFileAtomic } from '../io.js';

interface Args {
  parser?: string;
  protocol: 'ndjson' | 'cli';
  rejectExitCodes: (number | string)[];
  aliasMap?: string;
  jobs: number;
  timeout: number;
  maxRss?: number;
  runs?: number;
  time?: string;
  seed: number;
  differential: boolean;
  strictReject: boolean;
  maxFindings: number;
  findingsDir: string;
  reportDir?: string;
  replay?: string;
  emit?: string;
  n: number;
  corpus: string;
}

export const command = 'fuzz';
export const describe = 'Attack a parser with structure-aware damaged SMF 119 input; shrink, save and replay what breaks it';

const DEFAULT_TIME = '2m';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('parser', { describe: "the parser's command line; with --protocol cli, {input} is the input file and {output} a file it may write JSON to (no shell: quote with ' or \")", type: 'string' })
    .option('protocol', { describe: "ndjson: the parser speaks zert-forge's line protocol (fast: one process for many inputs); cli: one process per input, exit code and JSON on stdout or {output}", choices: ['ndjson', 'cli'] as const, default: 'ndjson' as const })
    .option('reject-exit-codes', { describe: 'with --protocol cli: exit codes that mean "input rejected as invalid"; any other non-zero exit or a signal is a crash', type: 'array', default: [1] })
    .option('runs', { describe: 'budget: number of inputs', type: 'number' })
    .option('time', { describe: `budget: wall-clock time of the fuzzing phase, e.g. 90s, 10m, 1h (default ${DEFAULT_TIME} when --runs is not given); shrinking comes after`, type: 'string' })
    .option('seed', { describe: 'the same seed and options give the same inputs in the same order, for any --jobs', type: 'number', default: 1 })
    .option('jobs', { alias: 'j', describe: 'parser processes run in parallel', type: 'number', default: 2 })
    .option('timeout', { describe: 'seconds a parser may take on one input (process start included) before it counts as a hang', type: 'number', default: 10 })
    .option('max-rss', { describe: 'with --protocol cli: megabytes of resident memory (the parser and its children) before it counts as runaway memory and is killed', type: 'number' })
    .option('differential', { describe: "on inputs zert-forge's decoder accepts, compare the parser's values with the decoder's (as conform does): a wrong value is a finding", type: 'boolean', default: false })
    .option('strict-reject', { describe: 'with --differential: a parser that accepts an input the decoder rejects is a finding', type: 'boolean', default: false })
    .option('alias-map', { describe: "with --differential: JSON file mapping the parser's names and values to IBM names (as for conform)", type: 'string' })
    .option('max-findings', { describe: 'stop after this many distinct findings (0: use the whole budget)', type: 'number', default: 0 })
    .option('findings-dir', { describe: 'where findings go: <kind>-<hash>.smf (the input) and .json (mutations, seed, command, exit status, stderr)', type: 'string', default: 'fuzz-findings' })
    .option('report-dir', { describe: 'write summary.txt, findings.jsonl and junit.xml (one testcase per finding) here', type: 'string' })
    .option('replay', { describe: 'run the parser again on one finding (its .json): rebuilds the input from the mutation list, checks it, says whether the finding reproduces', type: 'string' })
    .option('emit', { describe: 'instead of fuzzing, write a seed corpus (valid and mutated files) and a dictionary (zert-forge.dict) for AFL++/libFuzzer/Atheris/Jazzer/cargo-fuzz to this folder', type: 'string' })
    .option('n', { describe: 'with --emit: number of files', type: 'number', default: 200 })
    .option('corpus', { describe: 'golden corpus directory (valid cases are seeds)', type: 'string', default: CORPUS_DIR })
    .epilogue('Finding kinds: crash (signal, or an exit code not in --reject-exit-codes), hang (--timeout), memory (--max-rss), protocol (output that is not valid), errored (the parser said it failed), wrong-value and rejected-valid (--differential), accepted-invalid (--strict-reject).\nExit status: 0 nothing found (with --replay: the finding no longer reproduces); 1 something found (reproduces); 2 usage error.')
    .example('$0 fuzz --protocol cli --parser "mytool --json {input}" --reject-exit-codes 2 --time 5m --max-rss 512', 'a command-line parser, 5 minutes, memory capped at 512 MB')
    .example('$0 fuzz --parser "python3 adapter.py" --runs 20000 --differential --report-dir out', 'an ndjson adapter, values checked against zert-forge, JUnit report in out/')
    .example('$0 fuzz --replay fuzz-findings/crash-1a2b3c4d5e.json', 'reproduce one finding')
    .example('$0 fuzz --emit seeds -n 500', 'a seed corpus and dictionary for AFL++ or libFuzzer') as unknown as Argv<Args>;
}

/** '90s', '10m', '1h', '1h30m' or plain seconds -> milliseconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) throw new UsageError(`--time '${text}' is not a duration such as 90s, 10m or 1h30m`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((ms, p) => ms + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

function readAliases(path: string): OracleOptions['aliases'] {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OracleOptions['aliases'];
  } catch (e) {
    throw new UsageError(`cannot read alias map ${path}: ${(e as Error).message}`);
  }
}

function progressLine(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const rate = p.elapsedMs > 0 ? Math.round((p.runs / p.elapsedMs) * 1000) : 0;
    process.stderr.write(`\r\u001b[K${p.phase === 'fuzz' ? 'fuzzing' : 'shrinking'}: ${p.runs} inputs, ${rate}/s, ${p.findings} finding(s), ${Math.round(p.elapsedMs / 1000)} s`);
  };
}

function targetOf(argv: ArgumentsCamelCase<Args>): Target {
  if (!argv.parser) throw new UsageError('say which parser to fuzz: --parser "<command>"');
  const codes = argv.rejectExitCodes.map(Number);
  if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) throw new UsageError('--reject-exit-codes must be exit codes 0..255');
  if (codes.includes(0)) throw new UsageError('--reject-exit-codes cannot include 0 (exit 0 means records)');
  if (!(argv.timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');
  if (argv.maxRss !== undefined && !(argv.maxRss > 0)) throw new UsageError('--max-rss must be a positive number of megabytes');
  if (argv.maxRss !== undefined && argv.protocol !== 'cli') throw new UsageError('--max-rss needs --protocol cli (an ndjson parser serves many inputs from one process)');
  try {
    splitCommand(argv.parser);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { parser: argv.parser, protocol: argv.protocol, rejectExitCodes: codes, timeoutSeconds: argv.timeout, ...(argv.maxRss === undefined ? {} : { maxRssMb: argv.maxRss }) };
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(async () => {
    if (argv.emit) {
      if (!Number.isInteger(argv.n) || argv.n < 1) throw new UsageError('-n must be a positive whole number');
      const { files, dictionary } = emitCorpus({ dir: argv.emit, count: argv.n, seed: argv.seed, corpusDir: argv.corpus });
      err(`zert-forge: wrote ${files.length} input files and ${dictionary} to ${argv.emit}`);
      return EXIT.ok;
    }
    if (argv.replay) {
      const override = argv.parser ? { target: targetOf(argv) } : {};
      let r;
      try {
        r = await replayFinding(argv.replay, override);
      } catch (e) {
        if (e instanceof FindingFileError) throw new UsageError(e.message);
        throw e;
      }
      out(`${r.finding.kind} ${r.finding.signature ? `[${r.finding.signature}] ` : ''}on ${r.description}\n`);
      if (!r.rebuilt) err('zert-forge: warning: the mutation list no longer gives the stored .smf byte for byte (the tables changed?); replayed the rebuilt input');
      out(r.reproduced ? `reproduced: ${r.failure!.message}\n` : `not reproduced: the parser now ${r.failure ? `shows ${r.failure.kind} (${r.failure.message})` : `answers ${r.verdict.kind}`}\n`);
      return r.reproduced ? EXIT.invalidData : EXIT.ok;
    }
    const target = targetOf(argv);
    if (!Number.isInteger(argv.jobs) || argv.jobs < 1 || argv.jobs > 64) throw new UsageError('--jobs must be 1..64');
    if (argv.runs !== undefined && (!Number.isInteger(argv.runs) || argv.runs < 1)) throw new UsageError('--runs must be a positive whole number');
    if (!Number.isInteger(argv.maxFindings) || argv.maxFindings < 0) throw new UsageError('--max-findings must be 0 or more');
    if (argv.strictReject && !argv.differential) throw new UsageError('--strict-reject needs --differential');
    const timeMs = argv.time !== undefined ? parseDuration(argv.time) : argv.runs === undefined ? parseDuration(DEFAULT_TIME) : undefined;
    const oracles = { differential: argv.differential, strictReject: argv.strictReject, ...(argv.aliasMap ? { aliases: readAliases(argv.aliasMap) } : {}) };
    const progress = progressLine();
    const result = await fuzz({ makeExecutor: () => executorFor(target), jobs: argv.jobs, seed: argv.seed, runs: argv.runs, timeMs, maxFindings: argv.maxFindings, corpusDir: argv.corpus, onProgress: progress, ...oracles });
    if (progress) process.stderr.write('\r\u001b[K');
    const unstartable = result.findings.find((f) => f.message.startsWith('cannot run the parser'));
    if (unstartable) throw new UsageError(`${unstartable.message} (check --parser)`);
    if (result.findings.length) writeFindings(result.findings, argv.findingsDir, { fuzzSeed: argv.seed, target, oracles });
    const summary = fuzzTextSummary(result, result.findings.length ? argv.findingsDir : undefined);
    out(summary);
    if (argv.reportDir) {
      mkdirSync(argv.reportDir, { recursive: true });
      writeFileAtomic(join(argv.reportDir, 'summary.txt'), summary);
      writeFileAtomic(join(argv.reportDir, 'findings.jsonl'), fuzzJsonl(result));
      writeFileAtomic(join(argv.reportDir, 'junit.xml'), fuzzJunit(result, splitCommand(target.parser)[0]!));
      err(`zert-forge: reports in ${argv.reportDir} (summary.txt, findings.jsonl, junit.xml)`);
    }
    return result.findings.length ? EXIT.invalidData : EXIT.ok;
  });
}
