import type { ArgumentsCamelCase, Argv } from 'yargs';
import { checkCorpus, CORPUS_DIR, corpusCoverage, coverageJson, coverageReport, isFullyCovered, writeCorpus } from '../../conformance/corpus/golden.js';
import { EXIT, err, out, run, UsageError, writeFileAtomic } from '../io.js';

interface Args {
  check: boolean;
  write: boolean;
  coverage: boolean;
  format?: 'text' | 'json';
  dir: string;
}

export const command = 'golden';
export const describe = 'Check, rewrite or measure the golden corpus (conformance/corpus)';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('check', { describe: 'regenerate every case and compare with the committed files byte for byte; also check that our decoder rejects each invalid case as its manifest says', type: 'boolean', default: false })
    .option('write', { describe: 'write the generated files and the manifest (hand-written expectations are kept)', type: 'boolean', default: false })
    .option('coverage', { describe: 'report which fields, named codes and releases the valid cases exercise', type: 'boolean', default: false })
    .option('format', {
      describe: 'how --coverage reports: text (the default), for people: totals, then each missing field, code or release; json, for scripts: totals, missing, oracles, flags, and every field, code and release with "covered"',
      choices: ['text', 'json'] as const,
    })
    .option('dir', { describe: 'corpus directory', type: 'string', default: CORPUS_DIR })
    .epilogue('Exit status: 0 all good; 1 the corpus differs from its definition, or coverage is below 100%.')
    .example('$0 golden --check --coverage', 'what CI runs: the files match their definitions and cover every field and code')
    .example('$0 golden --coverage --format json | jq .totals', 'coverage totals for a script or dashboard') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    // Checked here, not in a yargs .check(): run() turns a UsageError into one line and exit 2.
    if (!argv.check && !argv.write && !argv.coverage) throw new UsageError('golden: say what to do: --check, --write or --coverage.');
    if (argv.format !== undefined && !argv.coverage) throw new UsageError('golden: --format says how --coverage reports: add --coverage.');
    let status: number = EXIT.ok;
    if (argv.write) {
      const n = writeCorpus(writeFileAtomic, argv.dir);
      err(`zert-forge: wrote ${n} cases and the manifest to ${argv.dir}`);
    }
    if (argv.check) {
      const problems = checkCorpus(argv.dir);
      for (const p of problems) err(`${p.id}: ${p.problem}`);
      err(problems.length === 0 ? 'zert-forge: the golden corpus matches its definition' : `zert-forge: ${problems.length} problem(s); 'zert-forge golden --write' regenerates generated files`);
      if (problems.length > 0) status = EXIT.invalidData;
    }
    if (argv.coverage) {
      const c = corpusCoverage();
      out(argv.format === 'json' ? `${JSON.stringify(coverageJson(c), null, 2)}\n` : coverageReport(c));
      if (!isFullyCovered(c)) status = EXIT.invalidData;
    }
    return status;
  });
}
