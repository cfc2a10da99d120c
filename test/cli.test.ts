import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { encode } from '../spec/codec.js';
import { RELEASES } from '../spec/types.js';
import { referenceFields } from './helpers/reference.js';

const BIN = fileURLToPath(new URL('../bin/zert-forge.ts', import.meta.url));
// tsx's loader by absolute path: '--import tsx' would resolve from the child's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function cli(args: string[], cwd = tmpdir()): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { cwd, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
const fresh = (): string => mkdtempSync(join(tmpdir(), 'zf-cli-'));

describe('zert-forge generate', () => {
  it('with no flags writes zert-sample.smf, both subtypes, latest release, and says so', () => {
    const dir = fresh();
    const r = cli(['generate'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/wrote 10 records \(5 subtype 11, 5 subtype 12\), z\/OS 3\.2, RDW framing, \d+ bytes to zert-sample\.smf/);
    expect(readdirSync(dir)).toEqual(['zert-sample.smf']); // no temporary file left behind
    const decoded = cli(['decode', join(dir, 'zert-sample.smf')]);
    expect(decoded.status).toBe(0);
    const lines = decoded.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.Header.SMF119HDSubType)).toEqual([11, 12, 11, 12, 11, 12, 11, 12, 11, 12]);
  });
  it('is deterministic for a seed and differs across seeds', () => {
    const dir = fresh();
    for (const [seed, name] of [['7', 'a'], ['7', 'b'], ['8', 'c']]) expect(cli(['generate', '--seed', seed!, '-n', '20', '-o', name!], dir).status).toBe(0);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, n)));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
  });
  it('writes VBS blocks that decode with auto-detection for every release and subtype', () => {
    const dir = fresh();
    for (const release of RELEASES) {
      for (const subtype of ['11', '12']) {
        const file = join(dir, `${subtype}-${release}.vbs`);
        expect(cli(['generate', '--subtype', subtype, '--release', release, '-n', '40', '--framing', 'vbs', '--block-size', '2000', '-o', file]).status).toBe(0);
        const d = cli(['decode', file, '--release', release, '--format', 'json']);
        expect(d.status, d.stderr).toBe(0);
        expect(JSON.parse(d.stdout.toString())).toHaveLength(40);
      }
    }
  });
  it('refuses bad options with exit 2 and a hint', () => {
    expect(cli(['generate', '--release', '9.9'])).toMatchObject({ status: 2 });
    const r = cli(['generate', '--count', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--count must be/);
    expect(cli(['generate', '-o', join(fresh(), 'missing-dir', 'x.smf')]).status).toBe(2);
    expect(cli(['frobnicate']).stderr).toMatch(/Unknown argument|Run 'zert-forge --help'/);
  });
});

