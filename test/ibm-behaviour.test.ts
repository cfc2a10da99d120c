import { describe, expect, it } from 'vitest';
import { SIGNIFICANT } from '../generators/scenarios/aggregation.js';
import { checkStream } from '../generators/scenarios/check.js';
import { CIPHER_SUITES } from '../generators/scenarios/ciphers.js';
import { scenarioByName } from '../generators/scenarios/named.js';
import { scenarioPlaceholders } from '../generators/scenarios/placeholders.js';
import type { Scenario, TimedRecord } from '../generators/scenarios/simulate.js';
import { intervalProblem, simulate } from '../generators/scenarios/simulate.js';
import type { SectionValue } from '../spec/fields.js';
import { ST11 } from '../spec/tables/st11.js';
import { ST12 } from '../spec/tables/st12.js';
import type { Release } from '../spec/types.js';
import { asInput, common, detail, event, section, small, summaries } from './helpers/sim.js';

// One test per item of issue 9 §1, each built from IBM's sentence (quoted), each failing on the old behaviour.

const run = (name: string, release: Release, seed = 3, scenario?: Scenario): ReturnType<typeof simulate> => simulate(scenario ?? scenarioByName(name)!, small(release, seed));
const exact = { completeWindow: true };
const withChange = (records: TimedRecord[], pick: (t: TimedRecord) => boolean, change: (t: TimedRecord) => void): { records: TimedRecord[]; index: number } => {
  const index = records.findIndex(pick);
  expect(index).toBeGreaterThanOrEqual(0);
  const copy = records.map((t, k) => (k === index ? { ...t, record: structuredClone(t.record) } : t));
  change(copy[index]!);
  return { records: copy, index };
};
const job = (t: TimedRecord): unknown => common(t.record)[t.subtype === 11 ? 'SMF119SC_SAJobname' : 'SMF119SS_SAJobname'];

describe('1. algorithm codes past the public list: "X\'0001\' ... authenticated encryption algorithm like AES-GCM" and the lists go on', () => {
  const sim = run('healthy-tls', '3.2');
  const gcm = (t: TimedRecord): boolean => t.subtype === 11 && section(t.record, 'TLS')?.['SMF119SC_TLS_Neg_Cipher'] === 'C02F';
  it('a real code where ours is unknown is accepted; --strict says it was not checked', () => {
    // Whatever IBM's AES-128-GCM code is, a real system writes it in every record of the suite, both subtypes.
    const records = sim.records.map((t) => {
      const tls = section(t.record, 'TLS');
      const prefix = t.subtype === 11 ? 'SMF119SC_TLS_' : 'SMF119SS_TLS_';
      if (tls?.[`${prefix}Neg_Cipher`] !== 'C02F') return t;
      const copy = structuredClone(t.record);
      section(copy, 'TLS')![`${prefix}CS_Enc_Alg`] = 0x0b;
      return { ...t, record: copy };
    });
    const index = records.findIndex(gcm);
    expect(checkStream(asInput(records, '3.2'), exact).findings).toEqual([]);
    const strict = checkStream(asInput(records, '3.2'), { ...exact, strict: true });
    expect(strict.findings).toContainEqual(expect.objectContaining({ index, rule: 'cipher-code-unknown', severity: 'warning', path: 'st11 > TLS[0] > SMF119SC_TLS_CS_Enc_Alg' }));
    expect(strict.failed).toBe(true);
  });
  it('a known code that contradicts the suite is still an error', () => {
    const { records, index } = withChange(sim.records, gcm, (t) => {
      section(t.record, 'TLS')!['SMF119SC_TLS_CS_Msg_Auth'] = 4; // HMAC-SHA1 on an AEAD suite (X'0001')
    });
    expect(checkStream(asInput(records, '3.2'), exact).findings).toContainEqual(expect.objectContaining({ index, rule: 'cipher', severity: 'error' }));
  });
  it("the simulator's X'0000' is listed as a placeholder for every suite whose code is unknown", () => {
    const marks = scenarioPlaceholders(scenarioByName('healthy-tls')!);
    const gcmSuite = CIPHER_SUITES.find((s) => s.id === 'C02F')!;
    expect(marks).toContainEqual({ algorithm: gcmSuite.name, fields: ['TLS_CS_Enc_Alg', 'TLS_CS_Kex_Alg'] });
    expect(marks.every((m) => m.fields.length > 0)).toBe(true);
    expect(scenarioPlaceholders(scenarioByName('ipsec-ee')!)).toContainEqual({ algorithm: 'IPsec encryption (AES)', fields: ['IPSec_IKETunEncAlg', 'IPSec_EncAlg'] });
  });
});

