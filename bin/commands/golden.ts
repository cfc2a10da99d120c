import type { ArgumentsCamelCase, Argv } from 'yargs';
import { checkCorpus, CORPUS_DIR, corpusCoverage, coverageReport, isFullyCovered, writeCorpus } from '../../conformance/corpus/golden.js';
import { EXIT, err, out, run, writeFileAtomic } from '../io.js';

interface Args {
  check: boolean;
  write: boolean;
  coverage: boolean;
  dir: string;
}

export const command = 'golden';
export const describe = 'Check, rewrite or measure the golden corpus (conformance/corpus)';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('check', { describe: 'regenerate every case and compare with the committed files byte for byte; also check that our decoder rejects each invalid case as its manifest says', type: 'boolean', default: false })
    .option('write', { describe: 'write the generated files and the manifest (hand-written expectations are kept)', type: 'boolean', default: false })
    .option('coverage', { describe: 'report which fields, named codes and releases the valid cases exercise', type: 'boolean', default: false })
    .option('dir', { describe: 'corpus directory', type: 'string', default: CORPUS_DIR })
    .check((a) => {
      if (!a.check && !a.write && !a.coverage) throw new Error('Say what to do: --check, --write or --coverage.');
      return true;
    })
    .epilogue('Exit status: 0 all good; 1 the corpus differs from its definition, or coverage is below 100%.')
    .example('$0 golden --check', 'what CI runs') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
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
      out(coverageReport(c));
      if (!isFullyCovered(c)) status = EXIT.invalidData;
    }
    return status;
  });
}
