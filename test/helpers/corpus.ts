import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecords } from '../../io/framing.js';
import type { Release, Subtype } from '../../spec/types.js';

// The golden corpus as the export tests read it: the manifest's cases and the zERT records of each input.

export const CORPUS = fileURLToPath(new URL('../../conformance/corpus', import.meta.url));

export interface Case { id: string; subtype: Subtype; release: Release; framing: 'rdw' | 'vbs'; expectation: string; input: string; expected: string; skip?: { index: number }[] }

/** The zERT records of a case: records the manifest lists under `skip` (other SMF types and 119 subtypes) are left out. */
export function zertRecords(c: Case): Uint8Array[] {
  const skip = new Set((c.skip ?? []).map((s) => s.index));
  return readRecords(new Uint8Array(readFileSync(join(CORPUS, c.input))), c.framing).records.filter((_, i) => !skip.has(i)).map((r) => r.bytes);
}

export const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { cases: Case[] };
export const validCases = manifest.cases.filter((c) => c.expectation === 'valid');
