import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordArbitrary } from '../generators/arbitraries.js';
import { mutate, mutationsArb } from '../generators/mutations.js';
import type { CanonicalRecord } from '../spec/codec.js';
import { decode, encode } from '../spec/codec.js';
import { ZertError } from '../spec/errors.js';
import type { SectionValue } from '../spec/fields.js';
import { SUBTYPE_DEFS } from '../spec/layout.js';
import { RELEASES } from '../spec/types.js';

const RUNS = Number(process.env['ZF_PROPERTY_RUNS'] ?? 150);
const FUZZ_RUNS = Number(process.env['ZF_FUZZ_RUNS'] ?? 5000);

/** A decoded record without what encode() derives (SelfDef, lengths, record type) and without companions. */
function inputForm(record: CanonicalRecord): CanonicalRecord {
  const st = SUBTYPE_DEFS[(record['Header'] as SectionValue)['SMF119HDSubType'] as 11 | 12];
  const derived = new Set(st.sections.flatMap((s) => s.fields.filter((f) => f.type.kind === 'derived').map((f) => f.name)));
  const strip = (v: SectionValue): SectionValue => Object.fromEntries(Object.entries(v).filter(([k]) => !k.includes('.') && !derived.has(k)));
  const out: CanonicalRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'SelfDef') continue;
    out[key] = Array.isArray(value) ? value.map(strip) : strip(value as SectionValue);
  }
  return out;
}

const cases = ([11, 12] as const).flatMap((st) => RELEASES.map((r) => [st, r] as const));

describe.each(cases)('subtype %i, release %s', (subtype, release) => {
  it('decode(encode(r)) gives r back, with no warning', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), (r) => {
        const result = decode(encode(r, { release }), { release });
        expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        expect(inputForm(result.record!)).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });
  it('encode(decode(b)) gives b back, also when the release is inferred', () => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), (r) => {
        const bytes = encode(r, { release });
        expect(Buffer.from(encode(decode(bytes, { release }).record!, { release }))).toEqual(Buffer.from(bytes));
        const inferred = decode(bytes);
        expect(Buffer.from(encode(inferred.record!, { release: inferred.release! }))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the decoder on bad input returns typed diagnostics and never throws', () => {
  const wellFormed = (d: ReturnType<typeof decode>): void => {
    expect(d.diagnostics.filter((x) => x.kind === 'internal-error')).toEqual([]);
    for (const x of d.diagnostics) expect(x.path.length).toBeGreaterThan(0);
  };
  it('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => wellFormed(decode(b))), { numRuns: FUZZ_RUNS });
  });
  it('arbitrary bytes behind a plausible header', () => {
    const header = fc.tuple(fc.constantFrom(11, 12), fc.uint8Array({ minLength: 0, maxLength: 800 })).map(([st, rest]) => {
      const b = new Uint8Array(28 + rest.length);
      b.set(rest, 28);
      b[0] = b.length >> 8;
      b[1] = b.length & 0xff;
      b[5] = 119;
      b[23] = st;
      b[25] = rest[0] ?? 0;
      return b;
    });
    fc.assert(fc.property(header, (b) => wellFormed(decode(b))), { numRuns: FUZZ_RUNS });
  });
  it.each(cases)('mutated valid records, subtype %i %s', (subtype, release) => {
    const valid = recordArbitrary(subtype, release).map((r) => encode(r, { release }));
    fc.assert(fc.property(valid, mutationsArb, (b, ms) => wellFormed(decode(mutate(b, ms)))), { numRuns: Math.ceil(FUZZ_RUNS / 5) });
  });
  it('a mutation that changes the RDW length is reported with its path and kind', () => {
    const b = encode({ Header: { SMF119HDSubType: 11 } }, { release: '3.2' });
    const d = decode(mutate(b, [{ op: 'setU16', at: 0, value: b.length + 10 }]));
    expect(d.diagnostics).toContainEqual(expect.objectContaining({ kind: 'length-mismatch', path: ['st11', 'Header', 'SMF119HDLength'], severity: 'error' }));
  });
});

