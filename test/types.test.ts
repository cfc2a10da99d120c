import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ebcdic } from '../spec/ebcdic.js';
import type { DecodeContext, FieldContext, SectionValue } from '../spec/fields.js';
import { decodeField, encodeField } from '../spec/fields.js';
import {
  decodePackedDate, encodePackedDate, formatIPv6, formatTimeOfDay, parseIPv4, parseIPv6, parseTimeOfDay, writeIPv6,
} from '../spec/primitives.js';
import type { FieldDef, FieldType } from '../spec/types.js';
import { ZertError } from '../spec/errors.js';

// Every expected byte string here is worked out by hand in the comment beside it.

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function field(name: string, length: number, type: FieldType): FieldDef {
  return { name, length, type, since: '2.3', source: [], confidence: 'ibm' };
}

function ctx(siblings: SectionValue = {}, ipv6 = false): FieldContext {
  return { codec: ebcdic('IBM-1047'), release: '3.2', path: ['t'], siblings, ipv6: () => ipv6 };
}

function roundTrip(f: FieldDef, value: unknown, siblings: SectionValue = {}, ipv6 = false): { bytes: string; back: unknown; diags: string[] } {
  const bytes = encodeField(ctx(siblings, ipv6), f, value, true);
  const out: SectionValue = { ...siblings };
  const diags: string[] = [];
  const dctx: DecodeContext = { ...ctx(siblings, ipv6), siblings: out, offset: 0, diag: (_s, kind) => diags.push(kind) };
  decodeField(dctx, f, bytes, out);
  return { bytes: toHex(bytes), back: out[f.name], diags };
}

describe('unsigned binary', () => {
  it('1, 2, 4 bytes big-endian as numbers', () => {
    expect(roundTrip(field('a', 1, { kind: 'uint' }), 200)).toMatchObject({ bytes: 'C8', back: 200 });
    expect(roundTrip(field('a', 2, { kind: 'uint' }), 443)).toMatchObject({ bytes: '01BB', back: 443 }); // 443 = 0x01BB
    expect(roundTrip(field('a', 4, { kind: 'uint' }), 4294967295)).toMatchObject({ bytes: 'FFFFFFFF', back: 4294967295 });
  });
  it('8 bytes as decimal strings, beyond 2^53', () => {
    // 2^64 - 1 = 18446744073709551615
    expect(roundTrip(field('a', 8, { kind: 'uint' }), '18446744073709551615')).toMatchObject({ bytes: 'FFFFFFFFFFFFFFFF', back: '18446744073709551615' });
    // 123456789012 = 0x1CBE991A14
    expect(roundTrip(field('a', 8, { kind: 'uint' }), '123456789012')).toMatchObject({ bytes: '0000001CBE991A14', back: '123456789012' });
  });
  it('rejects values that do not fit', () => {
    expect(() => encodeField(ctx(), field('a', 2, { kind: 'uint' }), 65536, true)).toThrow(/does not fit in 2 byte/);
    expect(() => encodeField(ctx(), field('a', 1, { kind: 'uint' }), -1, true)).toThrow(ZertError);
  });
});

describe('header time and packed date', () => {
  it('time is hundredths since midnight', () => {
    // 12:34:56.78 = ((12*60+34)*60+56)*100+78 = 4529678 = 0x00451E0E
    expect(parseTimeOfDay('12:34:56.78')).toEqual({ ok: true, value: 4529678 });
    expect(roundTrip(field('t', 4, { kind: 'timeOfDay', zone: 'local' }), '12:34:56.78').bytes).toBe('00451E0E');
    expect(formatTimeOfDay(8639999)).toBe('23:59:59.99');
    expect(parseTimeOfDay('24:00:00.00').ok).toBe(false);
  });
  it('a time past midnight is an error', () => {
    const diags: string[] = [];
    const out: SectionValue = {};
    decodeField({ ...ctx(), siblings: out, offset: 0, diag: (_s, k) => diags.push(k) }, field('t', 4, { kind: 'timeOfDay', zone: 'UTC' }), hex('0083D600'), out); // 8640000
    expect(diags).toEqual(['bad-time']);
    expect(out['t']).toBeNull();
  });
  it('date is packed 0cyydddF', () => {
    // 2025 day 60 = 1 March 2025 -> X'0125060F' (the reference's own example)
    expect(toHex(expectOk(encodePackedDate('2025-03-01')))).toBe('0125060F');
    expect(decodePackedDate(hex('0125060F'))).toEqual({ ok: true, value: '2025-03-01' });
    // 1999-12-31 is day 365 of 1999, century digit 0 -> X'0099365F'
    expect(toHex(expectOk(encodePackedDate('1999-12-31')))).toBe('0099365F');
    // 2024 is a leap year: 31 Dec is day 366 -> X'0124366F'
    expect(toHex(expectOk(encodePackedDate('2024-12-31')))).toBe('0124366F');
    expect(decodePackedDate(hex('0124366F'))).toEqual({ ok: true, value: '2024-12-31' });
  });
  it('zero dates and bad packed dates', () => {
    expect(decodePackedDate(hex('00000000'))).toEqual({ ok: true, value: null });
    expect(decodePackedDate(hex('0000000F'))).toMatchObject({ ok: true, value: null, noDateForm: true });
    expect(decodePackedDate(hex('0125060C')).ok).toBe(false); // sign C, not F
    expect(decodePackedDate(hex('0125000F')).ok).toBe(false); // day 0
    expect(decodePackedDate(hex('0125366F')).ok).toBe(false); // 2025 has 365 days
    expect(decodePackedDate(hex('012A060F')).ok).toBe(false); // digit nibble A
    expect(encodePackedDate('2025-02-29').ok).toBe(false);
  });
});

