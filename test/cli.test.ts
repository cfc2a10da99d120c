import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { main } from '../bin/cli.js';
import { writeRdw } from '../io/framing.js';
import { encode } from '../spec/codec.js';
import { RELEASES } from '../spec/types.js';
import { cli, freshDir } from './helpers/cli.js';
import { referenceFields } from './helpers/reference.js';

// The CLI in-process (bin/cli.ts main with its own streams); test/cli-smoke.test.ts runs the built CLI.

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A random-record file of `n` records, written by the CLI. */
async function randomFile(n: number, extra: string[] = []): Promise<string> {
  const file = join(freshDir(), 'r.smf');
  const r = await cli(['generate', '--random', '-n', String(n), '-o', file, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return file;
}

const badRecord = (): Uint8Array => encode({ Header: { SMF119HDSubType: 11 } }, { release: '3.2', overrides: { 'Header.SMF119HDDate': { raw: '0125999F' } } });

describe('generate', () => {
  it('with no flags runs the simulated stack (mixed-estate, one hour, both subtypes) into zert-sample.smf, which check finds consistent', async () => {
    const dir = freshDir();
    const r = await cli(['generate'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote \d+ records \(scenario mixed-estate, \d+ subtype 11, \d+ subtype 12\), z\/OS 3\.2, RDW framing, \d+ bytes to zert-sample\.smf/);
    expect(readdirSync(dir)).toEqual(['zert-sample.smf']); // no temporary file left behind
    const check = await cli(['check', join(dir, 'zert-sample.smf')]);
    expect(check.status, check.stdout.toString()).toBe(0);
    const times = (await cli(['decode', join(dir, 'zert-sample.smf')])).stdout.toString().trim().split('\n').map((l) => JSON.parse(l).Header.SMF119HDTime as string);
    // One simulated hour: the last record is within the hour after the first.
    expect(times[0]).toMatch(/^00:/);
    expect(times.at(-1)! <= '01:00:00.00').toBe(true);
  });
  it('--random is deterministic for a seed, differs across seeds, and --subtype keeps that subtype\'s records', async () => {
    const dir = freshDir();
    for (const [seed, name, extra] of [['7', 'a', []], ['7', 'b', []], ['8', 'c', []], ['7', 'd', ['--subtype', '11']]] as const) {
      expect((await cli(['generate', '--random', '--seed', seed, '-n', '20', '-o', name, ...extra], { cwd: dir })).status).toBe(0);
    }
    const [a, b, c] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, n)));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
    const both = (await cli(['decode', join(dir, 'a')])).stdout.toString().trim().split('\n');
    const only11 = (await cli(['decode', join(dir, 'd')])).stdout.toString().trim().split('\n');
    expect(only11.slice(0, 10)).toEqual(both.filter((l) => JSON.parse(l).Header.SMF119HDSubType === 11));
  });
  it('--jobs gives the same bytes for 1 and 2 worker threads', async () => {
    const dir = freshDir();
    for (const jobs of ['1', '2']) expect((await cli(['generate', '--random', '-n', '200', '--jobs', jobs, '-o', `j${jobs}`], { cwd: dir })).status).toBe(0);
    const [one, two] = ['j1', 'j2'].map((n) => readFileSync(join(dir, n)));
    expect(one!.length).toBeGreaterThan(200 * 100);
    expect(two!.equals(one!)).toBe(true);
  });
  it('a simulated stack sharded over 3 worker threads gives the bytes of one thread', async () => {
    const dir = freshDir();
    const run = ['generate', '--scenario', 'tls-over-ipsec', '--duration', '600', '--rate', '120', '--system', 'SYSA,SYSB'];
    for (const jobs of ['1', '3']) expect((await cli([...run, '--jobs', jobs, '-o', `s${jobs}`], { cwd: dir })).status).toBe(0);
    const [one, three] = ['s1', 's3'].map((n) => readFileSync(join(dir, n)));
    expect(one!.length).toBeGreaterThan(100 * 200);
    expect(three!.equals(one!)).toBe(true);
  });
  it('writes VBS blocks that decode with auto-detection for every release and subtype', async () => {
    const dir = freshDir();
    for (const release of RELEASES) {
      for (const subtype of ['11', '12']) {
        const file = join(dir, `${subtype}-${release}.vbs`);
        expect((await cli(['generate', '--random', '--subtype', subtype, '--release', release, '-n', '40', '--framing', 'vbs', '--block-size', '2000', '-o', file])).status).toBe(0);
        const d = await cli(['decode', file, '--release', release, '--format', 'json']);
        expect(d.status, d.stderr).toBe(0);
        expect(JSON.parse(d.stdout.toString())).toHaveLength(40);
      }
    }
  });
  it('--start, --system and --stack land in the records', async () => {
    const dir = freshDir();
    const r = await cli(['generate', '--scenario', 'healthy-tls', '--duration', '120', '--start', '2024-02-29', '--system', 'PRD1SYS', '--stack', 'TCPIPB', '-o', 'x.smf'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const records = (await cli(['decode', join(dir, 'x.smf')])).stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(0);
    for (const rec of records) {
      expect(rec.Header.SMF119HDDate).toBe('2024-02-29');
      expect(rec.Header.SMF119HDSID).toBe('PRD1');
      expect(rec.Ident[0].SMF119TI_SYSName).toBe('PRD1SYS');
      expect(rec.Ident[0].SMF119TI_Stack).toBe('TCPIPB');
    }
  });
  it.each([
    [['-n'], /Not enough arguments following: n/],
    [['--random', '-n'], /Not enough arguments following: n/],
    [['--random', '-n', '0'], /--count must be a whole number/],
    [['--random', '-n', 'abc'], /--count must be a whole number/],
    [['-n', '5'], /--count applies to --random only/],
    [['--random', '--scenario', 'healthy-tls'], /random and scenario are mutually exclusive/],
    [['--random', '--duration', '60'], /random and duration are mutually exclusive/],
    [['--jobs', '0'], /--jobs must be a whole number from 1 to 64, got 0/],
    [['--system', 'SYSA,1BAD'], /--system must be 1 to 8 characters/],
    [['--random', '--framing', 'vbs', '--block-size', '1'], /--block-size must be a whole number from 18 to 32760, got 1/],
    [['--random', '--framing', 'vbs', '--block-size', '8'], /got 8/],
    [['--random', '--framing', 'vbs', '--block-size', '33000'], /got 33000/],
    [['--random', '--framing', 'vbs', '--block-size', 'abc'], /got NaN/],
    [['--random', '--block-size', '2000'], /--block-size applies to --framing vbs only/],
    [['--release', '9.9'], /Invalid values/],
    [['--start', '2024-13-45'], /--start must be a date/],
    [['--system', 'lower'], /--system must be 1 to 8 characters/],
    [['--frobnicate'], /Unknown argument/],
  ])('generate %j is a usage error (exit 2) that says why', async (args, message) => {
    const dir = freshDir();
    const r = await cli(['generate', ...args, '-o', 'x.smf'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^zert-forge: /);
    expect(existsSync(join(dir, 'x.smf'))).toBe(false);
  });
  it('a missing output folder is a usage error; a full device is one line and exit 1 (issue 12 items 2, 10)', async () => {
    const missing = await cli(['generate', '--random', '-o', join(freshDir(), 'missing-dir', 'x.smf')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^zert-forge: cannot open .*missing-dir\/x\.smf: no such file or directory \(ENOENT\)\n$/);
    const full = await cli(['generate', '--random', '-o', '/dev/full']);
    expect(full.status).toBe(1);
    expect(full.stderr).toBe('zert-forge: cannot write /dev/full: no space left on device (ENOSPC)\n');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
  it('writes devices and symlinks to devices in place; a symlink to a regular file writes its target, mode kept (issue 12 item 2)', async () => {
    const dir = freshDir();
    symlinkSync('/dev/null', join(dir, 'null-link'));
    expect((await cli(['generate', '--random', '-o', 'null-link'], { cwd: dir })).status).toBe(0);
    expect(lstatSync(join(dir, 'null-link')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'null-link')).isCharacterDevice()).toBe(true);
    expect((await cli(['generate', '--random', '-o', '/dev/null'])).status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'target.smf'), 'old');
    chmodSync(join(dir, 'real', 'target.smf'), 0o640);
    symlinkSync(join(dir, 'real', 'target.smf'), join(dir, 'link.smf'));
    expect((await cli(['generate', '--random', '-n', '4', '-o', 'link.smf'], { cwd: dir })).status).toBe(0);
    expect(lstatSync(join(dir, 'link.smf')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'real', 'target.smf')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, 'real', 'target.smf')).length).toBeGreaterThan(4 * 100);
    expect(readdirSync(join(dir, 'real'))).toEqual(['target.smf']);
  });
  it('-o - writes to stdout', async () => {
    const r = await cli(['generate', '--random', '-n', '3', '-o', '-', '--seed', '4']);
    expect(r.status).toBe(0);
    const file = await randomFile(3, ['--seed', '4']);
    expect(r.stdout.equals(readFileSync(file))).toBe(true);
  });
});

/** A stdout whose reader goes away after `limit` bytes, as `| head -c` does. */
function closingStdout(limit: number): { stream: Writable; received: () => number } {
  let received = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > limit) done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      else done();
    },
  });
  return { stream, received: () => received };
}

