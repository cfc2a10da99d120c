import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { CORPUS_DIR } from '../../conformance/corpus/golden.js';
import type { Adapter } from '../../conformance/runner/adapters.js';
import { builtinAdapter, cliAdapter, NdjsonAdapter } from '../../conformance/runner/adapters.js';
import type { AliasMap } from '../../conformance/runner/compare.js';
import { htmlReport, junitXml, textSummary, toJsonl } from '../../conformance/runner/reports.js';
import { conform, succeeded } from '../../conformance/runner/run.js';
import { EXIT, err, out, run, UsageError, writeFileAtomic } from '../io.js';

interface Args {
  parser?: string;
  protocol: 'ndjson' | 'cli';
  builtin: boolean;
  aliasMap?: string;
  expectedFailures?: string;
  jobs: number;
  timeout: number;
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
    .option('parser', { describe: "the parser's command line; with --protocol cli it may use {input} and {output}", type: 'string' })
    .option('protocol', { describe: "ndjson: the parser speaks zert-forge's line protocol on stdin/stdout (see conformance/README.md); cli: run the command once per case and read JSON from stdout or {output}", choices: ['ndjson', 'cli'] as const, default: 'ndjson' as const })
    .option('builtin', { describe: "run zert-forge's own decoder (the reference)", type: 'boolean', default: false })
    .option('alias-map', { describe: "JSON file mapping the parser's section/field names and values to IBM names and canonical values", type: 'string' })
    .option('expected-failures', { describe: 'JSON file {"case-id": "reason"}: known gaps that do not fail the run (a listed case that passes is reported)', type: 'string' })
    .option('jobs', { alias: 'j', describe: 'cases run in parallel (one parser process each for ndjson)', type: 'number', default: 2 })
    .option('timeout', { describe: 'seconds a parser may take per case before the case is errored', type: 'number', default: 10 })
    .option('cases', { describe: 'only cases whose id matches this regular expression', type: 'string' })
    .option('strict', { describe: 'count fields the parser leaves out as wrong (default: partial coverage)', type: 'boolean', default: false })
    .option('report-dir', { describe: 'write results.jsonl, summary.txt, junit.xml and report.html here', type: 'string' })
    .option('corpus', { describe: 'golden corpus directory', type: 'string', default: CORPUS_DIR })
    .option('reject-exit-codes', { describe: 'with --protocol cli: exit codes that mean "input rejected as invalid"', type: 'array', default: [1] })
    .epilogue('Exit status: 0 every case passed, was skipped or is an expected failure; 1 a case failed or errored; 2 usage error.')
    .example('$0 conform --builtin', "zert-forge's own decoder: must pass everything")
    .example('$0 conform --parser "python3 my_adapter.py" --report-dir out', 'a parser that speaks the ndjson protocol')
    .example('$0 conform --protocol cli --parser "mytool --json {input}" --alias-map aliases.json', 'any command that prints JSON') as unknown as Argv<Args>;
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(async () => {
    if (!argv.builtin && !argv.parser) throw new UsageError('say which parser to test: --parser "<command>" or --builtin');
    if (argv.builtin && argv.parser) throw new UsageError('--builtin and --parser exclude each other');
    if (!Number.isInteger(argv.jobs) || argv.jobs < 1 || argv.jobs > 64) throw new UsageError('--jobs must be 1..64');
    if (!(argv.timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');
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
    const limits = { timeoutMs: argv.timeout * 1000, maxOutputBytes: 64 << 20 };
    const makeAdapter = (): Adapter =>
      argv.builtin ? builtinAdapter() : argv.protocol === 'cli' ? cliAdapter(argv.parser!, { limits, rejectCodes: argv.rejectExitCodes.map(Number) }) : new NdjsonAdapter(argv.parser!, limits);
    const report = await conform({
      corpusDir: argv.corpus,
      makeAdapter,
      jobs: argv.jobs,
      select,
      strict: argv.strict,
      aliases: argv.aliasMap ? readJson<AliasMap>(argv.aliasMap, 'alias map') : undefined,
      expectedFailures: argv.expectedFailures ? readJson<Record<string, string>>(argv.expectedFailures, 'expected failures') : undefined,
    });
    if (report.results.length === 0) throw new UsageError('no case matches --cases');
    out(textSummary(report));
    if (argv.reportDir) {
      mkdirSync(argv.reportDir, { recursive: true });
      writeFileAtomic(join(argv.reportDir, 'results.jsonl'), toJsonl(report));
      writeFileAtomic(join(argv.reportDir, 'summary.txt'), textSummary(report));
      writeFileAtomic(join(argv.reportDir, 'junit.xml'), junitXml(report));
      writeFileAtomic(join(argv.reportDir, 'report.html'), htmlReport(report, { corpusDir: argv.corpus }));
      err(`zert-forge: reports in ${argv.reportDir} (results.jsonl, summary.txt, junit.xml, report.html)`);
    }
    return succeeded(report) ? EXIT.ok : EXIT.invalidData;
  });
}
