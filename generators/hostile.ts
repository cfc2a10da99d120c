// Issue 12's hostile record, shared by the tests that bound the decoder's work and the bench that times it.

/** Where the data starts: after the 24-byte header, the 4 bytes that hold the triplet count, and eight 8-byte triplets. */
const DATA_START = 24 + 4 + 8 * 8;

/**
 * A 64 KB subtype 11 record whose eight triplets all say Len 1, Num 65535 over the same data. The data is
 * `dataWord` repeated: 0 by default; 0x00047777 makes it read as 16k four-byte DN entries of an undocumented
 * type (the DN section reads entries by their own length).
 */
export function hostileRecord(dataWord = 0): Uint8Array {
  const bytes = new Uint8Array(65535);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, bytes.length);
  bytes[5] = 119;
  view.setUint16(22, 11);
  view.setUint16(24, 8);
  for (let k = 0; k < 8; k++) {
    view.setUint32(28 + 8 * k, DATA_START);
    view.setUint16(32 + 8 * k, 1);
    view.setUint16(34 + 8 * k, 65535);
  }
  if (dataWord !== 0) for (let at = DATA_START; at + 4 <= bytes.length; at += 4) view.setUint32(at, dataWord);
  return bytes;
}

/** The data word that makes the hostile record's data read as DN entries of length 4, type 0x7777. */
export const HOSTILE_DN_ENTRY = 0x00047777;
