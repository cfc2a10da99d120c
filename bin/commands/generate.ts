import { setFlagsFromString } from 'node:v8';
import type { Argv } from 'yargs';
import { DEFAULT_BLOCK_SIZE, FRAMINGS, MAX_BLOCK_SIZE, MIN_BLOCK_SIZE, frameRecordRuns, frameStream } from '../../io/framing.js';
import type { Framing } from '../../io/framing.js';
import { defaultJobs, randomRuns, shardedRecords } from '../../generators/parallel.js';
import { SCENARIOS, scenarioByName } from '../../generators/scenarios/named.js';
import type { SimOptions } from '../../generators/scenarios/simulate.js';
import { intervalProblem } from '../../generators/scenarios/simulate.js';
import type { RandomTask, ScenarioTask } from '../../generators/parallel.js';
import type { CodePage } from '../../spec/ebcdic.js';
import type { Release, Subtype } from '../../spec/types.js';
import type { CommandIO } from '../io.js';
import { EXIT, openOutput, Progress, UsageError } from '../io.js';
import { codePageOption, DEFAULT_RELEASE, releaseOption, subtypeChoices } from '../options.js';

export interface GenerateArgs {
  subtype?: Subtype;
  random?: boolean;
  count?: number;
  seed: number;
  release: Release;
  framing: Framing;
  blockSize?: number;
  output: string;
  codePage: CodePage;
  scenario?: string;
  duration?: number;
  rate?: number;
  interval?: number;
  mix?: string;
  start?: string;
  system?: string;
  stack?: string;
  jobs?: number;
  quiet: boolean;
}

export const DEFAULT_SCENARIO = 'mixed-estate';
const DEFAULT_RANDOM_COUNT = 10;
const RECORDS_PER_DEFAULT_WORKER = 5000;
/** Random records cost a few microseconds each: a worker (its start and JIT warm-up) pays off only for many. */
const RANDOM_RECORDS_PER_DEFAULT_WORKER = 50_000;
const SCENARIO_ONLY = ['duration', 'rate', 'interval', 'mix', 'start', 'system', 'stack'] as const;

export const command = 'generate';
export const describe = 'Write zERT records to an SMF file: a simulated TCP/IP stack by default, field-random records with --random';

export function builder(y: Argv): Argv<GenerateArgs> {
  return y
    .option('scenario', { describe: `simulated stack to run (default ${DEFAULT_SCENARIO}); 'zert-forge scenarios' lists them`, choices: SCENARIOS.map((x) => x.name), type: 'string', requiresArg: true })
    .option('random', { describe: 'field-random records instead of a simulation: structurally valid only (every field legal on its own, no story across records), for fuzzing and property tests', type: 'boolean' })
    .option('count', { alias: 'n', describe: 'with --random: number of records (default 10)', type: 'number', requiresArg: true })
    .option('subtype', { describe: 'only subtype 11 (connection detail) or 12 (summary); both by default', choices: subtypeChoices, type: 'number' })
    .option('seed', { describe: 'random seed: the same seed and options give the same bytes', type: 'number', default: 1, requiresArg: true })
    .option('release', { ...releaseOption, default: DEFAULT_RELEASE })
    .option('framing', { describe: "'rdw': records with their RDWs, as FTP binary with SITE RDW gives; 'vbs': RECFM=VBS blocks with BDWs, records spanned to fill blocks", choices: FRAMINGS, default: 'rdw' as Framing })
    .option('block-size', { describe: `with --framing vbs: block size in bytes, BDW included, ${MIN_BLOCK_SIZE}..${MAX_BLOCK_SIZE} (default ${DEFAULT_BLOCK_SIZE}, half a 3390 track)`, type: 'number', requiresArg: true })
    .option('output', { alias: 'o', describe: "output file ('-' for stdout); a regular file is written to a temporary file and renamed at the end, devices and FIFOs are written in place", type: 'string', default: 'zert-sample.smf', requiresArg: true })
    .option('code-page', codePageOption)
    .option('duration', { describe: 'simulated seconds (default: the scenario\'s, mostly 3600)', type: 'number', requiresArg: true })
    .option('rate', { describe: 'new connections per minute', type: 'number', requiresArg: true })
    .option('interval', { describe: 'summary (subtype 12) interval in seconds', type: 'number', requiresArg: true })
    .option('mix', { describe: "protocol weights, e.g. 'tls=2,ssh=1,ipsec=1,none=0'", type: 'string', requiresArg: true })
    .option('start', { describe: 'first day of the simulation, YYYY-MM-DD (UTC)', type: 'string', requiresArg: true })
    .option('system', { describe: "system name written in the records (SMF119TI_SYSName; SMF119HDSID gets its first 4 characters); several systems, comma-separated ('SYSA,SYSB'), each run the scenario's workloads in one merged stream", type: 'string', requiresArg: true })
    .option('stack', { describe: 'TCP/IP stack (procedure) name written in the records (SMF119TI_Stack, SMF119TI_ASName)', type: 'string', requiresArg: true })
    .option('jobs', { alias: 'j', describe: 'worker threads (default: the number of cores, fewer for runs under 5000 records (--random: 50000) per core); the bytes do not depend on it', type: 'number', requiresArg: true })
    .option('quiet', { alias: 'q', describe: 'no progress line (shown only when stderr is a terminal, never in CI) and no summary line', type: 'boolean', default: false })
    .conflicts('random', ['scenario', ...SCENARIO_ONLY])
    .example('$0 generate', 'one hour of the mixed-estate simulated stack, both subtypes, z/OS 3.2, RDW framing, into zert-sample.smf')
    .example('$0 generate --scenario handshake-failures --release 3.1 --duration 7200 -o fails.smf', 'two hours of failed handshakes as 3.1 reports them')
    .example('$0 generate --random -n 1000000 --seed 7 --framing vbs -o fuzz.smf', 'a million field-random records in a VBS dump image, for fuzzing a parser')
    .epilogue('The simulated stack writes detail (11) and summary (12) records that agree with each other and pass `zert-forge check`. --random records are legal field by field only. Exit status: 0 written, 1 the output could not be written, 2 usage error.') as unknown as Argv<GenerateArgs>;
}

