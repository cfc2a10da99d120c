import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import * as adapterCommand from './commands/adapter.js';
import * as checkCommand from './commands/check.js';
import * as conformCommand from './commands/conform.js';
import * as decodeCommand from './commands/decode.js';
import * as encodeCommand from './commands/encode.js';
import * as fuzzCommand from './commands/fuzz.js';
import * as generateCommand from './commands/generate.js';
import * as goldenCommand from './commands/golden.js';
import * as inspectCommand from './commands/inspect.js';
import * as scenariosCommand from './commands/scenarios.js';
import * as specCommand from './commands/spec.js';
import type { CommandIO } from './io.js';
import { EXIT, runCommand, UsageError, withIO } from './io.js';

// The whole CLI as a function of its arguments and streams, so that tests run it in-process.

/** zert-forge's own version: its package.json found from this module, not from the working directory. */
export function ownVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zert-forge' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

/** A command that takes its streams from `io` (commands/*.ts exporting main). */
interface StreamCommand<A> {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  main: (argv: A, io: CommandIO) => Promise<number>;
}

export async function main(args: string[], io: CommandIO): Promise<number> {
  let code: number | undefined;
  const streaming = <A>(m: StreamCommand<A>): CommandModule<object, A> => ({
    command: m.command,
    describe: m.describe,
    builder: m.builder as CommandModule<object, A>['builder'],
    handler: async (argv: ArgumentsCamelCase<A>) => {
      code = await runCommand(io, () => m.main(argv as A, io));
    },
  });
  const usage = (message: string): number => {
    io.stderr.write(`zert-forge: ${message}\nRun 'zert-forge --help' or 'zert-forge <command> --help'.\n`);
    return EXIT.usage;
  };
  const parser = yargs()
    .scriptName('zert-forge')
    .usage('$0 <command> [options]\n\nGenerate, decode and inspect z/OS SMF type 119 zERT records (subtype 11 connection detail, subtype 12 summary), byte-exact, for z/OS 2.3 to 3.2.')
    .command(streaming(generateCommand))
    .command(scenariosCommand)
    .command(streaming(checkCommand))
    .command(streaming(decodeCommand))
    .command(streaming(encodeCommand))
    .command(streaming(inspectCommand))
    .command(specCommand)
    .command(goldenCommand)
    .command(conformCommand)
    .command(adapterCommand)
    .command(fuzzCommand)
    .completion('completion', 'Print a bash/zsh completion script: zert-forge completion >> ~/.bashrc')
    .demandCommand(1, 'Name a command: generate, scenarios, check, decode, encode, inspect, spec, golden, conform, adapter or fuzz.')
    .strict()
    .recommendCommands()
    .epilogue('Exit status: 0 ok, 1 invalid data (or output that could not be written), 2 usage error. Data goes to stdout, diagnostics to stderr; every non-zero exit says why on stderr.')
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .help()
    .version(ownVersion())
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 110));
  try {
    let printed = '';
    const reported = await withIO(io, async () => {
      await parser.parseAsync(args, {}, (_e: unknown, _argv: unknown, output: string) => {
        printed = output;
      });
    });
    code ??= reported;
    if (printed) io.stdout.write(printed.endsWith('\n') ? printed : `${printed}\n`);
  } catch (e) {
    // yargs' own argument errors (YError) are usage errors too.
    if (e instanceof UsageError || (e instanceof Error && e.name === 'YError')) return usage(e.message);
    return runCommand(io, () => {
      throw e;
    });
  }
  return code ?? EXIT.ok;
}
