import { setFlagsFromString } from 'node:v8';
import type { Argv } from 'yargs';
import type { CheckOptions, CheckResult, Finding, RuleName } from '../../generators/scenarios/check.js';
import { createChecker, isRuleName, RULE_NAMES, RULES } from '../../generators/scenarios/check.js';
import { decodeStream, isForeignRecord } from '../../io/decode.js';
import type { CommandIO } from '../io.js';
import { EXIT, inputChunks, inputSize, openOutput, Progress, UsageError } from '../io.js';
import { BufferedWriter, decodeOptions, noRecords, skippedRecords } from './reading.js';
import type { ReadArgs } from '../options.js';
import { withReadOptions } from '../options.js';

interface Args extends ReadArgs {
  max: number;
  format: 'text' | 'json';
  only?: string | string[];
  ignore?: string | string[];
  strict: boolean;
  completeWindow: boolean;
  utcOffset?: string;
  quiet: boolean;
}

export const command = 'check <file>';
export const describe = 'Check a record stream for cross-record consistency: summary counts against detail events, life cycles, cipher codes, IP families';

const RULE_HELP = RULE_NAMES.map((r) => {
  const def: { severity: string; strict?: string; describe: string } = RULES[r];
  return `  ${r} (${def.severity}${def.strict ? `; --strict: ${def.strict}` : ''}): ${def.describe}`;
}).join('\n');

const JSON_HELP = `--format json writes one object: {"ok": boolean (exit 0), "records", "detailRecords", "summaryRecords", "connections", "sessionIntervals", "errors", "warnings", "byRule": {rule: count}, "skipped": [{"rule", "reason"}], "findings": [{"rule", "severity": "error"|"warning", "kind" (the decoder's error kind for rule decode, else the rule), "index" (record number from 0; -1 for the stream), "offset" (file offset of the record; -1), "path" ("st11 > TLS[0] > SMF119SC_TLS_Neg_Cipher"), "message"}]} (at most --max findings; the counts cover all).`;

export function builder(y: Argv): Argv<Args> {
  return withReadOptions(y)
    .option('max', { describe: 'show at most this many findings', type: 'number', default: 50 })
    .option('format', { describe: "'text': one line per finding; 'json': one object (see below)", choices: ['text', 'json'] as const, default: 'text' as const })
    .option('quiet', { alias: 'q', describe: 'no progress line (shown only when stderr is a terminal, never in CI)', type: 'boolean', default: false })
    // Not `array: true`: that would swallow the file name that follows.
    .option('only', { describe: 'run only these rules (repeat the option or comma-separate)', type: 'string' })
    .option('ignore', { describe: 'switch these rules off (repeat the option or comma-separate)', type: 'string' })
    .option('strict', { describe: 'rules that are off by default run, order is an error, and warnings fail the check', type: 'boolean', default: false })
    .option('complete-window', { describe: 'the file holds every connection from its start (a simulated run, not a dump that starts mid-day): a Change/Term without Init is an error and summary counts must match exactly', type: 'boolean', default: false })
    .option('utc-offset', { describe: "how far the header's local time is ahead of UTC (the zERT times are UTC): hours ('-5', '5.5') or '+HH:MM'", type: 'string' })
    .epilogue(`Rules (default severity):\n${RULE_HELP}\n\nA file with only one subtype skips the rules that relate subtype 11 and 12. Exit status 1 when a finding is an error (with --strict, also a warning).\n\n${JSON_HELP}`)
    .example('$0 generate --scenario mixed-estate -o estate.smf && $0 check --complete-window estate.smf', 'a simulated stack is consistent, exactly')
    .example('$0 check --utc-offset +02:00 --ignore order dump.smf', 'a real dump from a system two hours ahead of UTC')
    .example('$0 check --only summary-count --format json dump.smf', 'one rule, as JSON') as unknown as Argv<Args>;
}

/** '+02:00', '-5', '5.5' -> minutes. */
export function parseUtcOffset(text: string): number {
  const hm = /^([+-])?(\d{1,2}):(\d{2})$/.exec(text);
  const minutes = hm ? (hm[1] === '-' ? -1 : 1) * (Number(hm[2]) * 60 + Number(hm[3])) : Number(text) * 60;
  if (!Number.isFinite(minutes) || Math.abs(minutes) > 14 * 60) throw new UsageError(`--utc-offset ${text}: give hours (-5, 5.5) or +HH:MM, at most 14 hours`);
  return Math.round(minutes);
}

