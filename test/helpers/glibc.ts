import { execFileSync } from 'node:child_process';

// glibc iconv is the oracle for EBCDIC in tests: its tables were written by other people from IBM's
// code page definitions. A missing iconv or code page throws, so the tests that use it fail, not skip.

const GLIBC_NAMES = { 'IBM-1047': 'IBM1047', 'IBM-037': 'IBM037' } as const;

export function glibcDecodeAll(codePage: keyof typeof GLIBC_NAMES): number[] {
  const out = execFileSync('iconv', ['-f', GLIBC_NAMES[codePage], '-t', 'UTF-16BE'], { input: Buffer.from(Array.from({ length: 256 }, (_, i) => i)) });
  const cps: number[] = [];
  for (let i = 0; i < out.length; i += 2) cps.push(out.readUInt16BE(i));
  return cps;
}

export function glibcEncode(codePage: keyof typeof GLIBC_NAMES, text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', GLIBC_NAMES[codePage]], { input: Buffer.from(text, 'utf8') });
}
