import { IBM037_TO_UNICODE, IBM1047_TO_UNICODE } from './ebcdic-tables.js';

export const CODE_PAGES = ['IBM-1047', 'IBM-037'] as const;
export type CodePage = (typeof CODE_PAGES)[number];
export const DEFAULT_CODE_PAGE: CodePage = 'IBM-1047';

export interface EbcdicCodec {
  readonly name: CodePage;
  /** Unicode string of each byte (index = EBCDIC byte). */
  readonly decodeTable: readonly string[];
  /** Byte for a code point, or undefined when the code page cannot represent it. */
  byteFor(codePoint: number): number | undefined;
  /** Byte for each UTF-16 code unit, -1 where the code page has none (index = code unit). */
  readonly encodeTable: Int16Array;
  /** Text of bytes [start, end) (the whole array by default). */
  decode(bytes: Uint8Array, start?: number, end?: number): string;
}

function makeCodec(name: CodePage, table: readonly number[]): EbcdicCodec {
  const decodeTable = table.map((cp) => String.fromCharCode(cp));
  // A flat table indexed by code unit: encoding is one load per character, no hashing.
  const encodeTable = new Int16Array(0x10000).fill(-1);
  table.forEach((cp, byte) => {
    encodeTable[cp] = byte;
  });
  return {
    name,
    decodeTable,
    encodeTable,
    byteFor: (cp) => (cp < 0x10000 && encodeTable[cp]! >= 0 ? encodeTable[cp] : undefined),
    decode(bytes, start = 0, end = bytes.length) {
      let s = '';
      for (let i = start; i < end; i++) s += decodeTable[bytes[i]!];
      return s;
    },
  };
}

const CODECS: Record<CodePage, EbcdicCodec> = {
  'IBM-1047': makeCodec('IBM-1047', IBM1047_TO_UNICODE),
  'IBM-037': makeCodec('IBM-037', IBM037_TO_UNICODE),
};

export function ebcdic(codePage: CodePage = DEFAULT_CODE_PAGE): EbcdicCodec {
  return CODECS[codePage];
}

/** First character of `text` the code page cannot represent, with its index, or undefined. */
export function firstUnmappable(codec: EbcdicCodec, text: string): { index: number; char: string } | undefined {
  let index = 0;
  for (const ch of text) {
    if (codec.byteFor(ch.codePointAt(0)!) === undefined) return { index, char: ch };
    index += ch.length;
  }
  return undefined;
}

/** Encode strictly: returns undefined if any character is unmappable (callers report where). */
export function encodeStrict(codec: EbcdicCodec, text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  return writeStrict(codec, text, out, 0) ? out : undefined;
}

/**
 * Writes `text` into `out` at `offset` (the caller checked it fits: one byte per UTF-16 code unit);
 * false when a character is unmappable. Surrogate halves have no byte in any table, so astral
 * characters are refused like other unmappable ones.
 */
export function writeStrict(codec: EbcdicCodec, text: string, out: Uint8Array, offset: number): boolean {
  const table = codec.encodeTable;
  for (let i = 0; i < text.length; i++) {
    const byte = table[text.charCodeAt(i)]!;
    if (byte < 0) return false;
    out[offset + i] = byte;
  }
  return true;
}

export const EBCDIC_BLANK = 0x40;

/**
 * Registers our tables with an iconv-lite instance as single-byte codecs 'ibm1047' and 'ibm037', for
 * pipelines already built on iconv-lite. iconv-lite's encoder substitutes unmappable characters; use
 * encodeStrict when a refusal is wanted.
 */
export function registerWithIconvLite(iconv: { encodings: Record<string, unknown> | null; getCodec(name: string): unknown }): void {
  // iconv-lite loads its encoding table lazily; asking for any codec forces it.
  iconv.getCodec('utf8');
  const encodings = iconv.encodings as Record<string, unknown>;
  encodings['ibm1047'] = { type: '_sbcs', chars: CODECS['IBM-1047'].decodeTable.join('') };
  encodings['ibm037'] = { type: '_sbcs', chars: CODECS['IBM-037'].decodeTable.join('') };
}
