import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArgumentsCamelCase } from 'yargs';
import { handler as goldenHandler } from '../bin/commands/golden.js';
import { allCases, RETIRED_IDS } from '../conformance/corpus/cases.js';
import { checkCorpus, CORPUS_DIR, corpusCoverage, coverageJson, isFullyCovered } from '../conformance/corpus/golden.js';
import { loadManifest } from '../conformance/runner/run.js';
import { decode } from '../spec/codec.js';
import type { Release } from '../spec/types.js';

// The file walkers below read descriptors straight from the bytes (reference smf119-common "Physical formats"),
// not through generators/framing, so they check the committed files independently of our reader and writer.

/** Segment codes per block of a RECFM=VBS file: X'00' complete, X'01' first, X'02' last, X'03' middle. */
function vbsSegmentCodes(file: Buffer): number[][] {
  const blocks: number[][] = [];
  for (let at = 0; at < file.length; ) {
    const end = at + file.readUInt16BE(at);
    const codes: number[] = [];
    for (let seg = at + 4; seg < end; seg += file.readUInt16BE(seg)) codes.push(file[seg + 2]!);
    blocks.push(codes);
    at = end;
  }
  return blocks;
}

/** The logical records of a file (RDW records, or VBS segments joined), RDW included. */
function logicalRecords(file: Buffer, framing: string): Buffer[] {
  const out: Buffer[] = [];
  if (framing === 'rdw') {
    for (let at = 0; at < file.length; at += file.readUInt16BE(at)) out.push(file.subarray(at, at + file.readUInt16BE(at)));
    return out;
  }
  let parts: Buffer[] = [];
  for (let at = 0; at < file.length; ) {
    const end = at + file.readUInt16BE(at);
    for (let seg = at + 4; seg < end; seg += file.readUInt16BE(seg)) {
      parts.push(file.subarray(seg + 4, seg + file.readUInt16BE(seg)));
      if (file[seg + 2] === 0 || file[seg + 2] === 2) {
        const body = Buffer.concat(parts);
        out.push(Buffer.concat([Buffer.from([(body.length + 4) >> 8, (body.length + 4) & 0xff, 0, 0]), body]));
        parts = [];
      }
    }
    at = end;
  }
  return out;
}

const caseFile = (id: string): Buffer => readFileSync(join(CORPUS_DIR, 'cases', `${id}.smf`));

