import { describe, expect, it } from 'vitest';
import { randomRecord } from '../generators/arbitraries.js';
import { HOSTILE_DN_ENTRY, hostileRecord } from '../generators/hostile.js';
import { CIPHER_SUITE_NAMES, cipherSuiteName } from '../spec/cipher-suites.js';
import { decode, encode } from '../spec/codec.js';
import { sectionDef, sectionLayout, SUBTYPE_DEFS, tripletSections } from '../spec/layout.js';
import { DIAGNOSTICS_PER_FIELD } from '../spec/record.js';
import { failedHandshakeApplies, inferRelease, ipv6FlagRef, presenceRules } from '../spec/rules.js';
import { SOURCES } from '../spec/sources.js';
import type { SectionDef, SubtypeDef } from '../spec/types.js';

describe('rules stated once in the tables', () => {
  it('protocol bits that make TLS, SSH and IPSec present (IBM bit 0 = X\'80\')', () => {
    // Expected pairs typed from the section notes ("Present when SASecProtos X'80'"), not read from code.
    expect(presenceRules(11).map((r) => [r.section, r.flag.field, r.flag.mask])).toEqual([
      ['TLS', 'SMF119SC_SASecProtos', 0x80],
      ['SSH', 'SMF119SC_SASecProtos', 0x40],
      ['IPSec', 'SMF119SC_SASecProtos', 0x20],
    ]);
    expect(presenceRules(12).map((r) => [r.section, r.flag.field, r.flag.mask])).toEqual([
      ['TLS', 'SMF119SS_SASecProtos', 0x80],
      ['SSH', 'SMF119SS_SASecProtos', 0x40],
      ['IPSec', 'SMF119SS_SASecProtos', 0x20],
    ]);
  });
  it('the IPv6 flag is SAFlags X\'80\' of the common section in both subtypes', () => {
    expect(ipv6FlagRef(11)).toEqual({ section: 'Common', field: 'SMF119SC_SAFlags', mask: 0x80 });
    expect(ipv6FlagRef(12)).toEqual({ section: 'Common', field: 'SMF119SS_SAFlags', mask: 0x80 });
  });
  it('failed handshake: subtype 11 TLS by handshake type 3 from 3.2; subtype 12 by a failed count', () => {
    const tls11 = sectionDef(SUBTYPE_DEFS[11], 'TLS').failedHandshake!;
    const current = (values: Record<string, unknown>) => ({ key: 'TLS' as const, values });
    expect(failedHandshakeApplies(tls11, '3.2', {}, current({ SMF119SC_TLS_Handshake_Type: 3 }))).toBe(true);
    expect(failedHandshakeApplies(tls11, '3.2', {}, current({ SMF119SC_TLS_Handshake_Type: 1 }))).toBe(false);
    expect(failedHandshakeApplies(tls11, '3.1', {}, current({ SMF119SC_TLS_Handshake_Type: 3 }))).toBe(false);
    const tls12 = sectionDef(SUBTYPE_DEFS[12], 'TLS').failedHandshake!;
    const common = (n: number) => ({ Common: [{ SMF119SS_SAInitFailedHsConnCnt: 0, SMF119SS_SAEndFailedHsConnCnt: n }] });
    expect(failedHandshakeApplies(tls12, '3.2', common(2), current({}))).toBe(true);
    expect(failedHandshakeApplies(tls12, '3.2', common(0), current({}))).toBe(false);
  });
});

describe('release inference from the tables', () => {
  const st11 = SUBTYPE_DEFS[11];
  const observed = (st: SubtypeDef, release: '2.3' | '2.4' | '2.5' | '3.1' | '3.2') =>
    tripletSections(st, release).map((section) => ({ section, len: section.layoutKnown ? sectionLayout(section, release).length : 0, num: 1 }));
  it('subtype 11: 7 triplets = 2.3/2.4 (the later one), 8 = 2.5 and later (the latest)', () => {
    expect(inferRelease(st11, 7, observed(st11, '2.4'))).toBe('2.4');
    expect(inferRelease(st11, 8, observed(st11, '3.2'))).toBe('3.2');
  });
  it('subtype 12: the common section length tells V1 (3.1 and before) from V2 (3.2)', () => {
    const st12 = SUBTYPE_DEFS[12];
    expect(inferRelease(st12, 6, observed(st12, '3.1'))).toBe('3.1');
    expect(inferRelease(st12, 6, observed(st12, '3.2'))).toBe('3.2');
  });
  it('a release added as data only (a longer 3.2 TLS section in a variant table) is told apart', () => {
    const tls = sectionDef(st11, 'TLS');
    const grown: SectionDef = { ...tls, fields: [...tls.fields, { ...tls.fields.at(-1)!, name: 'SMF119SC_TLS_New', since: '3.2' }] };
    const variant: SubtypeDef = { ...st11, sections: st11.sections.map((s) => (s.key === 'TLS' ? grown : s)) };
    // Without the variant 3.1 and 3.2 look alike (the latest wins); with it, the TLS length decides.
    expect(inferRelease(st11, 8, observed(st11, '3.1'))).toBe('3.2');
    expect(inferRelease(variant, 8, observed(variant, '3.1'))).toBe('3.1');
    expect(inferRelease(variant, 8, observed(variant, '3.2'))).toBe('3.2');
    expect(sectionLayout(grown, '3.2').length).toBe(sectionLayout(tls, '3.2').length + 2);
  });
});