function expectOk<T>(p: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!p.ok) throw new Error(p.reason);
  return p.value;
}

describe('EBCDIC text', () => {
  it('blank padded on the right, trimmed on read', () => {
    // S=E2 Y=E8 S=E2 A=C1 in IBM-1047, blank = 40
    expect(roundTrip(field('s', 8, { kind: 'text' }), 'SYSA')).toMatchObject({ bytes: 'E2E8E2C140404040', back: 'SYSA' });
  });
  it('too long text is refused', () => {
    expect(() => encodeField(ctx(), field('s', 4, { kind: 'text' }), 'TOOLONG', true)).toThrow(/do not fit in 4/);
  });
});

describe('negotiated cipher', () => {
  it('4 hex characters and 2 blanks for SSLv3+', () => {
    // C=C3 0=F0 2=F2 F=C6, then two blanks
    expect(roundTrip(field('c', 6, { kind: 'cipher' }), 'C02F')).toMatchObject({ bytes: 'C3F0F2C64040', back: 'C02F', diags: [] });
  });
  it('6 characters for SSLv2 and FFFFFF', () => {
    // 0=F0 7=F7 0=F0 0=F0 C=C3 0=F0; F=C6
    expect(roundTrip(field('c', 6, { kind: 'cipher' }), '0700C0').bytes).toBe('F0F7F0F0C3F0');
    expect(roundTrip(field('c', 6, { kind: 'cipher' }), 'FFFFFF').bytes).toBe('C6C6C6C6C6C6');
  });
  it('rejects anything else', () => {
    expect(() => encodeField(ctx(), field('c', 6, { kind: 'cipher' }), 'c02f', true)).toThrow(/upper-case hex/);
    expect(() => encodeField(ctx(), field('c', 6, { kind: 'cipher' }), 'C02', true)).toThrow(ZertError);
  });
});

