import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { specCommand } from '../bin/commands/spec.js';
import { cHeader } from '../spec/export/c.js';
import { dsectText } from '../spec/export/dsect.js';
import { readMapping } from '../spec/verify/mapping.js';
import { verifyMapping } from '../spec/verify/verify.js';
import type { VerifyReport } from '../spec/verify/verify.js';
import { RELEASES } from '../spec/types.js';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'zf-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = new URL('./fixtures/ezasmf77-listing-fragment.txt', import.meta.url);

/** Both subtypes' DSECTs in one source, the shared header/self-defining/identification DSECTs once (as in one macro). */
function bothSubtypes(release: (typeof RELEASES)[number]): string {
  const st12 = dsectText(12, release);
  return dsectText(11, release).replace(/\s+END\s*$/, '\n') + st12.slice(st12.indexOf('SMF119ST12_Common DSECT') - 0);
}

const kinds = (r: VerifyReport): string[] => r.differences.map((d) => `${d.kind} ${'name' in d ? d.name : d.field}`);

describe('spec --verify against our own exports', () => {
  it.each(RELEASES)('the DSECT export of %s (both subtypes) verifies clean', (release) => {
    const report = verifyMapping(readMapping(bothSubtypes(release)), { release });
    expect(report.format).toBe('hlasm-source');
    expect(kinds(report)).toEqual([]);
    expect(report.subtypes).toEqual([11, 12]);
    expect(report.counts.ok).toBeGreaterThan(280);
    expect(report.warnings).toEqual([]);
  });

  it.each([11, 12] as const)('the C header export of subtype %i verifies clean', (subtype) => {
    const report = verifyMapping(readMapping(cHeader(subtype, '3.2')), { release: '3.2', subtypes: [subtype] });
    expect(report.format).toBe('c-header');
    expect(kinds(report)).toEqual([]);
    expect(report.counts.ok).toBeGreaterThan(100);
  });

  it('a DSECT that maps the header and runs on into the self-defining section (at 24) verifies clean', () => {
    const oneDsect = dsectText(11, '3.2').replace(/^SMF119SDefSect DSECT ,$/m, '');
    const report = verifyMapping(readMapping(oneDsect), { release: '3.2', subtypes: [11] });
    expect(kinds(report)).toEqual([]);
    expect(report.containers.filter((c) => c.name === 'SMF119Header').map((c) => [c.section, c.base])).toEqual([['Header', 0], ['SelfDef', 24]]);
  });

  it('an older release mapping read as 3.2 shows what 3.2 added', () => {
    const report = verifyMapping(readMapping(dsectText(12, '3.1')), { release: '3.2', subtypes: [12] });
    expect(kinds(report)).toContain('missing-in-theirs SMF119SS_SAInitFailedHsConnCnt');
    expect(kinds(report).every((k) => k.startsWith('missing-in-theirs'))).toBe(true);
  });
});

