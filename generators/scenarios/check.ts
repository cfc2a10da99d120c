import type { DecodeResult } from '../../spec/codec.js';
import type { SectionValue } from '../../spec/fields.js';
import { HUNDREDTHS_PER_DAY, parseIPv6, parseTimeOfDay, TOD_UNITS_PER_MICROSECOND } from '../../spec/primitives.js';
import type { ProtocolSection } from './aggregation.js';
import { cryptoKey, cryptoKeyOfDetail, IPV6_BIT, PROTOCOL_BIT } from './aggregation.js';
import { expectedCodes, suiteById } from './ciphers.js';

// Cross-record consistency of a zERT record stream, from the decoded records alone, one record at a time.
// Each finding names its rule; rules can be switched off or singled out, and their default severity suits a
// real dump (merged systems, a window that starts and ends mid-connection, one subtype only).
//
// Sessions are matched by the subtype 12 aggregation key (./aggregation.ts: endpoints, job, role and the
// fields the tables mark significant). Counts at a time T: a connection is counted in a session's life
// count once its segment in that session started at or before T, as active while T is inside the segment,
// as partial once a change of protection started or ended the segment, as short once a Short Term record
// ended it, as failed when its handshake failed.
//
// Memory and time: state is kept for open connections, for segments of the intervals not yet settled (closed
// ones wait at most until their system's next interval settles, or NO_SUMMARY_HORIZON for a system that writes
// no summaries) and per session for counts already settled; a summary record looks only at its own session's
// segments. So memory is bounded by the open connections, one interval's closed ones and the set of sessions
// (server port, IP pair, job, crypto key): none of these grows with the length of the file. Connections that
// never close (no Term in the file) stay: they are open as far as the file tells.

export type Severity = 'error' | 'warning';

export const RULES = {
  decode: { severity: 'error', describe: 'what the decoder reports about a record (its warnings stay warnings)' },
  order: { severity: 'warning', strict: 'error', describe: 'records in time order (merged dumps are not: a warning unless --strict)' },
  'init-missing': { severity: 'warning', describe: 'a Change or Term whose Init is not in the file (valid when the dump starts mid-connection; an error with --complete-window)' },
  lifecycle: { severity: 'error', describe: 'a second Init, a Short Term after an Init or for a connection of 10 s or more, a Term without an end date, protection changed without a Change record' },
  'ee-short-term': { severity: 'error', describe: '"For EE connections, both a Connection Initiation and a Connection Termination event are generated" (IBM25-HOWPROVIDE): no Short Term for UDP' },
  'header-time': { severity: 'warning', describe: 'header time (local; --utc-offset) before the UTC event time it reports' },
  cipher: { severity: 'error', describe: 'cipher suite against its encryption, MAC and key-exchange codes and the protocol version' },
  'cipher-code-unknown': { severity: 'off', strict: 'warning', describe: "an algorithm whose zERT code is past IBM's public list: any code is accepted (reported with --strict)" },
  'ip-family': { severity: 'error', describe: 'IPv6 flag against the address text' },
  'ipv4-in-ipv6': { severity: 'warning', describe: 'an address flagged IPv6 whose last 12 bytes are zero (an IPv4 address in the first 4 bytes? 2001:db8:: reads the same)' },
  'tls-role': { severity: 'error', describe: "3.2 role flag against TLS_Handshake_Role: client X'01'; server X'02' or X'03' (TCP only)" },
  'ike-local-cert': { severity: 'error', describe: 'IKE local certificate fields set although the local auth method is not RSA, ECDSA or digital signature (DECK32 s17: "Otherwise, all fields set to zero")' },
  'ip-filter': { severity: 'error', describe: "IP filter section against SASecFlags X'20' and IPsec protection (action X'02' = permitted with IPSec protection)" },
  'enforcement-tcp': { severity: 'error', describe: '"zERT enforcement applies only to TCP traffic" (IBM ENF): no audit record (event 7) for UDP' },
  'enforcement-observation': { severity: 'warning', describe: 'an audit record (event 7) whose TLS/SSH data does not come from stream observation (source X\'01\'); IBM ENF: enforcement uses observation attributes only' },
  'summary-protocols': { severity: 'error', describe: 'a subtype 12 record covers one security session: exactly one SASecProtos bit' },
  'summary-count': { severity: 'error', describe: 'subtype 12 interval counts against the subtype 11 records (exact with --complete-window; otherwise the detail records may only show fewer)' },
  'summary-missing': { severity: 'error', describe: 'a connection active in an interval that has summary records, without a summary of its own session' },
} as const satisfies Record<string, { severity: Severity | 'off'; strict?: Severity; describe: string }>;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];
export function isRuleName(s: string): s is RuleName {
  return Object.hasOwn(RULES, s);
}

/** Rules that relate subtype 11 and subtype 12 records: skipped when the file holds only one of them. */
const CROSS_STREAM: readonly RuleName[] = ['summary-count', 'summary-missing'];

