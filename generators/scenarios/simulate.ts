import type { CanonicalRecord } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { formatTimeOfDay, HUNDREDTHS_PER_DAY, TOD_UNITS_PER_MICROSECOND } from '../../spec/primitives.js';
import type { Release } from '../../spec/types.js';
import { releaseIndex } from '../../spec/types.js';
import { expectedCodes, suiteById } from './ciphers.js';
import type { App, Certificate, Connection, Protection, Segment } from './model.js';
import { Rng, segmentsFor, TEN_SECONDS } from './model.js';

// Turns a scenario's workloads into connections, then into the subtype 11 detail stream and the
// subtype 12 interval summaries a given release would write for them.

export interface SimOptions {
  release: Release;
  seed: number;
  /** Seconds of simulated time. */
  duration: number;
  /** New connections per minute. */
  rate: number;
  /** Summary interval in seconds. */
  interval: number;
  /** Relative weights of protocols among the apps (scales app weights), e.g. { none: 0 } to drop cleartext. */
  mix?: Partial<Record<Protection['protocol'], number>>;
  /** First day of the simulation (UTC). */
  startDate?: string;
}

export interface Scenario {
  name: string;
  description: string;
  apps: (rng: Rng) => App[];
  /** zERT is enabled at the start and disabled at the end (event records in both streams). */
  enableDisable?: boolean;
  defaults?: Partial<Pick<SimOptions, 'duration' | 'rate' | 'interval'>>;
}

export interface TimedRecord {
  /** Hundredths of a second since the simulation start. */
  time: number;
  subtype: 11 | 12;
  record: CanonicalRecord;
}

export interface Simulation {
  connections: Connection[];
  records: TimedRecord[];
}

const v32 = (r: Release): boolean => releaseIndex(r) >= releaseIndex('3.2');
const v25 = (r: Release): boolean => releaseIndex(r) >= releaseIndex('2.5');
const DEFAULT_START = '2025-06-30';

// --- connections ----------------------------------------------------------------------------------

function makeConnections(apps: App[], opts: SimOptions, rng: Rng): Connection[] {
  const duration = opts.duration * 100;
  const weighted = apps
    .map((a) => ({ app: a, weight: a.weight * (opts.mix?.[a.protocol] ?? 1) }))
    .filter((x) => x.weight > 0);
  if (weighted.length === 0) return [];
  const count = Math.max(1, Math.round((opts.rate * opts.duration) / 60));
  const connections: Connection[] = [];
  // Every connection starts at least 10 s before the end, so each has a detail record inside the run.
  const starts = Array.from({ length: count }, () => rng.int(0, Math.max(0, duration - TEN_SECONDS - 1))).sort((a, b) => a - b);
  starts.forEach((start, i) => {
    const { app } = rng.weighted(weighted);
    const failed = rng.chance(app.failShare ?? 0);
    const short = failed || rng.chance(app.shortShare);
    const life = failed ? rng.int(5, 200) : short ? rng.int(20, TEN_SECONDS - 5) : Math.round(TEN_SECONDS + rng.next() ** 2 * 360_000);
    const c: Connection = {
      id: 0x10000 + i,
      app,
      start,
      end: start + life,
      remoteIp: rng.pick(app.remoteIps),
      remotePort: app.role === 'server' ? rng.int(1025, 65535) : app.serverPort,
      localPort: app.role === 'server' ? app.serverPort : rng.int(1025, 65535),
      protection: forRelease(app.protect(rng), opts.release),
      failed,
      bytesIn: rng.int(200, 5_000_000),
      bytesOut: rng.int(200, 50_000_000),
      segmentsIn: 0,
      segmentsOut: 0,
    };
    c.segmentsIn = Math.ceil(c.bytesIn / 1400) + 3;
    c.segmentsOut = Math.ceil(c.bytesOut / 1400) + 3;
    if (failed && app.failReasons) c.failReason = rng.pick(app.failReasons);
    if (!failed && !short && c.protection.protocol === 'tls') {
      if (rng.chance(app.lateStartShare ?? 0)) c.protectedFrom = start + TEN_SECONDS + rng.int(100, 3000);
      else if (rng.chance(app.slowHandshakeShare ?? 0) && start + TEN_SECONDS + 500 < duration) {
        // The handshake completes inside the run: 3.2 writes its (deferred) Init then.
        c.protectedFrom = start + TEN_SECONDS + rng.int(10, 500);
        c.slowHandshake = true;
      } else if (rng.chance(app.slowCloseShare ?? 0)) c.tlsClosedAt = c.end - rng.int(200, 800);
      if (c.protectedFrom !== undefined && c.protectedFrom >= c.end) c.end = c.protectedFrom + rng.int(500, 5000);
      if (c.tlsClosedAt !== undefined && c.tlsClosedAt <= start + TEN_SECONDS) c.tlsClosedAt = undefined;
    }
    connections.push(c);
  });
  return connections;
}

