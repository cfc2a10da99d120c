import type { FlagRef, SectionDef, Significance, SubtypeDef } from '../types.js';
import {
  AUTH_PROTO, CERT_TIME_TYPE, DATA_SOURCE, DH_GROUP, ENCAP_MODE, ENC_ALG, IKE_AUTH, IKE_CERT_TIME_TYPE,
  IP_PROTO, KEX_ALG, MSG_AUTH, PRF, SEC_PROTOS, SSH_AUTH, SSH_CRYPTO_FLAGS, SSH_KEX, SSH_KEY_TYPE, SSH_VERSION,
  ST12_EVENT_TYPE, ST12_SA_FLAGS, TLS_CRYPTO_FLAGS, TLS_VERSION,
} from '../codes.js';
import { HEADER, IDENT } from './common.js';
import { dnSection, fieldBuilder, selfDefiningSection, serialAndTimeBlock, shortCertificateBlock } from './dsl.js';

// smf119-st12: zERT summary record. V1 layout (2.3-3.1) from the pacsys copy of IBM's table; the 3.2 (V2)
// additions from IBM's 3.2 education deck.

const b = fieldBuilder({ source: ['PACSYS-JSON12'], confidence: 'vendor-copy' });
// Aggregation (IBM-AGGR-HOW): a session is keyed by server IP, port range, client IP, job name, role and the
// significant cryptographic attributes; the protocol sections' fields are those attributes unless subtype 11
// marks their twin 'Information only' (PACSYS-JSON11): data source, certificate serials and 'not after' times.
const KEY: Significance = { aggregation: 'significant', source: ['IBM-AGGR-HOW'] };
const p = fieldBuilder({ source: ['PACSYS-JSON12'], confidence: 'vendor-copy', significance: { aggregation: 'significant', source: ['IBM-AGGR-HOW', 'PACSYS-JSON12'] } });
const info = fieldBuilder({ source: ['PACSYS-JSON12'], confidence: 'vendor-copy', significance: { aggregation: 'informational', source: ['PACSYS-JSON11', 'IBM-AGGR-HOW'], note: "subtype 11 twin marked 'Information only'" } });
const v2 = { since: '3.2' as const, source: ['DECK32'], confidence: 'ibm' as const };

const IPV6: FlagRef = { section: 'Common', field: 'SMF119SS_SAFlags', mask: 0x80 };
const FAILED_COUNTS = [
  { section: 'Common' as const, field: 'SMF119SS_SAInitFailedHsConnCnt', test: { nonZero: true as const } },
  { section: 'Common' as const, field: 'SMF119SS_SAEndFailedHsConnCnt', test: { nonZero: true as const } },
];

const COMMON: SectionDef = {
  key: 'Common',
  title: 'zERT summary common section',
  triplet: 'S1',
  since: '2.3',
  occurs: 'one',
  layoutKnown: true,
  source: ['PACSYS-JSON12', 'DECK32'],
  lengthNote: 'V1 204 (SMF119SS_S1Len_V1, equate name assumed), V2 212 (SMF119SS_S1Len_V2, value inferred 208+4).',
  fields: [
    b.todDuration('SMF119SS_SAIntervalDuration', { note: 'length of the recording interval, 64-bit TOD format (bit 51 = 1 microsecond)' }),
    b.enumField('SMF119SS_SAEvent_Type', 1, ST12_EVENT_TYPE, { note: 'why the record was written' }),
    b.flags('SMF119SS_SAFlags', ST12_SA_FLAGS, { note: "server/client bits differ from subtype 11's", significance: KEY }),
    b.flags('SMF119SS_SASecProtos', SEC_PROTOS, { note: 'exactly one value', significance: KEY }),
    b.text('SMF119SS_SAJobname', 8, { note: 'job name tied to the socket', significance: KEY }),
    b.text('SMF119SS_SAUserID', 8, { note: "z/OS user ID; '*FTPUSR*' for aggregated FTP data connections" }),
    b.enumField('SMF119SS_SAIPProto', 1, IP_PROTO, { significance: KEY }),
    b.ip('SMF119SS_SASrvIP', IPV6, { note: "server IP; IPv4 in the first 4 bytes unless SAFlags X'80'", significance: KEY }),
    b.ip('SMF119SS_SACltIP', IPV6, { note: 'client IP; same rule', significance: KEY }),
    b.uint('SMF119SS_SASrvPortStart', 2, { note: 'first server port of the aggregated range', significance: KEY }),
    b.uint('SMF119SS_SASrvPortEnd', 2, { note: 'last server port; equals start for a single port', significance: KEY }),
    b.text('SMF119SS_SASessionID', 42, { note: "security session id, 'p-value' (rest of the description cut off in the source)" }),
    b.reserved(2, undefined, { note: 'alignment' }),
    b.uint('SMF119SS_SAInitLifeConnCnt', 4, { note: 'connections over the session life, at interval start' }),
    b.uint('SMF119SS_SAInitLifePartialConnCnt', 4, { note: 'of those, tied to the session for part of their life' }),
    b.uint('SMF119SS_SAInitLifeShortConnCnt', 4, { note: 'connections shorter than 10 s, at interval start (TCP)' }),
    b.uint('SMF119SS_SAInitActiveConnCnt', 4, { note: 'active connections at interval start' }),
    b.uint('SMF119SS_SAInitLifeInBytes', 8),
    b.uint('SMF119SS_SAInitLifeOutBytes', 8),
    b.uint('SMF119SS_SAInitLifeInSegDG', 8),
    b.uint('SMF119SS_SAInitLifeOutSegDG', 8),
    b.uint('SMF119SS_SAEndLifeConnCnt', 4, { note: 'connections over the session life, at interval end' }),
    b.uint('SMF119SS_SAEndLifePartialConnCnt', 4),
    b.uint('SMF119SS_SAEndLifeShortConnCnt', 4),
    b.uint('SMF119SS_SAEndActiveConnCnt', 4, { note: 'active connections at interval end' }),
    b.uint('SMF119SS_SAEndLifeInBytes', 8),
    b.uint('SMF119SS_SAEndLifeOutBytes', 8),
    b.uint('SMF119SS_SAEndLifeInSegDG', 8),
    b.uint('SMF119SS_SAEndLifeOutSegDG', 8),
    b.uint('SMF119SS_SAInitFailedHsConnCnt', 4, { ...v2, note: 'failed TLS/SSH handshakes over the session life at interval start' }),
    b.uint('SMF119SS_SAEndFailedHsConnCnt', 4, { ...v2, note: 'same count at interval end' }),
  ],
};