export interface Finding {
  rule: RuleName;
  severity: Severity;
  /** The decoder's error kind for `decode` findings, else the rule name. */
  kind: string;
  /** Record index and file offset; -1 for findings about the stream as a whole. */
  index: number;
  offset: number;
  path: string;
  message: string;
}

export interface CheckOptions {
  /** Run only these rules. */
  only?: readonly RuleName[];
  ignore?: readonly RuleName[];
  /** The rules that are off by default run, `order` is an error, and warnings fail the check. */
  strict?: boolean;
  /** The file holds the whole life of every connection: missing Inits are errors and summary counts must be exact. */
  completeWindow?: boolean;
  /** Minutes the header's local time is ahead of UTC (the zERT times are UTC); default 0. */
  utcOffsetMinutes?: number;
  /** Keep at most this many findings (the counts go on). */
  keep?: number;
}

export interface CheckResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  byRule: Partial<Record<RuleName, number>>;
  /** Whether the result fails the check (exit 1): an error, or a warning under --strict. */
  failed: boolean;
  records: number;
  detailRecords: number;
  summaryRecords: number;
  connections: number;
  sessionIntervals: number;
  /** Rules skipped for this file, with the reason. */
  skipped: { rule: RuleName; reason: string }[];
}

/** What the checker reads of each record: a decode result with its place in the file. */
export interface CheckInput extends DecodeResult {
  index: number;
  offset: number;
}

export interface Checker {
  push(record: CheckInput): void;
  finish(): CheckResult;
  /** What the checker holds now (for tests and diagnostics of its memory): none of it may grow with the file. */
  retained(): Retained;
}

export interface Retained {
  openConnections: number;
  /** Connection segments whose interval has not settled (open ones and closed ones waiting for a summary). */
  unsettledSegments: number;
  /** Sessions (aggregation keys) with unsettled segments or settled counts. */
  sessions: number;
  pendingIntervals: number;
}

/**
 * How long after a time T a record may still reveal a connection segment that counts at T: the Init comes
 * 10 s after the connection starts (3.2 may wait for a slow handshake), so an interval's summaries are
 * settled once the stream has moved this far past the interval's end.
 */
const REVEAL_DELAY = 6000;
/**
 * A system that has written no interval summary this long after its first record is taken not to record subtype
 * 12 (a dump of subtype 11 only, or aggregation off): its closed connections are let go instead of waiting for
 * intervals that will not come, so that memory holds its open connections only. Two hours is twice the SMF
 * interval's 60-minute maximum; AGGREGATION INTVAL may be longer (its maximum is not documented), so
 * --complete-window, whose counts must be exact, waits a day.
 */
const NO_SUMMARY_HORIZON = 2 * 360_000;
const NO_SUMMARY_HORIZON_COMPLETE = 24 * 360_000;
const TEN_SECONDS = 1000;

function absolute(date: unknown, time: unknown): number | undefined {
  if (typeof date !== 'string' || typeof time !== 'string') return undefined;
  const t = parseTimeOfDay(time);
  if (!t.ok) return undefined;
  return (Date.parse(`${date}T00:00:00Z`) / 86_400_000) * HUNDREDTHS_PER_DAY + t.value;
}

const first = (r: Record<string, unknown>, key: string): SectionValue | undefined => (r[key] as SectionValue[] | undefined)?.[0];
const blank = (v: unknown): boolean => v === undefined || v === null || v === 0 || v === '' || v === '0';

interface Counts {
  LifeConnCnt: number;
  LifePartialConnCnt: number;
  LifeShortConnCnt: number;
  ActiveConnCnt: number;
  FailedHsConnCnt: number;
}
const zero = (): Counts => ({ LifeConnCnt: 0, LifePartialConnCnt: 0, LifeShortConnCnt: 0, ActiveConnCnt: 0, FailedHsConnCnt: 0 });

/**
 * An open connection. Compact on purpose: the checker holds one for every open connection, and these live long
 * enough (the Init to the Term) to reach V8's old space, so their size sets how fast the heap grows.
 * Addresses and job name are those of its sessions (Bucket); only its ports and which address is local are here.
 */
interface Conn {
  connId: unknown;
  system: string;
  start: number;
  end: number;
  short: boolean;
  tcp: boolean;
  /** From the 3.2 role flags (TCP only); unknown before 3.2. */
  role: 'server' | 'client' | undefined;
  /** The local address is the bucket's lowIp (the bucket orders the pair). */
  localIsLow: boolean;
  localPort: number;
  remotePort: number;
  /** The segment open now: one Seg per security session (protocol) that protects it. */
  current: Seg[];
  /** Another open connection with the same ConnID (another system, or the ID reused). */
  sameId: Conn | undefined;
}

