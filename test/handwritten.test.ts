import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCases } from '../conformance/corpus/cases.js';
import { agreesWithHandWritten, checkCorpus, CORPUS_DIR, materialise } from '../conformance/corpus/golden.js';
import type { ReferenceRecord } from './helpers/independent.js';
import { referenceDecode } from './helpers/independent.js';
import { ST11_KEYS } from './helpers/reference.js';
import { HAND_BUILT, handBuiltFile } from './handwritten/inputs.js';

// The hand-written cases: inputs built from the reference offsets and glibc iconv (test/handwritten/inputs.ts),
// expected JSON typed by hand from the reference. Our decoder must agree with both, and a changed expected value
// must make the corpus check fail.

const cases = allCases().filter((c) => c.handWritten && c.handBuiltInput);
const ids = cases.map((c) => c.id);
const expectedText = (id: string): string => readFileSync(join(CORPUS_DIR, 'cases', `${id}.json`), 'utf8');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths of every scalar in a JSON value, e.g. ['0', 'TLS', '0', 'SMF119SC_TLS_Neg_Cipher']. */
function leaves(v: Json, path: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [path];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
}

function withChanged(v: Json, path: string[]): Json {
  const copy = structuredClone(v);
  let at: any = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  const key = path[path.length - 1]!;
  const old = at[key];
  at[key] = typeof old === 'number' ? old + 1 : typeof old === 'string' ? `${old}X` : old === null ? '' : !old;
  return copy;
}

/** The field each case is about: the one value the corpus-check mutation test changes. */
const KEY_FIELD: Record<string, string[]> = {
  'hw-st11-3.2-failed-tls': ['0', 'TLS', '0', 'SMF119SC_TLS_Neg_Cipher'],
  'hw-st11-3.2-failed-ssh': ['0', 'SSH', '0', 'SMF119SC_SSH_Flags'],
  'hw-st12-3.2-failed-tls': ['0', 'Common', '0', 'SMF119SS_SAEndFailedHsConnCnt'],
  'hw-st12-3.2-failed-ssh': ['0', 'SSH', '0', 'SMF119SS_SSH_Source'],
  'hw-st11-3.2-ipv4': ['0', 'Common', '0', 'SMF119SC_SARIP'],
  'hw-st11-3.2-ipv6': ['0', 'Common', '0', 'SMF119SC_SALIP'],
  'hw-st11-3.2-dn-list': ['0', 'DN', '2', 'SMF119SC_DN_Len'],
  'hw-st11-3.2-cert-times': ['0', 'TLS', '0', 'SMF119SC_TLS_SCert_Time'],
  'hw-st12-3.1-v1-lengths': ['0', 'SelfDef', 'SMF119S2Len'],
  'hw-st12-3.2-v2-lengths': ['0', 'SelfDef', 'SMF119S1Len'],
  'hw-st11-2.4-seven-triplets': ['0', 'SelfDef', 'SMF119SD_TRN'],
  'hw-st11-2.5-eighth-triplet': ['0', 'SelfDef', 'SMF119S7Num'],
  'hw-st11-3.2-init-term': ['1', 'Common', '0', 'SMF119SC_SAETime'],
  'hw-st12-3.2-enable-disable': ['1', 'Common', '0', 'SMF119SS_SAEvent_Type'],
};

describe('hand-written corpus cases', () => {
  it('there are at least 12, each citing what it tests, with inputs from the reference builder', () => {
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect([...ids].sort()).toEqual(Object.keys(HAND_BUILT).sort());
    expect(Object.keys(KEY_FIELD).sort()).toEqual([...ids].sort());
    for (const c of cases) expect(c.cites?.length, c.id).toBeGreaterThan(0);
    const flags = new Set(cases.flatMap((c) => c.flags));
    for (const f of ['failed-handshake-tls', 'failed-handshake-ssh', 'ipv4-in-16', 'ipv6', 'repeated-dn', 'cert-time-utc', 'cert-time-generalized', 'v1-lengths', 'v2-lengths', 'triplets-8', 'event-record', 'event-1']) expect(flags.has(f), f).toBe(true);
    for (const s of [11, 12]) for (const f of ['failed-handshake-tls', 'failed-handshake-ssh']) expect(cases.some((c) => c.subtype === s && c.flags.includes(f)), `st${s} ${f}`).toBe(true);
  });

  it.each(ids)('%s: the committed input is what the reference builder writes', (id) => {
    expect(readFileSync(join(CORPUS_DIR, 'cases', `${id}.smf`)).toString('hex')).toBe(handBuiltFile(id).toString('hex'));
  });

  it.each(ids)('%s: our decoder agrees with the hand-written expectation, and with no value changed', (id) => {
    const m = materialise(cases.find((c) => c.id === id)!);
    const text = expectedText(id);
    expect(agreesWithHandWritten(m.expected!, text)).toBe(true);
    // Every single changed value is noticed, not just the one the corpus-check test below changes.
    const json = JSON.parse(text) as Json;
    const paths = leaves(json);
    expect(paths.length).toBeGreaterThan(40);
    const unnoticed = paths.filter((p) => agreesWithHandWritten(m.expected!, JSON.stringify(withChanged(json, p))));
    expect(unnoticed).toEqual([]);
  });

  describe('read by the independent Python decoder', () => {
    const inputOf = (id: string): string => join(CORPUS_DIR, 'cases', `${id}.smf`);
    let reference: Map<string, ReferenceRecord[]>;
    beforeAll(() => {
      reference = referenceDecode(cases.map((c) => ({ release: c.release, path: inputOf(c.id) })));
    });
    it.each(ids)('%s: the independent Python decoder (test/independent) reads the values the hand-written JSON holds', (id) => {
      const c = cases.find((x) => x.id === id)!;
      const theirs = reference.get(inputOf(id))!;
      const hand = JSON.parse(expectedText(id)) as Record<string, any>[];
      expect(theirs).toHaveLength(hand.length);
      const keys: Record<string, string> = c.subtype === 11 ? ST11_KEYS : { ID: 'Ident', S1: 'Common', S2: 'TLS', S3: 'SSH', S4: 'IPSec', S5: 'DN' };
      let compared = 0;
      theirs.forEach((t, i) => {
        for (const [name, value] of Object.entries(t.Header)) expect(hand[i]!['Header'][name], `record ${i} Header ${name}`).toEqual(value);
        for (const [tid, occurrences] of Object.entries(t.sections as Record<string, Record<string, unknown>[]>)) {
          const mine = hand[i]![keys[tid]!] as Record<string, unknown>[];
          expect(mine, `record ${i} ${tid}`).toHaveLength(occurrences.length);
          occurrences.forEach((o, j) => {
            for (const [name, value] of Object.entries(o)) {
              expect(mine[j]![name], `record ${i} ${tid}[${j}] ${name}`).toEqual(value);
              compared++;
            }
          });
        }
      });
      expect(compared).toBeGreaterThan(30);
    });
  });

  it('the corpus check fails for each case whose expected JSON has one changed value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zf-hw-'));
    cpSync(CORPUS_DIR, dir, { recursive: true });
    for (const id of ids) {
      const json = JSON.parse(expectedText(id)) as Json;
      writeFileSync(join(dir, 'cases', `${id}.json`), JSON.stringify(withChanged(json, KEY_FIELD[id]!), null, 2));
    }
    const problems = checkCorpus(dir);
    expect(problems.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const p of problems) expect(p.problem).toMatch(/disagrees with the hand-written/);
  });
});