const TLS: SectionDef = {
  key: 'TLS',
  presentWhen: { section: 'Common', field: 'SMF119SS_SASecProtos', mask: 0x80 },
  title: 'zERT summary TLS protocol attributes section',
  triplet: 'S2',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON12', 'DECK32'],
  lengthNote: 'V1 42 = first 3.2 offset (the 2.3-level table covers 0-35; bytes 36-41 treated as reserved, inferred); V2 116.',
  lengthConfidence: { '2.3': 'inferred', '2.4': 'inferred', '2.5': 'inferred', '3.1': 'inferred' },
  failedHandshake: {
    since: '3.2',
    when: FAILED_COUNTS,
    keep: ['SMF119SS_TLS_Source', 'SMF119SS_TLS_Neg_Cipher'],
    fixed: { SMF119SS_TLS_Neg_Cipher: 'FFFFFF' },
    fixedConfidence: 'inferred',
    source: ['DECK32'],
    note: "When a failed-handshake count is > 0 every field is zero/blank except TLS_Source and TLS_Neg_Cipher. The deck keeps Neg_Cipher here but states 'FFFFFF' for subtype 11 only: the value is inferred.",
  },
  fields: [
    info.enumField('SMF119SS_TLS_Source', 1, DATA_SOURCE),
    p.flags('SMF119SS_TLS_CryptoFlags', TLS_CRYPTO_FLAGS),
    p.enumField('SMF119SS_TLS_Prot_Ver', 2, TLS_VERSION, { source: ['PACSYS-JSON12', 'IEA24-TLS13'] }),
    p.cipher('SMF119SS_TLS_Neg_Cipher', { source: ['PACSYS-JSON12', 'DECK32'], note: "as subtype 11; 'FFFFFF' unknown version (3.2)" }),
    p.enumField('SMF119SS_TLS_CS_Enc_Alg', 2, ENC_ALG),
    p.enumField('SMF119SS_TLS_CS_Msg_Auth', 2, MSG_AUTH),
    p.enumField('SMF119SS_TLS_CS_Kex_Alg', 2, KEX_ALG),
    ...shortCertificateBlock(p, 'SMF119SS_TLS_SCert_', 'Signature_Method', 'Enc_Method', 'server'),
    ...shortCertificateBlock(p, 'SMF119SS_TLS_CCert_', 'Signature_Method', 'Enc_Method', 'client'),
    b.reserved(6, undefined, { confidence: 'inferred', source: ['DECK32'], note: 'not in the 2.3-level table; write zeros' }),
    ...serialAndTimeBlock(info, 'SMF119SS_TLS_SCert_', CERT_TIME_TYPE, 'server'),
    ...serialAndTimeBlock(info, 'SMF119SS_TLS_CCert_', CERT_TIME_TYPE, 'client'),
  ],
};