describe('golden corpus', () => {
  it('the committed files are exactly what the case definitions produce', () => {
    expect(checkCorpus()).toEqual([]);
  });
  it('covers every field, every named code and every release profile', () => {
    const c = corpusCoverage();
    expect(c.fields.filter((x) => !x.covered)).toEqual([]);
    expect(c.codes.filter((x) => !x.covered)).toEqual([]);
    expect(isFullyCovered(c)).toBe(true);
    expect(c.fields.length).toBeGreaterThan(330);
  });
  it('has the case kinds the corpus promises', () => {
    const flags = new Set(allCases().flatMap((c) => c.flags));
    for (const f of ['ipv4-in-16', 'ipv6', 'repeated-dn', 'short-section', 'long-section', 'absent-section', 'empty-section', 'failed-handshake-tls', 'failed-handshake-ssh', 'v2-lengths', 'v1-lengths', 'spanned', 'vbs', 'event-7', 'truncated', 'rdw-length', 'triplet-outside', 'count-overflow', 'bdw-rdw', 'bad-packed-date', 'segment-sequence', 'middle-segment', 'records-share-block', 'other-records', 'subtypes-flag-off', 'hand-built-input']) {
      expect(flags.has(f), f).toBe(true);
    }
    for (const e of [1, 2, 3, 4, 5, 6, 7]) expect(flags.has(`event-${e}`)).toBe(true);
    expect(allCases().filter((c) => c.handWritten).length).toBeGreaterThanOrEqual(14);
    expect(allCases().some((c) => RETIRED_IDS.includes(c.id))).toBe(false);
  });
  it("every record of a valid case has header flag X'40' (subtypes used); the acceptable case without it is flagged", () => {
    const manifest = loadManifest();
    let checked = 0;
    for (const c of manifest.cases.filter((x) => x.expectation === 'valid')) {
      for (const r of logicalRecords(caseFile(c.id), c.framing).filter((x) => x[5] === 119)) {
        expect(r[4]! & 0x40, `${c.id}: SMF119HDFlags X'${r[4]!.toString(16)}'`).toBe(0x40);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    const off = manifest.cases.find((x) => x.id === 'st11-3.2-subtypes-flag-off')!;
    expect(off).toMatchObject({ expectation: 'acceptable', acceptableBecause: 'subtypes-flag-off' });
    expect(caseFile(off.id)[4]! & 0x40).toBe(0);
  });
  it('has VBS files with middle segments, and with complete records sharing blocks with a spanned one', () => {
    const middle = vbsSegmentCodes(caseFile('st11-3.2-vbs-middle-segments'));
    // first, middle..., last for each of the two records, each longer than two 128-byte blocks.
    expect(middle.flat()).toEqual([1, 3, 3, 3, 2, 1, 3, 3, 3, 2]);
    expect(middle.every((b) => b.length <= 2)).toBe(true);
    expect(vbsSegmentCodes(caseFile('st11-3.2-vbs-span-between'))).toEqual([[0, 0, 1], [2, 0, 0]]);
  });
  it('the expected records of every valid VBS case are what the records joined by the walker above decode to', () => {
    const vbs = loadManifest().cases.filter((c) => c.framing === 'vbs' && c.expectation === 'valid');
    expect(vbs.length).toBeGreaterThanOrEqual(5);
    for (const c of vbs) {
      const joined = logicalRecords(caseFile(c.id), 'vbs').filter((r) => r[5] === 119 && [11, 12].includes(r.readUInt16BE(22)));
      const expected = JSON.parse(readFileSync(join(CORPUS_DIR, c.expected!), 'utf8'));
      expect(joined.map((r) => decode(r, { release: c.release as Release }).record), c.id).toEqual(expected);
    }
  });
  it('lists the non-zERT records of a file in the manifest, and leaves them out of the expected records', () => {
    const manifest = loadManifest();
    for (const id of ['st11-3.2-other-records', 'st12-3.2-other-records-vbs']) {
      const c = manifest.cases.find((x) => x.id === id)!;
      const all = logicalRecords(caseFile(id), c.framing);
      const others = all.map((r, index) => ({ index, type: r[5], subtype: r.readUInt16BE(22) })).filter((r) => r.type !== 119 || (r.subtype !== 11 && r.subtype !== 12));
      expect(c.skip!.map(({ index, type, subtype }) => ({ index, type, subtype }))).toEqual(others);
      expect(others.map((o) => `${o.type}/${o.subtype}`)).toEqual(expect.arrayContaining(['30/5', '119/2']));
      expect(c.records).toBe(all.length - others.length);
      expect(JSON.parse(readFileSync(join(CORPUS_DIR, c.expected!), 'utf8'))).toHaveLength(c.records);
    }
    expect(manifest.cases.find((x) => x.id === 'st11-3.2-other-records')!.skip!.map((s) => s.subtype)).toContain(99);
  });
  it('notices a changed byte and a hand-written expectation that disagrees', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zf-golden-'));
    cpSync(CORPUS_DIR, dir, { recursive: true });
    const smf = join(dir, 'cases', 'st11-3.2-tls-init.smf');
    const bytes = readFileSync(smf);
    bytes[100] ^= 1;
    writeFileSync(smf, bytes);
    const hand = join(dir, 'cases', 'st12-3.1-handwritten.json');
    writeFileSync(hand, readFileSync(hand, 'utf8').replace('"SMF119SS_SAEndLifeConnCnt": 3', '"SMF119SS_SAEndLifeConnCnt": 4'));
    expect(checkCorpus(dir).map((p) => p.id)).toEqual(['st11-3.2-tls-init', 'st12-3.1-handwritten']);
  });
});

describe('golden command, in-process', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  async function golden(args: Record<string, unknown>): Promise<{ stdout: string; stderr: string; status: number | string | undefined }> {
    let stdout = '';
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((t) => ((stdout += String(t)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((stderr += String(t)), true));
    await goldenHandler({ check: false, write: false, coverage: false, dir: CORPUS_DIR, _: [], $0: 'zert-forge', ...args } as ArgumentsCamelCase<never>);
    return { stdout, stderr, status: process.exitCode };
  }
  it('--coverage --format json prints totals, what is missing, the independent oracles and every item', async () => {
    const r = await golden({ coverage: true, format: 'json' });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toEqual(JSON.parse(JSON.stringify(coverageJson(corpusCoverage()))));
    expect(j.corpusVersion).toBe(loadManifest().version);
    expect(j.fullyCovered).toBe(true);
    expect(j.totals.fields).toEqual({ covered: j.fields.length, total: j.fields.length, percent: 100 });
    expect(j.missing).toEqual({ fields: [], codes: [], releases: [] });
    expect(j.oracles.handWrittenExpectations).toBeGreaterThanOrEqual(14);
    expect(j.oracles.handBuiltInputs).toBeGreaterThanOrEqual(12);
    expect(j.codes.every((c: { covered: unknown }) => c.covered === true)).toBe(true);
  });
  it('--check --coverage passes; --format without --coverage and no action at all are usage errors', async () => {
    const ok = await golden({ check: true, coverage: true });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/fields with a non-default value in a valid or acceptable case: (\d+)\/\1 \(100\.0%\)/);
    expect(ok.stderr).toMatch(/matches its definition/);
    const misplaced = await golden({ check: true, format: 'json' });
    expect(misplaced).toMatchObject({ status: 2, stdout: '' });
    expect(misplaced.stderr).toMatch(/^zert-forge: golden: --format .* add --coverage\.\n$/);
    expect((await golden({})).status).toBe(2);
  });
});
