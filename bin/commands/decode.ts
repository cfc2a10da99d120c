import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { CanonicalRecord } from '../../spec/codec.js';
import { hasErrors } from '../../spec/codec.js';
import { formatDiagnostic } from '../../spec/errors.js';
import type { DecodedFileRecord } from '../../io/decode.js';
import { decodeFile } from '../../io/decode.js';
import { EXIT, err, exitQuietlyOnEpipe, out, readInput, run } from '../io.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';

interface Args extends ReadArgs {
  format: 'jsonl' | 'json' | 'text';
  withDiagnostics: boolean;
}

export const command = 'decode <file>';
export const describe = 'Decode an SMF file to canonical JSON (IBM field names grouped by section)';

export function builder(y: Argv): Argv<Args> {
  return withReadOptions(y)
    .option('format', { describe: 'jsonl: one record per line; json: one array; text: section > field = value lines', choices: ['jsonl', 'json', 'text'] as const, default: 'jsonl' as const })
    .option('with-diagnostics', { describe: 'wrap each record as {index, offset, release, record, diagnostics} instead of the bare record', type: 'boolean', default: false })
    .epilogue('Diagnostics go to stderr. Exit status: 0 all records valid, 1 a record or the framing is invalid, 2 usage error.')
    .example('$0 decode zert-sample.smf | head -1', 'the first record as JSON')
    .example('$0 decode dump.bin --framing vbs --format text', 'a VBS dump image, human readable') as unknown as Argv<Args>;
}

function textLines(r: DecodedFileRecord): string[] {
  const lines = [`record ${r.index} at offset ${r.offset}: subtype ${r.subtype ?? '?'}, release ${r.release ?? '?'}${r.releaseInferred ? ' (inferred)' : ''}`];
  for (const [section, value] of Object.entries(r.record ?? {})) {
    const occurrences = Array.isArray(value) ? value : [value];
    occurrences.forEach((o, i) => {
      const label = Array.isArray(value) ? `${section}[${i}]` : section;
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) lines.push(`  ${label} > ${k} = ${JSON.stringify(v)}`);
    });
    if (Array.isArray(value) && value.length === 0) lines.push(`  ${section} = (none)`);
  }
  return lines;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const { records } = decodeFile(readInput(argv.file), { framing: argv.framing, release: argv.release, codePage: argv.codePage });
    const shaped = (r: DecodedFileRecord): CanonicalRecord | null | object =>
      argv.withDiagnostics ? { index: r.index, offset: r.offset, release: r.release, record: r.record, diagnostics: r.diagnostics } : r.record;
    if (argv.format === 'json') out(`${JSON.stringify(records.map(shaped), null, 2)}\n`);
    for (const r of records) {
      if (argv.format === 'jsonl') out(`${JSON.stringify(shaped(r))}\n`);
      if (argv.format === 'text') out(`${textLines(r).join('\n')}\n`);
      for (const d of r.diagnostics) if (d.severity !== 'info') err(`record ${r.index} (offset ${r.offset}): ${formatDiagnostic(d)}`);
    }
    const bad = records.filter((r) => hasErrors(r.diagnostics)).length;
    if (bad > 0) err(`zert-forge: ${bad} of ${records.length} records are invalid`);
    return bad > 0 ? EXIT.invalidData : EXIT.ok;
  });
}
