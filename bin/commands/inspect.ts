import type { Argv } from 'yargs';
import { readRecordStream } from '../../io/framing.js';
import { hasErrors } from '../../spec/codec.js';
import { formatRows, inspectionObject, inspectRecord } from '../../spec/inspect.js';
import type { CommandIO } from '../io.js';
import { EXIT, inputChunks, openOutput, UsageError } from '../io.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';
import { BufferedWriter, noRecords } from './reading.js';

export interface InspectArgs extends ReadArgs {
  record?: number;
  format: 'text' | 'json';
}

export const command = 'inspect <file>';
export const describe = "Annotated hex dump: each field's offset, length, bytes, EBCDIC text, name, value and code name";

export function builder(y: Argv): Argv<InspectArgs> {
  return withReadOptions(y)
    .option('record', { alias: 'r', describe: 'only record N (0-based); all records by default', type: 'number', requiresArg: true })
    .option('format', { describe: 'text: a table per record; json: an array of {index, offset, length, subtype, release, fields: [{offset, length, hex, text, path, value, name}], diagnostics}', choices: ['text', 'json'] as const, default: 'text' as const })
    .epilogue('Offsets count from the start of the record, RDW included, as IBM documents them. The text column shows the bytes in the code page (. for unprintable ones), as xxd does for ASCII. Bytes no triplet describes are listed too. Exit status: 0 every shown record valid (an empty file too: "no records"), 1 an invalid record or framing, 2 usage error.')
    .example('$0 inspect zert-sample.smf --record 0', 'the first record, field by field')
    .example('$0 inspect zert-sample.smf --format json | jq ".[0].fields[0]"', 'the rows as data') as unknown as Argv<InspectArgs>;
}

export async function main(argv: InspectArgs, io: CommandIO): Promise<number> {
  if (argv.record !== undefined && !(Number.isInteger(argv.record) && argv.record >= 0)) throw new UsageError(`--record must be a whole number from 0 up, got ${argv.record}`);
  const chunks = await inputChunks(argv.file, io);
  const writer = new BufferedWriter(await openOutput('-', io));
  const options = { release: argv.release, codePage: argv.codePage };
  let index = 0;
  let shown = 0;
  let invalid = false;
  let failure: unknown;
  if (argv.format === 'json') await writer.write('[');
  try {
    for await (const r of readRecordStream(chunks, argv.framing)) {
      const i = index++;
      if (argv.record !== undefined && i !== argv.record) continue;
      const inspection = inspectRecord(r.bytes, options);
      invalid ||= hasErrors(inspection.result.diagnostics);
      const text = argv.format === 'json'
        ? `${shown > 0 ? ',' : ''}\n  ${JSON.stringify(inspectionObject(i, r.offset, r.bytes.length, inspection))}`
        : `${formatRows(i, r.offset, r.bytes.length, inspection)}\n\n`;
      shown++;
      if (!(await writer.write(text))) break;
      // The one record asked for is shown: the rest of the file is not read.
      if (argv.record !== undefined) break;
    }
  } catch (e) {
    failure = e;
  }
  if (argv.format === 'json') await writer.write(shown > 0 ? '\n]\n' : ']\n');
  await writer.finish();
  if (failure !== undefined) throw failure;
  if (index === 0) noRecords(io, argv.file);
  else if (argv.record !== undefined && shown === 0) throw new UsageError(`--record ${argv.record} is out of range: the file has ${index} record(s), numbered from 0`);
  if (invalid) io.stderr.write(`zert-forge: ${argv.record === undefined ? 'some records are' : `record ${argv.record} is`} invalid (diagnostics in the dump)\n`);
  return invalid ? EXIT.invalidData : EXIT.ok;
}
