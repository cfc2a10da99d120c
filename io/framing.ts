import { formatPath, ZertError } from '../spec/errors.js';

// Physical files. An SMF record starts with its RDW (SMF119HDLength + SMF119HDSegDesc), so an 'RDW file'
// (FTP binary with SITE RDW) is the records back to back. A VBS file (RECFM=VBS dump, copied as RECFM=U)
// is blocks: [BDW][SDW+segment]..., records spanned across blocks to fill them, as IBM writes SMF data.
// Readers are push parsers over chunks (a file in one piece is one chunk): they hold at most one block or
// one record beyond what they have returned, and fail at the first bad descriptor with its file offset.

export const FRAMINGS = ['rdw', 'vbs'] as const;
export type Framing = (typeof FRAMINGS)[number];
export const DEFAULT_BLOCK_SIZE = 27998;
export const MAX_BLOCK_SIZE = 32760;
export const MIN_BLOCK_SIZE = 18;
/** Extended BDWs (large block interface) may exceed 32760; a tape block is at most 256 KiB. */
const MAX_EXTENDED_BLOCK = 262144;
const MAX_RECORD = 0xffff;
/** Bytes auto-detection reads before it decides (a few blocks or records, never the whole file). */
export const DETECT_WINDOW = 65536;

export const SEGMENT = { complete: 0, first: 1, last: 2, middle: 3 } as const;

