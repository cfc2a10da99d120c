import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

// The package as npm would pack it (package.json, its "files" and a fresh dist/), built once per test run
// for the tests that need it: the built CLI (cli-smoke) and the packed package (package). It lives in a
// folder of the run (test/global-setup.ts), so the repository's own dist/ is neither used nor touched, and
// it is always built from the sources as they are. The first test file to ask builds it; others wait.

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of this test run, removed at its end. */
    runDir: string;
  }
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const POLL_MS = 200;
const WAIT_MS = 300_000;

async function build(stage: string): Promise<void> {
  mkdirSync(stage);
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { files: string[] };
  for (const entry of ['package.json', ...manifest.files.filter((f) => !f.startsWith('!') && f !== 'dist')]) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(stage, entry), { recursive: true });
  }
  // Its dependencies, for running the CLI from here; npm pack leaves node_modules out.
  symlinkSync(join(REPO, 'node_modules'), join(stage, 'node_modules'));
  // --noCheck writes the same files as a checked build; type errors are the typecheck's job (npm test runs it first).
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(stage, 'dist'), '--noCheck'], { cwd: REPO, maxBuffer: 64 << 20 }).catch((e: { stdout?: string; stderr?: string }) => {
    throw new Error(`the build failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  });
}

/** The staged package's folder: package.json, the files it ships, and dist/ built from the current sources. */
export async function packageStage(): Promise<string> {
  const run = inject('runDir');
  const stage = join(run, 'package');
  const done = join(run, 'build.done');
  const failed = join(run, 'build.failed');
  let mine = true;
  try {
    mkdirSync(join(run, 'build.lock'));
  } catch {
    mine = false;
  }
  if (mine) {
    try {
      await build(stage);
      writeFileSync(done, '');
    } catch (e) {
      writeFileSync(failed, (e as Error).message);
      throw e;
    }
  }
  for (const until = Date.now() + WAIT_MS; !existsSync(done); await new Promise((r) => setTimeout(r, POLL_MS))) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    if (Date.now() > until) throw new Error(`no build of the package after ${WAIT_MS / 1000} s`);
  }
  return stage;
}