async function withClosingStdout(args: string[], limit: number): Promise<{ status: number; stderr: string; received: number }> {
  const { stream, received } = closingStdout(limit);
  const errors: Buffer[] = [];
  const stderr = new Writable({ write: (c: Buffer, _e, done) => (errors.push(c), done()) });
  const { Readable } = await import('node:stream');
  const status = await main(args, { stdin: Readable.from([]), stdout: stream, stderr, cwd: freshDir(), env: {}, stderrIsTTY: false });
  return { status, stderr: Buffer.concat(errors).toString(), received: received() };
}

describe('decode', () => {
  it('passes over the other SMF records of a dump (type 30, type 119 subtypes 2 and 99), counted on stderr; check too', async () => {
    const corpus = new URL('../conformance/corpus/', import.meta.url).pathname;
    const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { cases: { id: string; input: string; records: number; skip?: unknown[] }[] };
    const c = manifest.cases.find((x) => x.id === 'st11-3.2-other-records')!;
    const decoded = await cli(['decode', join(corpus, c.input)]);
    expect(decoded.status).toBe(0);
    expect(decoded.stdout.toString().trim().split('\n')).toHaveLength(c.records);
    expect(decoded.stderr.toString()).toContain(`skipped ${c.skip!.length} record(s) that are not SMF type 119 subtype 11 or 12`);
    const checked = await cli(['check', join(corpus, c.input)]);
    expect(checked.status).toBe(0);
    expect(checked.stderr.toString()).toContain(`skipped ${c.skip!.length} record(s)`);
  });
  it("reads '-' as stdin, and prints JSON Lines or one streamed JSON array", async () => {
    const file = await randomFile(30);
    const lines = await cli(['decode', '-'], { stdin: readFileSync(file) });
    expect(lines.status, lines.stderr).toBe(0);
    const records = lines.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(30);
    const array = await cli(['decode', file, '--format', 'json']);
    // Laid out exactly as JSON.stringify(records, null, 2): the streamed array is the same text.
    expect(array.stdout.toString()).toBe(`${JSON.stringify(records, null, 2)}\n`);
  });
  it('decode | encode round-trips byte for byte: random records of every release (via --with-diagnostics), a simulated stack, VBS', async () => {
    for (const release of RELEASES) {
      const file = await randomFile(24, ['--release', release]);
      const decoded = await cli(['decode', file, '--with-diagnostics']);
      const back = await cli(['encode', '-'], { stdin: decoded.stdout });
      expect(back.status, back.stderr).toBe(0);
      expect(back.stdout.equals(readFileSync(file)), release).toBe(true);
    }
    const dir = freshDir();
    await cli(['generate', '--scenario', 'handshake-failures', '--duration', '300', '--framing', 'vbs', '--block-size', '1000', '-o', 'sim.smf'], { cwd: dir });
    const json = await cli(['decode', join(dir, 'sim.smf'), '--format', 'json']);
    const back = await cli(['encode', '-', '--framing', 'vbs', '--block-size', '1000', '-o', 'back.smf'], { stdin: json.stdout, cwd: dir });
    expect(back.status, back.stderr).toBe(0);
    expect(readFileSync(join(dir, 'back.smf')).equals(readFileSync(join(dir, 'sim.smf')))).toBe(true);
  });
  it('exit 1 for an invalid record, diagnostics with path on stderr', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'bad.smf'), badRecord());
    const r = await cli(['decode', join(dir, 'bad.smf')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error bad-packed-date: st11 > Header > SMF119HDDate (offset 10)');
    expect(r.stderr).toMatch(/1 of 1 records are invalid/);
  });
  it('exit 1 for a file that is neither RDW nor VBS, and for /dev/zero and /dev/urandom, at once (issue 12 item 6)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'junk'), Buffer.from('hello, world, this is not SMF'));
    const r = await cli(['decode', join(dir, 'junk')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/neither RDW records nor VBS blocks/);
    const zero = await cli(['decode', '/dev/zero']);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/^zert-forge: .*at offset 0, RDW length 0 is below 5.*\n$/);
    expect((await cli(['inspect', '/dev/zero'])).status).toBe(1);
    const random = await cli(['decode', '/dev/urandom']);
    expect(random.status).toBe(1);
    expect(random.stderr.trim().split('\n')).toHaveLength(1);
    expect(random.stderr).toMatch(/^zert-forge: framing: .*offset 0/);
  });
  it('says "no records" for an empty input and exits 0', async () => {
    const r = await cli(['decode', '-'], { stdin: '' });
    expect(r).toMatchObject({ status: 0, stderr: 'zert-forge: no records in stdin\n' });
    expect(r.stdout.toString()).toBe('');
    const json = await cli(['decode', '-', '--format', 'json'], { stdin: '' });
    expect(JSON.parse(json.stdout.toString())).toEqual([]);
  });
  it('exit 2 for a missing file or a directory, saying which', async () => {
    const r = await cli(['decode', '/nonexistent/file.smf']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('zert-forge: cannot open /nonexistent/file.smf: no such file or directory (ENOENT)\n');
    expect((await cli(['decode', freshDir()])).stderr).toMatch(/is a directory/);
  });
  it('-o /dev/full is one line and exit 1 (issue 12 item 10)', async () => {
    const file = await randomFile(5);
    const r = await cli(['decode', file, '-o', '/dev/full']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('zert-forge: cannot write /dev/full: no space left on device (ENOSPC)\n');
  });
  it('a closed pipe stops the work at once: exit 0 with valid data, 1 when an invalid record came before (issue 12 items 8, 11)', async () => {
    const file = await randomFile(400);
    const valid = await withClosingStdout(['decode', file], 1000);
    expect(valid.status).toBe(0);
    expect(valid.stderr).toBe('');
    // Stopped: far less than the whole output (about 400 x 2 KB) reached the closed pipe.
    expect(valid.received).toBeLessThan(200_000);
    const dir = freshDir();
    writeFileSync(join(dir, 'mixed.smf'), writeRdw([badRecord(), readFileSync(file)]));
    const invalid = await withClosingStdout(['decode', join(dir, 'mixed.smf')], 1000);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/bad-packed-date/);
    const inspected = await withClosingStdout(['inspect', join(dir, 'mixed.smf')], 1000);
    expect(inspected.status).toBe(1);
    // generate stops too: 20000 records would be about 10 MB; the pipe closed after the first chunk.
    const generated = await withClosingStdout(['generate', '--random', '-n', '20000', '--jobs', '1', '-o', '-'], 1000);
    expect(generated).toMatchObject({ status: 0, stderr: '' });
    expect(generated.received).toBeLessThan(200_000);
  });
});

