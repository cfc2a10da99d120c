import type { ArgumentsCamelCase, Argv } from 'yargs';
import { specDocument, specMarkdown } from '../../spec/describe.js';
import { cHeader } from '../../spec/export/c.js';
import { dsectText } from '../../spec/export/dsect.js';
import { fieldLookupText, lookupField } from '../../spec/export/field.js';
import { ksyText } from '../../spec/export/ksy.js';
import { recordSchema } from '../../spec/schema.js';
import type { Release, Subtype } from '../../spec/types.js';
import { readMapping } from '../../spec/verify/mapping.js';
import { referencePatch } from '../../spec/verify/patch.js';
import { verifyMapping, verifyText } from '../../spec/verify/verify.js';
import { EXIT, exitQuietlyOnEpipe, out, readInput, run, UsageError, writeFileAtomic } from '../io.js';
import { DEFAULT_RELEASE, releaseOption, subtypeChoices } from '../options.js';

const FORMATS = ['json', 'markdown', 'schema', 'ksy', 'c', 'dsect', 'text'] as const;
type Format = (typeof FORMATS)[number];
const EXPORTS = { ksy: ksyText, c: cHeader, dsect: dsectText } as const;

export interface SpecArgs {
  subtype?: Subtype;
  release?: Release;
  format?: Format;
  field?: string;
  verify?: string;
  patch?: string;
}

export const command = 'spec';
export const describe = 'Print the spec tables (JSON, Markdown, JSON Schema, Kaitai Struct, C header, HLASM DSECT), look up one field, or verify the tables against your IBM mapping';

export function builder(y: Argv): Argv<SpecArgs> {
  return y
    .option('subtype', { describe: 'only this subtype (required for ksy, c and dsect)', choices: subtypeChoices, type: 'number' })
    .option('release', { ...releaseOption, describe: `only what exists in this release (lengths and offsets of that release); ksy, c, dsect and --verify use ${DEFAULT_RELEASE} when left out` })
    .option('format', {
      describe:
        'json (default): every section with its length per release, every field with offset, length, type, since, values, source and confidence; markdown: the same as tables; schema: JSON Schema of decode output; ' +
        'ksy: Kaitai Struct definition (compile it for any Kaitai target language); c: C header with packed structs, #defines and _Static_asserts; dsect: HLASM DSECTs in IBM mapping-macro style; ' +
        'with --field or --verify: text (default) or json',
      choices: FORMATS,
    })
    .option('field', { describe: "one field's meaning, offset and length per release, type, codes, confidence and source; a prefix (SMF119SC_TLS_) or part of a name lists the matches", type: 'string' })
    .option('verify', { describe: "compare the tables with your mapping: an HLASM listing of the EZASMF77 expansion, the macro source, or ezasmf.h ('-' for stdin); the report holds only names, offsets, lengths and codes; exit 1 on any difference", type: 'string' })
    .option('patch', { describe: 'with --verify: also write to FILE, for the maintainers, one JSON Patch (RFC 6902) per reference file in spec/reference (offsets and lengths to replace, fields and codes to add)', type: 'string', implies: 'verify' })
    .conflicts('field', 'verify')
    .example('$0 spec --subtype 12 --release 3.2 --format markdown', 'the 3.2 summary record layout')
    .example('$0 spec --subtype 11 --release 3.2 --format ksy > smf119_st11.ksy', 'a Kaitai Struct definition: kaitai-struct-compiler -t python smf119_st11.ksy')
    .example('$0 spec --subtype 11 --format c > zert_st11.h', 'a C header; its _Static_asserts check the struct offsets when you compile it')
    .example('$0 spec --subtype 12 --format dsect', 'HLASM DSECTs to assemble with your own programs')
    .example('$0 spec --field SMF119SC_TLS_Neg_Cipher', 'everything the tables know about one field')
    .example('$0 spec --field SMF119SS_TLS_', 'every field whose name starts with SMF119SS_TLS_')
    .example('$0 spec --verify EZASMF77.listing --release 3.1', 'check our tables against IBM\'s mapping on your system (the report holds no system data)')
    .example('$0 spec --verify ezasmf.h --format json --patch fixes.json', 'machine-readable report plus a patch of the reference JSON') as unknown as Argv<SpecArgs>;
}

/** The command body without process I/O: returns the exit code and the text for stdout. */
export function specCommand(argv: SpecArgs): { code: number; output: string } {
  const format = argv.format;
  if (argv.field !== undefined || argv.verify !== undefined) {
    if (format !== undefined && format !== 'text' && format !== 'json') throw new UsageError(`--format ${format} does not apply to --${argv.field !== undefined ? 'field' : 'verify'}: use text or json`);
  } else if (format === 'text') {
    throw new UsageError('--format text applies to --field and --verify only');
  }
  if (argv.field !== undefined) {
    const lookup = lookupField(argv.field);
    if (lookup.match === 'none') throw new UsageError(`no field matches '${argv.field}' (try a prefix such as SMF119SC_ or part of a name)`);
    return { code: EXIT.ok, output: format === 'json' ? `${JSON.stringify(lookup, null, 2)}\n` : fieldLookupText(argv.field, lookup) };
  }
  if (argv.verify !== undefined) {
    const text = Buffer.from(readInput(argv.verify)).toString('utf8');
    const mapping = readMapping(text);
    if (mapping.fields.length === 0) throw new UsageError(`${argv.verify}: no DSECT/DS statements or C structs found (expected an HLASM listing, assembler source or a C header)`);
    const report = verifyMapping(mapping, { release: argv.release ?? DEFAULT_RELEASE, ...(argv.subtype ? { subtypes: [argv.subtype] } : {}) });
    if (argv.patch !== undefined) writeFileAtomic(argv.patch, `${JSON.stringify(referencePatch(report, `user mapping ${argv.verify.split('/').pop()}`), null, 2)}\n`);
    return { code: report.differences.length ? EXIT.invalidData : EXIT.ok, output: format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : verifyText(report, argv.verify) };
  }
  if (format === 'ksy' || format === 'c' || format === 'dsect') {
    if (!argv.subtype) throw new UsageError(`--format ${format} needs --subtype 11 or 12 (one record layout per file)`);
    return { code: EXIT.ok, output: EXPORTS[format](argv.subtype, argv.release ?? DEFAULT_RELEASE) };
  }
  const releases = argv.release ? [argv.release] : undefined;
  if (format === 'schema') {
    const subtypes: Subtype[] = argv.subtype ? [argv.subtype] : [11, 12];
    const schemas = subtypes.map((st) => recordSchema(st, releases));
    return { code: EXIT.ok, output: `${JSON.stringify(schemas.length === 1 ? schemas[0] : { oneOf: schemas }, null, 2)}\n` };
  }
  const doc = specDocument({ subtype: argv.subtype, release: argv.release });
  return { code: EXIT.ok, output: format === 'markdown' ? specMarkdown(doc) : `${JSON.stringify(doc, null, 2)}\n` };
}

export function handler(argv: ArgumentsCamelCase<SpecArgs>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const { code, output } = specCommand(argv);
    out(output);
    return code;
  });
}