describe('16-byte IP address', () => {
  const ip = field('ip', 16, { kind: 'ip', ipv6When: { section: 'Common', field: 'f', mask: 0x80 } });
  it('IPv4 sits in the first 4 bytes, not IPv4-mapped', () => {
    expect(roundTrip(ip, '10.1.2.3')).toMatchObject({ bytes: `0A010203${'00'.repeat(12)}`, back: '10.1.2.3' });
  });
  it('IPv6 uses all 16 bytes and RFC 5952 text', () => {
    expect(roundTrip(ip, '2001:DB8:0:0:1:0:0:1', {}, true)).toMatchObject({ bytes: '20010DB8000000000001000000000001', back: '2001:db8::1:0:0:1' });
  });
  it('the IPv6 flag decides the family', () => {
    expect(() => encodeField(ctx({}, false), ip, '2001:db8::1', true)).toThrow(/ip-family-mismatch/);
    expect(() => encodeField(ctx({}, true), ip, '10.0.0.1', true)).toThrow(/ip-family-mismatch/);
  });
  it('RFC 5952 examples', () => {
    const fmt = (s: string): string => formatIPv6(expectOk(parseIPv6(s)));
    expect(fmt('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(fmt('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // a single 0 group is not shortened
    expect(fmt('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longest run
    expect(fmt('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // the first of equal runs
    expect(fmt('::')).toBe('::');
    expect(fmt('::1')).toBe('::1');
    expect(fmt('0:0:0:0:0:ffff:c000:201')).toBe('::ffff:192.0.2.1'); // IPv4-mapped, RFC 5952 section 5
    expect(parseIPv4('01.2.3.4').ok).toBe(false);
    expect(parseIPv6('1::2::3').ok).toBe(false);
  });
  it('the allocation-free IPv6 writer takes what parseIPv6 takes (bar embedded IPv4) and writes the same bytes', () => {
    // Where the writer says false, parseIPv6 decides (the compiled encoder falls back to it).
    const agree = (text: string): void => {
      const out = new Uint8Array(18).fill(0xee);
      const parsed = parseIPv6(text);
      if (writeIPv6(text, out, 1)) {
        expect(parsed.ok, text).toBe(true);
        expect(toHex(out), text).toBe(`EE${toHex((parsed as { value: Uint8Array }).value)}EE`);
      } else if (!text.includes('.')) expect(parsed.ok, text).toBe(false);
    };
    const written = [
      '::', '::1', '1::', 'ABCD::ef01', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7', '0:0:0:0:0:ffff:c000:201', 'fFfF:0000:0001::',
    ];
    for (const text of written) {
      agree(text);
      expect(writeIPv6(text, new Uint8Array(16), 0), text).toBe(true);
    }
    const refused = ['', ':', ':::', '1:', ':1', '1:::2', '1::2::3', 'fffff::', 'g::', '1:2:3:4:5:6:7:8:9', '1:2:3:4::5:6:7:8', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '::ffff:1.2.3.4', ' ::1'];
    for (const text of refused) {
      agree(text);
      expect(writeIPv6(text, new Uint8Array(16), 0), text).toBe(false);
    }
    const groupText = fc.oneof(fc.constantFrom('', '0', 'ffff', 'FFFF', '12345', 'g'), fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16)));
    const address = fc.array(fc.oneof(groupText, fc.constant('')), { minLength: 1, maxLength: 10 }).map((gs) => gs.join(':'));
    fc.assert(fc.property(address, (text) => agree(text)), { numRuns: 2000, seed: 5 });
  });
});

describe('TOD clock durations', () => {
  it('a TOD duration shows seconds beside the raw value', () => {
    // 900 s = 900e6 us * 4096 = 3686400000000
    const r = roundTrip(field('d', 8, { kind: 'todDuration' }), '3686400000000');
    expect(r.bytes).toBe('0000035A4E900000');
    const out: SectionValue = {};
    decodeField({ ...ctx(), siblings: out, offset: 0, diag: () => {} }, field('d', 8, { kind: 'todDuration' }), hex(r.bytes), out);
    expect(out['d.seconds']).toBe(900);
  });
});

describe('certificate not-after time', () => {
  const t = field('T', 15, { kind: 'certTime', typeField: 'TT' });
  it('UTCTime: YYMMDDhhmmssZ in 13 bytes then 2 blanks', () => {
    // '260131235959Z' in EBCDIC: digits F0-F9, Z = E9, then 40 40
    expect(roundTrip(t, '2026-01-31T23:59:59Z', { TT: 1 }).bytes).toBe('F2F6F0F1F3F1F2F3F5F9F5F9E94040');
    expect(roundTrip(t, '2026-01-31T23:59:59Z', { TT: 1 }).back).toBe('2026-01-31T23:59:59Z');
  });
  it('UTCTime century rule: 50-99 = 19xx, 00-49 = 20xx', () => {
    expect(roundTrip(t, '1950-01-01T00:00:00Z', { TT: 1 }).bytes.slice(0, 4)).toBe('F5F0');
    expect(() => encodeField(ctx({ TT: 1 }), t, '2050-01-01T00:00:00Z', true)).toThrow(/GeneralizedTime/);
  });
  it('GeneralizedTime: YYYYMMDDhhmmssZ in all 15 bytes', () => {
    expect(roundTrip(t, '2099-12-31T23:59:59Z', { TT: 2 }).bytes).toBe('F2F0F9F9F1F2F3F1F2F3F5F9F5F9E9');
  });
  it('no certificate: binary zeros, or blanks', () => {
    expect(roundTrip(t, null, { TT: 0 })).toMatchObject({ bytes: '00'.repeat(15), back: null });
    expect(roundTrip(t, '', { TT: 0 })).toMatchObject({ bytes: '40'.repeat(15), back: '' });
  });
});

describe('serial number and its length byte', () => {
  it('significant bytes left justified, zero padded', () => {
    const serial = field('S', 20, { kind: 'sizedBytes', lengthField: 'L' });
    expect(roundTrip(serial, '01AB', { L: 2 })).toMatchObject({ bytes: `01AB${'00'.repeat(18)}`, back: '01AB' });
  });
  it('a length beyond the field is reported', () => {
    const serial = field('S', 20, { kind: 'sizedBytes', lengthField: 'L' });
    const diags: string[] = [];
    const out: SectionValue = { L: 25 };
    decodeField({ ...ctx(), siblings: out, offset: 0, diag: (_s, k) => diags.push(k) }, serial, new Uint8Array(20), out);
    expect(diags).toEqual(['length-exceeds-field']);
  });
});

describe('enum and flags', () => {
  const codes = { id: 'x', complete: true, codes: [{ code: 1, name: 'one' }, { code: 3, name: 'three', since: '3.2' as const }] };
  it('writes the code, shows its name, checks the release', () => {
    expect(roundTrip(field('E', 2, { kind: 'enum', codes }), 1).bytes).toBe('0001');
    expect(() => encodeField({ ...ctx(), release: '3.1' }, field('E', 1, { kind: 'enum', codes }), 3, true)).toThrow(/not-in-release/);
    expect(() => encodeField(ctx(), field('E', 1, { kind: 'enum', codes }), 2, true)).toThrow(/unknown-code/);
  });
  it('flags are declared by mask: X\'80\' is IBM bit 0', () => {
    const flags = { id: 'f', complete: true, codes: [{ code: 0x80, name: 'bit0' }, { code: 0x08, name: 'bit4' }] };
    expect(roundTrip(field('F', 1, { kind: 'flags', flags }), 0x88).bytes).toBe('88');
    expect(() => encodeField(ctx(), field('F', 1, { kind: 'flags', flags }), 0x01, true)).toThrow(/unknown-flag/);
  });
});
