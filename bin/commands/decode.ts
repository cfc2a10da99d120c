import type { Argv } from 'yargs';
import { decodeStream, isForeignRecord } from '../../io/decode.js';
import type { DecodedFileRecord } from '../../io/decode.js';
import { hasErrors } from '../../spec/codec.js';
import { formatDiagnostic } from '../../spec/errors.js';
import type { CommandIO } from '../io.js';
import { EXIT, inputChunks, inputSize, openOutput, Progress } from '../io.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';
import { BufferedWriter, decodeOptions, noRecords, skippedRecords } from './reading.js';

export interface DecodeArgs extends ReadArgs {
  format: 'jsonl' | 'json' | 'text';
  withDiagnostics: boolean;
  output: string;
  quiet: boolean;
}

export const command = 'decode <file>';
export const describe = 'Decode an SMF file to canonical JSON (IBM field names grouped by section)';

export function builder(y: Argv): Argv<DecodeArgs> {
  return withReadOptions(y)
    .option('format', { describe: 'jsonl: one record per line; json: one array (streamed); text: section > field = value lines', choices: ['jsonl', 'json', 'text'] as const, default: 'jsonl' as const })
    .option('with-diagnostics', { describe: "wrap each record as {index, offset, release, record, diagnostics} instead of the bare record ('encode' reads the release back from it)", type: 'boolean', default: false })
    .option('output', { alias: 'o', describe: "output file ('-' for stdout)", type: 'string', default: '-', requiresArg: true })
    .option('quiet', { alias: 'q', describe: 'no progress line (shown only when stderr is a terminal, never in CI)', type: 'boolean', default: false })
    .epilogue('Records are decoded as they are read: memory does not grow with the file. Diagnostics go to stderr. Exit status: 0 all records valid (an empty file too: "no records" on stderr), 1 a record or the framing is invalid (also when a closed pipe stopped the output after an invalid record), 2 usage error.')
    .example('$0 decode zert-sample.smf | head -1', 'the first record as JSON')
    .example('$0 decode dump.bin --framing vbs --format text', 'a VBS dump image, human readable')
    .example('cat dump.bin | $0 decode - --format json > records.json', 'stdin to one JSON array') as unknown as Argv<DecodeArgs>;
}

function textLines(r: DecodedFileRecord): string {
  const lines = [`record ${r.index} at offset ${r.offset}: subtype ${r.subtype ?? '?'}, release ${r.release ?? '?'}${r.releaseInferred ? ' (inferred)' : ''}`];
  for (const [section, value] of Object.entries(r.record ?? {})) {
    const occurrences = Array.isArray(value) ? value : [value];
    occurrences.forEach((o, i) => {
      const label = Array.isArray(value) ? `${section}[${i}]` : section;
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) lines.push(`  ${label} > ${k} = ${JSON.stringify(v)}`);
    });
    if (Array.isArray(value) && value.length === 0) lines.push(`  ${section} = (none)`);
  }
  return `${lines.join('\n')}\n`;
}

export async function main(argv: DecodeArgs, io: CommandIO): Promise<number> {
  const chunks = await inputChunks(argv.file, io);
  const output = await openOutput(argv.output, io);
  const writer = new BufferedWriter(output);
  const size = inputSize(argv.file, io);
  const progress = new Progress(io, { quiet: argv.quiet, verb: 'decoded', ...(size !== undefined ? { totalBytes: size } : {}) });
  let position = 0;
  const shaped = (r: DecodedFileRecord): unknown =>
    argv.withDiagnostics ? { index: r.index, offset: r.offset, release: r.release, record: r.record, diagnostics: r.diagnostics } : r.record;
  let count = 0;
  let bad = 0;
  let skipped = 0;
  let failure: unknown;
  if (argv.format === 'json') await writer.write('[');
  try {
    for await (const r of decodeStream(chunks, decodeOptions(argv))) {
      if (isForeignRecord(r)) {
        skipped++;
        continue;
      }
      for (const d of r.diagnostics) if (d.severity !== 'info') io.stderr.write(`record ${r.index} (offset ${r.offset}): ${formatDiagnostic(d)}\n`);
      if (hasErrors(r.diagnostics)) bad++;
      count++;
      progress.tick(1, r.offset - position);
      position = r.offset;
      const text =
        argv.format === 'jsonl' ? `${JSON.stringify(shaped(r))}\n`
        : argv.format === 'text' ? textLines(r)
        // The array is written element by element, laid out as JSON.stringify(array, null, 2) would.
        : `${count > 1 ? ',' : ''}\n  ${JSON.stringify(shaped(r), null, 2).replace(/\n/g, '\n  ')}`;
      if (!(await writer.write(text))) break;
    }
  } catch (e) {
    failure = e;
  } finally {
    progress.done();
  }
  // Close the array even after a framing error, so that what was decoded stays valid JSON.
  if (argv.format === 'json') await writer.write(count > 0 ? '\n]\n' : ']\n');
  await writer.finish(failure !== undefined && output.name !== 'stdout');
  if (failure !== undefined) throw failure;
  if (skipped > 0) skippedRecords(io, skipped);
  if (count === 0 && !output.closed) noRecords(io, argv.file);
  if (bad > 0) io.stderr.write(`zert-forge: ${bad} of ${count} records${output.closed ? ' decoded before the reader closed the output' : ''} are invalid\n`);
  return bad > 0 ? EXIT.invalidData : EXIT.ok;
}
