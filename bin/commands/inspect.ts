import type { ArgumentsCamelCase, Argv } from 'yargs';
import { readRecords } from '../../io/framing.js';
import { hasErrors } from '../../spec/codec.js';
import { formatInspection, inspectRecord } from '../../spec/inspect.js';
import { EXIT, exitQuietlyOnEpipe, out, readInput, run, UsageError } from '../io.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';

interface Args extends ReadArgs {
  record?: number;
}

export const command = 'inspect <file>';
export const describe = "Annotated hex dump: each field's offset, length, bytes, name and value";

export function builder(y: Argv): Argv<Args> {
  return withReadOptions(y)
    .option('record', { alias: 'r', describe: 'only record N (0-based); all records by default', type: 'number' })
    .epilogue('Offsets count from the start of the record, RDW included, as IBM documents them. Bytes no triplet describes are listed too.')
    .example('$0 inspect zert-sample.smf --record 0', 'the first record, field by field') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const { records } = readRecords(readInput(argv.file), argv.framing);
    if (argv.record !== undefined && (!Number.isInteger(argv.record) || argv.record < 0 || argv.record >= records.length)) {
      throw new UsageError(`--record ${argv.record} is out of range: the file has ${records.length} record(s), numbered from 0`);
    }
    const chosen = argv.record === undefined ? records.map((r, i) => [i, r] as const) : [[argv.record, records[argv.record]!] as const];
    const options = { release: argv.release, codePage: argv.codePage };
    let invalid = false;
    for (const [i, r] of chosen) {
      out(`${formatInspection(i, r.offset, r.bytes, options)}\n\n`);
      invalid ||= hasErrors(inspectRecord(r.bytes, options).result.diagnostics);
    }
    return invalid ? EXIT.invalidData : EXIT.ok;
  });
}
