import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { frame, writeRdw } from '../io/framing.js';
import { BulkSample, sampleRecords } from '../generators/sample.js';
import { encode } from '../spec/codec.js';
import { freshDir } from './helpers/cli.js';
import { packageStage } from './helpers/package-stage.js';

// A few runs of the built CLI, for what only a real process shows: signals, broken pipes, FIFOs, exit codes.
// Everything else is tested in-process (test/cli.test.ts). No limit here includes less than 10 s; each test's
// bound allows several CLI start-ups on a heavily loaded machine. The CLI is the package's, built from the
// current sources for this test run (test/helpers/package-stage.ts).

let stage: string;
let distBin: string;

beforeAll(async () => {
  stage = await packageStage();
  distBin = join(stage, 'dist', 'bin', 'zert-forge.js');
}, 300_000);

const shell = (script: string, cwd: string): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `zf() { "$ZF_NODE" "$ZF_BIN" "$@"; }; ${script}`], { cwd, encoding: 'utf8', env: { ...process.env, ZF_NODE: process.execPath, ZF_BIN: distBin }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the built CLI', () => {
  it('SIGTERM during a long generate removes the temporary file and exits 143 (issue 12 item 3)', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, [distBin, 'generate', '--random', '-n', '10000000', '--jobs', '1', '-o', 'out.smf'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Wait until the temporary file exists and has data, then signal.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !readdirSync(dir).some((f) => f.startsWith('.out.smf.tmp-') && statSync(join(dir, f)).size > 0)) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(dir).some((f) => f.startsWith('.out.smf.tmp-'))).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  }, 180_000);

  it('a closed pipe exits 0 after valid data and 1 after invalid data, quietly (issue 12 items 8, 10, 11)', () => {
    const dir = freshDir();
    const ok = shell('zf generate --random -n 2000 -o - | head -c 100 > /dev/null', dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
    writeFileSync(join(dir, 'good.smf'), frame(sampleRecords({ subtypes: [11, 12], count: 50, seed: 1, release: '3.2' }).map((r) => r.bytes), 'rdw'));
    const decoded = shell('zf decode good.smf | head -1', dir);
    expect(decoded.status).toBe(0);
    expect(decoded.stderr).toBe('');
    expect(JSON.parse(decoded.stdout).Header.SMF119HDType).toBe(119);
    const bad = encode({ Header: { SMF119HDSubType: 11 } }, { release: '3.2', overrides: { 'Header.SMF119HDDate': { raw: '0125999F' } } });
    writeFileSync(join(dir, 'mixed.smf'), Buffer.concat([writeRdw([bad]), readFileSync(join(dir, 'good.smf'))]));
    const invalid = shell('zf decode mixed.smf | head -1', dir);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/bad-packed-date/);
    expect(shell('zf inspect mixed.smf | head -1', dir).status).toBe(1);
  }, 180_000);

  it('writes into a FIFO and through a symlink to a device without replacing them (issue 12 item 2)', () => {
    const dir = freshDir();
    const r = shell('mkfifo pipe && ln -s /dev/null null-link && (timeout 30 cat pipe > received &) && zf generate --random -n 30 -o pipe && zf generate --random -n 30 -o null-link && sleep 0.5 && test -p pipe && test -L null-link && test -c /dev/null', dir);
    expect(r.status, r.stderr).toBe(0);
    // The reader of the FIFO got exactly the records.
    const expected = new BulkSample({ subtypes: [11, 12], seed: 1, release: '3.2' }).encodeRange(0, 30);
    expect(readFileSync(join(dir, 'received')).equals(Buffer.from(expected))).toBe(true);
  }, 180_000);

  // Reading /dev/zero and /dev/urandom (issue 12 item 6) is the same in-process: test/cli.test.ts.
  it('stdout to /dev/full is one line and exit 1 (issue 12 item 10)', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'g.smf'), frame(sampleRecords({ subtypes: [11, 12], count: 5, seed: 1, release: '3.2' }).map((r) => r.bytes), 'rdw'));
    const full = shell('zf decode g.smf > /dev/full', dir);
    expect(full.status).toBe(1);
    expect(full.stderr).toBe('zert-forge: cannot write stdout: no space left on device (ENOSPC)\n');
    const spec = shell('zf spec > /dev/full', dir);
    expect(spec.status).toBe(1);
    expect(spec.stderr).toBe('zert-forge: cannot write stdout: no space left on device (ENOSPC)\n');
  }, 180_000);

  it("--version is zert-forge's own, run from another project's folder", () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host-project', version: '9.9.9' }));
    const r = shell('zf --version', dir);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')) as { version: string }).version);
  }, 60_000);
});
