// A misbehaving ndjson parser for the runner's tests. Its behaviour is the first argument:
// wrong | crash | hang | junk | flood | skip | badseq | reject-all | start-junk
import { createInterface } from 'node:readline';

const mode = process.argv[2];
const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
if (mode === 'start-junk') {
  process.stdout.write('Welcome to my parser!\n');
}
for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line);
  if (msg.cmd === 'start') {
    if (mode !== 'start-junk') send({ version: 1, implementation: { name: `fake-${mode}` } });
    continue;
  }
  if (msg.cmd === 'stop') process.exit(0);
  switch (mode) {
    case 'wrong':
      send({ seq: msg.seq, records: [{ Header: { SMF119HDLength: 1, SMF119HDSubType: 99 } }] });
      break;
    case 'crash':
      process.stderr.write('segmentation fault (pretend)\n');
      process.exit(3);
      break;
    case 'hang':
      break;
    case 'junk':
      process.stdout.write('this is not json\n');
      break;
    case 'flood':
      process.stdout.write('x'.repeat(1 << 20));
      break;
    case 'skip':
      send({ seq: msg.seq, skipped: { reason: 'not today' } });
      break;
    case 'badseq':
      send({ seq: msg.seq + 100, records: [] });
      break;
    case 'reject-all':
      send({ seq: msg.seq, rejected: { message: 'I reject everything' } });
      break;
  }
}
