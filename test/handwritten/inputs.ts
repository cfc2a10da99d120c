import type { Fields, Spec } from '../helpers/refbuilder.js';
import { buildExpected } from '../helpers/refbuilder.js';

// Inputs of the corpus's hand-written cases (conformance/corpus/cases/hw-*.smf), built by refbuilder from the
// reference JSON's offsets and glibc's IBM-1047 alone: nothing from spec/ or our encoder. Values are written as
// the bytes go: times in hundredths of a second, dates packed 0cyydddF, IP addresses as hex. The expected JSON
// beside each input is written by hand; test/handwritten.test.ts rebuilds these bytes and compares.

const DATE = 'x:0125181F'; // 2025 day 181 = 2025-06-30
const IPV4 = (a: number, b: number, c: number, d: number): string => `x:${[a, b, c, d].map((x) => x.toString(16).padStart(2, '0')).join('')}${'00'.repeat(12)}`;

const header: Fields = { SMF119HDFlags: 0x5e, SMF119HDTime: 5060251 /* 14:03:22.51 */, SMF119HDDate: DATE, SMF119HDSID: 'SYS1' };
// SMF119TI_ReleaseID's exact text per release is not documented: 'CS V2R4' style is an assumption.
const ident = (reason: number, release: string): Fields => ({
  SMF119TI_SYSName: 'SYS1', SMF119TI_SysplexName: 'PLEXA', SMF119TI_Stack: 'TCPIP', SMF119TI_ReleaseID: `CS V${release[0]}R${release[2]}`, SMF119TI_Comp: 'STACK',
  SMF119TI_ASName: 'TCPIP', SMF119TI_UserID: 'TCPIP', SMF119TI_ASID: 0x3a, SMF119TI_Reason: reason,
});

/** Subtype 11 common section: a CICS server on 10.1.1.1:443, client 10.20.30.40:50123, started 14:03:12.00. */
const common11 = (extra: Fields): Fields => ({
  SMF119SC_SAIPProto: 6, SMF119SC_SAJobname: 'CICSPROD', SMF119SC_SAJobID: 'STC04711', SMF119SC_SAUserID: 'CICSUSR',
  SMF119SC_SASTime: 5059200, SMF119SC_SASDate: DATE, SMF119SC_SARIP: IPV4(10, 20, 30, 40), SMF119SC_SALIP: IPV4(10, 1, 1, 1),
  SMF119SC_SARPort: 50123, SMF119SC_SALPort: 443, SMF119SC_SAConnID: 0x1a2b, ...extra,
});
const st11 = (release: string, sections: Record<string, Fields[]>): Spec => ({ subtype: 11, release, header: { ...header, SMF119HDSubType: 11 }, sections: { Ident: [ident(0x08, release)], ...sections } });

/** A full TLS 1.2 handshake, ECDHE-RSA with AES-128-GCM (suite C02F), as the server. */
const tls12Session: Fields = {
  SMF119SC_TLS_Prot_Ver: 0x0303, SMF119SC_TLS_Source: 2, SMF119SC_TLS_Handshake_Type: 1, SMF119SC_TLS_Handshake_Role: 2,
  SMF119SC_TLS_Protocol_Provider: 'IBM System SSL', SMF119SC_TLS_Neg_Cipher: 'C02F',
};

/** Subtype 12 interval record: server 10.1.1.1:443, client 10.20.30.40, a 15-minute interval (900 s x 10^6 us x 4096, TOD bit 51 = 1 us). */
const common12 = (extra: Fields): Fields => ({
  SMF119SS_SAIntervalDuration: 3686400000000n, SMF119SS_SAEvent_Type: 1, SMF119SS_SAFlags: 0x40, SMF119SS_SAJobname: 'CICSPROD',
  SMF119SS_SAUserID: 'CICSUSR', SMF119SS_SAIPProto: 6, SMF119SS_SASrvIP: IPV4(10, 1, 1, 1), SMF119SS_SACltIP: IPV4(10, 20, 30, 40),
  SMF119SS_SASrvPortStart: 443, SMF119SS_SASrvPortEnd: 443, ...extra,
});
const st12 = (release: string, reason: number, sections: Record<string, Fields[]>): Spec => ({
  subtype: 12, release, header: { ...header, SMF119HDSubType: 12 }, sections: { Ident: [ident(reason, release)], ...sections },
});