describe('spec --verify reports each planted difference', () => {
  const base = dsectText(11, '3.2');
  const plant = (from: RegExp, to: string): string => {
    expect(base).toMatch(from);
    return base.replace(from, to);
  };
  const verify = (text: string): VerifyReport => verifyMapping(readMapping(text), { release: '3.2', subtypes: [11] });

  it('one offset', () => {
    const text = plant(/^(SMF119SC_SAConnID DS.*)$/m, '         ORG   *+4\n$1\n         ORG   *-4');
    const r = verify(text);
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'offset', name: 'SMF119SC_SAConnID', section: 'Common', ours: 84, theirs: 88 })]);
  });

  it('one length', () => {
    const r = verify(plant(/^SMF119SC_SAJobname DS\s+CL8.*$/m, 'SMF119SC_SAJobname DS CL6\n         DS    CL2'));
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'length', name: 'SMF119SC_SAJobname', ours: 8, theirs: 6 })]);
  });

  it('one type', () => {
    const r = verify(plant(/^SMF119HDDate DS\s+PL4/m, 'SMF119HDDate DS XL4'));
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'type', name: 'SMF119HDDate', ours: 'packed', theirs: 'binary' })]);
  });

  it('a field missing in theirs and one missing in ours', () => {
    const r = verify(plant(/^SMF119SC_SAJobID DS\s+CL8.*$/m, '         DS    CL8').replace(/^ {9}DS {4}XL2 +\+2 vendor-copy reserved$/m, 'SMF119SD_Extra DS XL2'));
    expect(kinds(r).sort()).toEqual(['missing-in-ours SMF119SD_Extra', 'missing-in-theirs SMF119SC_SAJobID']);
    expect(r.differences.find((d) => d.kind === 'missing-in-ours')).toMatchObject({ section: 'SelfDef', relativeOffset: 2 });
  });

  it('an extra code', () => {
    const r = verify(plant(/^(SMF119SC_SAFlags DS.*)$/m, "$1\nSMF119SC_SAFlags_Mine EQU X'04'"));
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'code-we-lack', field: 'SMF119SC_SAFlags', value: 4, theirName: 'SMF119SC_SAFlags_Mine' })]);
  });

  it('exits 1 on a difference, prints text or JSON, and writes a reference patch', () => {
    const file = join(dir, 'planted.asm');
    writeFileSync(file, plant(/^(SMF119SC_SAConnID DS.*)$/m, "         ORG   *+4\n$1\n         ORG   *-4\nSMF119SC_SAConnID_X EQU 7"));
    const patch = join(dir, 'patch.json');
    const text = specCommand({ verify: file, subtype: 11, patch });
    expect(text.code).toBe(1);
    expect(text.output).toContain('different offset: Common SMF119SC_SAConnID: ours 84, theirs 88');
    expect(text.output).toContain("code we lack: Common SMF119SC_SAConnID X'07' (their SMF119SC_SAConnID_X");
    const json = JSON.parse(specCommand({ verify: file, subtype: 11, format: 'json' }).output) as VerifyReport;
    expect(json.counts.differences).toBe(2);
    const ops = JSON.parse(readFileSync(patch, 'utf8')) as Record<string, { op: string; path: string; value: unknown }[]>;
    const st11 = JSON.parse(readFileSync(new URL('../spec/reference/smf119-st11.json', import.meta.url), 'utf8'));
    const [test, replace, addCode] = ops['smf119-st11.json']!;
    expect(test).toMatchObject({ op: 'test', value: 84 });
    expect(replace).toMatchObject({ op: 'replace', path: test!.path, value: 88 });
    // The patch paths point at the field in the reference file.
    const pointer = (p: string): unknown => p.split('/').slice(1).reduce((o: any, k) => o[k], st11);
    expect((pointer(test!.path.replace(/\/offset$/, '')) as { name: string }).name).toBe('SMF119SC_SAConnID');
    expect(addCode).toMatchObject({ op: 'add', path: test!.path.replace(/offset$/, 'values'), value: [{ value: "X'07'" }] });
    expect(specCommand({ verify: join(dir, 'clean.asm'), subtype: 11 }).code).toBe(0);
  });
  writeFileSync(join(dir, 'clean.asm'), base);
});