const SSH: SectionDef = {
  key: 'SSH',
  presentWhen: { section: 'Common', field: 'SMF119SS_SASecProtos', mask: 0x40 },
  title: 'zERT summary SSH protocol attributes section',
  triplet: 'S3',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON12', 'DECK32'],
  failedHandshake: {
    since: '3.2',
    when: FAILED_COUNTS,
    keep: ['SMF119SS_SSH_Source'],
    source: ['DECK32'],
    note: 'When a failed-handshake count is > 0 every field is zero/blank except SSH_Source.',
  },
  fields: [
    info.enumField('SMF119SS_SSH_Source', 1, DATA_SOURCE),
    b.reserved(1, undefined, { note: "'Unused' in the source table" }),
    p.enumField('SMF119SS_SSH_Prot_Ver', 1, SSH_VERSION, { source: ['PACSYS-JSON12', 'DECK32'], confidence: 'ibm' }),
    p.flags('SMF119SS_SSH_CryptoFlags', SSH_CRYPTO_FLAGS),
    p.enumField('SMF119SS_SSH_Auth_Method', 2, SSH_AUTH),
    p.enumField('SMF119SS_SSH_Auth_Method2', 2, SSH_AUTH),
    p.enumField('SMF119SS_SSH_In_Enc_Alg', 2, ENC_ALG),
    p.enumField('SMF119SS_SSH_In_Msg_Auth', 2, MSG_AUTH),
    p.enumField('SMF119SS_SSH_Kex_Method', 2, SSH_KEX),
    p.enumField('SMF119SS_SSH_Out_Enc_Alg', 2, ENC_ALG),
    p.enumField('SMF119SS_SSH_Out_Msg_Auth', 2, MSG_AUTH),
    p.enumField('SMF119SS_SSH_SKey_Type', 2, SSH_KEY_TYPE),
    p.uint('SMF119SS_SSH_SKey_Len', 2),
    p.enumField('SMF119SS_SSH_CKey_Type', 2, SSH_KEY_TYPE),
    p.uint('SMF119SS_SSH_CKey_Len', 2),
    ...shortCertificateBlock(p, 'SMF119SS_SSH_SCert_', 'Signature_Method', 'Enc_Method', 'server'),
    ...shortCertificateBlock(p, 'SMF119SS_SSH_CCert_', 'Signature_Method', 'Enc_Method', 'client'),
  ],
};

const IPSEC: SectionDef = {
  key: 'IPSec',
  presentWhen: { section: 'Common', field: 'SMF119SS_SASecProtos', mask: 0x20 },
  title: 'zERT summary IPSec protocol attributes section',
  triplet: 'S4',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON12', 'DECK32'],
  lengthNote: 'V1 74, V2 148 (equate names NOT FOUND).',
  fields: [
    p.uint('SMF119SS_IPSec_IKEMajVer', 1, { note: 'IKE major version (low 4 bits)' }),
    p.uint('SMF119SS_IPSec_IKEMinVer', 1, { note: 'IKE minor version (low 4 bits)' }),
    p.ip('SMF119SS_IPSec_IKETunLclEndpt', IPV6),
    p.ip('SMF119SS_IPSec_IKETunRmtEndpt', IPV6),
    p.enumField('SMF119SS_IPSec_IKETunLclAuthMeth', 2, IKE_AUTH, { altNames: ['SMF119SS_IPSec_IKETunLocalAuthMeth (3.2 deck prose)'] }),
    p.enumField('SMF119SS_IPSec_IKETunRmtAuthMeth', 2, IKE_AUTH),
    p.enumField('SMF119SS_IPSec_IKETunAuthAlg', 2, MSG_AUTH),
    p.enumField('SMF119SS_IPSec_IKETunEncAlg', 2, ENC_ALG),
    p.enumField('SMF119SS_IPSec_IKETunDHGroup', 2, DH_GROUP),
    p.enumField('SMF119SS_IPSec_IKETunPseudoRandFunc', 2, PRF),
    ...shortCertificateBlock(p, 'SMF119SS_IPSec_LclCert_', 'Sign_Meth', 'Enc_Meth', 'local IKE'),
    ...shortCertificateBlock(p, 'SMF119SS_IPSec_RmtCert_', 'Sign_Meth', 'Enc_Meth', 'remote IKE'),
    p.enumField('SMF119SS_IPSec_PFSGroup', 2, DH_GROUP),
    p.enumField('SMF119SS_IPSec_EncapMode', 1, ENCAP_MODE),
    p.enumField('SMF119SS_IPSec_AuthProto', 1, AUTH_PROTO),
    p.enumField('SMF119SS_IPSec_AuthAlg', 2, MSG_AUTH),
    p.enumField('SMF119SS_IPSec_EncAlg', 2, ENC_ALG),
    ...serialAndTimeBlock(info, 'SMF119SS_IPSec_LclCert_', IKE_CERT_TIME_TYPE, 'local IKE'),
    ...serialAndTimeBlock(info, 'SMF119SS_IPSec_RmtCert_', IKE_CERT_TIME_TYPE, 'remote IKE'),
  ],
};

const DN = dnSection({ prefix: 'SMF119SS_', triplet: 'S5', title: 'zERT summary certificate DNs section', source: ['PACSYS-JSON12', 'OMEGAMON'] });

const TRIPLET_SECTIONS = [IDENT, COMMON, TLS, SSH, IPSEC, DN];

export const ST12: SubtypeDef = {
  subtype: 12,
  pathRoot: 'st12',
  title: 'zERT summary record (subtype 12)',
  sections: [HEADER, selfDefiningSection(TRIPLET_SECTIONS, ['PACSYS-JSON12', 'IBM-ST11-25']), ...TRIPLET_SECTIONS],
  tripletCountConfidence: { '2.3': 'inferred', '2.4': 'inferred', '2.5': 'inferred', '3.1': 'inferred', '3.2': 'inferred' },
  source: ['IBM-ST12', 'PACSYS-JSON12', 'DECK32'],
};
