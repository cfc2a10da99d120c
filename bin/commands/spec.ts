import type { ArgumentsCamelCase, Argv } from 'yargs';
import { specDocument, specMarkdown } from '../../spec/describe.js';
import { recordSchema } from '../../spec/schema.js';
import type { Release, Subtype } from '../../spec/types.js';
import { EXIT, exitQuietlyOnEpipe, out, run } from '../io.js';
import { releaseOption, subtypeChoices } from '../options.js';

interface Args {
  subtype?: Subtype;
  release?: Release;
  format: 'json' | 'markdown' | 'schema';
}

export const command = 'spec';
export const describe = 'Print the spec tables (JSON or Markdown) or the JSON Schema of decoded records';

export function builder(y: Argv): Argv<Args> {
  return y
    .option('subtype', { describe: 'only this subtype', choices: subtypeChoices, type: 'number' })
    .option('release', { ...releaseOption, describe: 'only what exists in this release (lengths and offsets of that release)' })
    .option('format', { describe: 'json: every section with its length per release, every field with offset, length, type, since, values, source and confidence; markdown: the same as tables; schema: JSON Schema of decode output', choices: ['json', 'markdown', 'schema'] as const, default: 'json' as const })
    .example('$0 spec --subtype 12 --release 3.2 --format markdown', 'the 3.2 summary record layout') as unknown as Argv<Args>;
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const releases = argv.release ? [argv.release] : undefined;
    if (argv.format === 'schema') {
      const subtypes: Subtype[] = argv.subtype ? [argv.subtype] : [11, 12];
      const schemas = subtypes.map((st) => recordSchema(st, releases));
      out(`${JSON.stringify(schemas.length === 1 ? schemas[0] : { oneOf: schemas }, null, 2)}\n`);
      return EXIT.ok;
    }
    const doc = specDocument({ subtype: argv.subtype, release: argv.release });
    out(argv.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : specMarkdown(doc));
    return EXIT.ok;
  });
}
