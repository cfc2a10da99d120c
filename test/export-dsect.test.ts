import { describe, expect, it } from 'vitest';
import { dsectName, dsectText } from '../spec/export/dsect.js';
import { sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import type { Release, SectionKey, Subtype } from '../spec/types.js';
import { RELEASES, releaseIndex } from '../spec/types.js';
import { referenceFields } from './helpers/reference.js';

// Offsets computed here from the DSECT's own DS statements (a small reader for the operand forms the export
// uses, independent of spec/verify) must match the offsets in the reference JSON (spec/reference) and the tables.

const LENGTHS: Record<string, number> = { C: 1, X: 1, P: 1, H: 2, F: 4 };

function offsetsFromDs(text: string): Map<string, Map<string, { offset: number; length: number }>> {
  const sections = new Map<string, Map<string, { offset: number; length: number }>>();
  let current: Map<string, { offset: number; length: number }> | undefined;
  let loc = 0;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('*')) continue;
    const [label, op, operand] = line.startsWith(' ') ? ['', ...line.trim().split(/\s+/)] : line.split(/\s+/);
    if (op === 'DSECT') {
      current = new Map();
      sections.set(label!, current);
      loc = 0;
    } else if (op === 'DS') {
      const m = /^(\d*)([CXPHF])(?:L(\d+))?$/.exec(operand!);
      if (!m) throw new Error(`unexpected DS operand ${operand}`);
      const dup = m[1] === '' ? 1 : Number(m[1]);
      const length = m[3] ? Number(m[3]) : LENGTHS[m[2]!]!;
      if (m[3] === undefined && dup !== 0) throw new Error(`DS ${operand} would be aligned`);
      if (label) current!.set(label, { offset: loc, length: dup * length });
      loc += dup * length;
    }
  }
  return sections;
}

const exists = (f: { since?: string; until?: string }, r: Release): boolean =>
  (!f.since || releaseIndex(f.since as Release) <= releaseIndex(r)) && (!f.until || releaseIndex(r) <= releaseIndex(f.until as Release));

describe('HLASM DSECT export', () => {
  it.each(RELEASES.flatMap((r) => [[11, r], [12, r]] as [Subtype, Release][]))('subtype %i, %s: offsets from the DS statements match the reference and the tables', (subtype, release) => {
    const text = dsectText(subtype, release);
    const sections = offsetsFromDs(text);
    let compared = 0;
    for (const { subtype: st, key, field } of referenceFields()) {
      if (st !== subtype || !exists(field, release)) continue;
      const def = SUBTYPE_DEFS[subtype].sections.find((s) => s.key === key)!;
      const got = sections.get(dsectName(subtype, key as SectionKey))?.get(field.name);
      if (!got || field.name === 'reserved') continue;
      const base = key === 'SelfDef' ? 24 : 0;
      expect(got.offset, `${key} ${field.name}`).toBe(field.offset - base);
      if (field.length) expect(got.length, `${key} ${field.name} length`).toBe(field.length);
      const placed = sectionLayout(def, release).fields.find((p) => p.def.name === field.name)!;
      expect(got.offset).toBe(placed.offset);
      compared++;
    }
    expect(compared).toBeGreaterThan(subtype === 11 ? 190 : 120);
  });

  it('keeps to HLASM source columns and names, and carries release, versions and confidence', () => {
    for (const subtype of [11, 12] as const) {
      const text = dsectText(subtype, '3.2');
      for (const line of text.trimEnd().split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(71);
        const label = line.startsWith(' ') || line.startsWith('*') ? '' : line.split(' ')[0]!;
        if (label) expect(label, line).toMatch(/^[A-Za-z@#$_][A-Za-z0-9@#$_]{0,62}$/);
      }
      expect(text).toMatch(/^\* zERT .*z\/OS 3\.2$/m);
      expect(text).toMatch(/tables\s*\n?\*?\s*[0-9a-f]{12}; checked against golden corpus/);
    }
    const st11 = dsectText(11, '3.2');
    expect(st11).toMatch(/^SMF119SC_SSH_Flags DS\s+XL1\s+\+4 ibm since 3\.2$/m);
    // A remark too long for column 71 goes on a comment line before its statement.
    expect(st11).toMatch(/^\* reset by zERT policy \(inferred\) since 2\.5\nSMF119SC_SAFlags_X20 EQU\s+X'20'$/m);
    expect(st11).toMatch(/Layout NOT FOUND in any source: no DSECT/);
    expect(dsectText(11, '2.4')).not.toMatch(/SMF119SC_SAFlags_X20/);
  });
});
