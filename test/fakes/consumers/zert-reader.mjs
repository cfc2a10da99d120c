#!/usr/bin/env node
// zert-reader: a small consumer of SMF 119 zERT records (subtypes 11 and 12), written the way a SIEM
// ingest script would be: split the file into records (RDW or VBS), walk the triplets, pull the fields it
// cares about. It serves the fuzzer's tests: `--bug NAME` plants one bug, at the place such a bug lives
// in real parsers; without --bug it is the bug-free reader.
//
//   node zert-reader.mjs [--bug NAME] FILE     prints the records as JSON; exit 2 = invalid input
//   node zert-reader.mjs [--bug NAME] --ndjson speaks zert-forge's ndjson protocol on stdin/stdout
//
// Bugs: ssh-version   crashes on an SSH version code it does not know
//       dn-hang       stalls forever on a DN longer than its 200-byte buffer
//       section-alloc reserves a buffer per section entry before checking the count (65535 -> 1 GB)
//       truncated     trusts the RDW length, so it reads past the end of a truncated record
//       triplet       checks the triplets of the sections it decodes only (accepts one pointing outside)
//       ipv4          tells IPv4 from IPv6 by the padding instead of the flag (misreads IPv4 in 16 bytes)
//       vbs-middle    treats a middle VBS segment as the first one of a new record
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const bugAt = args.indexOf('--bug');
const BUG = bugAt >= 0 ? args[bugAt + 1] : undefined;
const NDJSON = args.includes('--ndjson');

class InvalidInput extends Error {}
const invalid = (message) => {
  throw new InvalidInput(message);
};

// --- physical records -------------------------------------------------------------------------------

function rdwRecords(buf) {
  const records = [];
  for (let at = 0; at < buf.length; ) {
    if (buf.length - at < 4) invalid(`${buf.length - at} trailing bytes`);
    const length = buf.readUInt16BE(at);
    if (buf[at + 2] !== 0 || buf[at + 3] !== 0) invalid(`RDW at ${at} has segment bits`);
    if (length < 4) invalid(`RDW length ${length} at ${at}`);
    if (BUG !== 'truncated' && at + length > buf.length) invalid(`record at ${at} runs past the end of the file`);
    records.push(buf.subarray(at, at + length));
    at += length;
  }
  return records;
}

function vbsRecords(buf) {
  const records = [];
  let parts;
  for (let at = 0; at < buf.length; ) {
    if (buf.length - at < 4) invalid(`${buf.length - at} trailing bytes`);
    const blockLength = buf.readUInt16BE(at);
    if (blockLength < 8 || at + blockLength > buf.length) invalid(`bad BDW at ${at}`);
    for (let seg = at + 4; seg < at + blockLength; ) {
      if (at + blockLength - seg < 4) invalid(`block at ${at} ends inside a segment descriptor`);
      const segLength = buf.readUInt16BE(seg);
      const code = buf[seg + 2] & 3;
      if (segLength < 5 || seg + segLength > at + blockLength) invalid(`bad SDW at ${seg}`);
      const data = buf.subarray(seg + 4, seg + segLength);
      if (code === 0 || code === 1 || (code === 3 && BUG === 'vbs-middle')) {
        if (parts && !(code === 3 && BUG === 'vbs-middle')) invalid(`segment at ${seg} starts a record before the last one ended`);
        if (code === 0) records.push(withRdw([data]));
        else parts = [data];
      } else {
        if (!parts) invalid(`segment at ${seg} continues no record`);
        parts.push(data);
        if (code === 2) {
          records.push(withRdw(parts));
          parts = undefined;
        }
      }
      seg += segLength;
    }
    at += blockLength;
  }
  if (parts) invalid('file ends inside a spanned record');
  return records;
}

function withRdw(parts) {
  const body = Buffer.concat(parts);
  const rdw = Buffer.alloc(4);
  rdw.writeUInt16BE(Math.min(body.length + 4, 0xffff));
  return Buffer.concat([rdw, body]);
}