function ruleList(values: string | string[] | undefined, option: string): RuleName[] | undefined {
  if (values === undefined) return undefined;
  const names = [values].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const n of names) if (!isRuleName(n)) throw new UsageError(`--${option} ${n}: no such rule; rules: ${RULE_NAMES.join(', ')}`);
  return names as RuleName[];
}

export function checkOptions(argv: Pick<Args, 'only' | 'ignore' | 'strict' | 'completeWindow' | 'utcOffset' | 'max'>): CheckOptions {
  const only = ruleList(argv.only, 'only');
  const ignore = ruleList(argv.ignore, 'ignore');
  return {
    ...(only ? { only } : {}),
    ...(ignore ? { ignore } : {}),
    strict: argv.strict,
    completeWindow: argv.completeWindow,
    utcOffsetMinutes: argv.utcOffset === undefined ? 0 : parseUtcOffset(argv.utcOffset),
    keep: argv.max,
  };
}

export function formatText(f: Finding): string {
  return `${f.index >= 0 ? `record ${f.index} (offset ${f.offset})` : 'stream'}: ${f.severity}: ${f.rule}${f.kind !== f.rule ? ` (${f.kind})` : ''}: ${f.path}: ${f.message}`;
}

export function formatJson(result: CheckResult): string {
  const { findings, failed, ...rest } = result;
  return `${JSON.stringify({ ok: !failed, ...rest, findings })}\n`;
}

/**
 * The checker holds each connection from its Init to its Term: objects that live a few seconds, long enough to
 * reach V8's old space, which by default grows to up to 4x what survived its last collection before it collects
 * again; most of check's peak RSS was such garbage. Growing by half instead collects it sooner for a few percent
 * more GC time. It is a ratio, not a limit: a large set of open connections still gets all the heap it needs.
 * V8 reads the flag whenever it sets the next limit, so setting it here, after start-up, takes effect.
 */
const HEAP_GROWING_PERCENT = 50;

export async function main(argv: Args, io: CommandIO): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const checker = createChecker(checkOptions(argv));
  const chunks = await inputChunks(argv.file, io);
  const output = await openOutput('-', io);
  const writer = new BufferedWriter(output);
  const size = inputSize(argv.file, io);
  const progress = new Progress(io, { quiet: argv.quiet, verb: 'checked', ...(size !== undefined ? { totalBytes: size } : {}) });
  let position = 0;
  let skipped = 0;
  try {
    // Records are checked as they are read: the checker keeps state for open connections and open intervals only.
    for await (const r of decodeStream(chunks, decodeOptions(argv))) {
      if (isForeignRecord(r)) skipped++;
      else checker.push(r);
      progress.tick(1, r.offset - position);
      position = r.offset;
    }
  } finally {
    progress.done();
  }
  const result = checker.finish();
  if (skipped > 0) skippedRecords(io, skipped);
  if (result.records === 0) noRecords(io, argv.file);
  if (argv.format === 'json') await writer.write(formatJson(result));
  else {
    for (const f of result.findings) if (!(await writer.write(`${formatText(f)}\n`))) break;
    const total = result.errors + result.warnings;
    if (total > result.findings.length) await writer.write(`... and ${total - result.findings.length} more\n`);
    for (const s of result.skipped) io.stderr.write(`zert-forge: rule ${s.rule} skipped: ${s.reason}\n`);
  }
  await writer.finish();
  const scope = `${result.records} records (${result.detailRecords} detail, ${result.summaryRecords} interval summaries), ${result.connections} connections`;
  if (!result.failed) {
    io.stderr.write(`zert-forge: consistent${result.warnings ? ` (${result.warnings} warning(s))` : ''}: ${scope}\n`);
    return EXIT.ok;
  }
  io.stderr.write(`zert-forge: ${result.errors} error(s), ${result.warnings} warning(s) in ${scope}\n`);
  return EXIT.invalidData;
}