export const HAND_BUILT: Record<string, Spec[]> = {
  'hw-st11-3.2-failed-tls': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 4, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10, SMF119SC_SAETime: 5059325, SMF119SC_SAEDate: DATE, SMF119SC_SAInBytes: 517, SMF119SC_SAOutBytes: 7, SMF119SC_SAInSegDG: 3, SMF119SC_SAOutSegDG: 2 })],
      S3: [{ SMF119SC_TLS_Source: 2, SMF119SC_TLS_Handshake_Type: 3, SMF119SC_TLS_Protocol_Provider: 'IBM System SSL', SMF119SC_TLS_Neg_Cipher: 'FFFFFF' }],
    }),
  ],
  'hw-st11-3.2-failed-ssh': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 4, SMF119SC_SASecProtos: 0x40, SMF119SC_SAFlags: 0x10, SMF119SC_SAJobname: 'SSHD8', SMF119SC_SAJobID: 'STC00022', SMF119SC_SAUserID: 'SSHDAEM', SMF119SC_SALPort: 22, SMF119SC_SAETime: 5059410, SMF119SC_SAEDate: DATE, SMF119SC_SAInBytes: 1432, SMF119SC_SAOutBytes: 1096, SMF119SC_SAInSegDG: 5, SMF119SC_SAOutSegDG: 4 })],
      S4: [{ SMF119SC_SSH_Source: 2, SMF119SC_SSH_Flags: 0x80, SMF119SC_SSH_Protocol_Provider: 'IBM OpenSSH' }],
    }),
  ],
  'hw-st12-3.2-failed-tls': [
    st12('3.2', 0x80, {
      Common: [common12({ SMF119SS_SASecProtos: 0x80, SMF119SS_SAInitLifeConnCnt: 5, SMF119SS_SAInitFailedHsConnCnt: 2, SMF119SS_SAEndLifeConnCnt: 9, SMF119SS_SAEndFailedHsConnCnt: 3 })],
      TLS: [{ SMF119SS_TLS_Source: 2, SMF119SS_TLS_Neg_Cipher: 'FFFFFF' }],
    }),
  ],
  'hw-st12-3.2-failed-ssh': [
    st12('3.2', 0x80, {
      Common: [common12({ SMF119SS_SASecProtos: 0x40, SMF119SS_SAJobname: 'SSHD8', SMF119SS_SAUserID: 'SSHDAEM', SMF119SS_SASrvPortStart: 22, SMF119SS_SASrvPortEnd: 22, SMF119SS_SAEndLifeConnCnt: 1, SMF119SS_SAEndLifeShortConnCnt: 1, SMF119SS_SAEndFailedHsConnCnt: 1 })],
      SSH: [{ SMF119SS_SSH_Source: 2 }],
    }),
  ],
  'hw-st11-3.2-ipv4': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10, SMF119SC_SARIP: IPV4(192, 168, 255, 7), SMF119SC_SALIP: IPV4(172, 31, 0, 254) })],
      S3: [tls12Session],
    }),
  ],
  'hw-st11-3.2-ipv6': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x90, SMF119SC_SARIP: 'x:20010DB800AA00000000000000000020', SMF119SC_SALIP: 'x:20010DB800AA00000000000000000001' })],
      S3: [tls12Session],
    }),
  ],
  'hw-st11-3.2-dn-list': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10 })],
      S3: [{ ...tls12Session, SMF119SC_TLS_Handshake_Type: 1, SMF119SC_TLS_Handshake_Role: 3 }],
      S6: [
        { Type: 5, DN: 'CN=www.example.com,O=Example,C=US' },
        { Type: 6, DN: 'CN=Example CA 1,O=Example,C=US' },
        { Type: 7, DN: 'CN=client42,OU=Batch,O=Example' },
      ],
    }),
  ],
  'hw-st11-3.2-cert-times': [
    st11('3.2', {
      S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10 })],
      S3: [{
        ...tls12Session, SMF119SC_TLS_Handshake_Role: 3,
        SMF119SC_TLS_SCert_Serial_Len: 3, SMF119SC_TLS_SCert_Serial: `x:0A0B0C${'00'.repeat(17)}`, SMF119SC_TLS_SCert_Time_Type: 1, SMF119SC_TLS_SCert_Time: '491231235959Z',
        SMF119SC_TLS_CCert_Serial_Len: 1, SMF119SC_TLS_CCert_Serial: `x:7F${'00'.repeat(19)}`, SMF119SC_TLS_CCert_Time_Type: 2, SMF119SC_TLS_CCert_Time: '20500101000000Z',
      }],
    }),
  ],
  'hw-st12-3.1-v1-lengths': [
    st12('3.1', 0x80, {
      Common: [common12({ SMF119SS_SASecProtos: 0x80, SMF119SS_SAInitLifeConnCnt: 40, SMF119SS_SAEndLifeConnCnt: 52, SMF119SS_SAEndActiveConnCnt: 2, SMF119SS_SAEndLifeInBytes: 123456789012n, SMF119SS_SAEndLifeOutBytes: 98765 })],
      TLS: [{ SMF119SS_TLS_Source: 2, SMF119SS_TLS_Prot_Ver: 0x0303, SMF119SS_TLS_Neg_Cipher: 'C02F', SMF119SS_TLS_CS_Msg_Auth: 1 }],
    }),
  ],
  'hw-st12-3.2-v2-lengths': [
    st12('3.2', 0x80, {
      Common: [common12({ SMF119SS_SASecProtos: 0x80, SMF119SS_SAInitLifeConnCnt: 40, SMF119SS_SAEndLifeConnCnt: 52, SMF119SS_SAEndActiveConnCnt: 2, SMF119SS_SAEndLifeInBytes: 123456789012n, SMF119SS_SAEndLifeOutBytes: 98765 })],
      TLS: [{
        SMF119SS_TLS_Source: 2, SMF119SS_TLS_Prot_Ver: 0x0303, SMF119SS_TLS_Neg_Cipher: 'C02F', SMF119SS_TLS_CS_Msg_Auth: 1,
        SMF119SS_TLS_SCert_Serial_Len: 2, SMF119SS_TLS_SCert_Serial: `x:CAFE${'00'.repeat(18)}`, SMF119SS_TLS_SCert_Time_Type: 1, SMF119SS_TLS_SCert_Time: '301231235959Z',
      }],
    }),
  ],
  'hw-st11-2.4-seven-triplets': [
    st11('2.4', { S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80 })], S3: [tls12Session] }),
  ],
  'hw-st11-2.5-eighth-triplet': [
    st11('2.5', { S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80 })], S3: [tls12Session] }),
  ],
  'hw-st11-3.2-init-term': [
    st11('3.2', { S1: [common11({ SMF119SC_SAEvent_Type: 1, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10 })], S3: [tls12Session] }),
    {
      ...st11('3.2', {
        S1: [common11({ SMF119SC_SAEvent_Type: 3, SMF119SC_SASecProtos: 0x80, SMF119SC_SAFlags: 0x10, SMF119SC_SAETime: 5101733, SMF119SC_SAEDate: DATE, SMF119SC_SAInBytes: 20480, SMF119SC_SAOutBytes: 1048576, SMF119SC_SAInSegDG: 31, SMF119SC_SAOutSegDG: 745 })],
        S3: [tls12Session],
      }),
      header: { ...header, SMF119HDSubType: 11, SMF119HDTime: 5101734 },
    },
  ],
  'hw-st12-3.2-enable-disable': [
    st12('3.2', 0x08, { Common: [{ SMF119SS_SAEvent_Type: 2 }] }),
    st12('3.2', 0x08, { Common: [{ SMF119SS_SAEvent_Type: 3 }] }),
  ],
};

/** The file of a hand-built case: its records back to back (each starts with its RDW), as FTP with SITE RDW delivers them. */
export function handBuiltFile(id: string): Buffer {
  const specs = HAND_BUILT[id];
  if (!specs) throw new Error(`no hand-built input for ${id}`);
  return Buffer.concat(specs.map(buildExpected));
}
