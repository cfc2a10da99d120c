import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cHeader, cStructName } from '../spec/export/c.js';
import { exportSections, fieldLabel, tripletNames } from '../spec/export/model.js';
import type { Release, Subtype } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';
import { bytesMatch } from './helpers/notation.js';
import { CORPUS, validCases, zertRecords } from './helpers/corpus.js';

// The C header export compiled by the system C compiler (its _Static_asserts check every offsetof and sizeof)
// and used by a small C program that reads golden records through the structs and prints each field's bytes.
// Those bytes, in the JSON's notation (test/helpers/notation.ts), must equal every valid case's expected JSON.


const dir = mkdtempSync(join(tmpdir(), 'zf-c-'));
const programs = new Map<string, string>();

/** A C program printing "record section occurrence field HEX" for every field it reads through the structs. */
function readerProgram(subtype: Subtype, release: Release): string {
  const lines = [
    '#include "zert.h"',
    '#include <stdio.h>',
    'static uint8_t buf[1 << 22];',
    'static uint32_t be(const void *p, size_t n) { const uint8_t *b = p; uint32_t v = 0; for (size_t i = 0; i < n; i++) v = v << 8 | b[i]; return v; }',
    'static void field(int rec, const char *sec, int occ, const char *name, const void *p, size_t n) {',
    '  printf("%d %s %d %s ", rec, sec, occ, name); for (size_t i = 0; i < n; i++) printf("%02X", ((const uint8_t *)p)[i]); putchar(\'\\n\');',
    '}',
    '#define F(sec, s, f) field(rec, sec, k, #f, &(s)->f, sizeof (s)->f)',
    'int main(void) {',
    '  size_t n = fread(buf, 1, sizeof buf, stdin), pos = 0; int rec = 0;',
    '  while (pos + 4 <= n) {',
    '    const uint8_t *r = buf + pos; int k = 0;',
  ];
  const sections = exportSections(subtype, release);
  const selfDef = cStructName(subtype, release, 'SelfDef');
  for (const s of sections) {
    if (!s.def.layoutKnown) continue;
    const type = cStructName(subtype, release, s.def.key);
    const fixed = s.fields.filter((p) => p.def.type.kind !== 'varText').map((p) => `F("${s.def.key}", s, ${fieldLabel(p)});`).join(' ');
    if (s.recordOffset !== undefined) {
      lines.push(`    { const ${type} *s = (const ${type} *)(r + ${s.recordOffset}); ${fixed} }`);
      continue;
    }
    const t = tripletNames(subtype, s.def)!;
    const sd = `((const ${selfDef} *)(r + 24))`;
    lines.push(`    { uint32_t off = be(&${sd}->${t.off}, 4), len = be(&${sd}->${t.len}, 2), num = be(&${sd}->${t.num}, 2), at = off; (void)len;`);
    lines.push(`      for (k = 0; k < (int)num; k++) { const ${type} *s = (const ${type} *)(r + at); ${fixed}`);
    const text = s.fields.find((p) => p.def.type.kind === 'varText');
    if (text && text.def.type.kind === 'varText') {
      const lengthField = text.def.type.lengthField;
      lines.push(`        uint32_t el = be(&s->${lengthField}, sizeof s->${lengthField}); field(rec, "${s.def.key}", k, "${text.def.name}", s->${text.def.name}, el - ${text.def.type.prefix}); at += el; } }`);
    } else {
      lines.push('        at += len; } }');
    }
  }
  lines.push(`    pos += be(&((const ${cStructName(subtype, release, 'Header')} *)r)->SMF119HDLength, 2); rec++;`, '  }', '  return 0;', '}');
  return lines.join('\n');
}

