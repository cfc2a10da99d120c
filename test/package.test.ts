import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { packageStage } from './helpers/package-stage.js';

// The package as a user gets it: packed into a tarball, installed into a fresh project, used from ESM,
// CommonJS, strict TypeScript (NodeNext and Bundler resolution) and a vitest + fast-check property test.
// The tarball is packed from this test run's staged build (test/helpers/package-stage.ts), so the repository's
// own dist/ is never touched.

const repo = new URL('..', import.meta.url).pathname;
const bin = (pkg: string, file: string): string => join(repo, 'node_modules', pkg, file);
let work: string;
let project: string;

/** Runs a tool to the end; its output, or an error with what it printed (tsc reports on stdout). */
async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
    return stdout;
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'zf-package-'));
  const tarball = (await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], await packageStage())).trim().split('\n').pop()!;

  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  await run('npm', ['install', '--prefer-offline', '--no-package-lock', join(work, tarball)], project);
  // Tools the consumer would install too; linked from ours to keep the test fast and offline.
  for (const tool of ['vitest', '@types/node']) {
    mkdirSync(join(project, 'node_modules', tool, '..'), { recursive: true });
    if (!existsSync(join(project, 'node_modules', tool))) symlinkSync(join(repo, 'node_modules', tool), join(project, 'node_modules', tool));
  }
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// The steps are separate processes that do not share files: they run side by side.
describe.concurrent('the packed package in a fresh project', () => {
  it('ships a licence, no source maps, and only the files it needs', ({ expect }) => {
    const installed = join(project, 'node_modules', 'zert-forge');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Apache License');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
    const all = files(installed);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(all.some((f) => f.includes('/dist/bench/'))).toBe(false);
    expect(all.some((f) => f.includes('/test/'))).toBe(false);
    // fast-check is a peer: the consumer's copy is the one the package uses.
    expect(existsSync(join(installed, 'node_modules', 'fast-check'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'fast-check'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'iconv-lite'))).toBe(false);
  });

  it('works from ESM', async ({ expect }) => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { encode, decode } from 'zert-forge';
const bytes = encode({ Header: { SMF119HDSubType: 11 }, Common: [{ SMF119SC_SAEvent_Type: 1 }] }, { release: '3.2' });
const { record, diagnostics } = decode(bytes);
console.log(JSON.stringify({ length: bytes.length, event: record.Common[0].SMF119SC_SAEvent_Type, errors: diagnostics.filter((d) => d.severity === 'error').length }));
`,
    );
    expect(JSON.parse(await run(process.execPath, ['esm.mjs'], project))).toMatchObject({ event: 1, errors: 0 });
  });

  it('works from CommonJS require()', async ({ expect }) => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { encode, decode } = require('zert-forge');
const bytes = encode({ Header: { SMF119HDSubType: 12 }, Common: [{ SMF119SS_SAEvent_Type: 1 }] }, { release: '3.1' });
console.log(JSON.stringify({ subtype: decode(bytes).subtype, release: decode(bytes).release }));
`,
    );
    expect(JSON.parse(await run(process.execPath, ['cjs.cjs'], project))).toEqual({ subtype: 12, release: '3.1' });
  });

  it.for(['NodeNext', 'Bundler'])('type-checks a strict TypeScript consumer with %s resolution', async (resolution) => {
    const dir = join(project, `ts-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'main.ts'),
      `import { encode, decode, decodeStream, createChecker, recordOf, ZertError, type CanonicalRecord, type DecodeResult, type St11Record } from 'zert-forge';
const record: CanonicalRecord = { Header: { SMF119HDSubType: 11 } };
const result: DecodeResult = decode(encode(record, { release: '3.2' }));
const kinds: string[] = result.diagnostics.map((d) => d.kind);
export const ok: boolean = kinds.length >= 0 && ZertError.name === 'ZertError';
// @ts-expect-error a release the tables do not know is a type error
encode(record, { release: '9.9' });
// Decoded records are typed from the tables (the README's library example).
const detail: St11Record | null = recordOf(result, 11);
export const event: number | undefined = detail?.Common?.[0]?.SMF119SC_SAEvent_Type;
// @ts-expect-error a misspelt field name does not compile
export const typo = detail?.Common?.[0]?.SMF119SC_SAEvent_Typo;
export async function checkDump(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  const checker = createChecker({ utcOffsetMinutes: 120 });
  for await (const r of decodeStream(chunks)) checker.push(r);
  return checker.finish().errors;
}
`,
    );
    const module = resolution === 'NodeNext' ? 'NodeNext' : 'ESNext';
    // Every declaration file the package ships (and those of its dependencies) is checked once, under
    // NodeNext; checking them again under Bundler would cost as much again. Bundler checks the consumer's
    // code, so a declaration it cannot resolve still fails (as `any`, the @ts-expect-error lines go unused).
    const skipLibCheck = resolution === 'Bundler';
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module, moduleResolution: resolution, target: 'ES2022', noEmit: true, skipLibCheck, types: ['node'] }, files: ['main.ts'] }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'], dir);
  });

  it('runs a vitest + fast-check property test against the package', async ({ expect }) => {
    writeFileSync(
      join(project, 'roundtrip.test.mjs'),
      `import fc from 'fast-check';
import { test, expect } from 'vitest';
import { encode, decode, recordArbitrary } from 'zert-forge';
test('every generated record decodes without errors', () => {
  fc.assert(fc.property(recordArbitrary(11, '3.2'), (r) => {
    const { diagnostics } = decode(encode(r, { release: '3.2' }));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }), { numRuns: 20 });
});
`,
    );
    // Vitest's default 5 s per test is too short for 20 property runs on a loaded machine.
    const output = await run(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', '--root', project, '--testTimeout', '120000', 'roundtrip.test.mjs'], project);
    expect(output).toMatch(/1 passed/);
  });
});