/** Options that only apply elsewhere are usage errors (yargs checks most; these need the values). */
function validate(argv: GenerateArgs): void {
  if (!argv.random && argv.count !== undefined) throw new UsageError("-n/--count applies to --random only: a simulated stack's size follows from --duration and --rate");
  if (argv.count !== undefined && !(Number.isSafeInteger(argv.count) && argv.count >= 1)) throw new UsageError(`--count must be a whole number from 1 up, got ${argv.count}`);
  if (!Number.isSafeInteger(argv.seed)) throw new UsageError(`--seed must be a whole number, got ${argv.seed}`);
  if (argv.blockSize !== undefined) {
    if (argv.framing !== 'vbs') throw new UsageError('--block-size applies to --framing vbs only');
    if (!Number.isInteger(argv.blockSize) || argv.blockSize < MIN_BLOCK_SIZE || argv.blockSize > MAX_BLOCK_SIZE) throw new UsageError(`--block-size must be a whole number from ${MIN_BLOCK_SIZE} to ${MAX_BLOCK_SIZE}, got ${argv.blockSize}`);
  }
  if (argv.jobs !== undefined && !(Number.isInteger(argv.jobs) && argv.jobs >= 1 && argv.jobs <= 64)) throw new UsageError(`--jobs must be a whole number from 1 to 64, got ${argv.jobs}`);
  if (argv.start !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(argv.start) && !Number.isNaN(Date.parse(`${argv.start}T00:00:00Z`)) && argv.start >= '1900-01-01' && argv.start <= '2099-12-31')) {
    throw new UsageError(`--start must be a date YYYY-MM-DD from 1900 to 2099 (the packed SMF date), got '${argv.start}'`);
  }
  const name = /^[A-Z@#$][A-Z0-9@#$]{0,7}$/;
  for (const [option, value] of [...(argv.system?.split(',') ?? []).map((v) => ['system', v] as const), ['stack', argv.stack] as const]) {
    if (value !== undefined && !name.test(value)) throw new UsageError(`--${option} must be 1 to 8 characters A-Z, 0-9, @, #, $ (not starting with a digit), got '${value}'`);
  }
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

interface Produced {
  subtype: Subtype;
  bytes: Uint8Array;
}

/**
 * A simulated stack holds each open connection for up to an hour of simulated time: long enough to reach V8's
 * old space, which by default grows to up to 4x what survived its last collection before it collects again, so
 * dead connections (and output chunks) made up most of the peak RSS: 255 MB for 2M records at --rate 1000 and
 * 251 MB for 10M, 164 and 174 MB growing by half, for 3 to 4 times the mark-compacts (up to a tenth more CPU
 * time). As in check: a ratio, not a limit, read by V8 whenever it sets the next limit (worker threads too: V8's
 * flags are per process).
 */
const SCENARIO_HEAP_GROWING_PERCENT = 50;

async function* scenarioRecords(argv: GenerateArgs, subtypes: Subtype[], io: CommandIO): AsyncGenerator<Produced> {
  const name = argv.scenario ?? DEFAULT_SCENARIO;
  const scenario = scenarioByName(name)!;
  const duration = argv.duration ?? scenario.defaults?.duration ?? 3600;
  const rate = argv.rate ?? scenario.defaults?.rate ?? 20;
  const interval = argv.interval ?? scenario.defaults?.interval ?? 900;
  if (!(duration >= 20 && duration <= 7 * 86400)) throw new UsageError('--duration must be 20 s to 7 days');
  if (!(rate > 0 && rate <= 10000)) throw new UsageError('--rate must be above 0 and at most 10000 per minute');
  const problem = intervalProblem(argv.release, interval);
  if (problem?.severity === 'error' || interval > 86400) throw new UsageError(`--interval ${interval}: ${problem?.message ?? 'at most 86400 seconds'}`);
  if (problem) io.stderr.write(`zert-forge: warning: ${problem.message}\n`);
  const systems = argv.system?.split(',');
  const options: SimOptions = {
    release: argv.release, seed: argv.seed, duration, rate, interval, mix: parseMix(argv.mix),
    ...(argv.start ? { startDate: argv.start } : {}),
    ...(systems && systems.length > 1 ? { systems } : systems ? { system: systems[0]! } : {}),
    ...(argv.stack ? { stack: argv.stack } : {}),
  };
  const task: ScenarioTask = { kind: 'scenario', scenario: name, subtypes, options, ...(argv.codePage ? { codePage: argv.codePage } : {}) };
  // Records the run will hold, roughly (a detail record or two per connection): small runs stay in one thread.
  const estimate = (rate * duration) / 60 * (systems?.length ?? 1) * 2;
  const jobs = argv.jobs ?? Math.max(1, Math.min(defaultJobs(), Math.floor(estimate / RECORDS_PER_DEFAULT_WORKER)));
  setFlagsFromString(`--heap-growing-percent=${SCENARIO_HEAP_GROWING_PERCENT}`);
  for await (const r of shardedRecords(task, jobs)) yield { subtype: r.bytes[23] === 11 ? 11 : 12, bytes: r.bytes };
}

/** Random records in runs of whole records (no per-record hand-over): the subtypes take turns by index. */
async function* randomRecordRuns(argv: GenerateArgs, subtypes: Subtype[], count: number, counted: (records: number, bytes: number) => void): AsyncGenerator<Uint8Array> {
  const task: RandomTask = { kind: 'random', subtypes, count, seed: argv.seed, release: argv.release, codePage: argv.codePage };
  // By default, only large runs use every core.
  const jobs = argv.jobs ?? Math.max(1, Math.min(defaultJobs(), Math.floor(count / RANDOM_RECORDS_PER_DEFAULT_WORKER)));
  for await (const run of randomRuns(task, jobs)) {
    counted(run.records, run.bytes.length);
    yield run.bytes;
  }
}

export async function main(argv: GenerateArgs, io: CommandIO): Promise<number> {
  validate(argv);
  const subtypes: Subtype[] = argv.subtype ? [argv.subtype] : [11, 12];
  const count = argv.count ?? DEFAULT_RANDOM_COUNT;
  const counts = new Map<Subtype, number>(subtypes.map((s) => [s, 0]));
  const progress = new Progress(io, { quiet: argv.quiet, verb: 'generated', ...(argv.random ? { total: count } : {}) });
  const blockSize = argv.blockSize ?? DEFAULT_BLOCK_SIZE;
  async function* counted(source: AsyncIterable<Produced>): AsyncGenerator<Uint8Array> {
    for await (const r of source) {
      counts.set(r.subtype, counts.get(r.subtype)! + 1);
      progress.tick(1, r.bytes.length);
      yield r.bytes;
    }
  }
  let randomWritten = 0;
  const countRandom = (records: number, bytes: number): void => {
    randomWritten += records;
    progress.tick(records, bytes);
  };
  const chunks = argv.random
    ? frameRecordRuns(randomRecordRuns(argv, subtypes, count, countRandom), argv.framing, blockSize)
    : frameStream(counted(scenarioRecords(argv, subtypes, io)), argv.framing, blockSize);
  const output = await openOutput(argv.output, io);
  try {
    for await (const chunk of chunks) {
      // The reader has gone (`| head`): stop generating at once.
      if (!(await output.write(chunk))) break;
    }
    await output.finish();
  } catch (e) {
    await output.abort();
    throw e;
  } finally {
    progress.done();
  }
  // Random records: the subtypes take turns, record i being of subtypes[i % k].
  if (argv.random) subtypes.forEach((st, j) => counts.set(st, Math.ceil((randomWritten - j) / subtypes.length)));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const bySubtype = subtypes.map((st) => `${counts.get(st)} subtype ${st}`).join(', ');
  const what = argv.random ? 'field-random, ' : `scenario ${argv.scenario ?? DEFAULT_SCENARIO}, `;
  const where = argv.output === '-' ? 'stdout' : argv.output;
  // A reader that went away (`| head`) ends the run quietly.
  if (!argv.quiet && !output.closed) io.stderr.write(`zert-forge: wrote ${total} records (${what}${bySubtype}), z/OS ${argv.release}, ${argv.framing.toUpperCase()} framing, ${output.bytesWritten} bytes to ${where}\n`);
  return EXIT.ok;
}