describe('reading mappings not produced by zert-forge', () => {
  const listing = readFileSync(FIXTURE, 'utf8');

  it('parses a hand-written fragment in HLASM listing layout (page breaks, macro lines, continuation, EQU values)', () => {
    const m = readMapping(listing);
    expect(m.format).toBe('hlasm-listing');
    expect(m.warnings).toEqual([]);
    const at = (name: string): unknown => m.fields.find((f) => f.name === name);
    expect(at('SMF119HDSUBTYPE')).toMatchObject({ container: 'SMF119HDR', offset: 22, length: 2, type: 'binary' });
    expect(at('SMF119HDDate')).toMatchObject({ offset: 10, length: 4, type: 'packed' });
    expect(at('SMF119S1Off')).toMatchObject({ container: 'SMF119SDS', offset: 12, length: 4 });
    expect(at('SMF119S1Len')).toMatchObject({ offset: 16, length: 2 });
    // after the page break
    expect(at('SMF119SC_SAEDate')).toMatchObject({ container: 'SMF119SC_S1', offset: 44 });
    expect(at('SMF119SC_SAInBytes')).toMatchObject({ offset: 88, length: 8, type: 'binary' });
    expect(m.fields.filter((f) => f.container === 'SMF119SC_S1').length).toBe(23);
    expect(m.codes.find((c) => c.name === 'SMF119SC_SAF_IPv6')).toMatchObject({ value: 0x80, field: 'SMF119SC_SAFlags' });
    expect(m.codes.find((c) => c.name === 'SMF119HDSub_Detail')).toMatchObject({ value: 11, field: 'SMF119HDSUBTYPE' });
    expect(m.codes.some((c) => c.name === 'SMF119SC_S1_Len')).toBe(false);
  });

  it('verifies the fragment: its fields agree, its extra code is reported, the sections it leaves out are missing', () => {
    const r = verifyMapping(readMapping(listing), { release: '3.2' });
    expect(r.subtypes).toEqual([11]);
    expect(r.differences.filter((d) => d.kind !== 'missing-in-theirs')).toEqual([expect.objectContaining({ kind: 'code-we-lack', field: 'SMF119SC_SASecFlags', value: 0x10 })]);
    expect(kinds(r)).toContain('missing-in-theirs SMF119SC_TLS_Neg_Cipher');
    expect(kinds(r)).toContain('missing-in-theirs SMF119S2Off');
    expect(r.counts.ok).toBe(9 + 7 + 23);
  });

  it('the same fragment read from the listing with a carriage-control column', () => {
    const asa = listing.split('\n').map((l) => ` ${l}`).join('\n');
    const m = readMapping(asa);
    expect(m.fields.find((f) => f.name === 'SMF119SC_SARPort')).toMatchObject({ offset: 80, length: 2 });
  });

  it('reads an IBM-style C header: _Packed structs, unions, bit fields and #defines', () => {
    const header = [
      '/* hand-written test fixture in the style of a z/OS C mapping header */',
      '#define SMF119HDSub 11',
      'typedef _Packed struct {',
      '  unsigned short SMF119HDLength;     /* record length */',
      '  unsigned short SMF119HDSegDesc;',
      '  union {',
      '    unsigned char SMF119HDFlags;',
      '    struct { unsigned int SMF119HDF_NewFmt:1; unsigned int SMF119HDF_Subtypes:1; unsigned int :6; } SMF119HDFlagBits;',
      '  };',
      '  unsigned char SMF119HDType;',
      '  int SMF119HDTime;',
      '  char SMF119HDDate[4];',
      '  char SMF119HDSID[4], SMF119HDSSI[4];',
      '  unsigned short SMF119HDSubType;',
      '#define SMF119HDSubType_Summary 0x0C',
      '} Smf119Header;',
    ].join('\n');
    const m = readMapping(header);
    expect(m.format).toBe('c-header');
    const at = (name: string): unknown => m.fields.find((f) => f.name === name);
    expect(at('SMF119HDFlags')).toMatchObject({ offset: 4, length: 1 });
    expect(at('SMF119HDType')).toMatchObject({ offset: 5, length: 1 });
    expect(at('SMF119HDSSI')).toMatchObject({ offset: 18, length: 4 });
    expect(at('SMF119HDSubType')).toMatchObject({ offset: 22, length: 2 });
    expect(m.codes.find((c) => c.name === 'SMF119HDF_Subtypes')).toMatchObject({ value: 0x40, field: 'SMF119HDFlags' });
    expect(m.codes.find((c) => c.name === 'SMF119HDSubType_Summary')).toMatchObject({ value: 12, field: 'SMF119HDSubType' });
    const r = verifyMapping(m, { release: '3.2' });
    expect(r.differences.filter((d) => d.kind !== 'missing-in-theirs').map((d) => `${d.kind} ${'name' in d ? d.name : d.field}`)).toEqual(['missing-in-ours SMF119HDFlagBits']);
  });

  it('a file with no mapping in it is a usage error', () => {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, 'hello\n');
    expect(() => specCommand({ verify: file })).toThrow(/no DSECT\/DS statements or C structs found/);
  });
});

describe('zert-forge spec --verify (in-process: exit codes and output are not about the process)', () => {
  it('exits 1 with the report on stdout when the mapping differs, 2 with one line for a missing file', async () => {
    const differing = await cli(['spec', '--verify', fileURLToPath(FIXTURE)], { cwd: dir });
    expect(differing.status).toBe(1);
    expect(differing.stdout.toString()).toContain("code we lack: Common SMF119SC_SASecFlags X'10'");
    const missing = await cli(['spec', '--verify', join(dir, 'nope.lst')], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([`zert-forge: cannot open ${join(dir, 'nope.lst')}: no such file or directory (ENOENT)`]);
  });
});