beforeAll(() => {
  for (const subtype of [11, 12] as const) {
    for (const r of RELEASES) {
      const base = join(dir, `st${subtype}-${r}`);
      writeFileSync(join(dir, 'zert.h'), cHeader(subtype, r));
      writeFileSync(`${base}.c`, readerProgram(subtype, r));
      execFileSync('cc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', '-I', dir, '-o', base, `${base}.c`]);
      programs.set(`${subtype}/${r}`, base);
    }
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('C header export', () => {
  it('compiles (with its offsetof/sizeof assertions) for both subtypes and every release', () => {
    expect(programs.size).toBe(10);
    const h = cHeader(12, '3.2');
    expect(h).toMatch(/tables [0-9a-f]{12}; checked against golden corpus/);
    expect(h).toContain('_Static_assert(offsetof(smf119_st12_r3_2_common, SMF119SS_SAInitFailedHsConnCnt) == 204');
    expect(h).toContain('#define SMF119_ST12_R3_2_COMMON_LEN 212');
    expect(h).toMatch(/SMF119SS_TLS_SCert_Serial_Len; \/\* \+42 len 1; .*confidence: ibm; since 3\.2; source: DECK32/);
    expect(h).toContain('#define ZERT_SEC_PROTOS_TLS_SSL 0x80');
  });

  it('a wrong offset in a header does not compile', () => {
    const good = cHeader(11, '3.2');
    const at = Number(/SMF119SC_SAConnID\) == (\d+)/.exec(good)![1]);
    writeFileSync(join(dir, 'bad.h'), good.replace(`SMF119SC_SAConnID) == ${at}`, `SMF119SC_SAConnID) == ${at + 1}`));
    writeFileSync(join(dir, 'bad.c'), '#include "bad.h"\nint main(void) { return 0; }\n');
    expect(() => execFileSync('cc', ['-std=c11', '-c', '-o', join(dir, 'bad.o'), join(dir, 'bad.c')], { stdio: 'pipe' })).toThrow(/SMF119SC_SAConnID at/);
  });

  it.each(validCases.map((c) => [c.id, c] as const))('%s: the C program reads every value of the expected JSON', (_id, c) => {
    const records = zertRecords(c);
    const expected = JSON.parse(readFileSync(join(CORPUS, c.expected), 'utf8')) as Record<string, unknown>[];
    const output = execFileSync(programs.get(`${c.subtype}/${c.release}`)!, { input: Buffer.concat(records) }).toString();
    const read = new Map<string, Uint8Array>();
    const occurrences = new Map<string, number>();
    for (const line of output.trim().split('\n')) {
      const [rec, sec, occ, name, bytes = ''] = line.split(' ');
      read.set(`${rec}/${sec}/${occ}/${name}`, Buffer.from(bytes, 'hex'));
      occurrences.set(`${rec}/${sec}`, Math.max(occurrences.get(`${rec}/${sec}`) ?? 0, Number(occ) + 1));
    }
    let compared = 0;
    expected.forEach((want, i) => {
      const subtype = want.Header && (want.Header as Record<string, number>).SMF119HDSubType;
      expect(subtype).toBe(c.subtype);
      const v6Field = c.subtype === 11 ? 'SMF119SC_SAFlags' : 'SMF119SS_SAFlags';
      const v6 = ((read.get(`${i}/Common/0/${v6Field}`)?.[0] ?? 0) & 0x80) !== 0;
      for (const s of exportSections(c.subtype, c.release)) {
        if (!s.def.layoutKnown || !(s.def.key in want)) continue;
        const wantOccurrences = Array.isArray(want[s.def.key]) ? (want[s.def.key] as Record<string, unknown>[]) : [want[s.def.key] as Record<string, unknown>];
        expect(occurrences.get(`${i}/${s.def.key}`) ?? 0, `${c.id}[${i}] ${s.def.key} occurrences`).toBe(wantOccurrences.length);
        wantOccurrences.forEach((occ, n) => {
          const bytesOf = (name: string): Uint8Array => read.get(`${i}/${s.def.key}/${n}/${name}`)!;
          for (const p of s.fields) {
            if (p.def.type.kind === 'reserved') continue;
            const b = bytesOf(p.def.name);
            expect(b, `${c.id}[${i}] ${s.def.key}[${n}] ${p.def.name} read`).toBeDefined();
            expect(bytesMatch(p.def, b, bytesOf, v6, occ[p.def.name]), `${c.id}[${i}] ${s.def.key}[${n}] ${p.def.name}: C read ${Buffer.from(b).toString('hex')} vs ${JSON.stringify(occ[p.def.name])}`).toBe(true);
            compared++;
          }
        });
      }
    });
    expect(compared).toBeGreaterThan(30 * records.length);
  });
});
