// A misbehaving ndjson parser for the runner's tests. Its behaviour is the first argument:
//   wrong | crash | hang | junk | flood | skip | badseq | reject-all | start-junk      (one kind of failure each)
//   hang-before-start | slow-start | flood-lines | fork | fork-hang | fail-once        (hostile and slow ones)
// The second argument, when given, is a marker the tests find in the command line of this process and of any
// child it forks (to check that none survives); fail-once keeps its state in the file named by the third.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [mode, marker = 'no-marker', stateFile] = process.argv.slice(2);
const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
if (mode === 'start-junk') process.stdout.write('Welcome to my parser!\n');
if (mode === 'fork' || mode === 'fork-hang') {
  // A child that keeps running and holds our stdout: only killing the process group ends it.
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: ['ignore', 'inherit', 'inherit'] });
}
const firstTime = mode === 'fail-once' && !existsSync(stateFile);
if (firstTime) writeFileSync(stateFile, 'failed once');

for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line);
  if (msg.cmd === 'start') {
    if (mode === 'hang-before-start' || mode === 'start-junk') continue;
    if (mode === 'slow-start') await sleep(2000);
    send({ version: 1, implementation: { name: `fake-${mode}` } });
    continue;
  }
  if (msg.cmd === 'stop') {
    if (mode === 'fork') continue; // ignores stop: the runner's deadline must end it
    process.exit(0);
  }
  switch (mode) {
    case 'wrong':
      send({ seq: msg.seq, records: [{ Header: { SMF119HDLength: 1, SMF119HDSubType: 99 } }] });
      break;
    case 'crash':
      process.stderr.write('segmentation fault (pretend)\n');
      process.exit(3);
      break;
    case 'hang':
    case 'hang-before-start':
    case 'fork-hang':
      break;
    case 'junk':
      process.stdout.write('this is not json\n');
      break;
    case 'flood':
      process.stdout.write('x'.repeat(1 << 20));
      break;
    case 'flood-lines':
      // Short blank lines without end, never an answer: only a bound on what the runner reads per case stops them.
      for (;;) if (!process.stdout.write('  \n'.repeat(8192))) await new Promise((resolve) => process.stdout.once('drain', resolve));
    case 'fail-once':
      if (firstTime) process.stdout.write('oops\n');
      else send({ seq: msg.seq, skipped: { reason: 'fine now' } });
      break;
    case 'skip':
    case 'slow-start':
    case 'fork':
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