/** A connection's place in one session over a stretch of unchanged protection. */
interface Seg {
  conn: Conn;
  bucket: Bucket;
  /** The Segs of the same stretch, one per session (this one among them). */
  stretch: Seg[];
  from: number;
  to: number;
  failed: boolean;
  changedIn: boolean;
  changedOut: boolean;
  /** The last interval whose summary counted it, and as which side ('S': the local socket is the server). */
  countedBy: Interval | undefined;
  side: 'S' | 'C' | undefined;
}

/** One session bucket: job, IP pair, IP protocol and crypto key; its segments not yet settled and the counts of those settled. */
interface Bucket {
  key: string;
  system: string;
  job: string;
  lowIp: string;
  highIp: string;
  crypto: string;
  live: Seg[];
  /** Counts of segments over, by side and server port. */
  settled: Map<string, Counts>;
}

const COUNT_FIELDS = Object.keys(zero()) as (keyof Counts)[];

/** What settling needs of a subtype 12 record (not the decoded record: an interval holds its summaries for a while). */
interface Summary {
  index: number;
  offset: number;
  bucketKey: string;
  side: 'S' | 'C';
  serverIp: unknown;
  clientIp: unknown;
  portStart: number;
  portEnd: number;
  /** SMF119SS_SA{Init,End}<count> as written; absent fields (a V1 record has no failed-handshake counts) are left out. */
  reported: Map<string, unknown>;
}

interface Interval {
  system: string;
  start: number;
  end: number;
  summaries: Summary[];
}

function addCounts(c: Counts, seg: Seg, t: number): void {
  if (seg.from > t) return;
  c.LifeConnCnt++;
  if ((seg.changedIn && seg.from <= t) || (seg.changedOut && seg.to <= t)) c.LifePartialConnCnt++;
  if (seg.conn.short && seg.conn.tcp && seg.conn.end <= t) c.LifeShortConnCnt++;
  if (t < seg.to) c.ActiveConnCnt++;
  if (seg.failed) c.FailedHsConnCnt++;
}

function bucketKeyOf(system: string, job: string, ipProto: unknown, lowIp: string, highIp: string, crypto: string): string {
  return `${system}|${job}|${String(ipProto)}|${lowIp}|${highIp}|${crypto}`;
}

/** The crypto keys of a subtype 11 record (one per protocol section) and whether its handshake failed. */
function detailKeys(r: Record<string, unknown>): { keys: string[]; failed: boolean } {
  const keys: string[] = [];
  let failed = false;
  for (const protocol of ['TLS', 'SSH', 'IPSec'] as const) {
    const s = first(r, protocol);
    if (!s) continue;
    keys.push(cryptoKeyOfDetail(protocol, s));
    if (protocol === 'TLS' && s['SMF119SC_TLS_Handshake_Type'] === 3) failed = true;
    if (protocol === 'SSH' && (Number(s['SMF119SC_SSH_Flags'] ?? 0) & 0x80) !== 0) failed = true;
  }
  return { keys: keys.length ? keys : ['none'], failed };
}

function summaryProtocol(common: SectionValue): ProtocolSection | 'none' | undefined {
  const protos = Number(common['SMF119SS_SASecProtos'] ?? 0);
  if (protos === 0) return 'none';
  const hit = (Object.entries(PROTOCOL_BIT) as [ProtocolSection, number][]).filter(([, bit]) => (protos & bit) !== 0);
  return hit.length === 1 ? hit[0]![0] : undefined;
}

