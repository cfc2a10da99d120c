import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETECT_WINDOW, frameStream, readRdw, readRecordStream, readRecords, readVbs, writeRdw, writeVbs } from '../io/framing.js';
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
    // SMF records (type X'77' at byte 5): detection tells SMF files apart, not arbitrary bytes (a BDW chain is
    // also an RDW chain, and random data may put X'77' where an RDW reading expects the record type).
    const smf = (r: Uint8Array): Uint8Array => (r.length > 5 && (r[5] = 0x77), r);
    const records = fc.array(fc.integer({ min: 6, max: 600 }).map((n) => smf(record(n, n))), { minLength: 1, maxLength: 12 });
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

/** Splits bytes into chunks at the given cut points. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  return out;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(it: AsyncIterable<unknown>): Promise<ZertError> {
  try {
    for await (const _ of it) {
      // drain
    }
  } catch (e) {
    if (e instanceof ZertError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** An endless source that counts the bytes it hands out. */
function endless(fill: (chunk: Uint8Array, n: number) => void): { source: Iterable<Uint8Array>; handedOut: () => number } {
  let handed = 0;
  return {
    source: {
      *[Symbol.iterator]() {
        for (let n = 0; ; n++) {
          const chunk = new Uint8Array(4096);
          fill(chunk, n);
          handed += chunk.length;
          yield chunk;
        }
      },
    },
    handedOut: () => handed,
  };
}

describe('streamed reading', () => {
  it('gives the same records however the file is cut into chunks (spanned records across chunk boundaries)', async () => {
    const records = fc.array(fc.integer({ min: 5, max: 400 }).map((n) => {
      const r = record(n, n);
      r[5] = 0x77;
      return r;
    }), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(records, fc.integer({ min: 18, max: 300 }), fc.array(fc.nat(), { maxLength: 12 }), fc.constantFrom('rdw', 'vbs'), async (rs, blockSize, cuts, framing) => {
        const file = framing === 'rdw' ? writeRdw(rs) : writeVbs(rs, blockSize);
        const streamed = await collect(readRecordStream(chunked(file, cuts)));
        expect(streamed.map((r) => hex(r.bytes))).toEqual(rs.map(hex));
        expect(streamed.map((r) => r.offset)).toEqual(readRecords(file).records.map((r) => r.offset));
      }),
      { numRuns: 200 },
    );
  });
  it('writes the same bytes as the whole-file writer, in chunks', async () => {
    const rs = Array.from({ length: 300 }, (_, i) => record(50 + i * 3, i));
    for (const framing of ['rdw', 'vbs'] as const) {
      const chunks = await collect(frameStream(rs, framing, 1000));
      expect(hex(Buffer.concat(chunks))).toBe(hex(framing === 'rdw' ? writeRdw(rs) : writeVbs(rs, 1000)));
    }
  });
  it('stops at the first bad RDW with its offset, without reading the rest (issue 12 item 6: /dev/zero)', async () => {
    const zeros = endless(() => undefined);
    const e = await failure(readRecordStream(zeros.source));
    expect(e.kind).toBe('framing');
    expect(e.message).toMatch(/at offset 0, RDW length 0 is below 5/);
    expect(zeros.handedOut()).toBeLessThanOrEqual(DETECT_WINDOW + 4096);
    const given = endless(() => undefined);
    expect((await failure(readRecordStream(given.source, 'rdw'))).message).toMatch(/offset 0: RDW length 0 is below 5/);
    expect(given.handedOut()).toBe(4096);
  });
  it('ends random bytes at once too (/dev/urandom), extended BDWs included', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed;
      const noise = endless((chunk) => {
        for (let i = 0; i < chunk.length; i++) chunk[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
      });
      expect((await failure(readRecordStream(noise.source))).kind).toBe('framing');
      expect(noise.handedOut()).toBeLessThanOrEqual(DETECT_WINDOW + 4096);
    }
  });
  it('fails at the first bad record of a later chunk, after yielding the good ones', async () => {
    const rs = Array.from({ length: 2000 }, (_, i) => record(100, i)).map((r) => ((r[5] = 0x77), r));
    const file = writeRdw(rs);
    file[150_000 - (150_000 % 100) + 2] = 0x01; // RDW bytes 2-3 of record 1500
    const got: number[] = [];
    const e = await failure((async function* () {
      for await (const r of readRecordStream(chunked(file, [70_000, 140_000]))) got.push(r.offset), yield r;
    })());
    expect(got).toHaveLength(1500);
    expect(e.message).toMatch(/offset 150000: RDW bytes 2-3 are X'0100'/);
  });
  it('reads an empty input as no records', async () => {
    expect(await collect(readRecordStream([]))).toEqual([]);
    expect(readRecords(new Uint8Array(0)).records).toEqual([]);
  });
});

describe('VBS errors are reported as VBS errors when the file looks like VBS (issue 12 item 13)', () => {
  // Each file has a well-formed first BDW and SDW, so an RDW reading (one "record" per block, record type
  // byte = a segment byte) must not win and turn the segment error into "record type is 104".
  it.each([
    ['an orphan middle segment', '000C0000 00080300 AABBCCDD', /middle segment without a first/],
    ['a first segment followed by a complete one', '00100000 00060100 AABB 00060000 CCDD', /complete segment arrives/],
    ['a segment descriptor with stray bits', '00100000 00060000 AABB 00060400 CCDD', /segment descriptor bytes 2-3 are X'0400'/],
    ['a spanned record longer than 65535 bytes', '', /spanned record exceeds 65535/],
  ])('%s', (_name, bytes, message) => {
    let file: Uint8Array;
    if (bytes) file = Uint8Array.from(Buffer.from(bytes.replace(/ /g, ''), 'hex'));
    else {
      // 3 blocks of 32760 bytes of one spanned record: first, middle, middle... past 65535.
      const block = (code: number): Uint8Array => {
        const b = new Uint8Array(32760);
        b.set([0x7f, 0xf8, 0, 0, 0x7f, 0xf4, code, 0]);
        return b;
      };
      file = Buffer.concat([block(1), block(3), block(3)]);
    }
    expect(() => readRecords(file)).toThrow(message);
  });
});

describe('extended BDWs', () => {
  it('reads a block whose BDW has the high bit set and a 4-byte length', () => {
    const r = record(40, 1);
    const segment = Buffer.concat([Buffer.from([0, 40, 0, 0]), Buffer.from(r.subarray(4))]);
    const file = Buffer.concat([Buffer.from([0x80, 0, 0, 4 + segment.length]), segment]);
    expect(readVbs(file).map((x) => hex(x.bytes))).toEqual([hex(r)]);
  });
});

describe('auto-detection looks past the first records', () => {
  it('a VBS file broken in its third block reports the VBS error', () => {
    const rs = Array.from({ length: 30 }, (_, i) => record(90, i)).map((r) => ((r[5] = 0x77), r));
    const file = writeVbs(rs, 200);
    // Third block: its first SDW gets stray bits in byte 3.
    let at = 0;
    for (let b = 0; b < 2; b++) at += (file[at]! << 8) | file[at + 1]!;
    file[at + 7] = 0x01;
    expect(() => readRecords(file)).toThrow(new RegExp(`offset ${at + 4}: segment descriptor bytes 2-3 are X'0[0-3]01'`));
  });
});
