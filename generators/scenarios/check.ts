import type { SectionValue } from '../../spec/fields.js';
import type { DecodedFileRecord } from '../../io/decode.js';
import { HUNDREDTHS_PER_DAY, parseIPv6, parseTimeOfDay, TOD_UNITS_PER_MICROSECOND } from '../../spec/primitives.js';
import { expectedCodes, suiteById } from './ciphers.js';

// Cross-record consistency of a zERT record stream, from the decoded records alone:
// - records in time order; the connection life cycle (Term needs an Init unless it is a Short Term);
// - cipher suite code against its encryption/MAC/key-exchange codes and the protocol version;
// - IPv6 flag against the addresses; whatever the decoder flags (failed-handshake sections, padding, ...);
// - every subtype 12 interval count against the subtype 11 detail records.
//
// Security sessions are matched by endpoints, job, role and significant attributes: TLS version and
// cipher; SSH version, key exchange, cipher and MAC; IPsec cipher, authentication and DH group; or
// "failed handshake". Counts at a time T: a connection is counted in a session's life count once its
// segment in that session started at or before T, as active while T is inside the segment, as partial
// once a change of protection started or ended the segment, as short once a Short Term record ended it.

export interface Violation {
  index: number;
  offset: number;
  path: string;
  kind: string;
  message: string;
}

const TEN_SECONDS = 1000;

function absolute(date: unknown, time: unknown): number | undefined {
  if (typeof date !== 'string' || typeof time !== 'string') return undefined;
  const t = parseTimeOfDay(time);
  if (!t.ok) return undefined;
  return (Date.parse(`${date}T00:00:00Z`) / 86_400_000) * HUNDREDTHS_PER_DAY + t.value;
}

const first = (r: Record<string, unknown>, key: string): SectionValue | undefined => (r[key] as SectionValue[] | undefined)?.[0];

/** Session attributes of a subtype 11 record's protection. */
function detailKey(r: Record<string, unknown>): string {
  const tls = first(r, 'TLS');
  if (tls) return tls['SMF119SC_TLS_Handshake_Type'] === 3 ? 'tls:failed' : `tls:${tls['SMF119SC_TLS_Prot_Ver']}:${tls['SMF119SC_TLS_Neg_Cipher']}`;
  const ssh = first(r, 'SSH');
  if (ssh) return (Number(ssh['SMF119SC_SSH_Flags'] ?? 0) & 0x80) !== 0 ? 'ssh:failed' : `ssh:${ssh['SMF119SC_SSH_Prot_Ver']}:${ssh['SMF119SC_SSH_Kex_Method']}:${ssh['SMF119SC_SSH_In_Enc_Alg']}:${ssh['SMF119SC_SSH_In_Msg_Auth']}`;
  const ipsec = first(r, 'IPSec');
  if (ipsec) return `ipsec:${ipsec['SMF119SC_IPSec_EncAlg']}:${ipsec['SMF119SC_IPSec_AuthAlg']}:${ipsec['SMF119SC_IPSec_IKETunDHGroup']}`;
  return 'none';
}

/** Session attributes of a subtype 12 record. */
function summaryKey(r: Record<string, unknown>, common: SectionValue): string {
  const failed = Number(common['SMF119SS_SAInitFailedHsConnCnt'] ?? 0) > 0 || Number(common['SMF119SS_SAEndFailedHsConnCnt'] ?? 0) > 0;
  const tls = first(r, 'TLS');
  if (tls) return failed ? 'tls:failed' : `tls:${tls['SMF119SS_TLS_Prot_Ver']}:${tls['SMF119SS_TLS_Neg_Cipher']}`;
  const ssh = first(r, 'SSH');
  if (ssh) return failed ? 'ssh:failed' : `ssh:${ssh['SMF119SS_SSH_Prot_Ver']}:${ssh['SMF119SS_SSH_Kex_Method']}:${ssh['SMF119SS_SSH_In_Enc_Alg']}:${ssh['SMF119SS_SSH_In_Msg_Auth']}`;
  const ipsec = first(r, 'IPSec');
  if (ipsec) return `ipsec:${ipsec['SMF119SS_IPSec_EncAlg']}:${ipsec['SMF119SS_IPSec_AuthAlg']}:${ipsec['SMF119SS_IPSec_IKETunDHGroup']}`;
  return 'none';
}