describe('2. TLS_Handshake_Role: "X\'01\' Client, X\'02\' Server, X\'03\' Server with client authentication"', () => {
  const sim = run('healthy-tls', '3.2');
  const tlsDetail = detail(sim.records).filter((t) => section(t.record, 'TLS'));
  it('a client application writes X\'01\' and the 3.2 client flag; servers X\'02\'/X\'03\'', () => {
    const java = tlsDetail.filter((t) => job(t) === 'JAVABAT');
    expect(java.length).toBeGreaterThan(0);
    for (const t of java) {
      expect(section(t.record, 'TLS')!['SMF119SC_TLS_Handshake_Role']).toBe(1);
      expect(Number(common(t.record)['SMF119SC_SAFlags']) & 0x18).toBe(0x08);
    }
    for (const t of tlsDetail.filter((x) => job(x) === 'MQPRCHIN')) expect(section(t.record, 'TLS')!['SMF119SC_TLS_Handshake_Role']).toBe(3);
    for (const t of tlsDetail.filter((x) => job(x) === 'CICSPRD1')) expect(section(t.record, 'TLS')!['SMF119SC_TLS_Handshake_Role']).toBe(2);
  });
  it('check: a client socket with a server role is an error', () => {
    const { records, index } = withChange(sim.records, (t) => t.subtype === 11 && job(t) === 'JAVABAT' && section(t.record, 'TLS') !== undefined, (t) => {
      section(t.record, 'TLS')!['SMF119SC_TLS_Handshake_Role'] = 2;
    });
    expect(checkStream(asInput(records, '3.2'), exact).findings).toContainEqual(expect.objectContaining({ index, rule: 'tls-role', severity: 'error' }));
  });
});

describe('3. IKE local certificate: populated only if the local auth method is "RSA, ECDSA, or Digital signature ... Otherwise, all fields set to zero" (DECK32 s17)', () => {
  const sim = run('ipsec-ee', '3.2');
  const ndm = sim.records.filter((t) => (t.subtype === 12 ? event(t) === 1 : [1, 3, 4].includes(event(t))) && job(t) === 'NDMPROC');
  const certFields = (s: SectionValue, tag: string): [string, unknown][] => Object.entries(s).filter(([k, v]) => k.startsWith(`SMF119${tag}_IPSec_LclCert_`) && v !== 0 && v !== null && v !== '');
  it('pre-shared key: no local certificate fields in either subtype; RSA signature (EE): filled', () => {
    expect(ndm.some((t) => t.subtype === 11) && ndm.some((t) => t.subtype === 12)).toBe(true);
    for (const t of ndm) {
      const ipsec = section(t.record, 'IPSec')!;
      expect(ipsec[t.subtype === 11 ? 'SMF119SC_IPSec_IKETunLclAuthMeth' : 'SMF119SS_IPSec_IKETunLclAuthMeth']).toBe(3);
      expect(certFields(ipsec, t.subtype === 11 ? 'SC' : 'SS')).toEqual([]);
    }
    const ee = detail(sim.records).find((t) => job(t) === 'NET')!;
    expect(certFields(section(ee.record, 'IPSec')!, 'SC').length).toBeGreaterThan(0);
  });
  it.each([11, 12] as const)('check: a certificate key length under a pre-shared key is an error (subtype %i)', (subtype) => {
    const tag = subtype === 11 ? 'SC' : 'SS';
    const { records, index } = withChange(sim.records, (t) => t.subtype === subtype && job(t) === 'NDMPROC' && section(t.record, 'IPSec') !== undefined, (t) => {
      section(t.record, 'IPSec')![`SMF119${tag}_IPSec_LclCert_Key_Len`] = 2048;
    });
    expect(checkStream(asInput(records, '3.2'), exact).findings).toContainEqual(expect.objectContaining({ index, rule: 'ike-local-cert', path: `st${subtype} > IPSec[0] > SMF119${tag}_IPSec_LclCert_Key_Len` }));
  });
});