// A VBS file starts BDW, SDW, record body (type at byte 9); an RDW file has the type at byte 5. Byte 5 of a
// VBS file is the SDW's low length byte, 0x77 for a 375-byte segment (found by zert-forge fuzz): look at both.
const looksVbs = (buf) => buf.length > 9 && buf[9] === 0x77 && buf[7] === 0 && (buf[6] & 0xfc) === 0 && buf.readUInt16BE(4) + 4 <= buf.readUInt16BE(0);
const splitRecords = (buf) => (buf.length > 5 && buf[5] === 0x77 && !looksVbs(buf) ? rdwRecords(buf) : vbsRecords(buf));

// --- fields -------------------------------------------------------------------------------------------

const SSH_VERSIONS = [{ code: 0, name: 'unknown' }, { code: 1, name: 'SSH 1' }, { code: 2, name: 'SSH 2' }];
const SECTIONS = {
  11: { prefix: 'SMF119SC_', names: ['Ident', 'Common', 'IPFilter', 'TLS', 'SSH', 'IPSec', 'DN', 'Enforcement'], decoded: ['Ident', 'Common', 'TLS', 'SSH', 'DN'], versionAt: 0, minimum: { Common: 88, TLS: 2, SSH: 1 } },
  12: { prefix: 'SMF119SS_', names: ['Ident', 'Common', 'TLS', 'SSH', 'IPSec', 'DN'], decoded: ['Ident', 'Common', 'TLS', 'SSH', 'DN'], versionAt: 2, minimum: { Common: 62, TLS: 4, SSH: 3 } },
};
const ENTRY_BUFFER = 16384;

function ipText(b, v6flag) {
  const looksV4 = b.subarray(4).every((x) => x === 0);
  if (BUG === 'ipv4' ? looksV4 : !v6flag) return [...b.subarray(0, 4)].join('.');
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':');
}

