import { ZertError } from '../spec/errors.js';
import { readSmallUint } from '../spec/primitives.js';

// Physical files. An SMF record starts with its RDW (SMF119HDLength + SMF119HDSegDesc), so an 'RDW file'
// (FTP binary with SITE RDW) is the records back to back. A VBS file (RECFM=VBS dump, copied as RECFM=U)
// is blocks: [BDW][SDW+segment]..., records spanned across blocks to fill them, as IBM writes SMF data.

export const FRAMINGS = ['rdw', 'vbs'] as const;
export type Framing = (typeof FRAMINGS)[number];
export const DEFAULT_BLOCK_SIZE = 27998;
const MAX_BLOCK_SIZE = 32760;
const MIN_BLOCK_SIZE = 18;

export const SEGMENT = { complete: 0, first: 1, last: 2, middle: 3 } as const;

export interface FramedRecord {
  /** The logical record, RDW included. */
  bytes: Uint8Array;
  /** File offset where the record (or its first segment) starts. */
  offset: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function descriptor(length: number, code = 0): Uint8Array {
  return Uint8Array.of(length >> 8, length & 0xff, code, 0);
}

/** RDW file: each record as written (its first 4 bytes are its RDW). */
export function writeRdw(records: Uint8Array[]): Uint8Array {
  return concat(records);
}

/** RECFM=VBS blocks of at most `blockSize` bytes (BDW included), spanning records to fill each block. */
export function writeVbs(records: Uint8Array[], blockSize = DEFAULT_BLOCK_SIZE): Uint8Array {
  if (!Number.isInteger(blockSize) || blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
    throw new ZertError('invalid-value', ['blockSize'], `block size must be ${MIN_BLOCK_SIZE}..${MAX_BLOCK_SIZE}, got ${blockSize}`);
  }
  const blocks: Uint8Array[] = [];
  let segments: Uint8Array[] = [];
  let used = 4;
  const flush = (): void => {
    if (segments.length === 0) return;
    blocks.push(descriptor(used), ...segments);
    segments = [];
    used = 4;
  };
  for (const record of records) {
    const data = record.subarray(4);
    let at = 0;
    let first = true;
    for (;;) {
      // A segment needs its SDW and at least one data byte.
      if (blockSize - used < 5) flush();
      const take = Math.min(data.length - at, blockSize - used - 4);
      const last = at + take === data.length;
      const code = first ? (last ? SEGMENT.complete : SEGMENT.first) : last ? SEGMENT.last : SEGMENT.middle;
      segments.push(descriptor(take + 4, code), data.subarray(at, at + take));
      used += take + 4;
      at += take;
      first = false;
      if (last) break;
      flush();
    }
  }
  flush();
  return concat(blocks);
}

export function frame(records: Uint8Array[], framing: Framing, blockSize = DEFAULT_BLOCK_SIZE): Uint8Array {
  return framing === 'rdw' ? writeRdw(records) : writeVbs(records, blockSize);
}

function framingError(offset: number, message: string): ZertError {
  return new ZertError('framing', ['file', `offset ${offset}`], message);
}

export function readRdw(file: Uint8Array): FramedRecord[] {
  const records: FramedRecord[] = [];
  let at = 0;
  while (at < file.length) {
    if (file.length - at < 4) throw framingError(at, `${file.length - at} trailing byte(s) cannot hold an RDW`);
    const length = readSmallUint(file, at, 2);
    if (file[at + 2] !== 0 || file[at + 3] !== 0) throw framingError(at, `RDW bytes 2-3 are X'${readSmallUint(file, at + 2, 2).toString(16).padStart(4, '0').toUpperCase()}', not zero (a spanned segment? a VBS file?)`);
    if (length < 5) throw framingError(at, `RDW length ${length} is below 5`);
    if (at + length > file.length) throw framingError(at, `RDW length ${length} runs past the end of the file (${file.length - at} bytes left)`);
    records.push({ bytes: file.subarray(at, at + length), offset: at });
    at += length;
  }
  return records;
}

export function readVbs(file: Uint8Array): FramedRecord[] {
  const records: FramedRecord[] = [];
  let pending: { parts: Uint8Array[]; offset: number } | undefined;
  let at = 0;
  while (at < file.length) {
    if (file.length - at < 4) throw framingError(at, `${file.length - at} trailing byte(s) cannot hold a BDW`);
    const extended = (file[at]! & 0x80) !== 0;
    const blockLength = extended ? readSmallUint(file, at, 4) & 0x7fffffff : readSmallUint(file, at, 2);
    if (!extended && (file[at + 2] !== 0 || file[at + 3] !== 0)) throw framingError(at, 'BDW bytes 2-3 are not zero');
    if (blockLength < 8) throw framingError(at, `BDW length ${blockLength} is below 8`);
    if (at + blockLength > file.length) throw framingError(at, `BDW length ${blockLength} runs past the end of the file (${file.length - at} bytes left)`);
    const blockEnd = at + blockLength;
    let seg = at + 4;
    while (seg < blockEnd) {
      if (blockEnd - seg < 4) throw framingError(seg, 'block ends inside a segment descriptor');
      const segLength = readSmallUint(file, seg, 2);
      const code = file[seg + 2]! & 0x03;
      if ((file[seg + 2]! & 0xfc) !== 0 || file[seg + 3] !== 0) throw framingError(seg, 'segment descriptor bytes 2-3 hold bits other than the segment code');
      if (segLength < 5) throw framingError(seg, `segment length ${segLength} is below 5`);
      if (seg + segLength > blockEnd) throw framingError(seg, `segment length ${segLength} runs past its block (BDW/SDW disagree)`);
      const data = file.subarray(seg + 4, seg + segLength);
      if (code === SEGMENT.complete || code === SEGMENT.first) {
        if (pending) throw framingError(seg, `a ${code === SEGMENT.first ? 'first' : 'complete'} segment arrives while the record from offset ${pending.offset} lacks its last segment`);
        if (code === SEGMENT.complete) records.push({ bytes: file.subarray(seg, seg + segLength), offset: seg });
        else pending = { parts: [data], offset: seg };
      } else {
        if (!pending) throw framingError(seg, `a ${code === SEGMENT.last ? 'last' : 'middle'} segment without a first segment`);
        pending.parts.push(data);
        if (code === SEGMENT.last) {
          const body = concat(pending.parts);
          if (body.length + 4 > 0xffff) throw framingError(pending.offset, 'reassembled record exceeds 65535 bytes');
          records.push({ bytes: concat([descriptor(body.length + 4), body]), offset: pending.offset });
          pending = undefined;
        }
      }
      seg += segLength;
    }
    at = blockEnd;
  }
  if (pending) throw framingError(pending.offset, 'file ends before the last segment of a spanned record');
  return records;
}

export interface ReadResult {
  framing: Framing;
  records: FramedRecord[];
}

const looksLikeSmf = (rs: FramedRecord[]): boolean => rs.every((r) => r.bytes.length > 5 && r.bytes[5] === 0x77);

/** Reads a file of SMF records; 'auto' tries VBS blocks and RDW records and explains why neither fits. */
export function readRecords(file: Uint8Array, framing: Framing | 'auto' = 'auto'): ReadResult {
  if (framing === 'rdw') return { framing, records: readRdw(file) };
  if (framing === 'vbs') return { framing, records: readVbs(file) };
  const attempt = (fn: (f: Uint8Array) => FramedRecord[]): FramedRecord[] | ZertError => {
    try {
      return fn(file);
    } catch (e) {
      if (e instanceof ZertError) return e;
      throw e;
    }
  };
  const vbs = attempt(readVbs);
  const rdw = attempt(readRdw);
  if (vbs instanceof ZertError && rdw instanceof ZertError) {
    const hint = file.length > 1 && file[1] === 0x77
      ? ' The file starts like an SMF 119 record without its RDW: was it transferred in binary without SITE RDW? Record boundaries are then lost.'
      : '';
    throw new ZertError('framing', ['file'], `neither RDW records nor VBS blocks: as RDW, ${rdw.message}; as VBS, ${vbs.message}.${hint}`);
  }
  if (vbs instanceof ZertError) return { framing: 'rdw', records: rdw as FramedRecord[] };
  if (rdw instanceof ZertError) return { framing: 'vbs', records: vbs };
  // A VBS file also parses as RDW records (each block looks like one record): VBS wins unless only RDW looks like SMF.
  return looksLikeSmf(rdw) && !looksLikeSmf(vbs) ? { framing: 'rdw', records: rdw } : { framing: 'vbs', records: vbs };
}