describe('zert-forge decode and inspect on bad data', () => {
  it('exit 1 for an invalid record, diagnostics with path on stderr', () => {
    const dir = fresh();
    const bad = encode({ Header: { SMF119HDSubType: 11 } }, { release: '3.2', overrides: { 'Header.SMF119HDDate': { raw: '0125999F' } } });
    writeFileSync(join(dir, 'bad.smf'), bad);
    const r = cli(['decode', join(dir, 'bad.smf')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error bad-packed-date: st11 > Header > SMF119HDDate (offset 10)');
    const i = cli(['inspect', join(dir, 'bad.smf'), '--record', '0']);
    expect(i.status).toBe(1);
    expect(i.stdout.toString()).toMatch(/10\s+4\s+0125999F\s+st11 > Header > SMF119HDDate = null/);
  });
  it('exit 1 for a file that is neither RDW nor VBS', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'junk'), Buffer.from('hello, world, this is not SMF'));
    const r = cli(['decode', join(dir, 'junk')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/neither RDW records nor VBS blocks/);
  });
  it('exit 2 for a missing file or a record number out of range', () => {
    expect(cli(['decode', '/nonexistent/file.smf'])).toMatchObject({ status: 2 });
    const dir = fresh();
    cli(['generate', '-n', '2'], dir);
    const r = cli(['inspect', join(dir, 'zert-sample.smf'), '--record', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the file has 2 record/);
  });
  it('a closed pipe is not an error', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" --import "${TSX}" "${BIN}" spec --format markdown | head -1`], { cwd: tmpdir() });
    expect(r.stdout.toString()).toBe('# zert-forge spec tables\n');
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('zert-forge spec', () => {
  const doc = JSON.parse(cli(['spec', '--format', 'json']).stdout.toString());
  it('lists every field of the reference with the same offset and length', () => {
    for (const { subtype, key, field } of referenceFields()) {
      const section = doc.subtypes.find((s: { subtype: number }) => s.subtype === subtype).sections.find((s: { key: string }) => s.key === key);
      const ours = section.fields.find((f: { name: string; offset: number }) => f.offset === field.offset && (f.name === field.name || field.name === 'reserved'));
      expect(ours, `st${subtype} ${key} ${field.name}`).toBeDefined();
      expect(ours.length).toBe(field.length ?? 'variable');
    }
  });
  it('gives each section its length per release and each field its provenance', () => {
    const common12 = doc.subtypes[1].sections.find((s: { key: string }) => s.key === 'Common');
    expect(common12.lengthByRelease).toEqual({ '2.3': 204, '2.4': 204, '2.5': 204, '3.1': 204, '3.2': 212 });
    for (const st of doc.subtypes) for (const s of st.sections) for (const f of s.fields) {
      expect(f.source.length, f.name).toBeGreaterThan(0);
      expect(['ibm', 'vendor-copy', 'inferred', 'unknown']).toContain(f.confidence);
    }
  });
  it('prints a JSON Schema that ajv compiles and that a decoded record satisfies', () => {
    const schema = JSON.parse(cli(['spec', '--subtype', '11', '--format', 'schema']).stdout.toString());
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const dir = fresh();
    cli(['generate', '--subtype', '11', '-n', '5'], dir);
    const records = JSON.parse(cli(['decode', join(dir, 'zert-sample.smf'), '--format', 'json']).stdout.toString());
    for (const r of records) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...records[0], Bogus: [] })).toBe(false);
  });
});

describe('zert-forge scenarios, generate --scenario and check', () => {
  it('lists the scenarios, generates one and finds it consistent; a damaged stream fails with exit 1', () => {
    const list = cli(['scenarios']).stdout.toString();
    for (const name of ['healthy-tls', 'mixed-estate', 'handshake-failures', 'late-tls-start', 'weak-ciphers', 'cert-expiry', 'enforcement-audit', 'ipsec-ee']) expect(list).toContain(name);
    const dir = fresh();
    const file = join(dir, 'estate.smf');
    const g = cli(['generate', '--scenario', 'mixed-estate', '--release', '3.1', '--duration', '900', '--rate', '10', '--framing', 'vbs', '-o', file]);
    expect(g.status, g.stderr).toBe(0);
    expect(g.stderr).toMatch(/scenario mixed-estate/);
    const ok = cli(['check', file]);
    expect(ok.status, ok.stdout.toString()).toBe(0);
    expect(ok.stderr).toMatch(/consistent: \d+ records/);
    const bytes = readFileSync(file);
    const damaged = join(dir, 'damaged.smf');
    // Drop the first summary record's worth of consistency: flip a byte inside the first block's data.
    bytes[200] ^= 0xff;
    writeFileSync(damaged, bytes);
    const bad = cli(['check', damaged]);
    expect(bad.status).toBe(1);
    expect(bad.stdout.toString()).toMatch(/record \d+ \(offset \d+\): /);
  });
  it('refuses a bad --mix', () => {
    const r = cli(['generate', '--scenario', 'healthy-tls', '--mix', 'tls=x', '-o', join(fresh(), 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--mix/);
  });
});
