import type { CanonicalRecord } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { formatTimeOfDay, HUNDREDTHS_PER_DAY, TOD_UNITS_PER_MICROSECOND } from '../../spec/primitives.js';
import type { Release } from '../../spec/types.js';
import { releaseIndex } from '../../spec/types.js';
import type { ProtocolSection } from './aggregation.js';
import { IPV6_BIT, PROTOCOL_BIT, sessionKey } from './aggregation.js';
import { simulatedCodes, suiteById } from './ciphers.js';
import type { App, Certificate, Connection, IpsecAttributes, Protection, Segment } from './model.js';
import { ipsecOf, Rng, segmentsFor, TEN_SECONDS } from './model.js';

// Turns a scenario's workloads into connections, then into the subtype 11 detail stream and the subtype 12
// interval summaries a given release would write for them. Each app is an independent workload stream with
// its own seeded random numbers, simulated lazily in time order: memory holds the open connections and the
// live sessions, never the whole run, and any subset of streams (a shard) can be simulated on its own.

export interface SimOptions {
  release: Release;
  seed: number;
  /** Seconds of simulated time. */
  duration: number;
  /** New connections per minute (all apps together). */
  rate: number;
  /** Summary interval in seconds (see `intervalProblem`). */
  interval: number;
  /** Relative weights of protocols among the apps (scales app weights), e.g. { none: 0 } to drop cleartext. */
  mix?: Partial<Record<Protection['protocol'], number>>;
  /** First day of the simulation (UTC), YYYY-MM-DD. */
  startDate?: string;
  /** Time of day the simulation starts (UTC), HH:MM or HH:MM:SS; default midnight. */
  startTime?: string;
  /** SMF system id (SMF119HDSID, SMF119TI_SYSName); default SYSA. */
  system?: string;
  /** Several systems in one run, each running the scenario's workloads at `rate` with its own connections (overrides `system`). */
  systems?: string[];
  /** TCP/IP stack (job) name (SMF119TI_Stack, SMF119TI_ASName); default TCPIP. */
  stack?: string;
}

export interface StreamOptions extends SimOptions {
  /** Simulate only the workload streams of this shard (stream % count === index; the global stream is shard 0's). */
  shard?: { index: number; count: number };
  /** Called once per connection, when it is created. */
  onConnection?: (c: Connection) => void;
}

export interface Scenario {
  name: string;
  description: string;
  apps: (rng: Rng) => App[];
  /** zERT is enabled at the start and disabled at the end (event records in both streams). */
  enableDisable?: boolean;
  /**
   * The stack filters IP traffic (IPCONFIG IPSECURITY): every connection gets the IP filter section and
   * SASecFlags X'20' (IEA23-CS: filter information "if IP filtering enabled"). Default: on when an app uses IPsec.
   */
  ipFiltering?: boolean;
  defaults?: Partial<Pick<SimOptions, 'duration' | 'rate' | 'interval'>>;
}

export interface TimedRecord {
  /** Hundredths of a second since the simulation start. */
  time: number;
  /** Workload stream: apps are 0..n-1, the global (enable/disable) stream is n; system k's are k(n+1) later. */
  stream: number;
  /** Sequence number within the stream: (time, stream, n) orders the whole output. */
  n: number;
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

/**
 * The SMF interval is at most 60 minutes (DECK25 s60); GLOBALCONFIG ZERT AGGREGATION INTVAL decouples it in
 * 2.5 (and 2.3/2.4 with APAR PH25049, DECK25 s61). INTVAL's unit and maximum are not documented.
 */
export function intervalProblem(release: Release, interval: number): { severity: 'error' | 'warning'; message: string } | undefined {
  if (!(interval >= 1)) return { severity: 'error', message: 'the interval must be at least 1 second' };
  if (interval <= 3600) return undefined;
  if (v25(release)) return undefined;
  return { severity: 'warning', message: `an interval of ${interval} s is longer than the 60-minute SMF maximum: release ${release} needs APAR PH25049 for AGGREGATION INTVAL` };
}

export class SimulationError extends Error {}

// --- connections ----------------------------------------------------------------------------------

/** Seed of one workload stream, from the master seed (the same in every shard). */
function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
}

/** TLS 1.3 arrived in z/OS 2.4: on 2.3 the same peers settle on TLS 1.2 with a comparable suite. */
const TLS12_FALLBACK: Record<string, string> = { '1301': 'C02F', '1302': 'C030', '1303': 'C02F' };
function forRelease(p: Protection, release: Release): Protection {
  if (p.protocol !== 'tls' || p.tls.version !== 0x0304 || releaseIndex(release) >= releaseIndex('2.4')) return p;
  return { ...p, tls: { ...p.tls, version: 0x0303, suite: TLS12_FALLBACK[p.tls.suite] ?? 'C02F' } };
}

