// The simulated TCP/IP stack: workloads ("apps") open connections over time; each connection's life is
// a list of segments with one protection each (unprotected, TLS, SSH, IPsec; a failed handshake in 3.2).
// Records are views of these segments, so the detail and summary streams tell the same story.

export type Protocol = 'tls' | 'ssh' | 'ipsec' | 'none';

export interface Certificate {
  serial: string;
  notAfter: string;
  keyType: number;
  keyLen: number;
  signature: number;
  encMethod: number;
  digest: number;
  subject: string;
  issuer: string;
}

export interface TlsAttributes {
  version: number;
  suite: string;
  source: 1 | 2;
  provider: string;
  serverCert: Certificate;
  clientCert?: Certificate;
}

export interface SshAttributes {
  version: number;
  comp: string;
  kex: number;
  enc: number;
  mac: number;
  hostKeyType: number;
  hostKeyLen: number;
  fingerprint: string;
}

export interface IpsecAttributes {
  ikeVersion: number;
  localEndpoint: string;
  remoteEndpoint: string;
  authMethod: number;
  dhGroup: number;
  prf: number;
  enc: number;
  auth: number;
  tunnelId: number;
  localCert?: Certificate;
}

/**
 * What protects a connection during one segment of its life. A TLS or SSH session may run inside an IPsec
 * tunnel ("What is zERT": a connection can be protected by several security sessions at once).
 */
export type Protection =
  | { protocol: 'none' }
  | { protocol: 'tls'; tls: TlsAttributes; failed?: boolean; tunnel?: IpsecAttributes }
  | { protocol: 'ssh'; ssh: SshAttributes; failed?: boolean; tunnel?: IpsecAttributes }
  | { protocol: 'ipsec'; ipsec: IpsecAttributes };

/** The IPsec session under a protection, if any. */
export function ipsecOf(p: Protection): IpsecAttributes | undefined {
  return p.protocol === 'ipsec' ? p.ipsec : p.protocol === 'tls' || p.protocol === 'ssh' ? p.tunnel : undefined;
}

export interface App {
  name: string;
  job: string;
  jobId: string;
  user: string;
  role: 'server' | 'client';
  ipv6: boolean;
  localIp: string;
  /** Server port: the local port of a server app, the remote port of a client app. */
  serverPort: number;
  remoteIps: string[];
  ipProto: 6 | 17;
  weight: number;
  protocol: Protocol;
  /** Protection of a connection of this app (of `protocol`) to `peer`, drawn per connection. */
  protect: (rng: Rng, peer: string) => Protection;
  /** Its TLS/SSH sessions run inside IPsec tunnels. */
  overIpsec?: boolean;
  /** Enterprise Extender: each peer-to-peer UDP port (12000-12004) is a separate connection (DECK32 s5). */
  eePorts?: number[];
  /** Share of connections that end within 10 s. */
  shortShare: number;
  /** Handshake failures (written as failed in 3.2, as unprotected before). */
  failShare?: number;
  failReasons?: string[];
  /** Protocols that talk in the clear before the TLS ClientHello (STARTTLS): protection starts later. */
  lateStartShare?: number;
  /** TLS handshake still running at the 10 s timer. */
  slowHandshakeShare?: number;
  /** TLS closed well before the TCP connection. */
  slowCloseShare?: number;
  /** A zERT policy rule matches its connections (2.5+): audit, or audit and reset. */
  policy?: { rule: string; action: 'audit' | 'reset' };
}

/** Release-independent facts of one connection; `segments` decides what each release reports. */
export interface Connection {
  id: number;
  app: App;
  /** Times in hundredths of a second since the simulation start. */
  start: number;
  end: number;
  remoteIp: string;
  remotePort: number;
  localPort: number;
  /** The server side's port (EE: the local port, as aggregation takes the local peer's view). */
  serverPort: number;
  protection: Protection;
  failed: boolean;
  failReason?: string;
  /** When protection starts (late start) or completes (slow handshake), and when TLS closes early. */
  protectedFrom?: number;
  slowHandshake?: boolean;
  tlsClosedAt?: number;
  bytesIn: number;
  bytesOut: number;
  segmentsIn: number;
  segmentsOut: number;
}

export interface Segment {
  from: number;
  to: number;
  protection: Protection;
  /** Whether this segment began, or ended, with a change of protection (not the connection's start or end). */
  changedIn: boolean;
  changedOut: boolean;
}

/** Small seeded PRNG (mulberry32): the same seed gives the same stack. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += this.int(0, 255).toString(16).padStart(2, '0');
    return s.toUpperCase();
  }
  weighted<T extends { weight: number }>(xs: readonly T[]): T {
    const total = xs.reduce((n, x) => n + x.weight, 0);
    let r = this.next() * total;
    for (const x of xs) {
      r -= x.weight;
      if (r < 0) return x;
    }
    return xs[xs.length - 1]!;
  }
}

export const TEN_SECONDS = 1000; // hundredths
/** Before 3.2 the Change to unprotected after an early TLS close comes 1 second after the session ends (DECK32 s26). */
export const CLOSE_TIMER = 100;

/** The protection segments a release reports for a connection (the release differences live here). */
export function segmentsFor(c: Connection, v32: boolean): Segment[] {
  const none: Protection = { protocol: 'none' };
  const whole = (p: Protection): Segment[] => [{ from: c.start, to: c.end, protection: p, changedIn: false, changedOut: false }];
  if (c.failed) {
    // 3.2 reports the failed handshake; earlier releases saw an unprotected connection.
    return whole(v32 ? { ...c.protection, failed: true } as Protection : none);
  }
  const split = (at: number, first: Protection, second: Protection): Segment[] => [
    { from: c.start, to: at, protection: first, changedIn: false, changedOut: true },
    { from: at, to: c.end, protection: second, changedIn: true, changedOut: false },
  ];
  if (c.protectedFrom !== undefined && !(c.slowHandshake && v32)) return split(c.protectedFrom, none, c.protection);
  if (c.tlsClosedAt !== undefined && !v32) return split(c.tlsClosedAt + CLOSE_TIMER, c.protection, none);
  return whole(c.protection);
}