export interface FramedRecord {
  /** The logical record, RDW included. */
  bytes: Uint8Array;
  /** File offset where the record (or its first segment) starts. */
  offset: number;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();

function framingError(offset: number, message: string): ZertError {
  return new ZertError('framing', ['file', `offset ${offset}`], message);
}

/** 'at offset N, message' of a framingError, to quote it inside another message. */
const bare = (e: ZertError): string => `at ${e.path[e.path.length - 1]}, ${e.message.slice(`${e.kind}: ${formatPath(e.path)}: `.length)}`;

export function checkBlockSize(blockSize: number): void {
  if (!Number.isInteger(blockSize) || blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
    throw new ZertError('invalid-value', ['blockSize'], `block size must be a whole number from ${MIN_BLOCK_SIZE} to ${MAX_BLOCK_SIZE}, got ${blockSize}`);
  }
}

// --- readers -------------------------------------------------------------------------------------

/** Splits chunks into records: push() returns the records the bytes so far complete, end() checks nothing is left over. */
export interface RecordParser {
  push(chunk: Uint8Array): FramedRecord[];
  end(): void;
  /** File offset of the first byte not yet consumed. */
  readonly offset: number;
}

/** Bytes received but not consumed, and the file offset of the first of them. */
class Pending {
  private buf: Uint8Array = new Uint8Array(0);
  private at = 0;
  base = 0;
  append(chunk: Uint8Array): void {
    if (this.at === this.buf.length) this.buf = chunk;
    else this.buf = concat([this.buf.subarray(this.at), chunk]);
    this.base += this.at;
    this.at = 0;
  }
  get available(): number {
    return this.buf.length - this.at;
  }
  get offset(): number {
    return this.base + this.at;
  }
  peek(i: number): number {
    return this.buf[this.at + i]!;
  }
  peek16(i: number): number {
    return u16(this.buf, this.at + i);
  }
  take(n: number): Uint8Array {
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** Hands out the records before a framing error first: the error is thrown by the next push() or end(). */
abstract class DeferringParser implements RecordParser {
  protected readonly pending = new Pending();
  private deferred: ZertError | undefined;
  get offset(): number {
    return this.pending.offset;
  }
  push(chunk: Uint8Array): FramedRecord[] {
    if (this.deferred) throw this.deferred;
    this.pending.append(chunk);
    const records: FramedRecord[] = [];
    try {
      this.parse(records);
    } catch (e) {
      if (!(e instanceof ZertError) || records.length === 0) throw e;
      this.deferred = e;
    }
    return records;
  }
  end(): void {
    if (this.deferred) throw this.deferred;
    this.finish();
  }
  protected abstract parse(records: FramedRecord[]): void;
  protected abstract finish(): void;
}

export class RdwParser extends DeferringParser {
  protected parse(records: FramedRecord[]): void {
    const p = this.pending;
    while (p.available >= 4) {
      const length = p.peek16(0);
      if (p.peek(2) !== 0 || p.peek(3) !== 0) throw framingError(p.offset, `RDW bytes 2-3 are X'${hex4(p.peek16(2))}', not zero (a spanned segment? a VBS file?)`);
      if (length < 5) throw framingError(p.offset, `RDW length ${length} is below 5`);
      if (p.available < length) break;
      const offset = p.offset;
      records.push({ bytes: p.take(length), offset });
    }
  }
  protected finish(): void {
    const p = this.pending;
    if (p.available === 0) return;
    if (p.available < 4) throw framingError(p.offset, `${p.available} trailing byte(s) cannot hold an RDW`);
    throw framingError(p.offset, `RDW length ${p.peek16(0)} runs past the end of the file (${p.available} bytes left)`);
  }
}

export class VbsParser extends DeferringParser {
  private spanned: { parts: Uint8Array[]; length: number; offset: number } | undefined;
  protected parse(records: FramedRecord[]): void {
    const p = this.pending;
    while (p.available >= 4) {
      const extended = (p.peek(0) & 0x80) !== 0;
      const blockLength = extended ? ((p.peek16(0) & 0x7fff) * 65536 + p.peek16(2)) : p.peek16(0);
      if (!extended && (p.peek(2) !== 0 || p.peek(3) !== 0)) throw framingError(p.offset, `BDW bytes 2-3 are X'${hex4(p.peek16(2))}', not zero`);
      if (blockLength < 8) throw framingError(p.offset, `BDW length ${blockLength} is below 8`);
      if (extended && blockLength > MAX_EXTENDED_BLOCK) throw framingError(p.offset, `extended BDW length ${blockLength} is above ${MAX_EXTENDED_BLOCK}`);
      if (p.available < blockLength) break;
      const blockOffset = p.offset;
      this.block(p.take(blockLength), blockOffset, records);
    }
  }
  private block(block: Uint8Array, blockOffset: number, records: FramedRecord[]): void {
    let seg = 4;
    while (seg < block.length) {
      const offset = blockOffset + seg;
      if (block.length - seg < 4) throw framingError(offset, 'block ends inside a segment descriptor');
      const segLength = u16(block, seg);
      const code = block[seg + 2]! & 0x03;
      if ((block[seg + 2]! & 0xfc) !== 0 || block[seg + 3] !== 0) throw framingError(offset, `segment descriptor bytes 2-3 are X'${hex4(u16(block, seg + 2))}': bits other than the segment code`);
      if (segLength < 5) throw framingError(offset, `segment length ${segLength} is below 5`);
      if (seg + segLength > block.length) throw framingError(offset, `segment length ${segLength} runs past its block (BDW/SDW disagree)`);
      if (code === SEGMENT.complete || code === SEGMENT.first) {
        if (this.spanned) throw framingError(offset, `a ${code === SEGMENT.first ? 'first' : 'complete'} segment arrives while the record from offset ${this.spanned.offset} lacks its last segment`);
        if (code === SEGMENT.complete) records.push({ bytes: block.subarray(seg, seg + segLength), offset });
        else this.spanned = { parts: [block.subarray(seg + 4, seg + segLength)], length: segLength, offset };
      } else {
        const spanned = this.spanned;
        if (!spanned) throw framingError(offset, `a ${code === SEGMENT.last ? 'last' : 'middle'} segment without a first segment`);
        spanned.parts.push(block.subarray(seg + 4, seg + segLength));
        spanned.length += segLength - 4;
        if (spanned.length > MAX_RECORD) throw framingError(spanned.offset, `spanned record exceeds ${MAX_RECORD} bytes`);
        if (code === SEGMENT.last) {
          records.push({ bytes: concat([descriptor(spanned.length), ...spanned.parts]), offset: spanned.offset });
          this.spanned = undefined;
        }
      }
      seg += segLength;
    }
  }
  protected finish(): void {
    const p = this.pending;
    if (p.available > 0 && p.available < 4) throw framingError(p.offset, `${p.available} trailing byte(s) cannot hold a BDW`);
    if (p.available > 0) throw framingError(p.offset, `BDW length ${p.peek(0) & 0x80 ? 'X' + hex4(p.peek16(0)) + hex4(p.peek16(2)) : p.peek16(0)} runs past the end of the file (${p.available} bytes left)`);
    if (this.spanned) throw framingError(this.spanned.offset, 'file ends before the last segment of a spanned record');
  }
}

export function parser(framing: Framing): RecordParser {
  return framing === 'rdw' ? new RdwParser() : new VbsParser();
}

function parseAll(p: RecordParser, file: Uint8Array): FramedRecord[] {
  const records = p.push(file);
  p.end();
  return records;
}

export function readRdw(file: Uint8Array): FramedRecord[] {
  return parseAll(new RdwParser(), file);
}

export function readVbs(file: Uint8Array): FramedRecord[] {
  return parseAll(new VbsParser(), file);
}

// --- auto-detection ------------------------------------------------------------------------------

interface Attempt {
  records: FramedRecord[];
  error?: ZertError;
}

function attempt(p: RecordParser, prefix: Uint8Array, complete: boolean): Attempt {
  let records: FramedRecord[] = [];
  try {
    records = p.push(prefix);
    // An error after some records is deferred to the next call: surface it now.
    if (complete) p.end();
    else p.push(new Uint8Array(0));
    return { records };
  } catch (e) {
    if (e instanceof ZertError) return { records, error: e };
    throw e;
  }
}

const looksLikeSmf = (rs: FramedRecord[]): boolean => rs.length > 0 && rs.every((r) => r.bytes.length > 5 && r.bytes[5] === 0x77);

/** A first BDW and SDW that are well formed: the file is VBS even if a later segment is broken. */
function vbsShaped(prefix: Uint8Array): boolean {
  if (prefix.length < 8) return false;
  const extended = (prefix[0]! & 0x80) !== 0;
  const blockLength = extended ? ((u16(prefix, 0) & 0x7fff) * 65536 + u16(prefix, 2)) : u16(prefix, 0);
  const bdwOk = extended ? blockLength <= MAX_EXTENDED_BLOCK : prefix[2] === 0 && prefix[3] === 0 && blockLength <= MAX_BLOCK_SIZE;
  const segLength = u16(prefix, 4);
  return bdwOk && blockLength >= 8 && (prefix[6]! & 0xfc) === 0 && prefix[7] === 0 && segLength >= 5 && segLength <= blockLength - 4;
}

/**
 * Decides the framing from the first bytes of a file (at most DETECT_WINDOW; `complete` when that is the whole
 * file). A VBS file also parses as an RDW chain (each block looks like one record), so both are tried: a
 * framing that breaks inside the window is out, VBS wins a tie unless only the RDW reading looks like SMF, and a
 * file shaped like VBS whose segments are broken reports the VBS error rather than passing as foreign records.
 */
export function detectFraming(prefix: Uint8Array, complete: boolean): Framing {
  if (prefix.length === 0) return 'rdw';
  const rdw = attempt(new RdwParser(), prefix, complete);
  const vbs = attempt(new VbsParser(), prefix, complete);
  if (!rdw.error && !vbs.error) return looksLikeSmf(rdw.records) && !looksLikeSmf(vbs.records) ? 'rdw' : 'vbs';
  if (!rdw.error && looksLikeSmf(rdw.records)) return 'rdw';
  if (!vbs.error) return 'vbs';
  if (vbsShaped(prefix)) throw vbs.error;
  if (!rdw.error) return 'rdw';
  const hint = prefix.length > 1 && prefix[1] === 0x77
    ? ' The file starts like an SMF 119 record without its RDW: was it transferred in binary without SITE RDW? Record boundaries are then lost.'
    : '';
  throw new ZertError('framing', ['file'], `neither RDW records nor VBS blocks: as RDW, ${bare(rdw.error!)}; as VBS, ${bare(vbs.error!)}.${hint}`);
}

export interface ReadResult {
  framing: Framing;
  records: FramedRecord[];
}

/** Reads a file of SMF records held in memory; 'auto' detects the framing from its first bytes. */
export function readRecords(file: Uint8Array, framing: Framing | 'auto' = 'auto'): ReadResult {
  const chosen = framing === 'auto' ? detectFraming(file.subarray(0, DETECT_WINDOW), file.length <= DETECT_WINDOW) : framing;
  return { framing: chosen, records: parseAll(parser(chosen), file) };
}

/** Streamed reading: one batch of records per chunk; 'auto' detects the framing from the first DETECT_WINDOW bytes. */
export async function* readRecordBatches(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, framing: Framing | 'auto' = 'auto'): AsyncGenerator<FramedRecord[]> {
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : (chunks as Iterable<Uint8Array>)[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  if (framing === 'auto') {
    while (headLength < DETECT_WINDOW) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.length;
    }
  }
  const joined = concat(head);
  const chosen = framing === 'auto' ? detectFraming(joined.subarray(0, DETECT_WINDOW), done && headLength <= DETECT_WINDOW) : framing;
  const p = parser(chosen);
  try {
    if (headLength > 0) yield p.push(joined);
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      const batch = p.push(next.value);
      if (batch.length > 0) yield batch;
    }
    p.end();
  } finally {
    // The consumer stopped early (a closed pipe): let the source close its file.
    if (!done) await iterator.return?.();
  }
}

/** Streamed reading, record by record. */
export async function* readRecordStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, framing: Framing | 'auto' = 'auto'): AsyncGenerator<FramedRecord> {
  for await (const batch of readRecordBatches(chunks, framing)) yield* batch;
}

// --- writers -------------------------------------------------------------------------------------

function descriptor(length: number, code = 0): Uint8Array {
  return Uint8Array.of(length >> 8, length & 0xff, code, 0);
}

/** Turns records into file bytes: push() returns what is complete (whole blocks for VBS), end() the rest. */
export interface RecordFramer {
  push(record: Uint8Array): Uint8Array[];
  end(): Uint8Array[];
}

/** Size of the chunks the streamed writers hand on: large enough that each write costs little. */
const OUTPUT_CHUNK = 1 << 20;

/**
 * File bytes written straight into large buffers: records are copied in (RDW) or cut into segments in place
 * (VBS), with no allocation per record or block. `take()` hands out the complete part (whole blocks).
 */
class ChunkWriter {
  private buf: Uint8Array;
  private at = 0;
  /** Start of the VBS block being filled, or -1. */
  private block = -1;
  private readonly capacity: number;

