import type { ArgumentsCamelCase, Argv } from 'yargs';
import { checkStream } from '../../generators/scenarios/check.js';
import { decodeFile } from '../../io/decode.js';
import { EXIT, err, exitQuietlyOnEpipe, out, readInput, run } from '../io.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';

interface Args extends ReadArgs {
  max: number;
}

export const command = 'check <file>';
export const describe = 'Check a record stream for cross-record consistency: summary counts against detail events, life cycles, cipher codes, IP families';

export function builder(y: Argv): Argv<Args> {
  return withReadOptions(y)
    .option('max', { describe: 'show at most this many violations', type: 'number', default: 50 })
    .epilogue('Checks: records in time order; every Term has an Init unless it is a Short Term; cipher suite against its encryption, MAC and key-exchange codes and the protocol version; failed-handshake sections zero but the allowed fields; IPv6 flag against the addresses; every subtype 12 interval count against the subtype 11 detail records. Exit status 1 when any check fails.')
    .example('$0 generate --scenario mixed-estate -o estate.smf && $0 check estate.smf', 'a simulated stack is consistent') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const { records } = decodeFile(readInput(argv.file), { framing: argv.framing, release: argv.release, codePage: argv.codePage });
    const result = checkStream(records);
    for (const x of result.violations.slice(0, argv.max)) {
      out(`${x.index >= 0 ? `record ${x.index} (offset ${x.offset})` : 'stream'}: ${x.kind}: ${x.path}: ${x.message}\n`);
    }
    if (result.violations.length > argv.max) out(`... and ${result.violations.length - argv.max} more\n`);
    const scope = `${records.length} records (${result.detailRecords} detail, ${result.summaryRecords} interval summaries), ${result.connections} connections`;
    if (result.violations.length === 0) {
      err(`zert-forge: consistent: ${scope}`);
      return EXIT.ok;
    }
    err(`zert-forge: ${result.violations.length} violation(s) in ${scope}`);
    return EXIT.invalidData;
  });
}