describe('encode refuses invalid input with a typed error and a path', () => {
  const base = (): CanonicalRecord => ({ Header: { SMF119HDSubType: 11 }, Common: [{ SMF119SC_SAEvent_Type: 1 }] });
  const kindOf = (f: () => unknown): [string, string] | undefined => {
    try {
      f();
    } catch (e) {
      if (e instanceof ZertError) return [e.kind, e.path.join(' > ')];
      throw e;
    }
    return undefined;
  };
  it.each([
    ['unknown field', { TLS: [{ SMF119SC_TLS_Neg_Ciphr: 'C02F' }] }, '3.2', ['unknown-field', 'st11 > TLS[0] > SMF119SC_TLS_Neg_Ciphr']],
    ['unknown section', { Foo: [] }, '3.2', ['unknown-section', 'st11 > Foo']],
    ['failed handshake before 3.2', { TLS: [{ SMF119SC_TLS_Handshake_Type: 3 }] }, '3.1', ['not-in-release', 'st11 > TLS[0] > SMF119SC_TLS_Handshake_Type']],
    ['failed handshake with a leftover field', { TLS: [{ SMF119SC_TLS_Handshake_Type: 3, SMF119SC_TLS_Neg_Cipher: 'FFFFFF', SMF119SC_TLS_Prot_Ver: 0x0303 }] }, '3.2', ['failed-handshake-rule', 'st11 > TLS[0] > SMF119SC_TLS_Prot_Ver']],
    ['failed handshake without FFFFFF', { TLS: [{ SMF119SC_TLS_Handshake_Type: 3 }] }, '3.2', ['failed-handshake-rule', 'st11 > TLS[0] > SMF119SC_TLS_Neg_Cipher']],
    ['server bit before 3.2', { Common: [{ SMF119SC_SAFlags: 0x10 }] }, '3.1', ['not-in-release', 'st11 > Common[0] > SMF119SC_SAFlags']],
    ['SSH flag before 3.2', { SSH: [{ SMF119SC_SSH_Flags: 0x80 }] }, '3.1', ['not-in-release', 'st11 > SSH[0] > SMF119SC_SSH_Flags']],
    ['event 7 before 2.5', { Common: [{ SMF119SC_SAEvent_Type: 7 }] }, '2.4', ['not-in-release', 'st11 > Common[0] > SMF119SC_SAEvent_Type']],
    ['enforcement section before 2.5', { Enforcement: [{ '@raw': '00' }] }, '2.4', ['not-in-release', 'st11 > Enforcement']],
    ['a length that disagrees with its value', { TLS: [{ SMF119SC_TLS_SCert_Serial: '01', SMF119SC_TLS_SCert_Serial_Len: 2 }] }, '3.2', ['derived-mismatch', 'st11 > TLS[0] > SMF119SC_TLS_SCert_Serial_Len']],
    ['a triplet that disagrees with the record', { SelfDef: { SMF119S1Num: 2 } }, '3.2', ['derived-mismatch', 'st11 > SelfDef > SMF119S1Num']],
    ['IPv6 text without the IPv6 flag', { Common: [{ SMF119SC_SARIP: '::1' }] }, '3.2', ['ip-family-mismatch', 'st11 > Common[0] > SMF119SC_SARIP']],
  ] as const)('%s', (_name, patch, release, want) => {
    expect(kindOf(() => encode({ ...base(), ...patch }, { release }))).toEqual(want);
  });
  it('an override writes an invalid variant on purpose', () => {
    const b = encode(base(), { release: '3.2', overrides: { 'SelfDef.SMF119IDNum': 9, 'Common[0].SMF119SC_SAEvent_Type': 99, 'Header.SMF119HDDate': { raw: '0125999F' } } });
    const d = decode(b, { release: '3.2' });
    expect(d.diagnostics.map((x) => x.kind)).toEqual(expect.arrayContaining(['count-overflow', 'unknown-code', 'bad-packed-date']));
    expect(kindOf(() => encode(base(), { release: '3.2', overrides: { 'TLS[0].X': 1 } }))).toEqual(['bad-override', 'st11 > TLS[0].X']);
  });
  it('extra bytes of a longer (newer) section are kept and written back', () => {
    const b = encode({ ...base(), Common: [{ SMF119SC_SAEvent_Type: 1, '@extra': 'C1C2C3C4' }] }, { release: '3.2' });
    const d = decode(b);
    expect(d.diagnostics.map((x) => x.kind)).toEqual(['section-longer']);
    expect((d.record!['Common'] as SectionValue[])[0]!['@extra']).toBe('C1C2C3C4');
    expect((d.record!['SelfDef'] as SectionValue)['SMF119S1Len']).toBe(132);
  });
  it('fields missing from a shorter (older) section are reported absent', () => {
    const v1 = encode({ Header: { SMF119HDSubType: 12 }, Common: [{ SMF119SS_SAEvent_Type: 1 }] }, { release: '3.1' });
    const asV2 = decode(v1, { release: '3.2' });
    const common = (asV2.record!['Common'] as SectionValue[])[0]!;
    expect(common['SMF119SS_SAEndFailedHsConnCnt']).toBeUndefined();
    expect(asV2.diagnostics.filter((d) => d.kind === 'field-absent').map((d) => d.path.at(-1))).toEqual(['SMF119SS_SAInitFailedHsConnCnt', 'SMF119SS_SAEndFailedHsConnCnt']);
    expect(decode(v1).release).toBe('3.1');
  });
});