  /** `chunkSize`: how much the caller lets gather before it takes; the buffer holds that and one block or record more. */
  constructor(private readonly vbs: boolean, private readonly blockSize: number, chunkSize: number) {
    if (vbs) checkBlockSize(blockSize);
    this.capacity = chunkSize + (vbs ? blockSize : MAX_RECORD);
    this.buf = new Uint8Array(this.capacity);
  }

  /** Bytes ready to hand out: everything but the block being filled. */
  get ready(): number {
    return this.block < 0 ? this.at : this.block;
  }

  /** Adds the record held in bytes[start, end), RDW included. */
  add(bytes: Uint8Array, start: number, end: number): void {
    if (!this.vbs) {
      this.room(end - start);
      this.buf.set(bytes.subarray(start, end), this.at);
      this.at += end - start;
      return;
    }
    let data = start + 4;
    let first = true;
    for (;;) {
      // A segment needs its SDW and at least one data byte.
      if (this.block >= 0 && this.blockSize - (this.at - this.block) < 5) this.closeBlock();
      if (this.block < 0) this.openBlock();
      const take = Math.min(end - data, this.blockSize - (this.at - this.block) - 4);
      const last = data + take === end;
      const code = first ? (last ? SEGMENT.complete : SEGMENT.first) : last ? SEGMENT.last : SEGMENT.middle;
      const b = this.buf;
      const length = take + 4;
      b[this.at] = length >> 8;
      b[this.at + 1] = length & 0xff;
      b[this.at + 2] = code;
      b[this.at + 3] = 0;
      b.set(bytes.subarray(data, data + take), this.at + 4);
      this.at += length;
      data += take;
      first = false;
      if (last) return;
      this.closeBlock();
    }
  }

