#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as adapterCommand from './commands/adapter.js';
import * as checkCommand from './commands/check.js';
import * as conformCommand from './commands/conform.js';
import * as decodeCommand from './commands/decode.js';
import * as generateCommand from './commands/generate.js';
import * as goldenCommand from './commands/golden.js';
import * as inspectCommand from './commands/inspect.js';
import * as scenariosCommand from './commands/scenarios.js';
import * as specCommand from './commands/spec.js';
import { EXIT } from './io.js';

await yargs(hideBin(process.argv))
  .scriptName('zert-forge')
  .usage('$0 <command> [options]\n\nGenerate, decode and inspect z/OS SMF type 119 zERT records (subtype 11 connection detail, subtype 12 summary), byte-exact, for z/OS 2.3 to 3.2.')
  .command(generateCommand)
  .command(scenariosCommand)
  .command(checkCommand)
  .command(decodeCommand)
  .command(inspectCommand)
  .command(specCommand)
  .command(goldenCommand)
  .command(conformCommand)
  .command(adapterCommand)
  .demandCommand(1, 'Name a command: generate, scenarios, check, decode, inspect, spec, golden, conform or adapter.')
  .strict()
  .recommendCommands()
  .epilogue('Exit status: 0 ok, 1 invalid data, 2 usage error. Data goes to stdout, diagnostics to stderr.')
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`zert-forge: ${message}\nRun 'zert-forge --help' or 'zert-forge <command> --help'.\n`);
    process.exit(EXIT.usage);
  })
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .parseAsync();