describe('4. aggregation "does not report or consider informational security cryptographic attributes": one key from the tables', () => {
  it('the tables mark the key fields; informational ones (serials, data source) are out', () => {
    expect(SIGNIFICANT.Common).toEqual(expect.arrayContaining(['SMF119SS_SASrvIP', 'SMF119SS_SACltIP', 'SMF119SS_SASrvPortStart', 'SMF119SS_SASrvPortEnd', 'SMF119SS_SAJobname', 'SMF119SS_SAFlags']));
    expect(SIGNIFICANT.TLS).toEqual(expect.arrayContaining(['SMF119SS_TLS_CryptoFlags', 'SMF119SS_TLS_SCert_Key_Type', 'SMF119SS_TLS_SCert_Key_Len']));
    expect(SIGNIFICANT.SSH).toEqual(expect.arrayContaining(['SMF119SS_SSH_Auth_Method', 'SMF119SS_SSH_SKey_Type', 'SMF119SS_SSH_Out_Enc_Alg', 'SMF119SS_SSH_Out_Msg_Auth']));
    expect(SIGNIFICANT.IPSec).toEqual(expect.arrayContaining(['SMF119SS_IPSec_IKEMajVer', 'SMF119SS_IPSec_IKETunLclEndpt', 'SMF119SS_IPSec_IKETunLclAuthMeth', 'SMF119SS_IPSec_IKETunPseudoRandFunc', 'SMF119SS_IPSec_PFSGroup', 'SMF119SS_IPSec_EncapMode', 'SMF119SS_IPSec_AuthProto']));
    const all = [...SIGNIFICANT.TLS, ...SIGNIFICANT.SSH, ...SIGNIFICANT.IPSec];
    for (const f of ['SMF119SS_TLS_SCert_Serial', 'SMF119SS_TLS_SCert_Time', 'SMF119SS_TLS_Source', 'SMF119SS_SSH_Source']) expect(all).not.toContain(f);
    const serial = ST12.sections.find((s) => s.key === 'TLS')!.fields.find((f) => f.name === 'SMF119SS_TLS_SCert_Serial')!;
    expect(serial.significance).toEqual(expect.objectContaining({ aggregation: 'informational', source: expect.arrayContaining(['PACSYS-JSON11']) }));
  });
  it('two certificates that differ only in serial number make one session, not two', () => {
    const base = scenarioByName('healthy-tls')!;
    const scenario: Scenario = {
      ...base,
      apps: (r) => base.apps(r).slice(0, 1).map((a) => ({ ...a, protect: (x, peer) => {
        const p = a.protect(x, peer);
        return p.protocol === 'tls' ? { ...p, tls: { ...p.tls, serverCert: { ...p.tls.serverCert, serial: x.chance(0.5) ? '0A0B0C' : '0D0E0F' } } } : p;
      } })),
    };
    const sim = run('', '3.2', 4, scenario);
    const perInterval = new Map<string, number>();
    for (const t of summaries(sim.records)) {
      const c = common(t.record);
      const key = [t.time, c['SMF119SS_SACltIP'], section(t.record, 'TLS')!['SMF119SS_TLS_Neg_Cipher']].join('|');
      perInterval.set(key, (perInterval.get(key) ?? 0) + 1);
    }
    expect(perInterval.size).toBeGreaterThan(0);
    expect([...perInterval.values()].every((n) => n === 1)).toBe(true);
    expect(checkStream(asInput(sim.records, '3.2'), exact).findings).toEqual([]);
  });
  it('check keeps sessions apart on an attribute the old key ignored (SSH outbound MAC)', () => {
    const sim = run('mixed-estate', '3.2');
    const ssh = detail(sim.records).find((t) => section(t.record, 'SSH') && event(t) === 1)!;
    const id = common(ssh.record)['SMF119SC_SAConnID'];
    const records = sim.records.map((t) => {
      if (t.subtype !== 11 || common(t.record)['SMF119SC_SAConnID'] !== id) return t;
      const copy = structuredClone(t.record);
      section(copy, 'SSH')!['SMF119SC_SSH_Out_Msg_Auth'] = 3;
      return { ...t, record: copy };
    });
    const rules = checkStream(asInput(records, '3.2'), exact).findings.map((f) => f.rule);
    expect(rules).toContain('summary-missing');
  });
});

