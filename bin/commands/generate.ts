import type { ArgumentsCamelCase, Argv } from 'yargs';
import { DEFAULT_BLOCK_SIZE, FRAMINGS, frame } from '../../generators/framing.js';
import type { Framing } from '../../generators/framing.js';
import { sampleRecords } from '../../generators/sample.js';
import type { CodePage } from '../../spec/ebcdic.js';
import type { Release, Subtype } from '../../spec/types.js';
import { EXIT, err, run, UsageError, writeFileAtomic } from '../io.js';
import { codePageOption, DEFAULT_RELEASE, releaseOption, subtypeChoices } from '../options.js';

interface Args {
  subtype?: Subtype;
  count: number;
  seed: number;
  release: Release;
  framing: Framing;
  blockSize: number;
  output: string;
  codePage: CodePage;
}

export const command = 'generate';
export const describe = 'Write valid random zERT records (both subtypes unless --subtype) to an SMF file';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('subtype', { describe: 'only subtype 11 (connection detail) or 12 (summary); both by default', choices: subtypeChoices, type: 'number' })
    .option('count', { alias: 'n', describe: 'number of records', type: 'number', default: 10 })
    .option('seed', { describe: 'random seed: the same seed and options give the same bytes', type: 'number', default: 1 })
    .option('release', { ...releaseOption, default: DEFAULT_RELEASE })
    .option('framing', { describe: "'rdw': records with their RDWs, as FTP binary with SITE RDW gives; 'vbs': RECFM=VBS blocks with BDWs, records spanned to fill blocks", choices: FRAMINGS, default: 'rdw' as Framing })
    .option('block-size', { describe: 'VBS block size in bytes, BDW included', type: 'number', default: DEFAULT_BLOCK_SIZE })
    .option('output', { alias: 'o', describe: "output file ('-' for stdout); written atomically", type: 'string', default: 'zert-sample.smf' })
    .option('code-page', codePageOption)
    .example('$0 generate', 'ten records, both subtypes, z/OS 3.2, RDW framing, into zert-sample.smf')
    .example('$0 generate --subtype 12 --release 3.1 -n 1000 --seed 7 --framing vbs -o summary.smf', 'V1 summary records in a VBS dump image') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    if (!Number.isInteger(argv.count) || argv.count < 1 || argv.count > 1_000_000) throw new UsageError('--count must be a whole number from 1 to 1000000');
    if (!Number.isSafeInteger(argv.seed)) throw new UsageError('--seed must be a whole number');
    const subtypes: Subtype[] = argv.subtype ? [argv.subtype] : [11, 12];
    const records = sampleRecords({ subtypes, count: argv.count, seed: argv.seed, release: argv.release, codePage: argv.codePage });
    const data = frame(records.map((r) => r.bytes), argv.framing, argv.blockSize);
    if (argv.output === '-') process.stdout.write(data);
    else writeFileAtomic(argv.output, data);
    const bySubtype = subtypes.map((st) => `${records.filter((r) => r.subtype === st).length} subtype ${st}`).join(', ');
    err(`zert-forge: wrote ${records.length} records (${bySubtype}), z/OS ${argv.release}, ${argv.framing.toUpperCase()} framing, ${data.length} bytes to ${argv.output === '-' ? 'stdout' : argv.output}`);
    return EXIT.ok;
  });
}