  /** The complete bytes so far; the block being filled moves to the start of a fresh buffer. */
  take(): Uint8Array {
    const ready = this.ready;
    const out = this.buf.subarray(0, ready);
    const next = new Uint8Array(Math.max(this.capacity, this.at - ready));
    next.set(this.buf.subarray(ready, this.at));
    this.buf = next;
    this.at -= ready;
    if (this.block >= 0) this.block = 0;
    return out;
  }

  /** Closes the last block; `take()` then hands out everything. */
  finish(): void {
    if (this.block >= 0) this.closeBlock();
  }

  private openBlock(): void {
    this.room(this.blockSize);
    this.block = this.at;
    this.at += 4;
  }

  private closeBlock(): void {
    const length = this.at - this.block;
    this.buf.set(descriptor(length), this.block);
    this.block = -1;
  }

  /** Makes room for `n` more bytes (a record spanning many small blocks can outgrow the buffer). */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
}

class RdwFramer implements RecordFramer {
  push(record: Uint8Array): Uint8Array[] {
    return [record];
  }
  end(): Uint8Array[] {
    return [];
  }
}

/** RECFM=VBS blocks of at most `blockSize` bytes (BDW included), spanning records to fill each block; handed out as soon as they are complete. */
class VbsFramer implements RecordFramer {
  private readonly writer: ChunkWriter;
  constructor(blockSize: number) {
    this.writer = new ChunkWriter(true, blockSize, blockSize);
  }
  push(record: Uint8Array): Uint8Array[] {
    this.writer.add(record, 0, record.length);
    return this.writer.ready > 0 ? [this.writer.take()] : [];
  }
  end(): Uint8Array[] {
    this.writer.finish();
    return this.writer.ready > 0 ? [this.writer.take()] : [];
  }
}

export function framer(framing: Framing, blockSize = DEFAULT_BLOCK_SIZE): RecordFramer {
  return framing === 'rdw' ? new RdwFramer() : new VbsFramer(blockSize);
}

/** RDW file: each record as written (its first 4 bytes are its RDW). */
export function writeRdw(records: Uint8Array[]): Uint8Array {
  return concat(records);
}

export function writeVbs(records: Uint8Array[], blockSize = DEFAULT_BLOCK_SIZE): Uint8Array {
  return frame(records, 'vbs', blockSize);
}

export function frame(records: Iterable<Uint8Array>, framing: Framing, blockSize = DEFAULT_BLOCK_SIZE): Uint8Array {
  // Grows as needed: most callers frame a few records.
  const w = new ChunkWriter(framing === 'vbs', blockSize, 0);
  for (const r of records) w.add(r, 0, r.length);
  w.finish();
  return w.take();
}

/** Streamed writing: records in, file bytes out in chunks of about OUTPUT_CHUNK. */
export async function* frameStream(records: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, framing: Framing, blockSize = DEFAULT_BLOCK_SIZE): AsyncGenerator<Uint8Array> {
  const w = new ChunkWriter(framing === 'vbs', blockSize, OUTPUT_CHUNK);
  for await (const r of records) {
    w.add(r, 0, r.length);
    if (w.ready >= OUTPUT_CHUNK) yield w.take();
  }
  w.finish();
  if (w.ready > 0) yield w.take();
}

/**
 * Streamed writing of record runs: each run holds whole records back to back, each starting with its RDW
 * (what encodeInto writes). RDW output is the runs themselves; VBS output comes in chunks of about OUTPUT_CHUNK.
 */
export async function* frameRecordRuns(runs: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, framing: Framing, blockSize = DEFAULT_BLOCK_SIZE): AsyncGenerator<Uint8Array> {
  if (framing === 'rdw') {
    yield* runs;
    return;
  }
  const w = new ChunkWriter(true, blockSize, OUTPUT_CHUNK);
  for await (const run of runs) {
    for (let at = 0; at < run.length; ) {
      const end = at + u16(run, at);
      w.add(run, at, end);
      at = end;
    }
    if (w.ready >= OUTPUT_CHUNK) yield w.take();
  }
  w.finish();
  if (w.ready > 0) yield w.take();
}