describe('encode', () => {
  it('encodes a partial record, computing lengths, triplets and defaults', async () => {
    const r = await cli(['encode', '-', '--release', '3.1'], { stdin: '{"Header":{"SMF119HDSubType":11}}\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.equals(Buffer.from(encode({ Header: { SMF119HDSubType: 11 } }, { release: '3.1' })))).toBe(true);
    // The RDW length is the record's own length, as counted independently of the encoder.
    expect(r.stdout.readUInt16BE(0)).toBe(r.stdout.length);
    expect(r.stdout[5]).toBe(119);
  });
  it('points at the line of bad JSON and at the record, line and field of a value it cannot encode', async () => {
    const syntax = await cli(['encode', '-'], { stdin: '{"Header":{"SMF119HDSubType":11}}\n{"Header": {"SMF119HDSubType": 12,}}\n' });
    expect(syntax.status).toBe(1);
    expect(syntax.stderr).toMatch(/^zert-forge: .*stdin.*line 2: /);
    const array = await cli(['encode', '-'], { stdin: '[\n  {"Header": {"SMF119HDSubType": 11}},\n  {"Header": {"SMF119HDSubType": 11},\n   "Ident": [{"SMF119TI_SYSName": "WAY TOO LONG FOR EIGHT"}]}\n]\n' });
    expect(array.status).toBe(1);
    expect(array.stderr).toMatch(/record 1 \(line 3\) > .*Ident.*SMF119TI_SYSName/);
    expect(array.stderr.trim().split('\n')).toHaveLength(1);
    const notObject = await cli(['encode', '-'], { stdin: '42\n' });
    expect(notObject.status).toBe(1);
    expect(notObject.stderr).toMatch(/line 1: expected a record object/);
  });
  it('writes nothing to a file when a record fails', async () => {
    const dir = freshDir();
    const r = await cli(['encode', '-', '-o', 'out.smf'], { stdin: '{"Header":{"SMF119HDSubType":11}}\n{"Header":{"SMF119HDSubType":99}}\n', cwd: dir });
    expect(r.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('inspect', () => {
  it('shows offset, length, bytes, EBCDIC text, path, value and code names; exit 1 for an invalid record', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'bad.smf'), badRecord());
    const i = await cli(['inspect', join(dir, 'bad.smf'), '--record', '0']);
    expect(i.status).toBe(1);
    const text = i.stdout.toString();
    // X'01' and X'25' (LF) and X'9F' are not printable; X'99' is 'r' in IBM-1047.
    expect(text).toMatch(/\n {2}10\s+4\s+0125999F\s+\.\.r\.\s+st11 > Header > SMF119HDDate = null\n/);
    expect(i.stderr).toMatch(/record 0 is invalid/);
    const good = await cli(['inspect', await randomFile(2, ['--subtype', '12'])]);
    expect(good.status).toBe(0);
    // X'000C' is subtype 12, which the tables name; 'E2E8E2C1' would read SYSA, as EBCDIC text.
    expect(good.stdout.toString()).toMatch(/22\s+2\s+000C\s+\.\.\s+st12 > Header > SMF119HDSubType = 12 \(zERT summary\)/);
  });
  it('prints EBCDIC text like xxd does ASCII', async () => {
    const r = await cli(['inspect', '-'], { stdin: encode({ Header: { SMF119HDSubType: 11, SMF119HDSID: 'SYSA' } }, { release: '3.2' }) });
    expect(r.stdout.toString()).toMatch(/14\s+4\s+E2E8E2C1\s+SYSA\s+st11 > Header > SMF119HDSID = "SYSA"/);
  });
  it('--format json gives the rows as data', async () => {
    const r = await cli(['inspect', await randomFile(3), '--format', 'json']);
    const records = JSON.parse(r.stdout.toString());
    expect(records).toHaveLength(3);
    expect(records[1].fields.find((f: { path: string }) => f.path === 'st12 > Header > SMF119HDSubType')).toMatchObject({ offset: 22, length: 2, hex: '000C', value: 12, name: 'zERT summary' });
  });
  it('--record N reads no further than record N; out of range is exit 2 naming the count', async () => {
    const file = await randomFile(2);
    const r = await cli(['inspect', file, '--record', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the file has 2 record/);
    const dir = freshDir();
    writeFileSync(join(dir, 'tail.smf'), Buffer.concat([readFileSync(file), Buffer.from('garbage after the records')]));
    expect((await cli(['inspect', join(dir, 'tail.smf'), '--framing', 'rdw', '--record', '1'])).status).toBe(0);
    const all = await cli(['inspect', join(dir, 'tail.smf'), '--framing', 'rdw']);
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/RDW bytes 2-3/);
  });
});

describe('the CLI itself', () => {
  it("--version prints zert-forge's own version, from any working directory", async () => {
    const r = await cli(['--version'], { cwd: freshDir() });
    expect(r.stdout.toString().trim()).toBe(PACKAGE_VERSION);
  });
  it('completion prints a shell completion script', async () => {
    const r = await cli(['completion']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/zert-forge/);
    expect(r.stdout.toString()).toMatch(/complete -o/);
  });
  it('an unknown command is a usage error with a hint', async () => {
    const r = await cli(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument|Run 'zert-forge --help'/);
  });
});

describe('zert-forge spec', () => {
  it('lists every field of the reference with the same offset and length, with provenance', async () => {
    const doc = JSON.parse((await cli(['spec', '--format', 'json'])).stdout.toString());
    for (const { subtype, key, field } of referenceFields()) {
      const section = doc.subtypes.find((s: { subtype: number }) => s.subtype === subtype).sections.find((s: { key: string }) => s.key === key);
      const ours = section.fields.find((f: { name: string; offset: number }) => f.offset === field.offset && (f.name === field.name || field.name === 'reserved'));
      expect(ours, `st${subtype} ${key} ${field.name}`).toBeDefined();
      expect(ours.length).toBe(field.length ?? 'variable');
    }
    const common12 = doc.subtypes[1].sections.find((s: { key: string }) => s.key === 'Common');
    expect(common12.lengthByRelease).toEqual({ '2.3': 204, '2.4': 204, '2.5': 204, '3.1': 204, '3.2': 212 });
  });
  it('prints a JSON Schema that ajv compiles and that a decoded record satisfies', async () => {
    const schema = JSON.parse((await cli(['spec', '--subtype', '11', '--format', 'schema'])).stdout.toString());
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const records = JSON.parse((await cli(['decode', await randomFile(5, ['--subtype', '11']), '--format', 'json'])).stdout.toString());
    for (const r of records) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...records[0], Bogus: [] })).toBe(false);
  });
});

describe('zert-forge scenarios, generate --scenario and check', () => {
  it('lists the scenarios, generates one and finds it consistent; a damaged stream fails with exit 1', async () => {
    const list = (await cli(['scenarios'])).stdout.toString();
    for (const name of ['healthy-tls', 'mixed-estate', 'handshake-failures', 'late-tls-start', 'weak-ciphers', 'cert-expiry', 'enforcement-audit', 'ipsec-ee']) expect(list).toContain(name);
    const dir = freshDir();
    const file = join(dir, 'estate.smf');
    const g = await cli(['generate', '--scenario', 'mixed-estate', '--release', '3.1', '--duration', '900', '--rate', '10', '--framing', 'vbs', '-o', file]);
    expect(g.status, g.stderr).toBe(0);
    const ok = await cli(['check', file]);
    expect(ok.status, ok.stdout.toString()).toBe(0);
    expect(ok.stderr).toMatch(/consistent: \d+ records/);
    const bytes = readFileSync(file);
    bytes[200] ^= 0xff;
    writeFileSync(join(dir, 'damaged.smf'), bytes);
    const bad = await cli(['check', join(dir, 'damaged.smf')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout.toString()).toMatch(/record \d+ \(offset \d+\): /);
  });
  it('refuses a bad --mix', async () => {
    const r = await cli(['generate', '--scenario', 'healthy-tls', '--mix', 'tls=x', '-o', join(freshDir(), 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--mix/);
  });
});

describe('progress', () => {
  async function stderrOf(args: string[], env: Record<string, string>, tty: boolean): Promise<string> {
    const { PassThrough, Readable } = await import('node:stream');
    const stdout = new PassThrough().resume();
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (c: Buffer) => (text += c.toString()));
    await main(args, { stdin: Readable.from([]), stdout, stderr, cwd: freshDir(), env, stderrIsTTY: tty });
    return text;
  }
  it('is drawn on stderr only when it is a terminal, not in CI, not with --quiet', async () => {
    const args = ['generate', '--random', '-n', '5', '-o', 'x.smf'];
    expect(await stderrOf(args, {}, true)).toMatch(/\rgenerated \d+ of 5 records, 0\.0 MB, [\d,]+ records\/s, ETA \d+ s/);
    expect(await stderrOf(args, {}, false)).not.toMatch(/\r/);
    expect(await stderrOf(args, { CI: 'true' }, true)).not.toMatch(/\r/);
    expect(await stderrOf([...args, '--quiet'], {}, true)).toBe('');
  });
});