describe('5. "a connection can be protected by several security sessions at once" (What is zERT): TLS over IPsec', () => {
  const sim = run('tls-over-ipsec', '3.2');
  it('subtype 11: SASecProtos TLS and IPsec, both sections; subtype 12: one session per protocol', () => {
    const both = detail(sim.records).filter((t) => job(t) === 'MQPART');
    expect(both.length).toBeGreaterThan(0);
    for (const t of both) {
      expect(common(t.record)['SMF119SC_SASecProtos']).toBe(0xa0);
      expect(section(t.record, 'TLS')).toBeDefined();
      expect(section(t.record, 'IPSec')).toBeDefined();
    }
    const mq = summaries(sim.records).filter((t) => job(t) === 'MQPART');
    for (const t of mq) expect([0x80, 0x20]).toContain(common(t.record)['SMF119SS_SASecProtos']);
    for (const time of new Set(mq.map((t) => t.time))) {
      const protos = new Set(mq.filter((t) => t.time === time).map((t) => common(t.record)['SMF119SS_SASecProtos']));
      expect(protos).toEqual(new Set([0x80, 0x20]));
    }
  });
  it('check: a summary record with two protocols is an error', () => {
    const { records, index } = withChange(sim.records, (t) => t.subtype === 12 && event(t) === 1 && job(t) === 'MQPART', (t) => {
      common(t.record)['SMF119SS_SASecProtos'] = 0xa0;
    });
    expect(checkStream(asInput(records, '3.2'), exact).findings).toContainEqual(expect.objectContaining({ index, rule: 'summary-protocols' }));
  });
});

describe('6. Enterprise Extender: "both a Connection Initiation and a Connection Termination event are generated"; "each peer-to-peer UDP port is a separate EE connection"', () => {
  const sim = simulate(scenarioByName('ipsec-ee')!, { ...small('3.2', 6), duration: 3600 });
  const ee = detail(sim.records).filter((t) => job(t) === 'NET');
  it('the tunnel remote endpoint is the peer; ports 12000-12004 on both sides; never a Short Term', () => {
    expect(ee.length).toBeGreaterThan(20);
    for (const t of ee) {
      const c = common(t.record);
      expect(section(t.record, 'IPSec')!['SMF119SC_IPSec_IKETunRmtEndpt']).toBe(c['SMF119SC_SARIP']);
      expect(c['SMF119SC_SALPort']).toBe(c['SMF119SC_SARPort']);
      expect(Number(c['SMF119SC_SALPort'])).toBeGreaterThanOrEqual(12000);
      expect(Number(c['SMF119SC_SALPort'])).toBeLessThanOrEqual(12004);
      expect(event(t)).not.toBe(4);
    }
    expect(new Set(ee.map((t) => common(t.record)['SMF119SC_SALPort'])).size).toBeGreaterThan(1);
    const ended = sim.connections.filter((c) => c.app.job === 'NET' && c.end <= 360_000);
    for (const c of ended) expect(ee.filter((t) => common(t.record)['SMF119SC_SAConnID'] === c.id).map(event)).toEqual([1, 3]);
  });
  it('check: a Short Term for UDP is an error', () => {
    const { records, index } = withChange(sim.records, (t) => t.subtype === 11 && job(t) === 'NET' && event(t) === 1, (t) => {
      common(t.record)['SMF119SC_SAEvent_Type'] = 4;
    });
    expect(checkStream(asInput(records, '3.2')).findings).toContainEqual(expect.objectContaining({ index, rule: 'ee-short-term', severity: 'error' }));
  });
});

