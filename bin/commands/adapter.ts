import { createInterface } from 'node:readline';
import type { Argv } from 'yargs';
import { builtinAdapter } from '../../conformance/runner/adapters.js';
import { PROTOCOL_VERSION, schemaErrors, validators } from '../../conformance/runner/protocol.js';
import type { RunMessage } from '../../conformance/runner/protocol.js';
import type { ManifestCase } from '../../conformance/corpus/golden.js';

export const command = 'adapter';
export const describe = "zert-forge's decoder as an ndjson protocol adapter on stdin/stdout (the protocol's reference implementation)";

export function builder(y: Argv): Argv {
  return y.epilogue('Used by `zert-forge conform --parser "zert-forge adapter"`, and as a model for adapters of other parsers.');
}

export async function handler(): Promise<void> {
  const decoder = builtinAdapter();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const send = (m: unknown): boolean => process.stdout.write(`${JSON.stringify(m)}\n`);
  for await (const line of lines) {
    if (!line.trim()) continue;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      process.stderr.write(`zert-forge adapter: not JSON: ${line.slice(0, 200)}\n`);
      process.exitCode = 2;
      return;
    }
    const cmd = (message as { cmd?: string }).cmd;
    if (cmd === 'start' && validators().start(message)) {
      send({ version: PROTOCOL_VERSION, implementation: await decoder.implementation() });
    } else if (cmd === 'run' && validators().run(message)) {
      const m = message as RunMessage;
      const outcome = await decoder.run({ entry: m.case as unknown as ManifestCase, path: m.case.path, bytes: Buffer.from(m.case.bytes, 'base64') });
      if (outcome.kind === 'records') send({ seq: m.seq, records: outcome.records });
      else if (outcome.kind === 'rejected') send({ seq: m.seq, rejected: { message: outcome.message } });
      else if (outcome.kind === 'skipped') send({ seq: m.seq, skipped: { reason: outcome.reason } });
      else send({ seq: m.seq, errored: { message: outcome.message } });
    } else if (cmd === 'stop') {
      return;
    } else {
      const which = cmd === 'start' ? validators().start : cmd === 'run' ? validators().run : undefined;
      process.stderr.write(`zert-forge adapter: unexpected message${which ? `: ${schemaErrors(which)}` : ''}\n`);
      process.exitCode = 2;
      return;
    }
  }
}
