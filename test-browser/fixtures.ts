import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR } from '../conformance/corpus/golden.js';
import type { Adapter } from '../conformance/runner/adapters.js';
import { builtinAdapter } from '../conformance/runner/adapters.js';
import { loadManifest } from '../conformance/runner/run.js';

// Reports with known faults for the HTML report's tests: a "sloppy" parser built on zert-forge's own decoder
// with three deliberate bugs, and a corpus of any size made by repeating the golden cases.

/** What the sloppy parser gets wrong, so tests can name the fields the report must point at. */
export const SLOPPY = {
  /** Cipher suites with their two bytes swapped (an endianness bug): wrong wherever the bytes differ. */
  swapped: 'SMF119SC_TLS_Neg_Cipher',
  /** Never reported: missing everywhere. */
  dropped: 'SMF119SC_SAUserID',
  /** VBS files are rejected: valid VBS cases fail as a whole. */
  rejectsFraming: 'vbs',
  /** This case crashes the parser. */
  crashes: 'st11-3.2-event-6',
} as const;

const swapBytes = (hex: string): string => (/^[0-9A-F]{4}$/.test(hex) ? hex.slice(2) + hex.slice(0, 2) : hex);

function mangle(record: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(record);
  for (const section of Object.values(copy)) {
    for (const occurrence of Array.isArray(section) ? section : [section]) {
      const o = occurrence as Record<string, unknown>;
      if (typeof o[SLOPPY.swapped] === 'string') o[SLOPPY.swapped] = swapBytes(o[SLOPPY.swapped] as string);
      delete o[SLOPPY.dropped];
    }
  }
  return copy;
}

export function sloppyAdapter(): Adapter {
  const decoder = builtinAdapter();
  return {
    implementation: async () => ({ name: 'sloppy-parser', version: '0.9', language: 'TypeScript' }),
    run: async (c) => {
      if (c.entry.id.startsWith(SLOPPY.crashes)) return { kind: 'errored', message: 'parser exited with code 1: IndexError: list index out of range', context: { stderr: 'Traceback (most recent call last):\nIndexError: list index out of range\n' } };
      if (c.entry.framing === SLOPPY.rejectsFraming) return { kind: 'rejected', message: 'VBS files are not supported' };
      const outcome = await decoder.run(c);
      return outcome.kind === 'records' ? { kind: 'records', records: outcome.records.map(mangle) } : outcome;
    },
    close: async () => {},
  };
}

/** A corpus directory of `size` cases: the golden cases repeated in order (ids get a "-xN" suffix). */
export function repeatedCorpus(size: number): string {
  const manifest = loadManifest();
  const dir = mkdtempSync(join(tmpdir(), 'zf-corpus-'));
  symlinkSync(join(CORPUS_DIR, 'cases'), join(dir, 'cases'));
  const cases = Array.from({ length: size }, (_, i) => {
    const c = manifest.cases[i % manifest.cases.length]!;
    return { ...c, id: `${c.id}-x${Math.floor(i / manifest.cases.length)}` };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, cases }));
  return dir;
}
