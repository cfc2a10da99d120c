import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// A folder for what test files of one run share (test/helpers/package-stage.ts), removed at the end.
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'zf-test-run-'));
  project.provide('runDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
