import type { ArgumentsCamelCase, Argv } from 'yargs';
import { SCENARIOS } from '../../generators/scenarios/named.js';
import { scenarioPlaceholders } from '../../generators/scenarios/placeholders.js';
import { EXIT, exitQuietlyOnEpipe, out, run } from '../io.js';

interface Args {
  format: 'text' | 'json';
}

export const command = 'scenarios';
export const describe = 'List the named scenarios of a simulated zERT stack (generate --scenario NAME)';

const PLACEHOLDER_NOTE =
  "Placeholders: where zERT's algorithm code lies past IBM's public code lists, the simulator writes X'0000' (Unknown) as a placeholder; a real record carries a real code there, and `check` accepts any code in those fields.";

export function builder(y: Argv): Argv<Args> {
  return y
    .option('format', { describe: "'text': a table; 'json': [{name, description, placeholders: [{algorithm, fields}]}]", choices: ['text', 'json'] as const, default: 'text' as const })
    .epilogue(PLACEHOLDER_NOTE)
    .example('$0 generate --scenario handshake-failures --release 3.2', 'failed TLS and SSH handshakes as 3.2 reports them') as unknown as Argv<Args>;
}

export function scenarioList(): { name: string; description: string; placeholders: ReturnType<typeof scenarioPlaceholders> }[] {
  return SCENARIOS.map((s) => ({ name: s.name, description: s.description, placeholders: scenarioPlaceholders(s) }));
}

export function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const list = scenarioList();
    if (argv.format === 'json') {
      out(`${JSON.stringify(list, null, 2)}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...list.map((s) => s.name.length));
    const lines = list.map((s) => {
      const marks = s.placeholders.map((p) => `${p.algorithm}: ${p.fields.join(', ')}`);
      return `${s.name.padEnd(width)}  ${s.description}${marks.length ? `\n${' '.repeat(width + 2)}X'0000' placeholders: ${marks.join('; ')}` : ''}`;
    });
    out(`${lines.join('\n')}\n\n${PLACEHOLDER_NOTE}\n`);
    return EXIT.ok;
  });
}
