import { PLACEHOLDER_CODE } from './ciphers.js';
import type { App, Certificate, IpsecAttributes, Protection, Rng } from './model.js';
import type { Scenario } from './simulate.js';

// Named scenarios: workloads a z/OS stack typically runs, each stressing one aspect of zERT reporting.

const T12 = 0x0303;
const T13 = 0x0304;

function cert(rng: Rng, cn: string, o: { notAfter?: string; ecc?: boolean; keyLen?: number; issuer?: string } = {}): Certificate {
  const ecc = o.ecc ?? false;
  return {
    serial: rng.hex(rng.int(8, 20)),
    notAfter: o.notAfter ?? `20${rng.int(26, 29)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T23:59:59Z`,
    keyType: ecc ? 5 : 2,
    keyLen: o.keyLen ?? (ecc ? 256 : 2048),
    signature: 7,
    encMethod: ecc ? 4 : 2,
    digest: 6,
    subject: `CN=${cn},OU=Mainframe,O=Example Corp,C=US`,
    issuer: o.issuer ?? 'CN=Example Issuing CA 2,O=Example Corp,C=US',
  };
}

const tls = (version: number, suite: string, provider: string, serverCert: Certificate, clientCert?: Certificate): Protection => ({
  protocol: 'tls',
  tls: { version, suite, source: provider === 'Observation' ? 1 : 2, provider, serverCert, ...(clientCert ? { clientCert } : {}) },
});

/** Protections an app's connections share, drawn by index: one object each, not one per open connection. */
const tlsSuites = (version: number, suites: string[], provider: string, serverCert: Certificate, clientCert?: Certificate): Protection[] => suites.map((suite) => tls(version, suite, provider, serverCert, clientCert));
const CLEAR: Protection = { protocol: 'none' };
const always = (p: Protection) => (): Protection => p;
/** One protection per peer, made on first use (connections to a peer share it). */
function perPeer(make: (peer: string) => Protection): (rng: Rng, peer: string) => Protection {
  const made = new Map<string, Protection>();
  return (_rng, peer) => {
    let p = made.get(peer);
    if (!p) made.set(peer, (p = make(peer)));
    return p;
  };
}