export function createChecker(opts: CheckOptions = {}): Checker {
  const strict = opts.strict ?? false;
  const severityOf = (rule: RuleName): Severity | 'off' => {
    if (opts.only && !opts.only.includes(rule)) return 'off';
    if (opts.ignore?.includes(rule)) return 'off';
    const def: { severity: Severity | 'off'; strict?: Severity } = RULES[rule];
    if (strict && def.strict) return def.strict;
    if (rule === 'init-missing' && opts.completeWindow) return 'error';
    return def.severity;
  };
  const severities = Object.fromEntries(RULE_NAMES.map((r) => [r, severityOf(r)])) as Record<RuleName, Severity | 'off'>;
  const on = (rule: RuleName): boolean => severities[rule] !== 'off';
  const offset = (opts.utcOffsetMinutes ?? 0) * 6000;
  const keep = opts.keep ?? Infinity;

  const findings: Finding[] = [];
  const byRule: Partial<Record<RuleName, number>> = {};
  let errors = 0;
  let warnings = 0;
  const report = (rule: RuleName, index: number, off: number, path: string, message: string, severity?: Severity, kind?: string): void => {
    if (severities[rule] === 'off') return;
    const level = severity ?? severities[rule];
    byRule[rule] = (byRule[rule] ?? 0) + 1;
    if (level === 'error') errors++;
    else warnings++;
    if (findings.length < keep) findings.push({ rule, severity: level, kind: kind ?? rule, index, offset: off, path, message });
  };

  /** Open connections by ConnID; connections that share one are chained through `sameId`. */
  const conns = new Map<unknown, Conn>();
  const buckets = new Map<string, Bucket>();
  const pending: Interval[] = [];
  let connections = 0;
  let records = 0;
  let detailRecords = 0;
  let summaryRecords = 0;
  let sessionIntervals = 0;
  let lastTime = -Infinity;

  // Every record decodes its own copy of the system name; connections keep one shared copy.
  const systems = new Map<string, string>();
  const internSystem = (name: string): string => {
    const known = systems.get(name);
    if (known !== undefined) return known;
    systems.set(name, name);
    return name;
  };

  const findConn = (connId: unknown, system: string, start: number): Conn | undefined => {
    for (let c = conns.get(connId); c; c = c.sameId) if (c.system === system && c.start === start) return c;
    return undefined;
  };
  const addConn = (c: Conn): void => {
    c.sameId = conns.get(c.connId);
    conns.set(c.connId, c);
  };
  const removeConn = (c: Conn): void => {
    const head = conns.get(c.connId);
    if (head === c) {
      if (c.sameId) conns.set(c.connId, c.sameId);
      else conns.delete(c.connId);
      return;
    }
    for (let p = head; p; p = p.sameId) {
      if (p.sameId === c) {
        p.sameId = c.sameId;
        return;
      }
    }
  };

  /** Buckets with segments not yet settled: the only ones an interval's settling has to visit. */
  const liveBuckets = new Set<Bucket>();
  const bucket = (system: string, job: string, ipProto: unknown, lowIp: string, highIp: string, crypto: string): Bucket => {
    const key = bucketKeyOf(system, job, ipProto, lowIp, highIp, crypto);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { key, system, job, lowIp, highIp, crypto, live: [], settled: new Map() }));
    liveBuckets.add(b);
    return b;
  };

  /** Opens a stretch of protection `keys` (one crypto key per session) for `conn`. */
  const openSegment = (conn: Conn, job: string, lowIp: string, highIp: string, from: number, keys: string[], failed: boolean, changedIn: boolean, ipProto: unknown): Seg[] => {
    // map() sizes the array exactly (push() would leave room to grow in every connection's array).
    const stretch = keys.map((k): Seg => {
      const b = bucket(conn.system, job, ipProto, lowIp, highIp, k);
      const seg: Seg = { conn, bucket: b, stretch: [], from, to: Infinity, failed, changedIn, changedOut: false, countedBy: undefined, side: undefined };
      b.live.push(seg);
      return seg;
    });
    for (const seg of stretch) seg.stretch = stretch;
    return stretch;
  };

  const sameProtection = (stretch: Seg[], keys: string[]): boolean => stretch.length === keys.length && stretch.every((seg, i) => seg.bucket.crypto === keys[i]);

  // --- per-record rules ---------------------------------------------------------------------------

  const cipherChecks = (index: number, off: number, section: string, s: SectionValue, prefix: string, failed: boolean): void => {
    const cipher = s[`${prefix}Neg_Cipher`];
    const version = Number(s[`${prefix}Prot_Ver`] ?? 0);
    const at = (field: string): string => `${section} > ${prefix}${field}`;
    if (cipher === 'FFFFFF') {
      if (!failed && version !== 0) report('cipher', index, off, at('Neg_Cipher'), "'FFFFFF' (unknown) with a known protocol version");
      return;
    }
    if (typeof cipher !== 'string' || cipher === '') return;
    if (cipher.length === 6) {
      if (version !== 0x0200) report('cipher', index, off, at('Prot_Ver'), `SSLv2 cipher code ${cipher} with version X'${version.toString(16).padStart(4, '0')}'`);
      return;
    }
    const suite = suiteById(cipher);
    if (!suite) return;
    if (version < suite.minVersion || version > suite.maxVersion) {
      report('cipher', index, off, at('Prot_Ver'), `${suite.name} is not defined for version X'${version.toString(16).padStart(4, '0')}'`);
    }
    const want = expectedCodes(suite);
    for (const [field, expected] of [['CS_Enc_Alg', want.enc], ['CS_Msg_Auth', want.mac], ['CS_Kex_Alg', want.kex]] as const) {
      const got = Number(s[`${prefix}${field}`] ?? 0);
      if (expected === null) {
        report('cipher-code-unknown', index, off, at(field), `zERT's code for this part of ${suite.name} is past IBM's public list: X'${got.toString(16).padStart(4, '0')}' accepted unchecked`);
      } else if (got !== expected) {
        report('cipher', index, off, at(field), `${suite.name} means ${field} ${expected}, the record says ${got}`);
      }
    }
  };

  const ipChecks = (index: number, off: number, section: string, s: SectionValue, flag: boolean, fields: string[]): void => {
    for (const f of fields) {
      const text = s[f];
      if (typeof text !== 'string') continue;
      const isV6Text = text.includes(':');
      if (flag !== isV6Text) report('ip-family', index, off, `${section} > ${f}`, `IPv6 flag is ${flag ? 'on' : 'off'} but the address reads ${text}`);
      if (flag && isV6Text && on('ipv4-in-ipv6')) {
        const p = parseIPv6(text);
        if (p.ok && p.value.subarray(4).every((b) => b === 0) && p.value.subarray(0, 4).some((b) => b !== 0)) {
          report('ipv4-in-ipv6', index, off, `${section} > ${f}`, `IPv6 flag is on but ${text} has only its first 4 bytes set: an IPv4 address written as IPv6?`);
        }
      }
    }
  };

  const ikeCertCheck = (index: number, off: number, section: string, s: SectionValue, tag: 'SC' | 'SS'): void => {
    const method = Number(s[`SMF119${tag}_IPSec_IKETunLclAuthMeth`] ?? 0);
    // 0 unknown/manual, 1 none, 3 pre-shared key: not RSA, ECDSA or digital signature. Codes past X'06' are not public.
    if (![0, 1, 3].includes(method)) return;
    const prefix = `SMF119${tag}_IPSec_LclCert_`;
    for (const [field, value] of Object.entries(s)) {
      // Decoded enum fields carry a '.name' twin: only the values themselves count.
      if (field.startsWith(prefix) && !field.includes('.') && !blank(value)) {
        report('ike-local-cert', index, off, `${section} > ${field}`, `IKE local auth method X'${method.toString(16).padStart(2, '0')}' is not a signature method, so the local certificate fields must be zero`);
      }
    }
  };

  // --- settling an interval -----------------------------------------------------------------------

  const matches = (seg: Seg, s: Summary): boolean => {
    const c = seg.conn;
    if (c.role && c.role !== (s.side === 'S' ? 'server' : 'client')) return false;
    const localIp = c.localIsLow ? seg.bucket.lowIp : seg.bucket.highIp;
    const remoteIp = c.localIsLow ? seg.bucket.highIp : seg.bucket.lowIp;
    const [serverIp, clientIp, serverPort] = s.side === 'S' ? [localIp, remoteIp, c.localPort] : [remoteIp, localIp, c.remotePort];
    return serverIp === s.serverIp && clientIp === s.clientIp && serverPort >= s.portStart && serverPort <= s.portEnd;
  };

  const settle = (iv: Interval): void => {
    const crossStream = detailRecords > 0;
    if (crossStream) {
      for (const s of iv.summaries) {
        const b = buckets.get(s.bucketKey);
        const members = (b?.live ?? []).filter((seg) => matches(seg, s));
        for (const seg of members) {
          seg.countedBy = iv;
          seg.side = s.side;
        }
        for (const [label, t] of [['Init', iv.start], ['End', iv.end]] as const) {
          const want = zero();
          for (const [k, counts] of b?.settled ?? []) {
            const [kSide, port] = k.split(':');
            if (kSide === s.side && Number(port) >= s.portStart && Number(port) <= s.portEnd) for (const f of COUNT_FIELDS) want[f] += counts[f];
          }
          for (const seg of members) addCounts(want, seg, t);
          for (const field of COUNT_FIELDS) {
            const name = `SMF119SS_SA${label}${field}`;
            const got = s.reported.get(name);
            if (got === undefined) continue; // a V1 record has no failed-handshake counts
            const n = Number(got);
            const expected = want[field];
            // A window that starts mid-run misses connections the summary counts: then only "more than the summary" is wrong.
            if (opts.completeWindow ? n !== expected : expected > n) {
              report('summary-count', s.index, s.offset, `st12 > Common[0] > ${name}`, `summary says ${String(got)}, the detail records give ${expected}`);
            }
          }
        }
      }
      if (on('summary-missing')) {
        for (const b of liveBuckets) {
          if (b.system !== iv.system) continue;
          for (const seg of b.live) {
            if (seg.from < iv.end && seg.to > iv.start && seg.countedBy !== iv) {
              report('summary-missing', -1, -1, 'st12', `connection ${String(seg.conn.connId)} (${seg.stretch.map((x) => x.bucket.crypto).join(' + ')}, job ${b.job}) was active in the interval ending ${formatTime(iv.end)} but no summary record of its session covers it`);
            }
          }
        }
      }
    }
    // Segments over by the interval's end count the same at every later time: fold them into their bucket.
    for (const b of liveBuckets) {
      if (b.system !== iv.system) continue;
      const still: Seg[] = [];
      for (const seg of b.live) {
        if (seg.to > iv.end) {
          still.push(seg);
          continue;
        }
        if (!seg.side) continue; // never matched a summary (already reported): its side is unknown
        const port = seg.side === 'S' ? seg.conn.localPort : seg.conn.remotePort;
        const k = `${seg.side}:${port}`;
        const counts = b.settled.get(k) ?? zero();
        addCounts(counts, seg, iv.end);
        b.settled.set(k, counts);
      }
      b.live = still;
      if (still.length === 0) dropIfEmpty(b);
    }
  };

  /** A bucket with nothing live leaves the live set, and the map too when it has no settled counts to carry. */
  const dropIfEmpty = (b: Bucket): void => {
    liveBuckets.delete(b);
    if (b.settled.size === 0) buckets.delete(b.key);
  };

  const summarizing = new Set<string>();
  /** Per system without summaries: when its closed segments are next let go. */
  const nextRelease = new Map<string, number>();
  const releaseClosed = (system: string, now: number): void => {
    const due = nextRelease.get(system);
    if (due === undefined) nextRelease.set(system, now + (opts.completeWindow ? NO_SUMMARY_HORIZON_COMPLETE : NO_SUMMARY_HORIZON));
    if (due === undefined || now < due) return;
    // Once a simulated minute: the sweep visits the system's live buckets.
    nextRelease.set(system, now + REVEAL_DELAY);
    for (const b of liveBuckets) {
      if (b.system !== system) continue;
      b.live = b.live.filter((seg) => seg.to === Infinity);
      if (b.live.length === 0) dropIfEmpty(b);
    }
  };

  // Each system's intervals settle by that system's own clock: a dump that merges systems is not in time order.
  const clocks = new Map<string, number>();
  const settleUpTo = (system: string, now: number): void => {
    for (let i = 0; i < pending.length; ) {
      const iv = pending[i]!;
      if (iv.end + REVEAL_DELAY >= now) break;
      if (iv.system === system) {
        pending.splice(i, 1);
        settle(iv);
      } else i++;
    }
  };

  // --- records --------------------------------------------------------------------------------------

  const push = (rec: CheckInput): void => {
    records++;
    const { index, offset: off } = rec;
    for (const d of rec.diagnostics) if (d.severity !== 'info') report('decode', index, off, d.path.join(' > '), d.message, d.severity, d.kind);
    const r = rec.record;
    if (!r || !rec.subtype) return;
    const header = r['Header'] as SectionValue;
    const local = absolute(header['SMF119HDDate'], header['SMF119HDTime']);
    const time = local === undefined ? undefined : local - offset;
    const system = internSystem(String(header['SMF119HDSID'] ?? ''));
    const root = `st${rec.subtype}`;
    if (time !== undefined) {
      if (time < lastTime) report('order', index, off, `${root} > Header > SMF119HDTime`, 'record is older than the one before it');
      lastTime = time;
      const now = Math.max(clocks.get(system) ?? -Infinity, time);
      clocks.set(system, now);
      settleUpTo(system, now);
      if (!summarizing.has(system)) releaseClosed(system, now);
    }
    const common = first(r, 'Common');
    if (!common || time === undefined) return;
    if (rec.subtype === 12) pushSummary(rec, r, common, time, system);
    else pushDetail(rec, r, common, time, system);
  };

  const pushSummary = (rec: CheckInput, r: Record<string, unknown>, common: SectionValue, time: number, system: string): void => {
    const { index, offset: off } = rec;
    if (common['SMF119SS_SAEvent_Type'] !== 1) return;
    summaryRecords++;
    summarizing.add(system);
    const flag = (Number(common['SMF119SS_SAFlags']) & IPV6_BIT) !== 0;
    ipChecks(index, off, 'st12 > Common[0]', common, flag, ['SMF119SS_SASrvIP', 'SMF119SS_SACltIP']);
    const tls = first(r, 'TLS');
    const failed = Number(common['SMF119SS_SAInitFailedHsConnCnt'] ?? 0) > 0 || Number(common['SMF119SS_SAEndFailedHsConnCnt'] ?? 0) > 0;
    if (tls) cipherChecks(index, off, 'st12 > TLS[0]', tls, 'SMF119SS_TLS_', failed);
    const ipsec = first(r, 'IPSec');
    if (ipsec) ikeCertCheck(index, off, 'st12 > IPSec[0]', ipsec, 'SS');
    const protocol = summaryProtocol(common);
    if (protocol === undefined) {
      report('summary-protocols', index, off, 'st12 > Common[0] > SMF119SS_SASecProtos', 'a summary record covers one security session, of one protocol; a connection protected by TLS and IPsec is in two sessions');
      return;
    }
    const duration = Number(BigInt(String(common['SMF119SS_SAIntervalDuration'] ?? '0')) / TOD_UNITS_PER_MICROSECOND / 10_000n);
    const section = protocol === 'none' ? undefined : first(r, protocol);
    const crypto = cryptoKey(protocol, section);
    const [ipA, ipB] = [String(common['SMF119SS_SASrvIP']), String(common['SMF119SS_SACltIP'])];
    const bucketKey = bucketKeyOf(system, String(common['SMF119SS_SAJobname']), common['SMF119SS_SAIPProto'], ipA < ipB ? ipA : ipB, ipA < ipB ? ipB : ipA, crypto);
    let iv = pending.find((p) => p.system === system && p.end === time);
    if (!iv) {
      iv = { system, start: time - duration, end: time, summaries: [] };
      sessionIntervals++;
      const at = pending.findIndex((p) => p.end > time);
      pending.splice(at < 0 ? pending.length : at, 0, iv);
    }
    const reported = new Map<string, unknown>();
    for (const label of ['Init', 'End']) {
      for (const field of COUNT_FIELDS) {
        const name = `SMF119SS_SA${label}${field}`;
        if (common[name] !== undefined) reported.set(name, common[name]);
      }
    }
    iv.summaries.push({
      index, offset: off, bucketKey, side: (Number(common['SMF119SS_SAFlags'] ?? 0) & 0x40) !== 0 ? 'S' : 'C',
      serverIp: common['SMF119SS_SASrvIP'], clientIp: common['SMF119SS_SACltIP'],
      portStart: Number(common['SMF119SS_SASrvPortStart']), portEnd: Number(common['SMF119SS_SASrvPortEnd']), reported,
    });
  };

  const pushDetail = (rec: CheckInput, r: Record<string, unknown>, common: SectionValue, time: number, system: string): void => {
    const { index, offset: off } = rec;
    detailRecords++;
    const root = 'st11';
    const event = Number(common['SMF119SC_SAEvent_Type']);
    const flags = Number(common['SMF119SC_SAFlags']);
    const tcp = common['SMF119SC_SAIPProto'] === 6;
    ipChecks(index, off, `${root} > Common[0]`, common, (flags & IPV6_BIT) !== 0, ['SMF119SC_SARIP', 'SMF119SC_SALIP']);
    const ipsec = first(r, 'IPSec');
    if (ipsec) {
      ipChecks(index, off, `${root} > IPSec[0]`, ipsec, (flags & IPV6_BIT) !== 0, ['SMF119SC_IPSec_IKETunLclEndpt', 'SMF119SC_IPSec_IKETunRmtEndpt']);
      ikeCertCheck(index, off, `${root} > IPSec[0]`, ipsec, 'SC');
    }
    const tls = first(r, 'TLS');
    const tlsFailed = tls?.['SMF119SC_TLS_Handshake_Type'] === 3;
    if (tls) cipherChecks(index, off, `${root} > TLS[0]`, tls, 'SMF119SC_TLS_', tlsFailed);
    // 3.2 role flags are "only meaningful when SMF119SC_SAIPProto indicates TCP" (DECK32 s11).
    const role = tcp && (flags & 0x10) !== 0 ? 'server' : tcp && (flags & 0x08) !== 0 ? 'client' : undefined;
    if (tls && !tlsFailed && role) {
      const hsRole = Number(tls['SMF119SC_TLS_Handshake_Role'] ?? 0);
      const ok = hsRole === 0 || (role === 'client' ? hsRole === 1 : hsRole === 2 || hsRole === 3);
      if (!ok) report('tls-role', index, off, `${root} > TLS[0] > SMF119SC_TLS_Handshake_Role`, `the local socket is the ${role} (SAFlags) but the handshake role is X'${hsRole.toString(16).padStart(2, '0')}' (X'01' client, X'02'/X'03' server)`);
    }
    const secFlags = Number(common['SMF119SC_SASecFlags'] ?? 0);
    const filter = first(r, 'IPFilter');
    if (filter || (secFlags & 0x20) !== 0) {
      const path = `${root} > Common[0] > SMF119SC_SASecFlags`;
      if (!filter) report('ip-filter', index, off, path, "SASecFlags X'20' (IP filtering done) without an IP filter section", 'warning');
      else if ((secFlags & 0x20) === 0) report('ip-filter', index, off, path, "an IP filter section without SASecFlags X'20' (IP filtering done)", 'warning');
      else {
        const withIpsec = filter['SMF119SC_IPFlt_OutAct'] === 2 || filter['SMF119SC_IPFlt_InbAct'] === 2;
        if (ipsec && !withIpsec) report('ip-filter', index, off, `${root} > IPFilter[0] > SMF119SC_IPFlt_InbAct`, "IPsec-protected traffic passed the filter rules without action X'02' (permitted with IPSec protection)");
        if (!ipsec && withIpsec) report('ip-filter', index, off, `${root} > IPFilter[0] > SMF119SC_IPFlt_InbAct`, "filter action X'02' (permitted with IPSec protection) but no IPsec section");
      }
    }
    if (event === 7) {
      if (!tcp) report('enforcement-tcp', index, off, `${root} > Common[0] > SMF119SC_SAIPProto`, 'an enforcement audit record for UDP: "zERT enforcement applies only to TCP traffic"');
      for (const [s, field] of [[tls, 'SMF119SC_TLS_Source'], [first(r, 'SSH'), 'SMF119SC_SSH_Source']] as const) {
        if (s && s[field] !== 1) report('enforcement-observation', index, off, `${root} > ${field.includes('TLS') ? 'TLS' : 'SSH'}[0] > ${field}`, "an audit record shows data source X'01' (stream observation): enforcement uses observation attributes only");
      }
    }
    if (event < 1 || event > 4) return;
    const start = absolute(common['SMF119SC_SASDate'], common['SMF119SC_SASTime']);
    if (start === undefined) return;
    const end = event === 3 || event === 4 ? absolute(common['SMF119SC_SAEDate'], common['SMF119SC_SAETime']) : undefined;
    if (end !== undefined && time < end - 100) report('header-time', index, off, `${root} > Header > SMF119HDTime`, `the record was written ${formatTime(time)} UTC (header local time minus --utc-offset), before the connection end ${formatTime(end)}`);
    const connId = common['SMF119SC_SAConnID'];
    const { keys, failed } = detailKeys(r);
    const path = `${root} > Common[0] > SMF119SC_SAEvent_Type`;
    if (event === 4 && !tcp) report('ee-short-term', index, off, path, 'a Short Term record for UDP (Enterprise Extender gets an Init and a Term)');
    let c = findConn(connId, system, start);
    if (event === 1 || event === 4) {
      if (c) {
        report('lifecycle', index, off, path, `${event === 1 ? 'a second Init' : 'a Short Term'} for connection ${String(connId)} after its Init`);
        return;
      }
    } else if (!c) {
      report('init-missing', index, off, path, `${event === 2 ? 'Change' : 'Term'} for connection ${String(connId)} without an Init${opts.completeWindow ? '' : ' (the dump may start mid-connection)'}`);
    }
    if (!c) {
      connections++;
      const localIp = String(common['SMF119SC_SALIP']);
      const remoteIp = String(common['SMF119SC_SARIP']);
      const localIsLow = localIp < remoteIp;
      const conn: Conn = {
        connId, system, start, end: Infinity, short: event === 4, tcp, role, localIsLow,
        localPort: Number(common['SMF119SC_SALPort']), remotePort: Number(common['SMF119SC_SARPort']), current: [], sameId: undefined,
      };
      // Without its Init, a Change's earlier protection is unknown: its segment starts at the Change.
      const [lowIp, highIp] = localIsLow ? [localIp, remoteIp] : [remoteIp, localIp];
      conn.current = openSegment(conn, String(common['SMF119SC_SAJobname']), lowIp, highIp, event === 2 ? time : start, keys, failed, false, common['SMF119SC_SAIPProto']);
      addConn((c = conn));
    } else if (event === 2 && !sameProtection(c.current, keys)) {
      for (const seg of c.current) {
        seg.to = time;
        seg.changedOut = true;
      }
      // The connection keeps the job and addresses of its Init.
      const { job, lowIp, highIp } = c.current[0]!.bucket;
      c.current = openSegment(c, job, lowIp, highIp, time, keys, failed, true, common['SMF119SC_SAIPProto']);
    }
    if (event === 3 || event === 4) {
      if (end === undefined) {
        report('lifecycle', index, off, `${root} > Common[0] > SMF119SC_SAEDate`, 'a termination without an end date');
        return;
      }
      if (event === 4 && end - start >= TEN_SECONDS) report('lifecycle', index, off, path, `Short Term for a connection that lasted ${(end - start) / 100} s`);
      if (!sameProtection(c.current, keys)) report('lifecycle', index, off, `${root} > Common[0] > SMF119SC_SASecProtos`, 'protection at termination differs from the last Init/Change without a Change record');
      c.end = end;
      for (const seg of c.current) seg.to = end;
      removeConn(c);
    }
  };

  const finish = (): CheckResult => {
    while (pending.length > 0) settle(pending.shift()!);
    const skipped: CheckResult['skipped'] = [];
    if (summaryRecords === 0 || detailRecords === 0) {
      const reason = `the file holds ${detailRecords === 0 ? 'no subtype 11' : 'no subtype 12 interval'} records`;
      for (const rule of CROSS_STREAM) if (on(rule)) skipped.push({ rule, reason });
    }
    return {
      findings, errors, warnings, byRule, failed: errors > 0 || (strict && warnings > 0),
      records, detailRecords, summaryRecords, connections, sessionIntervals, skipped,
    };
  };

  const retained = (): Retained => {
    let openConnections = 0;
    for (const head of conns.values()) for (let c: Conn | undefined = head; c !== undefined; c = c.sameId) openConnections++;
    let unsettledSegments = 0;
    for (const b of liveBuckets) unsettledSegments += b.live.length;
    return { openConnections, unsettledSegments, sessions: buckets.size, pendingIntervals: pending.length };
  };
  return { push, finish, retained };
}

function formatTime(t: number): string {
  const day = Math.floor(t / HUNDREDTHS_PER_DAY);
  const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
  const h = t - day * HUNDREDTHS_PER_DAY;
  const pad = (n: number, w = 2): string => String(Math.floor(n)).padStart(w, '0');
  return `${date} ${pad(h / 360_000)}:${pad((h / 6000) % 60)}:${pad((h / 100) % 60)}.${pad(h % 100)}`;
}

/** All records at once (a thin wrapper over `createChecker`). */
export function checkStream(records: Iterable<CheckInput>, opts: CheckOptions = {}): CheckResult {
  const checker = createChecker(opts);
  for (const r of records) checker.push(r);
  return checker.finish();
}
