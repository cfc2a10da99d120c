import type { Argv } from 'yargs';
import { SCENARIOS } from '../../generators/scenarios/named.js';
import { EXIT, exitQuietlyOnEpipe, out, run } from '../io.js';

export const command = 'scenarios';
export const describe = 'List the named scenarios of a simulated zERT stack (generate --scenario NAME)';

export function builder(y: Argv): Argv {
  return y.example('$0 generate --scenario handshake-failures --release 3.2', 'failed TLS and SSH handshakes as 3.2 reports them');
}

export function handler(): Promise<void> {
  return run(() => {
    exitQuietlyOnEpipe();
    const width = Math.max(...SCENARIOS.map((s) => s.name.length));
    out(`${SCENARIOS.map((s) => `${s.name.padEnd(width)}  ${s.description}`).join('\n')}\n`);
    return EXIT.ok;
  });
}