/** Connections of one app in start order: arrivals of a Poisson process at the app's share of the rate. */
function* connectionsOf(app: App, stream: number, perMinute: number, opts: SimOptions, rng: Rng): Generator<Connection> {
  const duration = opts.duration * 100;
  // Every connection starts at least 10 s before the end, so each has a detail record inside the run.
  const last = Math.max(0, duration - TEN_SECONDS - 1);
  const meanGap = 6000 / perMinute;
  let start = 0;
  for (let k = 0; ; k++) {
    start += Math.max(1, Math.round(-Math.log(1 - rng.next()) * meanGap));
    if (start > last) return;
    const failed = rng.chance(app.failShare ?? 0);
    // "For EE connections, both a Connection Initiation and a Connection Termination event are generated." (IBM25-HOWPROVIDE)
    const short = app.ipProto === 6 && (failed || rng.chance(app.shortShare));
    const life = failed ? rng.int(5, 200) : short ? rng.int(20, TEN_SECONDS - 5) : Math.round(TEN_SECONDS + rng.next() ** 2 * 360_000);
    const remoteIp = rng.pick(app.remoteIps);
    const eePort = app.eePorts ? rng.pick(app.eePorts) : undefined;
    const ephemeral = rng.int(1025, 65535);
    const localPort = eePort ?? (app.role === 'server' ? app.serverPort : ephemeral);
    const remotePort = eePort ?? (app.role === 'server' ? ephemeral : app.serverPort);
    const c: Connection = {
      id: ((stream + 1) * 0x100000 + (k % 0x100000)) >>> 0,
      app,
      start,
      end: start + life,
      remoteIp,
      remotePort,
      localPort,
      serverPort: eePort ?? app.serverPort,
      protection: forRelease(app.protect(rng, remoteIp), opts.release),
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
    // A policy rule with the reset action ends its connections at once (2.5 and later; TCP only, IBM ENF).
    if (v25(opts.release) && app.policy?.action === 'reset' && app.ipProto === 6) {
      c.end = Math.min(c.end, c.start + 50);
      c.protectedFrom = undefined;
      c.slowHandshake = undefined;
      c.tlsClosedAt = undefined;
    }
    yield c;
  }
}

// --- record building blocks -----------------------------------------------------------------------

/** Hundredths from midnight to the start time. */
export function startOffset(startTime: string | undefined): number {
  if (startTime === undefined) return 0;
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(startTime);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) throw new SimulationError(`start time ${startTime}: give HH:MM or HH:MM:SS`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 100;
}

function clock(t: number, opts: SimOptions): { time: string; date: string } {
  const at = t + (opts.startTime === undefined ? 0 : startOffset(opts.startTime));
  const day = Math.floor(at / HUNDREDTHS_PER_DAY);
  const date = new Date(Date.parse(`${opts.startDate ?? DEFAULT_START}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
  return { time: formatTimeOfDay(at % HUNDREDTHS_PER_DAY), date };
}

const RELEASE_ID: Record<Release, string> = { '2.3': 'CS V2R3', '2.4': 'CS V2R4', '2.5': 'CS V2R5', '3.1': 'CS V3R1', '3.2': 'CS V3R2' };

function header(subtype: 11 | 12, t: number, opts: SimOptions): SectionValue {
  const { time, date } = clock(t, opts);
  // SMF119HDSID holds the 4-character SMF SID, SMF119TI_SYSName the 8-character system name: the SID is taken as the name's first 4 characters (an assumption; a real SID may differ).
  return { SMF119HDSubType: subtype, SMF119HDFlags: 0x5e, SMF119HDTime: time, SMF119HDDate: date, SMF119HDSID: (opts.system ?? 'SYSA').slice(0, 4), SMF119HDSSI: '' };
}

function ident(reason: number, opts: SimOptions): SectionValue {
  const stack = opts.stack ?? 'TCPIP';
  return { SMF119TI_SYSName: opts.system ?? 'SYSA', SMF119TI_SysplexName: 'PLEX1', SMF119TI_Stack: stack, SMF119TI_ReleaseID: RELEASE_ID[opts.release], SMF119TI_Comp: 'STACK', SMF119TI_ASName: stack, SMF119TI_UserID: 'TCPIP', SMF119TI_ASID: 0x45, SMF119TI_Reason: reason };
}

function protocolBits(p: Protection): number {
  return (p.protocol === 'tls' ? PROTOCOL_BIT.TLS : 0) | (p.protocol === 'ssh' ? PROTOCOL_BIT.SSH : 0) | (ipsecOf(p) ? PROTOCOL_BIT.IPSec : 0);
}

/** IKE local certificate fields are set only "if ... IKETunLocalAuthMeth indicates RSA, ECDSA, or Digital signature ... Otherwise, all fields set to zero." (DECK32 s17) */
const CERT_AUTH_METHODS = new Set([2, 4, 5, 6]);
function ikeLocalCert(x: IpsecAttributes): Certificate | undefined {
  return CERT_AUTH_METHODS.has(x.authMethod) ? x.localCert : undefined;
}

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

/** TLS role: "X'01' Client, X'02' Server, X'03' Server with client authentication" (IBM ST11). */
function handshakeRole(c: Connection, clientCert: boolean): number {
  if (c.app.role === 'client') return 1;
  return clientCert ? 3 : 2;
}

function ipsecDetail(x: IpsecAttributes): SectionValue {
  return {
    SMF119SC_IPSec_IKETunID: x.tunnelId, SMF119SC_IPSec_IKEMajVer: x.ikeVersion, SMF119SC_IPSec_IKETunKeyExchRule: 'KEYEXCH-EE-1',
    SMF119SC_IPSec_IKETunLclEndpt: x.localEndpoint, SMF119SC_IPSec_IKETunRmtEndpt: x.remoteEndpoint,
    SMF119SC_IPSec_IKETunLclAuthMeth: x.authMethod, SMF119SC_IPSec_IKETunRmtAuthMeth: x.authMethod, SMF119SC_IPSec_IKETunAuthAlg: x.auth,
    SMF119SC_IPSec_IKETunEncAlg: x.enc, SMF119SC_IPSec_IKETunDHGroup: x.dhGroup, SMF119SC_IPSec_IKETunPseudoRandFunc: x.prf,
    SMF119SC_IPSec_IKETunLifetime: 480, SMF119SC_IPSec_IKETunReauthIntvl: 480,
    ...certFields('SMF119SC_IPSec_LclCert_', ikeLocalCert(x), true, true),
    SMF119SC_IPSec_TunID: x.tunnelId + 1, SMF119SC_IPSec_TunType: 2, SMF119SC_IPSec_TunState: 1, SMF119SC_IPSec_EncapMode: 1,
    SMF119SC_IPSec_AuthProto: 50, SMF119SC_IPSec_AuthAlg: x.auth, SMF119SC_IPSec_EncAlg: x.enc, SMF119SC_IPSec_PFSGroup: x.dhGroup, SMF119SC_IPSec_Lifetime: 60,
  };
}

/**
 * Sections of a subtype 11 record. `observed`: the values stream observation gives (data source X'01'), as
 * in an enforcement audit record (IBM ENF: "For TLS and SSH, zERT enforcement uses the cryptographic
 * protection attributes that are obtained through stream observation only").
 */
function detailSections(c: Connection, p: Protection, sessionSeed: string, observed: boolean): Record<string, SectionValue[]> {
  const out: Record<string, SectionValue[]> = {};
  const tunnel = ipsecOf(p);
  if (tunnel) out['IPSec'] = [ipsecDetail(tunnel)];
  if (p.protocol === 'tls') {
    const source = observed ? 1 : p.tls.source;
    if (p.failed) return { ...out, TLS: [{ SMF119SC_TLS_Source: source, SMF119SC_TLS_Handshake_Type: 3, SMF119SC_TLS_Protocol_Provider: p.tls.provider, SMF119SC_TLS_Neg_Cipher: 'FFFFFF' }] };
    const suite = suiteById(p.tls.suite)!;
    const codes = simulatedCodes(suite);
    out['TLS'] = [{
      SMF119SC_TLS_Prot_Ver: p.tls.version, SMF119SC_TLS_Source: source, SMF119SC_TLS_Handshake_Type: 1,
      SMF119SC_TLS_Handshake_Role: handshakeRole(c, p.tls.clientCert !== undefined), SMF119SC_TLS_Session_ID: sessionSeed.slice(0, 64),
      SMF119SC_TLS_Protocol_Provider: p.tls.provider, SMF119SC_TLS_Neg_Cipher: suite.id,
      SMF119SC_TLS_CS_Enc_Alg: codes.enc, SMF119SC_TLS_CS_Msg_Auth: codes.mac, SMF119SC_TLS_CS_Kex_Alg: codes.kex,
      ...certFields('SMF119SC_TLS_SCert_', p.tls.serverCert, true),
      ...certFields('SMF119SC_TLS_CCert_', p.tls.clientCert, true),
    }];
    out['DN'] = source === 2
      ? [{ SMF119SC_DN_Type: 5, SMF119SC_DN: p.tls.serverCert.subject }, { SMF119SC_DN_Type: 6, SMF119SC_DN: p.tls.serverCert.issuer }, ...(p.tls.clientCert ? [{ SMF119SC_DN_Type: 7, SMF119SC_DN: p.tls.clientCert.subject }] : [])]
      : [];
  }
  if (p.protocol === 'ssh') {
    const source = observed ? 1 : 2;
    if (p.failed) return { ...out, SSH: [{ SMF119SC_SSH_Source: source, SMF119SC_SSH_Flags: 0x80, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH' }] };
    const s = p.ssh;
    out['SSH'] = [{
      SMF119SC_SSH_Prot_Ver: s.version, SMF119SC_SSH_Source: source, SMF119SC_SSH_Comp: s.comp, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH',
      SMF119SC_SSH_Auth_Method: 3, SMF119SC_SSH_In_Enc_Alg: s.enc, SMF119SC_SSH_In_Msg_Auth: s.mac, SMF119SC_SSH_Kex_Method: s.kex,
      SMF119SC_SSH_Out_Enc_Alg: s.enc, SMF119SC_SSH_Out_Msg_Auth: s.mac, SMF119SC_SSH_SKey_Type: s.hostKeyType, SMF119SC_SSH_SKey_Len: s.hostKeyLen,
      SMF119SC_SSH_SKey_FP: s.fingerprint,
    }];
  }
  return out;
}

interface StackTraits {
  /** IP filtering on this stack (Scenario.ipFiltering). */
  filtering: boolean;
}

/** IP filter section: IPsec traffic is "permitted with IPSec protection" (X'02'), the rest "permitted in the clear" (X'01'). Rule names invented. */
function ipFilter(p: Protection): SectionValue {
  const action = ipsecOf(p) ? 2 : 1;
  const rule = action === 2 ? 'IPSEC-PERMIT' : 'CLEAR-PERMIT';
  return { SMF119SC_IPFlt_OutAct: action, SMF119SC_IPFlt_InbAct: action, SMF119SC_IPFlt_OutRuleName: rule, SMF119SC_IPFlt_InRuleName: rule };
}

function detailRecord(c: Connection, event: number, t: number, p: Protection, opts: SimOptions, stack: StackTraits, flags = 0): CanonicalRecord {
  const app = c.app;
  const ended = event === 3 || event === 4;
  const start = clock(c.start, opts);
  const end = clock(c.end, opts);
  const f = fraction(c, t);
  const role = v32(opts.release) ? (app.role === 'server' ? 0x10 : 0x08) : 0;
  const secFlags = (ipsecOf(p) ? 0x80 : 0) | (stack.filtering ? 0x20 : 0);
  const record: CanonicalRecord = {
    Header: header(11, t, opts),
    Ident: [ident(0x08, opts)],
    Common: [{
      SMF119SC_SAEvent_Type: event, SMF119SC_SASecProtos: protocolBits(p), SMF119SC_SAFlags: (app.ipv6 ? IPV6_BIT : 0) | role | flags,
      SMF119SC_SASecFlags: secFlags, SMF119SC_SAIPProto: app.ipProto,
      SMF119SC_SAJobname: app.job, SMF119SC_SAJobID: app.jobId, SMF119SC_SAUserID: app.user,
      SMF119SC_SASTime: start.time, SMF119SC_SASDate: start.date, SMF119SC_SAETime: ended ? end.time : '00:00:00.00', SMF119SC_SAEDate: ended ? end.date : null,
      SMF119SC_SARIP: c.remoteIp, SMF119SC_SALIP: app.localIp, SMF119SC_SARPort: c.remotePort, SMF119SC_SALPort: c.localPort, SMF119SC_SAConnID: c.id,
      SMF119SC_SAInBytes: String(Math.floor(c.bytesIn * f)), SMF119SC_SAOutBytes: String(Math.floor(c.bytesOut * f)),
      SMF119SC_SAInSegDG: String(Math.floor(c.segmentsIn * f)), SMF119SC_SAOutSegDG: String(Math.floor(c.segmentsOut * f)),
    }],
    ...(stack.filtering ? { IPFilter: [ipFilter(p)] } : {}),
    ...detailSections(c, p, `${c.id.toString(16)}${'A5'.repeat(32)}`, event === 7),
  };
  if (v25(opts.release)) record['Enforcement'] = [];
  return record;
}

function zertEvent(event: 5 | 6, t: number, opts: SimOptions): CanonicalRecord {
  const record: CanonicalRecord = { Header: header(11, t, opts), Ident: [ident(0x08, opts)], Common: [{ SMF119SC_SAEvent_Type: event }] };
  if (v25(opts.release)) record['Enforcement'] = [];
  return record;
}

/** A detail record a connection will write: what `detailRecord` needs besides the connection, built when due. */
interface DetailEvent {
  time: number;
  event: number;
  protection: Protection;
  flags: number;
}

/** The detail records of one connection, with their times (descriptions only: a record is built when it is due). */
function detailEvents(c: Connection, segments: Segment[], opts: SimOptions): DetailEvent[] {
  const out: DetailEvent[] = [];
  const push = (time: number, event: number, protection: Protection, flags = 0): number => out.push({ time, event, protection, flags });
  const simEnd = opts.duration * 100;
  const last = segments[segments.length - 1]!;
  // "zERT enforcement applies only to TCP traffic. It does not apply to UDP traffic (including EE)." (IBM ENF)
  const policy = v25(opts.release) && c.app.ipProto === 6 ? c.app.policy : undefined;
  const resetFlag = policy?.action === 'reset' ? 0x20 : 0;
  if (c.end - c.start < TEN_SECONDS && c.app.ipProto === 6) {
    if (policy) push(c.end, 7, last.protection);
    push(c.end, 4, last.protection, resetFlag);
    return out;
  }
  // 3.2 waits for a handshake still running at the 10 s timer; earlier releases write the Init at once.
  // When EE writes its Init is not documented: the 10 s timer is assumed.
  const initAt = c.slowHandshake && v32(opts.release) ? c.protectedFrom! : c.start + TEN_SECONDS;
  const initSegment = segments.find((s) => s.from <= initAt && initAt < s.to) ?? last;
  if (policy) push(initAt, 7, initSegment.protection);
  push(initAt, 1, initSegment.protection);
  for (const s of segments) if (s.changedIn && s.from > initAt && s.from <= simEnd) push(s.from, 2, s.protection);
  if (c.end <= simEnd) push(c.end, 3, last.protection, resetFlag);
  return out;
}

// --- subtype 12 -----------------------------------------------------------------------------------

interface Counts {
  life: number;
  partial: number;
  short: number;
  active: number;
  failed: number;
  inBytes: number;
  outBytes: number;
  inSeg: number;
  outSeg: number;
}
const zeroCounts = (): Counts => ({ life: 0, partial: 0, short: 0, active: 0, failed: 0, inBytes: 0, outBytes: 0, inSeg: 0, outSeg: 0 });

interface Member {
  c: Connection;
  s: Segment;
}

/** One subtype 12 security session: the connections (segments) that share its aggregation key. */
interface Session {
  key: string;
  common: SectionValue;
  sections: Record<string, SectionValue[]>;
  protocol: ProtocolSection | 'none';
  /** Members whose segment may still change the counts; the rest are folded into `settled`. */
  live: Member[];
  settled: Counts;
}

function sessionId(key: string, protocol: ProtocolSection | 'none'): string {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${protocol.charAt(0).toUpperCase()}-${h.toString(16).toUpperCase().padStart(8, '0')}-${key.length.toString(16).toUpperCase()}`;
}

function ipsecSummary(x: IpsecAttributes, full: boolean): SectionValue {
  const cert = ikeLocalCert(x);
  return {
    SMF119SS_IPSec_IKEMajVer: x.ikeVersion, SMF119SS_IPSec_IKETunLclEndpt: x.localEndpoint, SMF119SS_IPSec_IKETunRmtEndpt: x.remoteEndpoint,
    SMF119SS_IPSec_IKETunLclAuthMeth: x.authMethod, SMF119SS_IPSec_IKETunRmtAuthMeth: x.authMethod, SMF119SS_IPSec_IKETunAuthAlg: x.auth,
    SMF119SS_IPSec_IKETunEncAlg: x.enc, SMF119SS_IPSec_IKETunDHGroup: x.dhGroup, SMF119SS_IPSec_IKETunPseudoRandFunc: x.prf,
    ...certFields('SMF119SS_IPSec_LclCert_', cert, false, true),
    SMF119SS_IPSec_PFSGroup: x.dhGroup, SMF119SS_IPSec_EncapMode: 1, SMF119SS_IPSec_AuthProto: 50, SMF119SS_IPSec_AuthAlg: x.auth, SMF119SS_IPSec_EncAlg: x.enc,
    ...(full ? { ...certFields('SMF119SS_IPSec_LclCert_', cert, true, true), SMF119SS_IPSec_RmtCert_Time_Type: 0, SMF119SS_IPSec_RmtCert_Time: null } : {}),
  };
}

/** Sections of the session of one protocol of a protection (one session per protocol, IBM-AGGR-HOW example). */
function summarySections(p: Protection, protocol: ProtocolSection | 'none', release: Release): Record<string, SectionValue[]> {
  const full = v32(release);
  if (protocol === 'IPSec') return { IPSec: [ipsecSummary(ipsecOf(p)!, full)] };
  if (p.protocol === 'tls' && protocol === 'TLS') {
    // The deck keeps Neg_Cipher in a failed-handshake subtype 12 section; 'FFFFFF' is stated for subtype 11 only (inferred).
    if (p.failed) return { TLS: [{ SMF119SS_TLS_Source: p.tls.source, SMF119SS_TLS_Neg_Cipher: 'FFFFFF' }] };
    const suite = suiteById(p.tls.suite)!;
    const codes = simulatedCodes(suite);
    const tls: SectionValue = {
      SMF119SS_TLS_Source: p.tls.source, SMF119SS_TLS_Prot_Ver: p.tls.version, SMF119SS_TLS_Neg_Cipher: suite.id,
      SMF119SS_TLS_CS_Enc_Alg: codes.enc, SMF119SS_TLS_CS_Msg_Auth: codes.mac, SMF119SS_TLS_CS_Kex_Alg: codes.kex,
      ...certFields('SMF119SS_TLS_SCert_', p.tls.serverCert, full),
      ...certFields('SMF119SS_TLS_CCert_', p.tls.clientCert, full),
    };
    const dn = p.tls.source === 2 ? [{ SMF119SS_DN_Type: 5, SMF119SS_DN: p.tls.serverCert.subject }, { SMF119SS_DN_Type: 6, SMF119SS_DN: p.tls.serverCert.issuer }] : [];
    return { TLS: [tls], DN: dn };
  }
  if (p.protocol === 'ssh' && protocol === 'SSH') {
    if (p.failed) return { SSH: [{ SMF119SS_SSH_Source: 2 }] };
    const s = p.ssh;
    return { SSH: [{ SMF119SS_SSH_Source: 2, SMF119SS_SSH_Prot_Ver: s.version, SMF119SS_SSH_Auth_Method: 3, SMF119SS_SSH_In_Enc_Alg: s.enc, SMF119SS_SSH_In_Msg_Auth: s.mac, SMF119SS_SSH_Kex_Method: s.kex, SMF119SS_SSH_Out_Enc_Alg: s.enc, SMF119SS_SSH_Out_Msg_Auth: s.mac, SMF119SS_SSH_SKey_Type: s.hostKeyType, SMF119SS_SSH_SKey_Len: s.hostKeyLen }] };
  }
  return {};
}

/** The sessions (one per protocol) a segment of protection p belongs to. */
function protocolsOf(p: Protection): (ProtocolSection | 'none')[] {
  const list: ProtocolSection[] = [];
  if (p.protocol === 'tls') list.push('TLS');
  if (p.protocol === 'ssh') list.push('SSH');
  if (ipsecOf(p)) list.push('IPSec');
  return list.length ? list : ['none'];
}

/** What one member adds to its session's counts at time t (the checker states the same rules in its header). */
function addCounts(r: Counts, { c, s }: Member, t: number): void {
  if (s.from > t) return;
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

function countsAt(session: Session, t: number): Counts {
  const r = { ...session.settled };
  for (const m of session.live) addCounts(r, m, t);
  return r;
}

// --- one workload stream --------------------------------------------------------------------------

/** A detail record still to write: a connection's records wait as descriptions, not as built records (most of an open connection's memory otherwise). */
interface Pending extends DetailEvent {
  seq: number;
  c: Connection;
}

/** Binary min-heap on (time, seq): pending detail records of the open connections. */
class PendingHeap {
  private items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  push(x: Pending): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Pending | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
const before = (x: Pending, y: Pending): boolean => x.time < y.time || (x.time === y.time && x.seq < y.seq);

function* appStream(app: App, stream: number, perMinute: number, opts: StreamOptions, stack: StackTraits): Generator<TimedRecord> {
  const rng = new Rng(streamSeed(opts.seed, stream));
  const simEnd = opts.duration * 100;
  const step = opts.interval * 100;
  const pending = new PendingHeap();
  const sessions = new Map<string, Session>();
  const live = new Set<Session>();
  let seq = 0;
  let n = 0;
  const arrivals = perMinute > 0 ? connectionsOf(app, stream, perMinute, opts, rng) : undefined;
  let next = arrivals?.next();

  const admit = (c: Connection): void => {
    opts.onConnection?.(c);
    const segments = segmentsFor(c, v32(opts.release));
    for (const d of detailEvents(c, segments, opts)) pending.push({ ...d, seq: seq++, c });
    const server = app.role === 'server' || app.eePorts ? { ip: app.localIp, port: c.localPort } : { ip: c.remoteIp, port: c.remotePort };
    const clientIp = server.ip === app.localIp ? c.remoteIp : app.localIp;
    // "For Enterprise Extender traffic ... from the local z/OS peer's perspective" (BLOG-AGG): local is the server.
    const localIsServer = app.role === 'server' || app.eePorts !== undefined;
    for (const s of segments) {
      for (const protocol of protocolsOf(s.protection)) {
        const common: SectionValue = {
          SMF119SS_SAFlags: (app.ipv6 ? IPV6_BIT : 0) | (localIsServer ? 0x40 : 0x20), SMF119SS_SASecProtos: protocol === 'none' ? 0 : PROTOCOL_BIT[protocol],
          SMF119SS_SAJobname: app.job, SMF119SS_SAUserID: app.user, SMF119SS_SAIPProto: app.ipProto,
          SMF119SS_SASrvIP: server.ip, SMF119SS_SACltIP: clientIp, SMF119SS_SASrvPortStart: server.port, SMF119SS_SASrvPortEnd: server.port,
        };
        const sections = summarySections(s.protection, protocol, opts.release);
        const key = sessionKey(common, protocol, protocol === 'none' ? undefined : sections[protocol]?.[0]);
        let session = sessions.get(key);
        if (!session) {
          session = { key, common, sections, protocol, live: [], settled: zeroCounts() };
          sessions.set(key, session);
        }
        session.live.push({ c, s });
        live.add(session);
      }
    }
  };

  for (let a = 0; a < simEnd; a += step) {
    const b = Math.min(simEnd, a + step);
    // Counts at b include connections that start at b; records of time t need every connection that starts
    // before t (a connection writes nothing at its start).
    while (next && !next.done && next.value.start <= b) {
      admit(next.value);
      next = arrivals!.next();
    }
    while (pending.size > 0 && pending.peek()!.time <= b) {
      const p = pending.pop()!;
      yield { time: p.time, stream, n: n++, subtype: 11, record: detailRecord(p.c, p.event, p.time, p.protection, opts, stack, p.flags) };
    }
    const active = [...live].filter((s) => s.live.some((m) => m.s.from < b && m.s.to > a));
    // Reason X'80' marks the last record of the set; the set is taken per workload stream, so that streams
    // stay independent (what IBM counts as one set for subtype 12 is not documented).
    for (const [i, session] of active.entries()) {
      const start = countsAt(session, a);
      const end = countsAt(session, b);
      const common: SectionValue = {
        SMF119SS_SAIntervalDuration: String(BigInt(b - a) * 10_000n * TOD_UNITS_PER_MICROSECOND), SMF119SS_SAEvent_Type: 1,
        ...session.common,
        SMF119SS_SASessionID: sessionId(session.key, session.protocol),
        SMF119SS_SAInitLifeConnCnt: start.life, SMF119SS_SAInitLifePartialConnCnt: start.partial, SMF119SS_SAInitLifeShortConnCnt: start.short, SMF119SS_SAInitActiveConnCnt: start.active,
        SMF119SS_SAInitLifeInBytes: String(start.inBytes), SMF119SS_SAInitLifeOutBytes: String(start.outBytes), SMF119SS_SAInitLifeInSegDG: String(start.inSeg), SMF119SS_SAInitLifeOutSegDG: String(start.outSeg),
        SMF119SS_SAEndLifeConnCnt: end.life, SMF119SS_SAEndLifePartialConnCnt: end.partial, SMF119SS_SAEndLifeShortConnCnt: end.short, SMF119SS_SAEndActiveConnCnt: end.active,
        SMF119SS_SAEndLifeInBytes: String(end.inBytes), SMF119SS_SAEndLifeOutBytes: String(end.outBytes), SMF119SS_SAEndLifeInSegDG: String(end.inSeg), SMF119SS_SAEndLifeOutSegDG: String(end.outSeg),
        ...(v32(opts.release) ? { SMF119SS_SAInitFailedHsConnCnt: start.failed, SMF119SS_SAEndFailedHsConnCnt: end.failed } : {}),
      };
      const record: CanonicalRecord = { Header: header(12, b, opts), Ident: [ident(i === active.length - 1 ? 0x80 : 0xc0, opts)], Common: [common], ...session.sections };
      yield { time: b, stream, n: n++, subtype: 12, record };
    }
    // Segments over by b count the same at every later time: fold them.
    for (const session of live) {
      const still: Member[] = [];
      for (const m of session.live) {
        if (m.s.to <= b) addCounts(session.settled, m, b);
        else still.push(m);
      }
      session.live = still;
      if (still.length === 0) live.delete(session);
    }
  }
}

function* globalStream(stream: number, opts: SimOptions): Generator<TimedRecord> {
  const simEnd = opts.duration * 100;
  const agg = (event: 2 | 3, t: number): CanonicalRecord => ({ Header: header(12, t, opts), Ident: [ident(0x08, opts)], Common: [{ SMF119SS_SAEvent_Type: event }] });
  yield { time: 0, stream, n: 0, subtype: 11, record: zertEvent(5, 0, opts) };
  yield { time: 0, stream, n: 1, subtype: 12, record: agg(2, 0) };
  yield { time: simEnd, stream, n: 2, subtype: 11, record: zertEvent(6, simEnd, opts) };
  yield { time: simEnd, stream, n: 3, subtype: 12, record: agg(3, simEnd) };
}

/** k-way merge of time-ordered record streams by (time, stream, n). */
export function* mergeTimed(sources: Iterable<TimedRecord>[]): Generator<TimedRecord> {
  const its = sources.map((s) => s[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (h.done) continue;
      const b = best >= 0 ? (heads[best]!.value as TimedRecord) : undefined;
      const x = h.value;
      if (!b || x.time < b.time || (x.time === b.time && (x.stream < b.stream || (x.stream === b.stream && x.n < b.n)))) best = i;
    }
    if (best < 0) return;
    yield heads[best]!.value as TimedRecord;
    heads[best] = its[best]!.next();
  }
}

/**
 * Simulates a scenario as a time-ordered record stream; the same scenario, options and seed always give the
 * same records. With `shard`, only that shard's workload streams: merging the shards' outputs with
 * `mergeTimed` gives the unsharded output exactly.
 */
export function simulateStream(scenario: Scenario, opts: StreamOptions): Iterable<TimedRecord> {
  const problem = intervalProblem(opts.release, opts.interval);
  if (problem?.severity === 'error') throw new SimulationError(problem.message);
  startOffset(opts.startTime);
  const { index, count } = opts.shard ?? { index: 0, count: 1 };
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) throw new SimulationError(`shard ${index} of ${count} does not exist`);
  const sources = (): Iterable<TimedRecord>[] => {
    const apps = scenario.apps(new Rng(opts.seed));
    const weights = apps.map((a) => a.weight * (opts.mix?.[a.protocol] ?? 1));
    const total = weights.reduce((x, y) => x + y, 0);
    const stack: StackTraits = { filtering: scenario.ipFiltering ?? apps.some((a) => a.protocol === 'ipsec' || a.overIpsec === true) };
    const per = apps.length + 1;
    const mine = (stream: number): boolean => (stream % per === apps.length ? 0 : stream % count) === index;
    const list: Iterable<TimedRecord>[] = [];
    (opts.systems ?? [opts.system ?? 'SYSA']).forEach((system, k) => {
      const own: SimOptions = { ...opts, system };
      apps.forEach((app, i) => {
        const id = k * per + i;
        if (mine(id) && total > 0 && weights[i]! > 0) list.push(appStream(app, id, (opts.rate * weights[i]!) / total, own, stack));
      });
      if (scenario.enableDisable && mine(k * per + apps.length)) list.push(globalStream(k * per + apps.length, own));
    });
    return list;
  };
  return { [Symbol.iterator]: () => mergeTimed(sources()) };
}

/** The whole simulation at once (small runs and tests). */
export function simulate(scenario: Scenario, opts: SimOptions): Simulation {
  const connections: Connection[] = [];
  const records = [...simulateStream(scenario, { ...opts, onConnection: (c) => connections.push(c) })];
  return { connections, records };
}