interface Segment {
  from: number;
  to: number;
  key: string;
  changedIn: boolean;
  changedOut: boolean;
}

interface Conn {
  id: string;
  start: number;
  end: number;
  short: boolean;
  tcp: boolean;
  job: string;
  local: { ip: string; port: number };
  remote: { ip: string; port: number };
  segments: Segment[];
  initSeen: boolean;
}

function cipherChecks(v: Violation[], index: number, offset: number, section: string, s: SectionValue, prefix: string, failed: boolean): void {
  const cipher = s[`${prefix}Neg_Cipher`];
  const version = Number(s[`${prefix}Prot_Ver`] ?? 0);
  const at = (field: string): string => `${section} > ${prefix}${field}`;
  if (cipher === 'FFFFFF') {
    if (!failed && version !== 0) v.push({ index, offset, path: at('Neg_Cipher'), kind: 'cipher', message: "'FFFFFF' (unknown) with a known protocol version" });
    return;
  }
  if (typeof cipher !== 'string' || cipher === '') return;
  if (cipher.length === 6) {
    if (version !== 0x0200) v.push({ index, offset, path: at('Prot_Ver'), kind: 'cipher', message: `SSLv2 cipher code ${cipher} with version X'${version.toString(16).padStart(4, '0')}'` });
    return;
  }
  const suite = suiteById(cipher);
  if (!suite) return;
  if (version < suite.minVersion || version > suite.maxVersion) {
    v.push({ index, offset, path: at('Prot_Ver'), kind: 'cipher', message: `${suite.name} is not defined for version X'${version.toString(16).padStart(4, '0')}'` });
  }
  const want = expectedCodes(suite);
  for (const [field, expected] of [['CS_Enc_Alg', want.enc], ['CS_Msg_Auth', want.mac], ['CS_Kex_Alg', want.kex]] as const) {
    if (Number(s[`${prefix}${field}`]) !== expected) v.push({ index, offset, path: at(field), kind: 'cipher', message: `${suite.name} means ${field} ${expected}, the record says ${s[`${prefix}${field}`]}` });
  }
}

function ipChecks(v: Violation[], index: number, offset: number, section: string, s: SectionValue, flag: boolean, fields: string[]): void {
  for (const f of fields) {
    const text = s[f];
    if (typeof text !== 'string') continue;
    const isV6Text = text.includes(':');
    if (flag !== isV6Text) v.push({ index, offset, path: `${section} > ${f}`, kind: 'ip-family', message: `IPv6 flag is ${flag ? 'on' : 'off'} but the address reads ${text}` });
    if (flag && isV6Text) {
      const p = parseIPv6(text);
      // An IPv4 address left in the first 4 bytes of a field flagged IPv6.
      if (p.ok && p.value.subarray(4).every((b) => b === 0) && p.value.subarray(0, 4).some((b) => b !== 0)) {
        v.push({ index, offset, path: `${section} > ${f}`, kind: 'ip-family', message: `IPv6 flag is on but ${text} looks like an IPv4 address in the first 4 bytes` });
      }
    }
  }
}

export interface CheckResult {
  violations: Violation[];
  detailRecords: number;
  summaryRecords: number;
  connections: number;
  sessionIntervals: number;
}

