import type { ArgumentsCamelCase, Argv } from 'yargs';
import { DEFAULT_BLOCK_SIZE, FRAMINGS, frame } from '../../io/framing.js';
import type { Framing } from '../../io/framing.js';
import { sampleRecords } from '../../generators/sample.js';
import { SCENARIOS, scenarioByName } from '../../generators/scenarios/named.js';
import { simulate } from '../../generators/scenarios/simulate.js';
import { encode } from '../../spec/codec.js';
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
  scenario?: string;
  duration?: number;
  rate?: number;
  interval?: number;
  mix?: string;
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
    .option('scenario', { describe: "simulate a TCP/IP stack instead of drawing random records; 'zert-forge scenarios' lists them", choices: SCENARIOS.map((x) => x.name), type: 'string' })
    .option('duration', { describe: 'with --scenario: simulated seconds', type: 'number' })
    .option('rate', { describe: 'with --scenario: new connections per minute', type: 'number' })
    .option('interval', { describe: 'with --scenario: summary (subtype 12) interval in seconds', type: 'number' })
    .option('mix', { describe: "with --scenario: protocol weights, e.g. 'tls=2,ssh=1,ipsec=1,none=0'", type: 'string' })
    .example('$0 generate', 'ten records, both subtypes, z/OS 3.2, RDW framing, into zert-sample.smf')
    .example('$0 generate --scenario mixed-estate --release 3.1 --duration 7200 -o estate.smf', 'two hours of a simulated stack: detail and summary records that agree')
    .example('$0 generate --subtype 12 --release 3.1 -n 1000 --seed 7 --framing vbs -o summary.smf', 'V1 summary records in a VBS dump image') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    if (!Number.isInteger(argv.count) || argv.count < 1 || argv.count > 1_000_000) throw new UsageError('--count must be a whole number from 1 to 1000000');
    if (!Number.isSafeInteger(argv.seed)) throw new UsageError('--seed must be a whole number');
    const subtypes: Subtype[] = argv.subtype ? [argv.subtype] : [11, 12];
    const records = argv.scenario ? scenarioRecords(argv, subtypes) : sampleRecords({ subtypes, count: argv.count, seed: argv.seed, release: argv.release, codePage: argv.codePage });
    const data = frame(records.map((r) => r.bytes), argv.framing, argv.blockSize);
    if (argv.output === '-') process.stdout.write(data);
    else writeFileAtomic(argv.output, data);
    const bySubtype = subtypes.map((st) => `${records.filter((r) => r.subtype === st).length} subtype ${st}`).join(', ');
    const what = argv.scenario ? `scenario ${argv.scenario}, ` : '';
    err(`zert-forge: wrote ${records.length} records (${what}${bySubtype}), z/OS ${argv.release}, ${argv.framing.toUpperCase()} framing, ${data.length} bytes to ${argv.output === '-' ? 'stdout' : argv.output}`);
    return EXIT.ok;
  });
}

function parseMix(mix: string | undefined): Record<string, number> | undefined {
  if (mix === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of mix.split(',')) {
    const m = /^(tls|ssh|ipsec|none)=(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!m) throw new UsageError(`--mix: '${part}' is not protocol=weight (protocols: tls, ssh, ipsec, none)`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function scenarioRecords(argv: ArgumentsCamelCase<Args>, subtypes: Subtype[]): { subtype: Subtype; bytes: Uint8Array }[] {
  const scenario = scenarioByName(argv.scenario!)!;
  const duration = argv.duration ?? scenario.defaults?.duration ?? 3600;
  const rate = argv.rate ?? scenario.defaults?.rate ?? 20;
  const interval = argv.interval ?? scenario.defaults?.interval ?? 900;
  if (!(duration >= 20 && duration <= 7 * 86400)) throw new UsageError('--duration must be 20 s to 7 days');
  if (!(rate > 0 && rate <= 10000)) throw new UsageError('--rate must be above 0 and at most 10000 per minute');
  if (!(interval >= 1 && interval <= 86400)) throw new UsageError('--interval must be 1 to 86400 seconds');
  const sim = simulate(scenario, { release: argv.release, seed: argv.seed, duration, rate, interval, mix: parseMix(argv.mix) });
  return sim.records.filter((r) => subtypes.includes(r.subtype)).map((r) => ({ subtype: r.subtype, bytes: encode(r.record, { release: argv.release, codePage: argv.codePage }) }));
}
