import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCases, RETIRED_IDS } from '../conformance/corpus/cases.js';
import { checkCorpus, CORPUS_DIR, corpusCoverage, isFullyCovered } from '../conformance/corpus/golden.js';

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
    for (const f of ['ipv4-in-16', 'ipv6', 'repeated-dn', 'short-section', 'long-section', 'absent-section', 'empty-section', 'failed-handshake-tls', 'failed-handshake-ssh', 'v2-lengths', 'v1-lengths', 'spanned', 'vbs', 'event-7', 'truncated', 'rdw-length', 'triplet-outside', 'count-overflow', 'bdw-rdw', 'bad-packed-date', 'segment-sequence']) {
      expect(flags.has(f), f).toBe(true);
    }
    for (const e of [1, 2, 3, 4, 5, 6, 7]) expect(flags.has(`event-${e}`)).toBe(true);
    expect(allCases().filter((c) => c.handWritten).length).toBeGreaterThanOrEqual(2);
    expect(allCases().some((c) => RETIRED_IDS.includes(c.id))).toBe(false);
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
