import type { Argv } from 'yargs';
import { jsonRecords, JsonSyntaxError } from '../../io/json-records.js';
import { DEFAULT_BLOCK_SIZE, FRAMINGS, MAX_BLOCK_SIZE, MIN_BLOCK_SIZE, frameStream } from '../../io/framing.js';
import type { Framing } from '../../io/framing.js';
import type { CanonicalRecord } from '../../spec/codec.js';
import { encode } from '../../spec/codec.js';
import type { CodePage } from '../../spec/ebcdic.js';
import { formatPath, ZertError } from '../../spec/errors.js';
import type { Release } from '../../spec/types.js';
import { isRelease } from '../../spec/types.js';
import type { CommandIO } from '../io.js';
import { EXIT, inputChunks, openOutput, UsageError } from '../io.js';
import { codePageOption, DEFAULT_RELEASE, releaseOption, stdinDash } from '../options.js';
import { noRecords } from './reading.js';

export interface EncodeArgs {
  file: string;
  release?: Release;
  framing: Framing;
  blockSize?: number;
  codePage: CodePage;
  output: string;
}

export const command = 'encode <file>';
export const describe = "Encode canonical JSON records (what 'decode' prints) into an SMF file";

export function builder(y: Argv): Argv<EncodeArgs> {
  return y
    .positional('file', { describe: "JSON Lines (one record per line) or a JSON array of records; '-' for stdin", type: 'string', demandOption: true, coerce: stdinDash })
    .option('release', { ...releaseOption, describe: `${releaseOption.describe}; default: the record's own 'release' in 'decode --with-diagnostics' output, else ${DEFAULT_RELEASE}` })
    .option('framing', { describe: "'rdw': records with their RDWs; 'vbs': RECFM=VBS blocks with BDWs, records spanned to fill blocks", choices: FRAMINGS, default: 'rdw' as Framing })
    .option('block-size', { describe: `with --framing vbs: block size in bytes, BDW included, ${MIN_BLOCK_SIZE}..${MAX_BLOCK_SIZE}`, type: 'number', requiresArg: true })
    .option('code-page', codePageOption)
    .option('output', { alias: 'o', describe: "output file ('-' for stdout); a regular file is written to a temporary file and renamed at the end", type: 'string', default: '-', requiresArg: true })
    .epilogue('A record may be partial: left-out fields get their defaults, and lengths, offsets, triplets and counts are computed. Records decoded by `decode` encode back to the same bytes. Errors name the record, its line and the field path. Exit status: 0 encoded, 1 a record cannot be encoded (nothing is written to a file), 2 usage error.')
    .example('$0 decode in.smf | jq -c ".Ident.SMF119TI_SYSName = \\"SYSB\\"" | $0 encode - -o out.smf', 'edit records and write them back')
    .example(`echo '{"Header":{"SMF119HDSubType":11}}' | $0 encode - --release 3.1 -o one.smf`, 'a minimal subtype 11 record, everything else defaulted') as unknown as Argv<EncodeArgs>;
}

/** A bare record, or decode's {index, offset, release, record, diagnostics} wrapper. */
function unwrap(value: unknown, fallback: Release, line: number, index: number): { record: CanonicalRecord; release: Release } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ZertError('invalid-value', [`record ${index} (line ${line})`], 'a record must be a JSON object');
  const o = value as Record<string, unknown>;
  if ('record' in o && 'diagnostics' in o) {
    if (o['record'] === null || typeof o['record'] !== 'object') throw new ZertError('invalid-value', [`record ${index} (line ${line})`, 'record'], 'the wrapped record is not an object (it could not be decoded)');
    return { record: o['record'] as CanonicalRecord, release: isRelease(o['release']) ? o['release'] : fallback };
  }
  return { record: o, release: fallback };
}

export async function main(argv: EncodeArgs, io: CommandIO): Promise<number> {
  if (argv.blockSize !== undefined) {
    if (argv.framing !== 'vbs') throw new UsageError('--block-size applies to --framing vbs only');
    if (!Number.isInteger(argv.blockSize) || argv.blockSize < MIN_BLOCK_SIZE || argv.blockSize > MAX_BLOCK_SIZE) throw new UsageError(`--block-size must be a whole number from ${MIN_BLOCK_SIZE} to ${MAX_BLOCK_SIZE}, got ${argv.blockSize}`);
  }
  const chunks = await inputChunks(argv.file, io);
  const output = await openOutput(argv.output, io);
  let count = 0;
  async function* records(): AsyncGenerator<Uint8Array> {
    for await (const { value, line, index } of jsonRecords(chunks)) {
      const { record, release } = unwrap(value, argv.release ?? DEFAULT_RELEASE, line, index);
      try {
        yield encode(record, { release: argv.release ?? release, codePage: argv.codePage });
      } catch (e) {
        if (e instanceof ZertError) throw new ZertError(e.kind, [`record ${index} (line ${line})`, ...e.path], e.message.slice(`${e.kind}: ${formatPath(e.path)}: `.length));
        throw e;
      }
      count++;
    }
  }
  try {
    for await (const chunk of frameStream(records(), argv.framing, argv.blockSize ?? DEFAULT_BLOCK_SIZE)) {
      if (!(await output.write(chunk))) break;
    }
    await output.finish();
  } catch (e) {
    await output.abort();
    if (e instanceof JsonSyntaxError) throw new ZertError('invalid-value', [argv.file === '-' ? 'stdin' : argv.file], e.message);
    throw e;
  }
  if (count === 0) noRecords(io, argv.file);
  return EXIT.ok;
}
