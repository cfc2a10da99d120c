import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The independent Python decoder (test/independent/zert_ref_decode.py), run once for many files: starting
// Python and glibc iconv costs more than decoding a file.

const SCRIPT = fileURLToPath(new URL('../independent/zert_ref_decode.py', import.meta.url));

/** One record as the Python decoder reads it: header fields, and each triplet's occurrences by triplet id. */
export interface ReferenceRecord {
  subtype: number;
  Header: Record<string, unknown>;
  sections: Record<string, Record<string, unknown>[]>;
}

/** The records of each file, read with its release, keyed by the file's path. */
export function referenceDecode(files: readonly { release: string; path: string }[]): Map<string, ReferenceRecord[]> {
  const out = new Map(files.map((f) => [f.path, [] as ReferenceRecord[]]));
  const lines = execFileSync('python3', [SCRIPT, ...files.flatMap((f) => [f.release, f.path])], { maxBuffer: 256 << 20 }).toString().split('\n').filter(Boolean);
  for (const line of lines) {
    const { file, ...record } = JSON.parse(line) as ReferenceRecord & { file: string };
    out.get(file)!.push(record);
  }
  return out;
}
