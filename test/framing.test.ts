import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRdw, readRecords, readVbs, writeRdw, writeVbs } from '../io/framing.js';
import { ZertError } from '../spec/errors.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

/** A record whose RDW is right and whose data bytes count up from `first`. */
function record(length: number, first = 1): Uint8Array {
  const b = new Uint8Array(length);
  b[0] = length >> 8;
  b[1] = length & 0xff;
  for (let i = 4; i < length; i++) b[i] = (first + i - 4) & 0xff;
  return b;
}
const data = (r: Uint8Array, from = 0, to?: number): string => hex(r.subarray(4).subarray(from, to));

describe('VBS blocks', () => {
  it('spans a record to fill the block, as IBM writes SMF data (worked by hand)', () => {
    const a = record(30, 0x10); // 26 data bytes
    const b = record(50, 0x80); // 46 data bytes
    // Block 1 (60): BDW, A complete (SDW 30 code 0) -> 34 used; B first segment gets 60-34-4 = 22 bytes (SDW 26 code 1).
    // Block 2: BDW 4 + SDW 4 + the other 24 bytes of B (SDW 28 code 2) = 32.
    const expected = `003C0000 001E0000 ${data(a)} 001A0100 ${data(b, 0, 22)} 00200000 001C0200 ${data(b, 22)}`.replace(/ /g, '');
    const file = writeVbs([a, b], 60);
    expect(hex(file)).toBe(expected);
    expect(readVbs(file).map((r) => hex(r.bytes))).toEqual([hex(a), hex(b)]);
  });
  it('a record longer than a block spans first, middle and last segments', () => {
    const big = record(200);
    const file = writeVbs([big], 64);
    const codes: number[] = [];
    for (let at = 0; at < file.length; at += (file[at]! << 8) | file[at + 1]!) codes.push(file[at + 6]!);
    expect(codes).toEqual([1, 3, 3, 2]); // 196 data bytes: 56 + 56 + 56 + 28
    expect(hex(readVbs(file)[0]!.bytes)).toBe(hex(big));
  });
  it('round-trips any records and never writes a block over the block size', () => {
    const records = fc.array(fc.integer({ min: 5, max: 600 }).map((n) => record(n, n)), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(records, fc.integer({ min: 18, max: 700 }), (rs, blockSize) => {
        const file = writeVbs(rs, blockSize);
        for (let at = 0; at < file.length; ) {
          const length = (file[at]! << 8) | file[at + 1]!;
          expect(length).toBeLessThanOrEqual(blockSize);
          at += length;
        }
        expect(readVbs(file).map((r) => hex(r.bytes))).toEqual(rs.map(hex));
        expect(readRecords(file).framing).toBe('vbs');
      }),
    );
  });
  it.each([
    ['a middle segment without a first', '000C0000 00080300 AABBCCDD', /middle segment without a first/],
    ['a first segment and then a complete one', '00100000 00060100 AABB 00060000 CCDD', /complete segment arrives/],
    ['a file that ends inside a spanned record', '000A0000 00060100 AABB', /ends before the last segment/],
    ['a segment longer than its block', '000A0000 00100000 AABB', /runs past its block/],
    ['a BDW longer than the file', '00400000 00060000 AABB', /runs past the end of the file/],
  ])('rejects %s', (_name, bytes, message) => {
    const file = Uint8Array.from(Buffer.from(bytes.replace(/ /g, ''), 'hex'));
    expect(() => readVbs(file)).toThrow(message);
  });
});

describe('RDW files', () => {
  it('are the records back to back', () => {
    const rs = [record(20), record(7)];
    expect(hex(writeRdw(rs))).toBe(hex(rs[0]!) + hex(rs[1]!));
    expect(readRdw(writeRdw(rs)).map((r) => [r.offset, r.bytes.length])).toEqual([[0, 20], [20, 7]]);
  });
  it('reject an RDW that runs past the file, with its offset', () => {
    const file = writeRdw([record(20), record(30)]).subarray(0, 40);
    expect(() => readRdw(file)).toThrow(/offset 20.*runs past the end/);
  });
});

describe('auto-detection', () => {
  it('tells RDW and VBS apart', () => {
    const rs = [record(40), record(90)];
    for (const r of rs) r[5] = 0x77;
    expect(readRecords(writeRdw(rs)).framing).toBe('rdw');
    expect(readRecords(writeVbs(rs)).framing).toBe('vbs');
  });
  it('explains a file that is neither, and recognises a transfer without SITE RDW', () => {
    const noRdw = record(40).subarray(4);
    noRdw[0] = 0x5e;
    noRdw[1] = 0x77;
    let error: unknown;
    try {
      readRecords(noRdw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZertError);
    expect((error as ZertError).kind).toBe('framing');
    expect((error as ZertError).message).toMatch(/neither RDW records nor VBS blocks.*without SITE RDW/);
  });
});