export function checkStream(records: DecodedFileRecord[]): CheckResult {
  const v: Violation[] = [];
  const conns = new Map<string, Conn>();
  const summaries: { index: number; offset: number; r: Record<string, unknown>; common: SectionValue; end: number; start: number }[] = [];
  let lastTime = -Infinity;
  let detailRecords = 0;

  for (const rec of records) {
    const { index, offset } = rec;
    for (const d of rec.diagnostics) if (d.severity !== 'info') v.push({ index, offset, path: d.path.join(' > '), kind: d.kind, message: d.message });
    const r = rec.record;
    if (!r || !rec.subtype) continue;
    const header = r['Header'] as SectionValue;
    const time = absolute(header['SMF119HDDate'], header['SMF119HDTime']);
    const root = `st${rec.subtype}`;
    if (time !== undefined) {
      if (time < lastTime) v.push({ index, offset, path: `${root} > Header > SMF119HDTime`, kind: 'order', message: 'record is older than the one before it' });
      lastTime = Math.max(lastTime, time);
    }
    const common = first(r, 'Common');
    if (!common || time === undefined) continue;
    if (rec.subtype === 12) {
      if (common['SMF119SS_SAEvent_Type'] !== 1) continue;
      const flag = (Number(common['SMF119SS_SAFlags']) & 0x80) !== 0;
      ipChecks(v, index, offset, `${root} > Common[0]`, common, flag, ['SMF119SS_SASrvIP', 'SMF119SS_SACltIP']);
      const tls = first(r, 'TLS');
      const failed = Number(common['SMF119SS_SAInitFailedHsConnCnt'] ?? 0) > 0 || Number(common['SMF119SS_SAEndFailedHsConnCnt'] ?? 0) > 0;
      if (tls) cipherChecks(v, index, offset, `${root} > TLS[0]`, tls, 'SMF119SS_TLS_', failed);
      const duration = Number(BigInt(String(common['SMF119SS_SAIntervalDuration'])) / TOD_UNITS_PER_MICROSECOND / 10_000n);
      summaries.push({ index, offset, r, common, end: time, start: time - duration });
      continue;
    }
    detailRecords++;
    const event = Number(common['SMF119SC_SAEvent_Type']);
    const flag = (Number(common['SMF119SC_SAFlags']) & 0x80) !== 0;
    ipChecks(v, index, offset, `${root} > Common[0]`, common, flag, ['SMF119SC_SARIP', 'SMF119SC_SALIP']);
    const ipsec = first(r, 'IPSec');
    if (ipsec) ipChecks(v, index, offset, `${root} > IPSec[0]`, ipsec, flag, ['SMF119SC_IPSec_IKETunLclEndpt', 'SMF119SC_IPSec_IKETunRmtEndpt']);
    const tls = first(r, 'TLS');
    if (tls) cipherChecks(v, index, offset, `${root} > TLS[0]`, tls, 'SMF119SC_TLS_', tls['SMF119SC_TLS_Handshake_Type'] === 3);
    if (event < 1 || event > 4) continue;
    const start = absolute(common['SMF119SC_SASDate'], common['SMF119SC_SASTime']);
    if (start === undefined) continue;
    const id = `${common['SMF119SC_SAConnID']}@${start}`;
    const key = detailKey(r);
    const path = `${root} > Common[0] > SMF119SC_SAEvent_Type`;
    let c = conns.get(id);
    if (event === 1 || event === 4) {
      if (c) {
        v.push({ index, offset, path, kind: 'lifecycle', message: `${event === 1 ? 'a second Init' : 'a Short Term'} for connection ${common['SMF119SC_SAConnID']} after its Init` });
        continue;
      }
      c = {
        id, start, end: Infinity, short: event === 4, tcp: common['SMF119SC_SAIPProto'] === 6, job: String(common['SMF119SC_SAJobname']),
        local: { ip: String(common['SMF119SC_SALIP']), port: Number(common['SMF119SC_SALPort']) },
        remote: { ip: String(common['SMF119SC_SARIP']), port: Number(common['SMF119SC_SARPort']) },
        segments: [{ from: start, to: Infinity, key, changedIn: false, changedOut: false }],
        initSeen: event === 1,
      };
      conns.set(id, c);
    } else if (!c) {
      v.push({ index, offset, path, kind: 'lifecycle', message: `${event === 2 ? 'Change' : 'Term'} for connection ${common['SMF119SC_SAConnID']} without an Init` });
      continue;
    }
    const current = c.segments[c.segments.length - 1]!;
    if (event === 2 && key !== current.key) {
      current.to = time;
      current.changedOut = true;
      c.segments.push({ from: time, to: Infinity, key, changedIn: true, changedOut: false });
    }
    if (event === 3 || event === 4) {
      const end = absolute(common['SMF119SC_SAEDate'], common['SMF119SC_SAETime']);
      if (end === undefined) {
        v.push({ index, offset, path: `${root} > Common[0] > SMF119SC_SAEDate`, kind: 'lifecycle', message: 'a termination without an end date' });
        continue;
      }
      if (event === 4 && end - start >= TEN_SECONDS) v.push({ index, offset, path, kind: 'lifecycle', message: `Short Term for a connection that lasted ${(end - start) / 100} s` });
      if (key !== current.key) v.push({ index, offset, path: `${root} > Common[0] > SMF119SC_SASecProtos`, kind: 'lifecycle', message: 'protection at termination differs from the last Init/Change without a Change record' });
      c.end = end;
      current.to = end;
    }
  }

  // Every interval count against the detail records.
  const all = [...conns.values()];
  const matching = (common: SectionValue, key: string): { c: Conn; s: Segment }[] => {
    const serverRole = (Number(common['SMF119SS_SAFlags']) & 0x40) !== 0;
    const [lo, hi] = [Number(common['SMF119SS_SASrvPortStart']), Number(common['SMF119SS_SASrvPortEnd'])];
    return all.flatMap((c) => {
      const server = serverRole ? c.local : c.remote;
      const client = serverRole ? c.remote : c.local;
      if (c.job !== common['SMF119SS_SAJobname'] || server.ip !== common['SMF119SS_SASrvIP'] || client.ip !== common['SMF119SS_SACltIP'] || server.port < lo || server.port > hi) return [];
      return c.segments.filter((s) => s.key === key).map((s) => ({ c, s }));
    });
  };
  const counted = new Set<string>();
  for (const s of summaries) {
    const key = summaryKey(s.r, s.common);
    const members = matching(s.common, key);
    for (const m of members) counted.add(`${m.c.id}|${m.s.from}|${s.end}`);
    for (const [label, t] of [['Init', s.start], ['End', s.end]] as const) {
      const want = {
        LifeConnCnt: members.filter((m) => m.s.from <= t).length,
        LifePartialConnCnt: members.filter((m) => (m.s.changedIn && m.s.from <= t) || (m.s.changedOut && m.s.to <= t)).length,
        LifeShortConnCnt: members.filter((m) => m.c.short && m.c.tcp && m.c.end <= t).length,
        ActiveConnCnt: members.filter((m) => m.s.from <= t && t < m.s.to).length,
        FailedHsConnCnt: members.filter((m) => m.s.key.endsWith(':failed') && m.s.from <= t).length,
      };
      for (const [field, expected] of Object.entries(want)) {
        const name = `SMF119SS_SA${label}${field}`;
        const got = s.common[name];
        if (got === undefined) continue; // a V1 record has no failed-handshake counts
        if (Number(got) !== expected) v.push({ index: s.index, offset: s.offset, path: `st12 > Common[0] > ${name}`, kind: 'summary-count', message: `summary says ${got}, the detail records give ${expected}` });
      }
    }
  }
  // Completeness: a session active in an interval that has summary records must have one too.
  const intervals = [...new Map(summaries.map((s) => [s.end, s.start])).entries()];
  for (const c of all) {
    for (const seg of c.segments) {
      for (const [end, start] of intervals) {
        if (seg.from < end && seg.to > start && !counted.has(`${c.id}|${seg.from}|${end}`)) {
          v.push({ index: -1, offset: -1, path: 'st12', kind: 'summary-missing', message: `connection ${c.id.split('@')[0]} (${seg.key}, job ${c.job}) was active in the interval ending ${end} but no summary record covers it` });
        }
      }
    }
  }
  return { violations: v, detailRecords, summaryRecords: summaries.length, connections: all.length, sessionIntervals: summaries.length };
}