describe('bounded work on hostile records', () => {
  it('refuses counts the record cannot hold, with one diagnostic each', () => {
    const bytes = hostileRecord();
    let reads = 0;
    const result = decode(bytes, { onField: () => reads++ });
    expect(result.diagnostics.filter((d) => d.kind === 'internal-error')).toEqual([]);
    // Before: millions of diagnostics (one per field of each 1-byte occurrence) and 65k occurrences.
    expect(result.diagnostics.length).toBeLessThan(30);
    expect(reads).toBeLessThan(100);
    const refused = result.diagnostics.filter((d) => d.kind === 'count-overflow').map((d) => d.path.at(-1));
    expect(refused).toEqual(['SMF119IDNum', 'SMF119S1Num', 'SMF119S2Num', 'SMF119S3Num', 'SMF119S4Num', 'SMF119S5Num', 'SMF119S7Num']);
    for (const key of ['Ident', 'Common', 'IPFilter', 'TLS', 'SSH', 'IPSec', 'Enforcement']) expect(result.record![key]).toEqual([]);
    expect(decode(bytes)).toEqual(result);
  });
  it('a section shorter than any layout is reported once, not field by field', () => {
    const bytes = hostileRecord();
    const view = new DataView(bytes.buffer);
    // Ident: Num 3 of Len 10 (its layout is 64 bytes).
    view.setUint16(32, 10);
    view.setUint16(34, 3);
    const result = decode(bytes);
    const ident = result.diagnostics.filter((d) => d.path[1]?.startsWith('Ident'));
    expect(ident.map((d) => d.kind)).toEqual(['section-too-short', 'field-truncated']);
    expect(result.record!['Ident']).toHaveLength(1);
  });
  it('caps repeats of one problem at one field and says how many were left out', () => {
    // (65535 - 92) / 4 = 16360 DN entries of an undocumented type 0x7777: one warning each before the cap.
    const bytes = hostileRecord(HOSTILE_DN_ENTRY);
    let reads = 0;
    const result = decode(bytes, { onField: () => reads++ });
    const unknown = result.diagnostics.filter((d) => d.kind === 'unknown-code');
    expect(unknown).toHaveLength(DIAGNOSTICS_PER_FIELD + 1);
    expect(unknown.at(-1)!.message).toMatch(/^16355 more like this \(5 shown\)/);
    expect((result.record!['DN'] as unknown[]).length).toBe(16360);
    // Work stays proportional to the bytes: three field reads per 4-byte entry.
    expect(reads).toBeLessThanOrEqual(3 * 16360 + 100);
    expect(decode(bytes)).toEqual(result);
  });
});

describe('cipher suite names', () => {
  it('decoded ciphers carry their IANA name', () => {
    const r = randomRecord(11, '3.2', 1, 0);
    const record = { ...r, Common: [{ ...(r['Common'] as Record<string, unknown>[])[0], SMF119SC_SASecProtos: 0x80 }], TLS: [{ SMF119SC_TLS_Neg_Cipher: 'C030' }], SSH: [], IPSec: [] };
    const decoded = decode(encode(record, { release: '3.2' }));
    expect((decoded.record!['TLS'] as Record<string, unknown>[])[0]!['SMF119SC_TLS_Neg_Cipher.name']).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  });
  it('names from the registry, none for unknown or failed', () => {
    // Spot checks typed from the IANA registry (RFC 8446, RFC 5289, RFC 5246) and the SSL 2.0 spec.
    expect(cipherSuiteName('1301')).toBe('TLS_AES_128_GCM_SHA256');
    expect(cipherSuiteName('C02B')).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    expect(cipherSuiteName('002F')).toBe('TLS_RSA_WITH_AES_128_CBC_SHA');
    expect(cipherSuiteName('0700C0')).toBe('SSL_CK_DES_192_EDE3_CBC_WITH_MD5');
    expect(cipherSuiteName('FFFFFF')).toBeNull();
    expect(cipherSuiteName('')).toBeNull();
    expect(cipherSuiteName('ABCD')).toBeNull();
    expect(SOURCES['IANA-TLS-CS']?.url).toMatch(/iana\.org\/assignments\/tls-parameters/);
    for (const [id, name] of Object.entries(CIPHER_SUITE_NAMES)) expect(/^[0-9A-F]{4}$|^[0-9A-F]{6}$/.test(id) && /^(TLS|SSL_CK)_[A-Z0-9_]+$/.test(name), id).toBe(true);
  });
});

describe('randomRecord', () => {
  it('is the same record for the same (seed, index), whatever was drawn before', () => {
    const a = randomRecord(12, '3.2', 42, 7);
    for (let i = 0; i < 20; i++) randomRecord(12, '3.2', 42, i);
    expect(randomRecord(12, '3.2', 42, 7)).toEqual(a);
    expect(randomRecord(12, '3.2', 42, 8)).not.toEqual(a);
    expect(randomRecord(12, '3.2', 43, 7)).not.toEqual(a);
  });
  it('gives valid records of every subtype and release', () => {
    for (const subtype of [11, 12] as const) {
      for (const release of ['2.3', '3.2'] as const) {
        for (let i = 0; i < 20; i++) {
          const bytes = encode(randomRecord(subtype, release, 5, i), { release });
          expect(decode(bytes, { release }).diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        }
      }
    }
  });
});
