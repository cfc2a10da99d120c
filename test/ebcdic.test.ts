import iconvLite from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES, ebcdic, encodeStrict, registerWithIconvLite } from '../spec/ebcdic.js';
import { encode } from '../spec/codec.js';
import { ZertError } from '../spec/errors.js';
import { glibcDecodeAll, glibcEncode } from './helpers/glibc.js';

describe.each(CODE_PAGES)('%s against glibc iconv', (cp) => {
  const glibc = glibcDecodeAll(cp);

  it('decodes all 256 bytes as glibc does', () => {
    expect(glibc).toHaveLength(256);
    const ours = Array.from({ length: 256 }, (_, b) => ebcdic(cp).decode(Uint8Array.of(b)).codePointAt(0));
    expect(ours).toEqual(glibc);
  });

  it('encodes all 256 characters to the bytes glibc gives', () => {
    const text = glibc.map((c) => String.fromCodePoint(c)).join('');
    const expected = glibcEncode(cp, text);
    expect(Buffer.from(encodeStrict(ebcdic(cp), text)!)).toEqual(expected);
  });

  it('refuses characters the code page cannot represent', () => {
    for (const ch of ['€', '→', '中', '😀', 'Ł']) expect(encodeStrict(ebcdic(cp), `AB${ch}`)).toBeUndefined();
  });
});

it('the two code pages differ where IBM-1047 and IBM-037 are known to differ', () => {
  // [ ] ^ ¬ are the classic 1047/037 differences; both tables come from glibc-checked data above.
  expect(Buffer.from(encodeStrict(ebcdic('IBM-1047'), '[]')!).toString('hex')).toBe('adbd');
  expect(Buffer.from(encodeStrict(ebcdic('IBM-037'), '[]')!).toString('hex')).toBe('babb');
});

it('the encoder names the unmappable character and its path', () => {
  const record = { Header: { SMF119HDSubType: 11, SMF119HDSID: 'S€A' } };
  let err: unknown;
  try {
    encode(record, { release: '3.2' });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ZertError);
  expect((err as ZertError).kind).toBe('unmappable-character');
  expect((err as ZertError).path).toEqual(['st11', 'Header', 'SMF119HDSID']);
  expect((err as ZertError).message).toContain('U+20AC');
});

it('registers both tables as iconv-lite single-byte codecs', () => {
  registerWithIconvLite(iconvLite);
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  for (const [name, cp] of [['ibm1047', 'IBM-1047'], ['ibm037', 'IBM-037']] as const) {
    expect(iconvLite.decode(all, name)).toBe(ebcdic(cp).decode(all));
    expect(iconvLite.encode('TCPIP01 Hello', name)).toEqual(glibcEncode(cp, 'TCPIP01 Hello'));
  }
});