// The planted hang blocks instead of spinning: the fuzzer sees a timeout either way, and a spinning parser
// would burn a core for the whole --timeout each time the shrinker tries a hanging candidate.
const stall = () => {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

/** DN text, copied through a 200-byte line buffer (the reader's output format wraps long names). */
function dnText(rec, at, n) {
  const line = Buffer.alloc(200);
  const chunks = [];
  let used = 0;
  for (let done = 0; done < n; ) {
    const take = Math.min(n - done, line.length - used);
    if (take === 0) stall(); // dn-hang: the full line is never flushed, so no byte can move again
    rec.copy(line, used, at + done, at + done + take);
    used += take;
    done += take;
    if (used === line.length && (BUG !== 'dn-hang' || done === n)) {
      chunks.push(Buffer.from(line));
      used = 0;
    }
  }
  chunks.push(line.subarray(0, used));
  return Buffer.concat(chunks);
}

function parseRecord(rec) {
  if (rec.length < 28) invalid(`record of ${rec.length} bytes`);
  if (rec[5] !== 119) return null; // another SMF type: not ours
  const subtype = rec.readUInt16BE(22);
  const layout = SECTIONS[subtype];
  if (!layout) return null; // another 119 subtype
  const p = layout.prefix;
  const recordLength = BUG === 'truncated' ? rec.readUInt16BE(0) : rec.length;
  const count = rec.readUInt16BE(24);
  if (count < layout.names.length - 1 || 28 + 8 * count > recordLength) invalid(`triplet count ${count}`);
  const sections = {};
  layout.names.forEach((name, k) => {
    if (k >= count) return;
    const t = 28 + 8 * k;
    const off = rec.readUInt32BE(t);
    const len = rec.readUInt16BE(t + 4);
    const num = rec.readUInt16BE(t + 6);
    if (num === 0) return;
    if (BUG === 'section-alloc') reserve(num);
    if (BUG === 'triplet' && !layout.decoded.includes(name)) return;
    // DN entries vary in length, and what IBM writes in their Len is not known: entries are checked one by one.
    const extent = name === 'DN' ? 4 * num : len * num;
    if ((len === 0 && name !== 'DN') || off < 28 + 8 * count || off + extent > recordLength) invalid(`${name} triplet ${off}/${len}/${num} outside the record`);
    if (len < (layout.minimum[name] ?? 0)) invalid(`${name} section of ${len} bytes is too short for its fields`);
    if (BUG !== 'section-alloc') reserve(num);
    sections[name] = { off, len, num };
  });
  const out = { Header: { SMF119HDSubType: subtype, SMF119HDTime: rec.readUInt32BE(6) } };
  const c = sections.Common?.off;
  if (c === undefined) out.Common = [];
  else if (subtype === 11) {
    const v6 = (rec[c + 2] & 0x80) !== 0;
    out.Common = [{ [`${p}SARIP`]: ipText(rec.subarray(c + 48, c + 64), v6), [`${p}SALIP`]: ipText(rec.subarray(c + 64, c + 80), v6), [`${p}SARPort`]: rec.readUInt16BE(c + 80), [`${p}SALPort`]: rec.readUInt16BE(c + 82), [`${p}SAConnID`]: rec.readUInt32BE(c + 84) }];
  } else {
    const v6 = (rec[c + 9] & 0x80) !== 0;
    out.Common = [{ [`${p}SASrvIP`]: ipText(rec.subarray(c + 28, c + 44), v6), [`${p}SACltIP`]: ipText(rec.subarray(c + 44, c + 60), v6), [`${p}SASrvPortStart`]: rec.readUInt16BE(c + 60) }];
  }
  out.TLS = sections.TLS ? [{ [`${p}TLS_Prot_Ver`]: rec.readUInt16BE(sections.TLS.off + layout.versionAt) }] : [];
  if (sections.SSH) {
    const code = rec[sections.SSH.off + layout.versionAt];
    const version = BUG === 'ssh-version' ? SSH_VERSIONS[code].code : (SSH_VERSIONS[code]?.code ?? code);
    out.SSH = [{ [`${p}SSH_Prot_Ver`]: version }];
  } else out.SSH = [];
  out.DN = [];
  if (sections.DN) {
    const end = recordLength;
    let at = sections.DN.off;
    for (let i = 0; i < sections.DN.num; i++) {
      if (at + 4 > end) invalid(`DN entry ${i} outside its section`);
      const length = rec.readUInt16BE(at);
      if (length < 4 || at + length > end) invalid(`DN entry ${i} length ${length}`);
      dnText(rec, at + 4, length - 4);
      out.DN.push({ [`${p}DN_Type`]: rec.readUInt16BE(at + 2) });
      at += length;
    }
  }
  return out;
}

/** Working buffers for a section's entries, blank-filled (X'40') the way the output layer wants them. */
function reserve(entries) {
  const buffers = [];
  for (let i = 0; i < entries; i++) buffers.push(Buffer.allocUnsafe(ENTRY_BUFFER).fill(0x40));
  return buffers;
}

const parseFile = (buf) => splitRecords(buf).map(parseRecord).filter((r) => r !== null);

// --- front ends -----------------------------------------------------------------------------------------

if (NDJSON) {
  const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const msg = JSON.parse(line);
    if (msg.cmd === 'start') send({ version: 1, implementation: { name: `zert-reader${BUG ? ` (bug ${BUG})` : ''}`, language: 'JavaScript' } });
    else if (msg.cmd === 'stop') process.exit(0);
    else {
      let records;
      try {
        records = parseFile(Buffer.from(msg.case.bytes, 'base64'));
      } catch (e) {
        if (!(e instanceof InvalidInput)) throw e;
        send({ seq: msg.seq, rejected: { message: e.message } });
        continue;
      }
      send({ seq: msg.seq, records });
    }
  }
} else {
  const file = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--bug')[0];
  try {
    process.stdout.write(`${JSON.stringify(parseFile(readFileSync(file)))}\n`);
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    process.stderr.write(`zert-reader: invalid input: ${e.message}\n`);
    process.exitCode = 2;
  }
}