/** TLS 1.3 arrived in z/OS 2.4: on 2.3 the same peers settle on TLS 1.2 with a comparable suite. */
const TLS12_FALLBACK: Record<string, string> = { '1301': 'C02F', '1302': 'C030', '1303': 'C02F' };
function forRelease(p: Protection, release: Release): Protection {
  if (p.protocol !== 'tls' || p.tls.version !== 0x0304 || releaseIndex(release) >= releaseIndex('2.4')) return p;
  return { ...p, tls: { ...p.tls, version: 0x0303, suite: TLS12_FALLBACK[p.tls.suite] ?? 'C02F' } };
}

/** A policy rule with the reset action ends its connections at once (2.5 and later). */
function resetAt(c: Connection, release: Release): number | undefined {
  return v25(release) && c.app.policy?.action === 'reset' ? Math.min(c.end, c.start + 50) : undefined;
}

// --- record building blocks -----------------------------------------------------------------------

function clock(t: number, startDate: string): { time: string; date: string } {
  const day = Math.floor(t / HUNDREDTHS_PER_DAY);
  const date = new Date(Date.parse(`${startDate}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
  return { time: formatTimeOfDay(t % HUNDREDTHS_PER_DAY), date };
}

const RELEASE_ID: Record<Release, string> = { '2.3': 'CS V2R3', '2.4': 'CS V2R4', '2.5': 'CS V2R5', '3.1': 'CS V3R1', '3.2': 'CS V3R2' };

function header(subtype: 11 | 12, t: number, opts: SimOptions): SectionValue {
  const { time, date } = clock(t, opts.startDate ?? DEFAULT_START);
  return { SMF119HDSubType: subtype, SMF119HDFlags: 0x5e, SMF119HDTime: time, SMF119HDDate: date, SMF119HDSID: 'SYSA', SMF119HDSSI: '' };
}

function ident(reason: number, opts: SimOptions): SectionValue {
  return { SMF119TI_SYSName: 'SYSA', SMF119TI_SysplexName: 'PLEX1', SMF119TI_Stack: 'TCPIP', SMF119TI_ReleaseID: RELEASE_ID[opts.release], SMF119TI_Comp: 'STACK', SMF119TI_ASName: 'TCPIP', SMF119TI_UserID: 'TCPIP', SMF119TI_ASID: 0x45, SMF119TI_Reason: reason };
}

const PROTOCOL_BIT = { none: 0, tls: 0x80, ssh: 0x40, ipsec: 0x20 } as const;

function certFields(prefix: string, cert: Certificate | undefined, withSerialAndTime: boolean, ike = false): SectionValue {
  if (!cert) return ike && withSerialAndTime ? { [`${prefix}Time_Type`]: 0, [`${prefix}Time`]: null } : {};
  const sig = ike ? 'Sign_Meth' : 'Signature_Method';
  const enc = ike ? 'Enc_Meth' : 'Enc_Method';
  const out: SectionValue = {
    [`${prefix}${sig}`]: cert.signature, [`${prefix}${enc}`]: cert.encMethod, [`${prefix}Digest_Alg`]: cert.digest,
    [`${prefix}Key_Type`]: cert.keyType, [`${prefix}Key_Len`]: cert.keyLen,
  };
  if (withSerialAndTime) {
    const gt = Number(cert.notAfter.slice(0, 4)) >= 2050;
    Object.assign(out, { [`${prefix}Serial`]: cert.serial, [`${prefix}Time_Type`]: gt ? 2 : 1, [`${prefix}Time`]: cert.notAfter });
  }
  return out;
}

function fraction(c: Connection, t: number): number {
  return Math.min(1, Math.max(0, (t - c.start) / Math.max(1, c.end - c.start)));
}

// --- subtype 11 -----------------------------------------------------------------------------------

function detailSections(p: Protection, sessionSeed: string): Record<string, SectionValue[]> {
  if (p.protocol === 'tls') {
    if (p.failed) return { TLS: [{ SMF119SC_TLS_Source: p.tls.source, SMF119SC_TLS_Handshake_Type: 3, SMF119SC_TLS_Protocol_Provider: p.tls.provider, SMF119SC_TLS_Neg_Cipher: 'FFFFFF' }] };
    const suite = suiteById(p.tls.suite)!;
    const codes = expectedCodes(suite);
    const tls: SectionValue = {
      SMF119SC_TLS_Prot_Ver: p.tls.version, SMF119SC_TLS_Source: p.tls.source, SMF119SC_TLS_Handshake_Type: 1,
      SMF119SC_TLS_Handshake_Role: p.tls.clientCert ? 3 : 2, SMF119SC_TLS_Session_ID: sessionSeed.slice(0, 64),
      SMF119SC_TLS_Protocol_Provider: p.tls.provider, SMF119SC_TLS_Neg_Cipher: suite.id,
      SMF119SC_TLS_CS_Enc_Alg: codes.enc, SMF119SC_TLS_CS_Msg_Auth: codes.mac, SMF119SC_TLS_CS_Kex_Alg: codes.kex,
      ...certFields('SMF119SC_TLS_SCert_', p.tls.serverCert, true),
      ...certFields('SMF119SC_TLS_CCert_', p.tls.clientCert, true),
    };
    const dn = p.tls.source === 2
      ? [{ SMF119SC_DN_Type: 5, SMF119SC_DN: p.tls.serverCert.subject }, { SMF119SC_DN_Type: 6, SMF119SC_DN: p.tls.serverCert.issuer }, ...(p.tls.clientCert ? [{ SMF119SC_DN_Type: 7, SMF119SC_DN: p.tls.clientCert.subject }] : [])]
      : [];
    return { TLS: [tls], DN: dn };
  }
  if (p.protocol === 'ssh') {
    if (p.failed) return { SSH: [{ SMF119SC_SSH_Source: 2, SMF119SC_SSH_Flags: 0x80, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH' }] };
    const s = p.ssh;
    return {
      SSH: [{
        SMF119SC_SSH_Prot_Ver: s.version, SMF119SC_SSH_Source: 2, SMF119SC_SSH_Comp: s.comp, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH',
        SMF119SC_SSH_Auth_Method: 3, SMF119SC_SSH_In_Enc_Alg: s.enc, SMF119SC_SSH_In_Msg_Auth: s.mac, SMF119SC_SSH_Kex_Method: s.kex,
        SMF119SC_SSH_Out_Enc_Alg: s.enc, SMF119SC_SSH_Out_Msg_Auth: s.mac, SMF119SC_SSH_SKey_Type: s.hostKeyType, SMF119SC_SSH_SKey_Len: s.hostKeyLen,
        SMF119SC_SSH_SKey_FP: s.fingerprint,
      }],
    };
  }
  if (p.protocol === 'ipsec') {
    const x = p.ipsec;
    return {
      IPSec: [{
        SMF119SC_IPSec_IKETunID: x.tunnelId, SMF119SC_IPSec_IKEMajVer: x.ikeVersion, SMF119SC_IPSec_IKETunKeyExchRule: 'KEYEXCH-EE-1',
        SMF119SC_IPSec_IKETunLclEndpt: x.localEndpoint, SMF119SC_IPSec_IKETunRmtEndpt: x.remoteEndpoint,
        SMF119SC_IPSec_IKETunLclAuthMeth: x.authMethod, SMF119SC_IPSec_IKETunRmtAuthMeth: x.authMethod, SMF119SC_IPSec_IKETunAuthAlg: x.auth,
        SMF119SC_IPSec_IKETunEncAlg: x.enc, SMF119SC_IPSec_IKETunDHGroup: x.dhGroup, SMF119SC_IPSec_IKETunPseudoRandFunc: x.prf,
        SMF119SC_IPSec_IKETunLifetime: 480, SMF119SC_IPSec_IKETunReauthIntvl: 480,
        ...certFields('SMF119SC_IPSec_LclCert_', x.localCert, true, true),
        SMF119SC_IPSec_TunID: x.tunnelId + 1, SMF119SC_IPSec_TunType: 2, SMF119SC_IPSec_TunState: 1, SMF119SC_IPSec_EncapMode: 1,
        SMF119SC_IPSec_AuthProto: 50, SMF119SC_IPSec_AuthAlg: x.auth, SMF119SC_IPSec_EncAlg: x.enc, SMF119SC_IPSec_PFSGroup: x.dhGroup, SMF119SC_IPSec_Lifetime: 60,
      }],
    };
  }
  return {};
}

function detailRecord(c: Connection, event: number, t: number, p: Protection, opts: SimOptions, flags = 0): CanonicalRecord {
  const app = c.app;
  const ended = event === 3 || event === 4;
  const start = clock(c.start, opts.startDate ?? DEFAULT_START);
  const end = clock(c.end, opts.startDate ?? DEFAULT_START);
  const f = fraction(c, t);
  const role = v32(opts.release) ? (app.role === 'server' ? 0x10 : 0x08) : 0;
  const record: CanonicalRecord = {
    Header: header(11, t, opts),
    Ident: [ident(0x08, opts)],
    Common: [{
      SMF119SC_SAEvent_Type: event, SMF119SC_SASecProtos: PROTOCOL_BIT[p.protocol], SMF119SC_SAFlags: (app.ipv6 ? 0x80 : 0) | role | flags,
      SMF119SC_SASecFlags: p.protocol === 'ipsec' ? 0x80 : 0, SMF119SC_SAIPProto: app.ipProto,
      SMF119SC_SAJobname: app.job, SMF119SC_SAJobID: app.jobId, SMF119SC_SAUserID: app.user,
      SMF119SC_SASTime: start.time, SMF119SC_SASDate: start.date, SMF119SC_SAETime: ended ? end.time : '00:00:00.00', SMF119SC_SAEDate: ended ? end.date : null,
      SMF119SC_SARIP: c.remoteIp, SMF119SC_SALIP: app.localIp, SMF119SC_SARPort: c.remotePort, SMF119SC_SALPort: c.localPort, SMF119SC_SAConnID: c.id,
      SMF119SC_SAInBytes: String(Math.floor(c.bytesIn * f)), SMF119SC_SAOutBytes: String(Math.floor(c.bytesOut * f)),
      SMF119SC_SAInSegDG: String(Math.floor(c.segmentsIn * f)), SMF119SC_SAOutSegDG: String(Math.floor(c.segmentsOut * f)),
    }],
    ...detailSections(p, `${c.id.toString(16)}${'A5'.repeat(32)}`),
  };
  if (v25(opts.release)) record['Enforcement'] = [];
  return record;
}

function zertEvent(event: 5 | 6, t: number, opts: SimOptions): CanonicalRecord {
  const record: CanonicalRecord = { Header: header(11, t, opts), Ident: [ident(0x08, opts)], Common: [{ SMF119SC_SAEvent_Type: event }] };
  if (v25(opts.release)) record['Enforcement'] = [];
  return record;
}

function detailStream(c: Connection, segments: Segment[], opts: SimOptions): TimedRecord[] {
  const out: TimedRecord[] = [];
  const push = (time: number, record: CanonicalRecord): number => out.push({ time, subtype: 11, record });
  const simEnd = opts.duration * 100;
  const last = segments[segments.length - 1]!;
  const policy = v25(opts.release) ? c.app.policy : undefined;
  const resetFlag = policy?.action === 'reset' ? 0x20 : 0;
  if (c.end - c.start < TEN_SECONDS) {
    if (policy) push(c.end, detailRecord(c, 7, c.end, last.protection, opts));
    push(c.end, detailRecord(c, 4, c.end, last.protection, opts, resetFlag));
    return out;
  }
  // 3.2 waits for a handshake still running at the 10 s timer; earlier releases write the Init at once.
  const initAt = c.slowHandshake && v32(opts.release) ? c.protectedFrom! : c.start + TEN_SECONDS;
  const initSegment = segments.find((s) => s.from <= initAt && initAt < s.to) ?? last;
  if (policy) push(initAt, detailRecord(c, 7, initAt, initSegment.protection, opts));
  push(initAt, detailRecord(c, 1, initAt, initSegment.protection, opts));
  for (const s of segments) if (s.changedIn && s.from > initAt && s.from <= simEnd) push(s.from, detailRecord(c, 2, s.from, s.protection, opts));
  if (c.end <= simEnd) push(c.end, detailRecord(c, 3, c.end, last.protection, opts, resetFlag));
  return out;
}

// --- subtype 12 -----------------------------------------------------------------------------------

/** Aggregation key: endpoints, job, role and the protection's significant attributes (informational ones left out). */
function protectionKey(p: Protection): string {
  switch (p.protocol) {
    case 'none':
      return 'none';
    case 'tls':
      return p.failed ? 'tls:failed' : `tls:${p.tls.version}:${p.tls.suite}:${p.tls.serverCert.serial}`;
    case 'ssh':
      return p.failed ? 'ssh:failed' : `ssh:${p.ssh.version}:${p.ssh.kex}:${p.ssh.enc}:${p.ssh.mac}`;
    case 'ipsec':
      return `ipsec:${p.ipsec.enc}:${p.ipsec.auth}:${p.ipsec.dhGroup}`;
  }
}

interface Session {
  key: string;
  app: App;
  serverIp: string;
  clientIp: string;
  protection: Protection;
  members: { c: Connection; s: Segment }[];
}

function sessionId(key: string, protocol: Protection['protocol']): string {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${protocol.charAt(0).toUpperCase()}-${h.toString(16).toUpperCase().padStart(8, '0')}-${key.length.toString(16).toUpperCase()}`;
}

function summarySections(p: Protection, release: Release): Record<string, SectionValue[]> {
  const full = v32(release);
  if (p.protocol === 'tls') {
    if (p.failed) return { TLS: [{ SMF119SS_TLS_Source: p.tls.source, SMF119SS_TLS_Neg_Cipher: 'FFFFFF' }] };
    const suite = suiteById(p.tls.suite)!;
    const codes = expectedCodes(suite);
    const tls: SectionValue = {
      SMF119SS_TLS_Source: p.tls.source, SMF119SS_TLS_Prot_Ver: p.tls.version, SMF119SS_TLS_Neg_Cipher: suite.id,
      SMF119SS_TLS_CS_Enc_Alg: codes.enc, SMF119SS_TLS_CS_Msg_Auth: codes.mac, SMF119SS_TLS_CS_Kex_Alg: codes.kex,
      ...certFields('SMF119SS_TLS_SCert_', p.tls.serverCert, full),
      ...certFields('SMF119SS_TLS_CCert_', p.tls.clientCert, full),
    };
    const dn = p.tls.source === 2 ? [{ SMF119SS_DN_Type: 5, SMF119SS_DN: p.tls.serverCert.subject }, { SMF119SS_DN_Type: 6, SMF119SS_DN: p.tls.serverCert.issuer }] : [];
    return { TLS: [tls], DN: dn };
  }
  if (p.protocol === 'ssh') {
    if (p.failed) return { SSH: [{ SMF119SS_SSH_Source: 2 }] };
    const s = p.ssh;
    return { SSH: [{ SMF119SS_SSH_Source: 2, SMF119SS_SSH_Prot_Ver: s.version, SMF119SS_SSH_Auth_Method: 3, SMF119SS_SSH_In_Enc_Alg: s.enc, SMF119SS_SSH_In_Msg_Auth: s.mac, SMF119SS_SSH_Kex_Method: s.kex, SMF119SS_SSH_Out_Enc_Alg: s.enc, SMF119SS_SSH_Out_Msg_Auth: s.mac, SMF119SS_SSH_SKey_Type: s.hostKeyType, SMF119SS_SSH_SKey_Len: s.hostKeyLen }] };
  }
  if (p.protocol === 'ipsec') {
    const x = p.ipsec;
    return {
      IPSec: [{
        SMF119SS_IPSec_IKEMajVer: x.ikeVersion, SMF119SS_IPSec_IKETunLclEndpt: x.localEndpoint, SMF119SS_IPSec_IKETunRmtEndpt: x.remoteEndpoint,
        SMF119SS_IPSec_IKETunLclAuthMeth: x.authMethod, SMF119SS_IPSec_IKETunRmtAuthMeth: x.authMethod, SMF119SS_IPSec_IKETunAuthAlg: x.auth,
        SMF119SS_IPSec_IKETunEncAlg: x.enc, SMF119SS_IPSec_IKETunDHGroup: x.dhGroup, SMF119SS_IPSec_IKETunPseudoRandFunc: x.prf,
        ...certFields('SMF119SS_IPSec_LclCert_', x.localCert, false, true),
        SMF119SS_IPSec_PFSGroup: x.dhGroup, SMF119SS_IPSec_EncapMode: 1, SMF119SS_IPSec_AuthProto: 50, SMF119SS_IPSec_AuthAlg: x.auth, SMF119SS_IPSec_EncAlg: x.enc,
        ...(full ? { ...certFields('SMF119SS_IPSec_LclCert_', x.localCert, true, true), SMF119SS_IPSec_RmtCert_Time_Type: 0, SMF119SS_IPSec_RmtCert_Time: null } : {}),
      }],
    };
  }
  return {};
}

/** Counts of a session at time t, by the rules in the checker's comments (associated from <= t, active while from <= t < to). */
function countsAt(members: Session['members'], t: number): { life: number; partial: number; short: number; active: number; failed: number; inBytes: number; outBytes: number; inSeg: number; outSeg: number } {
  const r = { life: 0, partial: 0, short: 0, active: 0, failed: 0, inBytes: 0, outBytes: 0, inSeg: 0, outSeg: 0 };
  for (const { c, s } of members) {
    if (s.from > t) continue;
    r.life++;
    if ((s.changedIn && s.from <= t) || (s.changedOut && s.to <= t)) r.partial++;
    if (c.end - c.start < TEN_SECONDS && c.app.ipProto === 6 && c.end <= t) r.short++;
    if (t < s.to) r.active++;
    if ('failed' in s.protection && s.protection.failed) r.failed++;
    const share = (Math.min(t, s.to) - s.from) / Math.max(1, c.end - c.start);
    r.inBytes += Math.floor(c.bytesIn * share);
    r.outBytes += Math.floor(c.bytesOut * share);
    r.inSeg += Math.floor(c.segmentsIn * share);
    r.outSeg += Math.floor(c.segmentsOut * share);
  }
  return r;
}

function summaryStream(all: { c: Connection; segments: Segment[] }[], opts: SimOptions): TimedRecord[] {
  const sessions = new Map<string, Session>();
  for (const { c, segments } of all) {
    const serverIp = c.app.role === 'server' ? c.app.localIp : c.remoteIp;
    const clientIp = c.app.role === 'server' ? c.remoteIp : c.app.localIp;
    for (const s of segments) {
      const key = [serverIp, c.app.serverPort, clientIp, c.app.job, c.app.role, protectionKey(s.protection)].join('|');
      const session = sessions.get(key) ?? { key, app: c.app, serverIp, clientIp, protection: s.protection, members: [] };
      session.members.push({ c, s });
      sessions.set(key, session);
    }
  }
  const out: TimedRecord[] = [];
  const simEnd = opts.duration * 100;
  const step = opts.interval * 100;
  for (let a = 0; a < simEnd; a += step) {
    const b = Math.min(simEnd, a + step);
    const active = [...sessions.values()].filter((s) => s.members.some(({ s: seg }) => seg.from < b && seg.to > a));
    active.forEach((session, i) => {
      const start = countsAt(session.members, a);
      const end = countsAt(session.members, b);
      const p = session.protection;
      const common: SectionValue = {
        SMF119SS_SAIntervalDuration: String(BigInt(b - a) * 10_000n * TOD_UNITS_PER_MICROSECOND), SMF119SS_SAEvent_Type: 1,
        SMF119SS_SAFlags: (session.app.ipv6 ? 0x80 : 0) | (session.app.role === 'server' ? 0x40 : 0x20), SMF119SS_SASecProtos: PROTOCOL_BIT[p.protocol],
        SMF119SS_SAJobname: session.app.job, SMF119SS_SAUserID: session.app.user, SMF119SS_SAIPProto: session.app.ipProto,
        SMF119SS_SASrvIP: session.serverIp, SMF119SS_SACltIP: session.clientIp, SMF119SS_SASrvPortStart: session.app.serverPort, SMF119SS_SASrvPortEnd: session.app.serverPort,
        SMF119SS_SASessionID: sessionId(session.key, p.protocol),
        SMF119SS_SAInitLifeConnCnt: start.life, SMF119SS_SAInitLifePartialConnCnt: start.partial, SMF119SS_SAInitLifeShortConnCnt: start.short, SMF119SS_SAInitActiveConnCnt: start.active,
        SMF119SS_SAInitLifeInBytes: String(start.inBytes), SMF119SS_SAInitLifeOutBytes: String(start.outBytes), SMF119SS_SAInitLifeInSegDG: String(start.inSeg), SMF119SS_SAInitLifeOutSegDG: String(start.outSeg),
        SMF119SS_SAEndLifeConnCnt: end.life, SMF119SS_SAEndLifePartialConnCnt: end.partial, SMF119SS_SAEndLifeShortConnCnt: end.short, SMF119SS_SAEndActiveConnCnt: end.active,
        SMF119SS_SAEndLifeInBytes: String(end.inBytes), SMF119SS_SAEndLifeOutBytes: String(end.outBytes), SMF119SS_SAEndLifeInSegDG: String(end.inSeg), SMF119SS_SAEndLifeOutSegDG: String(end.outSeg),
        ...(v32(opts.release) ? { SMF119SS_SAInitFailedHsConnCnt: start.failed, SMF119SS_SAEndFailedHsConnCnt: end.failed } : {}),
      };
      out.push({ time: b, subtype: 12, record: { Header: header(12, b, opts), Ident: [ident(i === active.length - 1 ? 0x80 : 0xc0, opts)], Common: [common], ...summarySections(p, opts.release) } });
    });
  }
  return out;
}

function aggregationEvent(event: 2 | 3, t: number, opts: SimOptions): TimedRecord {
  return { time: t, subtype: 12, record: { Header: header(12, t, opts), Ident: [ident(0x08, opts)], Common: [{ SMF119SS_SAEvent_Type: event }] } };
}

/** Simulates a scenario; the same scenario, options and seed always give the same records. */
export function simulate(scenario: Scenario, opts: SimOptions): Simulation {
  const rng = new Rng(opts.seed);
  const apps = scenario.apps(rng);
  const connections = makeConnections(apps, opts, rng).map((c) => {
    const reset = resetAt(c, opts.release);
    return reset === undefined ? c : { ...c, end: reset, protectedFrom: undefined, slowHandshake: undefined, tlsClosedAt: undefined };
  });
  const withSegments = connections.map((c) => ({ c, segments: segmentsFor(c, v32(opts.release)) }));
  const simEnd = opts.duration * 100;
  const records: TimedRecord[] = [];
  if (scenario.enableDisable) records.push({ time: 0, subtype: 11, record: zertEvent(5, 0, opts) }, aggregationEvent(2, 0, opts));
  for (const { c, segments } of withSegments) records.push(...detailStream(c, segments, opts));
  records.push(...summaryStream(withSegments, opts));
  if (scenario.enableDisable) records.push({ time: simEnd, subtype: 11, record: zertEvent(6, simEnd, opts) }, aggregationEvent(3, simEnd, opts));
  // Stable sort: records of the same hundredth keep their order of writing.
  records.sort((x, y) => x.time - y.time);
  return { connections, records };
}
