import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { CORPUS_DIR } from '../../conformance/corpus/golden.js';
import type { Adapter } from '../../conformance/runner/adapters.js';
import { builtinAdapter, cliAdapter, DEFAULT_LIMITS, NdjsonAdapter, TIMER_MAX_MS } from '../../conformance/runner/adapters.js';
import type { AliasMap } from '../../conformance/runner/aliases.js';
import { AliasMapError, validateAliasMap } from '../../conformance/runner/aliases.js';
import { htmlReport, junitXml, textSummary, toJsonl } from '../../conformance/runner/reports.js';
import { conform, ConformError, MAX_JOBS, succeeded } from '../../conformance/runner/run.js';
import { jsonSummary } from '../../conformance/runner/summary.js';
import { EXIT, err, out, run, UsageError, writeFileAtomic } from '../io.js';

interface Args {
  parser?: string;
  protocol: 'ndjson' | 'cli';
  builtin: boolean;
  aliasMap?: string;
  expectedFailures?: string;
  jobs: number;
  timeout: number;
  startupTimeout: number;
  failFast: boolean;
  name?: string;
  format: 'text' | 'json';
  cases?: string;
  strict: boolean;
  reportDir?: string;
  corpus: string;
  rejectExitCodes: number[];
}

export const command = 'conform';
export const describe = 'Run an external SMF parser over the golden corpus and report, field by field, where it is wrong';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('parser', { describe: "the parser's command line, run by /bin/sh; with --protocol cli it may use {input} and {output}: they are passed as the positional parameters $1 and $2 (also $ZF_INPUT, $ZF_OUTPUT), never pasted into the command, so any quotes around them are safe", type: 'string' })
    .option('protocol', { describe: "ndjson: the parser speaks zert-forge's line protocol on stdin/stdout (see conformance/README.md); cli: run the command once per case and read JSON from stdout or {output}", choices: ['ndjson', 'cli'] as const, default: 'ndjson' as const })
    .option('builtin', { describe: "run zert-forge's own decoder (the reference)", type: 'boolean', default: false })
    .option('name', { describe: "the parser's name in reports (default: the name it gives in the ndjson handshake, or its command line)", type: 'string' })
    .option('alias-map', { describe: "JSON file mapping the parser's section/field names, values and notations (hex, hundredths, epoch, ...) to IBM names and canonical values, globally, per subtype and per section; checked against a JSON Schema (conformance/README.md)", type: 'string' })
    .option('expected-failures', { describe: 'JSON file {"case-id": "reason"}: known gaps that do not fail the run (a listed case that passes is reported)', type: 'string' })
    .option('jobs', { alias: 'j', describe: `cases run in parallel (one parser process each for ndjson); at most ${MAX_JOBS} here (twice the cores)`, type: 'number', default: 2 })
    .option('timeout', { describe: 'seconds a parser may take per case before the case is errored (its start-up not included)', type: 'number', default: DEFAULT_LIMITS.timeoutMs / 1000 })
    .option('startup-timeout', { describe: 'seconds an ndjson parser may take to answer "start" (an interpreter or JVM may start slowly); a parser that does not start stops the run', type: 'number', default: DEFAULT_LIMITS.startupTimeoutMs / 1000 })
    .option('fail-fast', { describe: 'stop at the first case that fails or errors (expected failures do not count)', type: 'boolean', default: false })
    .option('format', { describe: 'text: the summary for people; json: a machine-readable summary on stdout (counts, agreement per section and per field)', choices: ['text', 'json'] as const, default: 'text' as const })
    .option('cases', { describe: 'only cases whose id matches this regular expression', type: 'string' })
    .option('strict', { describe: 'count fields the parser leaves out as wrong (default: partial coverage)', type: 'boolean', default: false })
    .option('report-dir', { describe: 'write results.jsonl, summary.txt, junit.xml and report.html here', type: 'string' })
    .option('corpus', { describe: 'golden corpus directory', type: 'string', default: CORPUS_DIR })
    .option('reject-exit-codes', { describe: 'with --protocol cli: exit codes that mean "input rejected as invalid" (the reason shown is the last line of stderr)', type: 'array', default: [1] })
    .epilogue('Exit status: 0 every case passed, was skipped or is an expected failure; 1 a case failed or errored, or the parser did not start; 2 usage error (also: a corpus that cannot be read, a parser command that is not found).')
    .example('$0 conform --builtin', "zert-forge's own decoder: must pass everything")
    .example('$0 conform --parser "python3 conformance/adapters/python_minimal.py" --expected-failures conformance/adapters/python_minimal.expected-failures.json --report-dir out', 'the bundled Python adapter (ndjson protocol); its one known gap is listed, so it exits 0')
    .example('$0 conform --protocol cli --parser "mytool --json {input}" --alias-map aliases.json', 'any command that prints JSON')
    .example('$0 conform --parser "java -jar parser.jar" --startup-timeout 60 --format json > summary.json', 'a slow-starting parser; the summary for a pipeline') as unknown as Argv<Args>;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