describe('7. IP filtering: filter information "if IP filtering enabled"; IPsec traffic is "permitted with IPSec protection" (X\'02\')', () => {
  it("with filtering: IP filter section, action X'02' for IPsec and SASecFlags X'20'; without: neither", () => {
    const on = run('ipsec-ee', '3.2');
    for (const t of detail(on.records)) {
      expect(Number(common(t.record)['SMF119SC_SASecFlags']) & 0x20).toBe(0x20);
      expect(section(t.record, 'IPFilter')).toEqual(expect.objectContaining({ SMF119SC_IPFlt_InbAct: 2, SMF119SC_IPFlt_OutAct: 2 }));
    }
    const off = run('', '3.2', 3, { ...scenarioByName('ipsec-ee')!, ipFiltering: false });
    for (const t of detail(off.records)) {
      expect(Number(common(t.record)['SMF119SC_SASecFlags']) & 0x20).toBe(0);
      expect(section(t.record, 'IPFilter')).toBeUndefined();
    }
    expect(checkStream(asInput(off.records, '3.2'), exact).findings).toEqual([]);
  });
  it("check: IPsec traffic permitted in the clear (X'01') is an error", () => {
    const sim = run('ipsec-ee', '3.2');
    const { records, index } = withChange(sim.records, (t) => t.subtype === 11 && section(t.record, 'IPFilter') !== undefined, (t) => {
      Object.assign(section(t.record, 'IPFilter')!, { SMF119SC_IPFlt_InbAct: 1, SMF119SC_IPFlt_OutAct: 1 });
    });
    expect(checkStream(asInput(records, '3.2'), exact).findings).toContainEqual(expect.objectContaining({ index, rule: 'ip-filter', severity: 'error' }));
  });
});

describe('8. "Secure session ends, 1 s later a Protection State Change record, then Term showing no crypto protection" (DECK32 s26)', () => {
  it('before 3.2 the Change to unprotected comes 1 second after the TLS close, not at it', () => {
    const sim = run('late-tls-start', '3.1', 11);
    const closed = sim.connections.filter((c) => c.tlsClosedAt !== undefined && c.end <= 120_000);
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) {
      const change = detail(sim.records).find((t) => common(t.record)['SMF119SC_SAConnID'] === c.id && event(t) === 2)!;
      expect(change.time).toBe(c.tlsClosedAt! + 100);
      expect(common(change.record)['SMF119SC_SASecProtos']).toBe(0);
    }
  });
});

describe('9. "Maximum z/OS system\'s SMF interval is 60 minutes"; INTVAL from 2.5 (2.3/2.4 with PH25049)', () => {
  it('above 3600 s: fine from 2.5, a warning naming PH25049 before, never below 1 s', () => {
    expect(intervalProblem('2.5', 7200)).toBeUndefined();
    expect(intervalProblem('3.2', 7200)).toBeUndefined();
    expect(intervalProblem('2.3', 3600)).toBeUndefined();
    expect(intervalProblem('2.4', 7200)).toEqual({ severity: 'warning', message: expect.stringContaining('PH25049') });
    expect(intervalProblem('3.2', 0)?.severity).toBe('error');
  });
});

describe('10. "zERT enforcement applies only to TCP traffic. It does not apply to UDP traffic (including EE)."', () => {
  const sim = run('enforcement-audit', '2.5');
  it('a rule matching EE writes no audit record; TLS audit records carry stream-observation data (source X\'01\')', () => {
    const audits = detail(sim.records).filter((t) => event(t) === 7);
    expect(audits.length).toBeGreaterThan(0);
    expect(detail(sim.records).some((t) => job(t) === 'NET')).toBe(true);
    for (const t of audits) {
      expect(common(t.record)['SMF119SC_SAIPProto']).toBe(6);
      const tls = section(t.record, 'TLS');
      if (tls) expect(tls['SMF119SC_TLS_Source']).toBe(1);
    }
  });
  it('check: an audit record for UDP is an error', () => {
    const { records, index } = withChange(sim.records, (t) => t.subtype === 11 && event(t) === 7, (t) => {
      common(t.record)['SMF119SC_SAIPProto'] = 17;
    });
    expect(checkStream(asInput(records, '2.5')).findings).toContainEqual(expect.objectContaining({ index, rule: 'enforcement-tcp', severity: 'error' }));
  });
});

describe("11. subtype 12 failed handshake: all zero \"except SMF119SS_TLS_Source and SMF119SS_TLS_Neg_Cipher\"; 'FFFFFF' is stated for subtype 11", () => {
  it("the subtype 12 table marks its 'FFFFFF' inferred, subtype 11's is IBM's", () => {
    const st12 = ST12.sections.find((s) => s.key === 'TLS')!.failedHandshake!;
    expect(st12.fixed).toEqual({ SMF119SS_TLS_Neg_Cipher: 'FFFFFF' });
    expect(st12.fixedConfidence).toBe('inferred');
    const st11 = ST11.sections.find((s) => s.key === 'TLS')!.failedHandshake!;
    expect(st11.fixedConfidence).toBeUndefined();
  });
});