const clients = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${10 + i}`);
const clients6 = (n: number): string[] => Array.from({ length: n }, (_, i) => `2001:db8:100::${(0x20 + i).toString(16)}`);

interface AppSpec extends Omit<App, 'jobId' | 'ipv6' | 'ipProto' | 'weight' | 'shortShare'> {
  weight?: number;
  shortShare?: number;
  ipProto?: 6 | 17;
}
function app(rng: Rng, spec: AppSpec): App {
  return { weight: 1, shortShare: 0.25, ipProto: 6, ...spec, ipv6: spec.localIp.includes(':'), jobId: `STC${String(rng.int(1000, 99999)).padStart(5, '0')}` };
}

function cicsTls(rng: Rng, weight = 4): App {
  const server = cert(rng, 'cics.example.com');
  const tls12 = tlsSuites(T12, ['C02F', 'C030'], 'IBM System SSL', server);
  const tls13 = tlsSuites(T13, ['1301', '1302'], 'IBM System SSL', server);
  return app(rng, {
    name: 'CICS web services over AT-TLS', job: 'CICSPRD1', user: 'CICSUSR', role: 'server', localIp: '10.1.1.10', serverPort: 443,
    remoteIps: clients('10.20.0.', 8), protocol: 'tls', weight,
    protect: (r) => (r.chance(0.7) ? r.pick(tls12) : r.pick(tls13)),
  });
}

function mqTls(rng: Rng, weight = 2): App {
  const server = cert(rng, 'mq.example.com', { ecc: true });
  const client = cert(rng, 'mqclient.example.com', { ecc: true });
  return app(rng, {
    name: 'MQ channels, mutual TLS', job: 'MQPRCHIN', user: 'MQUSER', role: 'server', localIp: '10.1.1.11', serverPort: 1414,
    remoteIps: clients('10.30.0.', 3), protocol: 'tls', weight, shortShare: 0.05,
    protect: always(tls(T12, 'C02B', 'IBM System SSL', server, client)),
  });
}

function javaClient(rng: Rng, weight = 2): App {
  const server = cert(rng, 'api.partner.example');
  const [tls13, tls12] = [tls(T13, '1301', 'IBM JSSE', server), tls(T12, 'C02F', 'IBM JSSE', server)];
  return app(rng, {
    name: 'Java batch calling a partner API (JSSE with ZERTJSSE)', job: 'JAVABAT', user: 'BATCHUSR', role: 'client', localIp: '10.1.1.12', serverPort: 8443,
    remoteIps: ['192.0.2.44'], protocol: 'tls', weight,
    // The provider string zERT writes for ZERTJSSE is not documented; this one is a placeholder.
    protect: (r) => (r.chance(0.5) ? tls13 : tls12),
  });
}

function sshd(rng: Rng, weight = 1): App {
  return app(rng, {
    name: 'z/OS OpenSSH sshd and sftp', job: 'SSHD5', user: 'OMVSKERN', role: 'server', localIp: '10.1.1.13', serverPort: 22,
    remoteIps: clients('10.40.0.', 4), protocol: 'ssh', weight,
    protect: (r) => ({ protocol: 'ssh', ssh: { version: 2, comp: r.pick(['SSHD', 'SFTPS']), kex: r.pick([2, 6]), enc: PLACEHOLDER_CODE /* aes-ctr: code past the public list */, mac: r.pick([4, 5]), hostKeyType: 5, hostKeyLen: 256, fingerprint: r.hex(32) } }),
  });
}

/** An IKEv2 host-to-host tunnel to `peer`; AES encryption is past the public code list (placeholder). */
function tunnel(localEndpoint: string, peer: string, authMethod: number, tunnelId: number, localCert?: Certificate): IpsecAttributes {
  return { ikeVersion: 2, localEndpoint, remoteEndpoint: peer, authMethod, dhGroup: 19, prf: 2, enc: PLACEHOLDER_CODE, auth: 5, tunnelId, ...(localCert ? { localCert } : {}) };
}

function eeIpsec(rng: Rng, weight = 1, policy?: App['policy']): App {
  const localCert = cert(rng, 'ee.example.com');
  return app(rng, {
    name: 'Enterprise Extender over IPsec', job: 'NET', user: 'VTAM', role: 'server', localIp: '10.1.1.14', serverPort: 12000,
    // "Each peer-to-peer UDP port is considered a separate EE connection" (DECK32 s5): ports 12000-12004 on both sides.
    eePorts: [12000, 12001, 12002, 12003, 12004],
    remoteIps: ['10.50.0.2', '10.50.0.3'], protocol: 'ipsec', weight, ipProto: 17, shortShare: 0, ...(policy ? { policy } : {}),
    // The tunnel's remote endpoint is the EE peer itself (RSA signature authentication: local certificate reported).
    protect: perPeer((peer) => ({ protocol: 'ipsec', ipsec: tunnel('10.1.1.14', peer, 2, 0x100, localCert) })),
  });
}

function tn3270Clear(rng: Rng, weight = 2): App {
  return app(rng, {
    name: 'TN3270 in the clear', job: 'TN3270', user: 'TCPIP', role: 'server', localIp: '10.1.1.15', serverPort: 23,
    remoteIps: clients('10.60.0.', 10), protocol: 'none', weight,
    protect: () => CLEAR,
  });
}

function db2Ipv6(rng: Rng, weight = 2): App {
  const server = cert(rng, 'db2.example.com');
  return app(rng, {
    name: 'DB2 DRDA over IPv6 and AT-TLS', job: 'DB2ADIST', user: 'DB2USER', role: 'server', localIp: '2001:db8:1::10', serverPort: 5001,
    remoteIps: clients6(4), protocol: 'tls', weight,
    protect: always(tls(T12, 'C030', 'IBM System SSL', server)),
  });
}

const AT_TLS_FAILURES = ['no common cipher suite', 'key ring not found', 'certificate not found in key ring', 'TLS 1.3 key share mismatch (HelloRetryRequest failed)', 'peer certificate expired'];

export const SCENARIOS: Scenario[] = [
  {
    name: 'healthy-tls',
    description: 'modern TLS 1.2/1.3 everywhere: CICS, MQ with client certificates, Java via JSSE',
    apps: (r) => [cicsTls(r), mqTls(r), javaClient(r)],
  },
  {
    name: 'mixed-estate',
    description: 'a realistic mix: TLS, SSH, IPsec EE, IPv6 DB2 and TN3270 in the clear; zERT enabled at start, disabled at end',
    enableDisable: true,
    apps: (r) => [cicsTls(r, 3), mqTls(r, 1), sshd(r, 1), eeIpsec(r, 1), tn3270Clear(r, 2), db2Ipv6(r, 1)],
  },
  {
    name: 'handshake-failures',
    description: 'AT-TLS handshakes failing (no common cipher, missing key ring or certificate, TLS 1.3 key share) and failed SSH handshakes',
    apps: (r) => {
      const cics = cicsTls(r, 3);
      const ssh = sshd(r, 1);
      return [{ ...cics, failShare: 0.3, failReasons: AT_TLS_FAILURES }, { ...ssh, failShare: 0.25, failReasons: ['no matching key exchange method', 'host key verification failed'] }, mqTls(r, 1)];
    },
  },
  {
    name: 'late-tls-start',
    description: 'STARTTLS-style protocols (SMTP, FTP AUTH TLS) that talk in the clear first: unprotected, then a Change; plus handshakes still running at the 10 s timer and TLS closed before TCP',
    apps: (r) => {
      const smtpCert = cert(r, 'smtp.example.com');
      const ftpCert = cert(r, 'ftp.example.com');
      const smtp = app(r, { name: 'CSSMTP with STARTTLS', job: 'CSSMTP', user: 'SMTPUSR', role: 'server', localIp: '10.1.1.16', serverPort: 25, remoteIps: clients('10.70.0.', 5), protocol: 'tls', shortShare: 0, lateStartShare: 0.8, protect: always(tls(T12, 'C02F', 'IBM System SSL', smtpCert)) });
      const ftp = app(r, { name: 'FTP server with AUTH TLS', job: 'FTPD1', user: 'FTPUSR', role: 'server', localIp: '10.1.1.17', serverPort: 21, remoteIps: clients('10.71.0.', 5), protocol: 'tls', shortShare: 0, lateStartShare: 0.5, slowHandshakeShare: 0.3, slowCloseShare: 0.3, protect: always(tls(T12, 'C030', 'IBM System SSL', ftpCert)) });
      return [smtp, ftp];
    },
  },
  {
    name: 'weak-ciphers',
    description: 'MEDIUM and WEAK suites next to STRONG ones: RSA key exchange, 3DES, RC4, SSLv3 and TLS 1.0 leftovers',
    apps: (r) => {
      const legacy = cert(r, 'legacy.example.com', { keyLen: 1024 });
      const ssl3 = tlsSuites(0x0300, ['0005', '0004', '000A'], 'IBM System SSL', legacy);
      const tls10 = tlsSuites(0x0301, ['000A', '0016', '002F', '0009'], 'IBM System SSL', legacy);
      const rsa12 = tlsSuites(T12, ['009C', '003C', '002F'], 'IBM System SSL', legacy);
      return [
        cicsTls(r, 2),
        app(r, { name: 'legacy host-to-host file transfer', job: 'XFERLEG', user: 'XFERUSR', role: 'server', localIp: '10.1.1.18', serverPort: 4433, remoteIps: clients('10.80.0.', 3), protocol: 'tls', weight: 2, protect: (x) => (x.chance(0.4) ? x.pick(ssl3) : x.pick(tls10)) }),
        app(r, { name: 'RSA key exchange on TLS 1.2', job: 'APPRSA', user: 'APPUSR', role: 'server', localIp: '10.1.1.19', serverPort: 8444, remoteIps: clients('10.81.0.', 3), protocol: 'tls', protect: (x) => x.pick(rsa12) }),
      ];
    },
  },
  {
    name: 'cert-expiry',
    description: 'server certificates near or past their not-after dates (UTCTime and GeneralizedTime), in subtype 11 and 3.2 subtype 12',
    apps: (r) => [
      app(r, { name: 'expired certificate', job: 'WEBOLD', user: 'WEBUSR', role: 'server', localIp: '10.1.1.20', serverPort: 443, remoteIps: clients('10.90.0.', 4), protocol: 'tls', protect: always(tls(T12, 'C02F', 'IBM System SSL', cert(r, 'old.example.com', { notAfter: '2025-05-31T23:59:59Z' }))) }),
      app(r, { name: 'certificate expiring within days', job: 'WEBSOON', user: 'WEBUSR', role: 'server', localIp: '10.1.1.21', serverPort: 443, remoteIps: clients('10.91.0.', 4), protocol: 'tls', protect: always(tls(T12, 'C030', 'IBM System SSL', cert(r, 'soon.example.com', { notAfter: '2025-07-04T12:00:00Z' }))) }),
      app(r, { name: 'long-lived CA-style certificate (GeneralizedTime)', job: 'WEBLONG', user: 'WEBUSR', role: 'server', localIp: '10.1.1.22', serverPort: 443, remoteIps: clients('10.92.0.', 4), protocol: 'tls', protect: always(tls(T13, '1302', 'IBM System SSL', cert(r, 'long.example.com', { notAfter: '2055-12-31T23:59:59Z' }))) }),
    ],
  },
  {
    name: 'enforcement-audit',
    description: 'zERT policy rules (2.5+) matching TLS 1.0 and cleartext connections: audit records (event 7, enforcement section layout unknown, written absent) and resets',
    apps: (r) => {
      const legacy = cert(r, 'legacy.example.com');
      return [
        cicsTls(r, 2),
        app(r, { name: 'TLS 1.0 client hit by an audit rule', job: 'OLDAPP', user: 'APPUSR', role: 'server', localIp: '10.1.1.23', serverPort: 4443, remoteIps: clients('10.95.0.', 3), protocol: 'tls', policy: { rule: 'AUDIT-TLS10', action: 'audit' }, protect: always(tls(0x0301, '002F', 'IBM System SSL', legacy)) }),
        app(r, { name: 'cleartext reset by policy', job: 'CLEARAPP', user: 'APPUSR', role: 'server', localIp: '10.1.1.24', serverPort: 8080, remoteIps: clients('10.96.0.', 3), protocol: 'none', policy: { rule: 'RESET-CLEARTEXT', action: 'reset' }, protect: () => CLEAR }),
        // A rule that also matches EE: "zERT enforcement applies only to TCP traffic" (IBM ENF), so no audit records.
        eeIpsec(r, 1, { rule: 'AUDIT-ALL-10NET', action: 'audit' }),
      ];
    },
  },
  {
    name: 'ipsec-ee',
    description: 'Enterprise Extender (UDP 12000-12004) and other traffic protected by IPsec tunnels',
    apps: (r) => {
      const ndmCert = cert(r, 'ndm.example.com');
      return [
        eeIpsec(r, 3),
        // Pre-shared key: the key ring still holds a certificate, but zERT reports no local certificate (DECK32 s17).
        app(r, { name: 'host-to-host over IPsec (TCP, pre-shared key)', job: 'NDMPROC', user: 'NDMUSR', role: 'client', localIp: '10.1.1.25', serverPort: 1364, remoteIps: ['10.55.0.5'], protocol: 'ipsec', protect: perPeer((peer) => ({ protocol: 'ipsec', ipsec: { ...tunnel('10.1.1.25', peer, 3, 0x200, ndmCert), dhGroup: 14, prf: 3 } })) }),
      ];
    },
  },
  {
    name: 'tls-over-ipsec',
    description: 'TLS sessions inside IPsec tunnels (two security sessions on one connection: both sections in subtype 11, one summary per protocol), next to plain IPsec EE',
    apps: (r) => {
      const server = cert(r, 'partner-gw.example.com');
      const ikeCert = cert(r, 'ike.example.com', { ecc: true });
      return [
        app(r, {
          name: 'MQ to a partner: TLS over an IKEv2 tunnel', job: 'MQPART', user: 'MQUSER', role: 'client', localIp: '10.1.1.26', serverPort: 1414,
          remoteIps: ['198.51.100.7', '198.51.100.8'], protocol: 'tls', overIpsec: true, shortShare: 0.1,
          protect: perPeer((peer) => ({ ...tls(T12, 'C030', 'IBM System SSL', server), tunnel: tunnel('10.1.1.26', peer, 4, 0x300, ikeCert) } as Protection)),
        }),
        eeIpsec(r, 1),
      ];
    },
  },
];

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