function readAliasMap(path: string): AliasMap {
  try {
    return validateAliasMap(readJson(path, 'alias map'));
  } catch (e) {
    if (e instanceof AliasMapError) throw new UsageError(`alias map ${path}: ${e.message}`);
    throw e;
  }
}

function readExpectedFailures(path: string): Record<string, string> {
  const list = readJson(path, 'expected failures');
  if (typeof list !== 'object' || list === null || Array.isArray(list) || Object.values(list).some((v) => typeof v !== 'string')) {
    throw new UsageError(`expected failures ${path}: must be a JSON object {"case-id": "reason"}`);
  }
  return list as Record<string, string>;
}

/** The report directory, created if need be, checked before the run (mkdir -p of Node spins on /proc paths). */
function prepareReportDir(dir: string): void {
  const missing: string[] = [];
  for (let p = resolve(dir); ; p = dirname(p)) {
    let stat;
    try {
      stat = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`--report-dir ${dir}: ${(e as Error).message}`);
      missing.unshift(p);
      if (dirname(p) === p) break;
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`--report-dir ${dir}: ${p} is not a directory`);
    break;
  }
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      throw new UsageError(`--report-dir ${dir}: cannot create ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--report-dir ${dir}: not writable`);
  }
}

function seconds(value: number, option: string): number {
  if (!(value > 0)) throw new UsageError(`--${option} must be a positive number of seconds`);
  const max = Math.floor(TIMER_MAX_MS / 1000);
  if (value > max) throw new UsageError(`--${option} must be at most ${max} seconds (about 24 days)`);
  return value * 1000;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(async () => {
    if (!argv.builtin && !argv.parser) throw new UsageError('say which parser to test: --parser "<command>" or --builtin');
    if (argv.builtin && argv.parser) throw new UsageError('--builtin and --parser exclude each other');
    if (!Number.isInteger(argv.jobs) || argv.jobs < 1) throw new UsageError('--jobs must be a whole number from 1');
    let jobs = argv.jobs;
    if (jobs > MAX_JOBS) {
      err(`zert-forge: --jobs ${jobs} capped at ${MAX_JOBS} (twice the cores): more parsers than that only compete for the cores and time out`);
      jobs = MAX_JOBS;
    }
    const limits = { timeoutMs: seconds(argv.timeout, 'timeout'), startupTimeoutMs: seconds(argv.startupTimeout, 'startup-timeout'), maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes };
    let select: ((id: string) => boolean) | undefined;
    if (argv.cases) {
      let re: RegExp;
      try {
        re = new RegExp(argv.cases);
      } catch (e) {
        throw new UsageError(`--cases is not a regular expression: ${(e as Error).message}`);
      }
      select = (id) => re.test(id);
    }
    const aliases = argv.aliasMap ? readAliasMap(argv.aliasMap) : undefined;
    const expectedFailures = argv.expectedFailures ? readExpectedFailures(argv.expectedFailures) : undefined;
    if (argv.reportDir) prepareReportDir(argv.reportDir);
    const makeAdapter = (): Adapter =>
      argv.builtin ? builtinAdapter()
      : argv.protocol === 'cli' ? cliAdapter(argv.parser!, { limits, rejectCodes: argv.rejectExitCodes.map(Number), name: argv.name })
      : new NdjsonAdapter(argv.parser!, limits);
    let report;
    try {
      report = await conform({ corpusDir: argv.corpus, makeAdapter, jobs, select, strict: argv.strict, failFast: argv.failFast, name: argv.name, aliases, expectedFailures });
    } catch (e) {
      if (!(e instanceof ConformError)) throw e;
      if (e.kind === 'parser-did-not-start') {
        err(`zert-forge: ${e.message}`);
        return EXIT.invalidData;
      }
      throw new UsageError(e.message);
    }
    if (report.results.length === 0) throw new UsageError('no case matches --cases');
    out(argv.format === 'json' ? `${JSON.stringify(jsonSummary(report), null, 2)}\n` : textSummary(report));
    if (report.stopped) err(`zert-forge: stopped early (${report.stopped.reason}): ${report.stopped.notRun} case(s) not run`);
    if (argv.reportDir) {
      writeFileAtomic(join(argv.reportDir, 'results.jsonl'), toJsonl(report));
      writeFileAtomic(join(argv.reportDir, 'summary.txt'), textSummary(report));
      writeFileAtomic(join(argv.reportDir, 'junit.xml'), junitXml(report));
      writeFileAtomic(join(argv.reportDir, 'report.html'), htmlReport(report, { corpusDir: argv.corpus }));
      err(`zert-forge: reports in ${argv.reportDir} (results.jsonl, summary.txt, junit.xml, report.html)`);
    }
    return succeeded(report) ? EXIT.ok : EXIT.invalidData;
  });
}
