import type { FlagRef, Release, SectionDef, SubtypeDef, Confidence } from '../types.js';
import {
  DATA_SOURCE, DH_GROUP, ENCAP_MODE, ENC_ALG, AUTH_PROTO, CERT_TIME_TYPE, FILTER_ACTION, FIPS_MODE,
  IKE_AUTH, IKE_CERT_TIME_TYPE, IP_PROTO, KEX_ALG, MSG_AUTH, PRF, SEC_FLAGS, SEC_PROTOS, SSH_AUTH,
  SSH_CRYPTO_FLAGS, SSH_FLAGS, SSH_KEX, SSH_KEY_TYPE, SSH_VERSION, ST11_EVENT_TYPE, ST11_SA_FLAGS,
  TLS_CRYPTO_FLAGS, TLS_HANDSHAKE_ROLE, TLS_HANDSHAKE_TYPE, TLS_VERSION, TUN_FLAGS, TUN_STATE, TUN_TYPE,
} from '../codes.js';
import { HEADER, IDENT } from './common.js';
import { certificateBlock, dnSection, fieldBuilder, selfDefiningSection } from './dsl.js';

// smf119-st11: zERT connection detail record. Byte layout below SMF119S1Off is the z/OS 2.3 level
// (pacsys copy of IBM); no source shows a later section growing, so 2.4-3.2 lengths are inferred.

const b = fieldBuilder({ source: ['PACSYS-JSON11'], confidence: 'vendor-copy' });

const IPV6: FlagRef = { section: 'Common', field: 'SMF119SC_SAFlags', mask: 0x80 };
const LATER_LENGTHS_INFERRED: Partial<Record<Release, Confidence>> = { '2.4': 'inferred', '2.5': 'inferred', '3.1': 'inferred', '3.2': 'inferred' };
const INFO_ONLY = "IBM marks it 'information only' (not significant for aggregation).";

const COMMON: SectionDef = {
  key: 'Common',
  title: 'zERT connection detail common section',
  triplet: 'S1',
  since: '2.3',
  occurs: 'one',
  layoutKnown: true,
  source: ['PACSYS-JSON11', 'IBM25-ST11', 'IBM31-AUDIT', 'DECK32'],
  lengthConfidence: LATER_LENGTHS_INFERRED,
  lengthNote: '128 from the 2.3 table; the 3.2 deck says new items reuse reserved fields, so 128 is kept (unverified).',
  fields: [
    b.enumField('SMF119SC_SAEvent_Type', 1, ST11_EVENT_TYPE, { source: ['PACSYS-JSON11', 'IBM25-ST11', 'IBM31-AUDIT'], note: 'record layout is identical for all event types' }),
    b.flags('SMF119SC_SASecProtos', SEC_PROTOS, { note: "zero or more bits; X'00' = no recognised protection" }),
    b.flags('SMF119SC_SAFlags', ST11_SA_FLAGS, { source: ['PACSYS-JSON11', 'DECK32', 'IEA25-CS'] }),
    b.flags('SMF119SC_SASecFlags', SEC_FLAGS),
    b.enumField('SMF119SC_SAIPProto', 1, IP_PROTO),
    b.reserved(3, 'SMF119SC_SA_Rsvd1'),
    b.text('SMF119SC_SAJobname', 8, { note: 'job name associated with the socket' }),
    b.text('SMF119SC_SAJobID', 8, { note: 'job ID associated with the socket' }),
    b.text('SMF119SC_SAUserID', 8, { note: 'z/OS user ID associated with the socket' }),
    b.timeOfDay('SMF119SC_SASTime', 'UTC', { note: 'connection establishment time, hundredths of a second since midnight, UTC' }),
    b.packedDate('SMF119SC_SASDate', 'UTC', { note: 'connection establishment date, UTC' }),
    b.timeOfDay('SMF119SC_SAETime', 'UTC', { note: 'connection end time, UTC; presumably 0 unless event 3/4 (inferred)' }),
    b.packedDate('SMF119SC_SAEDate', 'UTC', { note: "connection end date, UTC; X'00000000' unless event 3/4 (field text; the general X'0000000F' no-date form is also read)" }),
    b.ip('SMF119SC_SARIP', IPV6, { note: "remote IP; IPv4 in the first 4 bytes unless SAFlags X'80' (not IPv4-mapped)" }),
    b.ip('SMF119SC_SALIP', IPV6, { note: 'local IP; same rule' }),
    b.uint('SMF119SC_SARPort', 2, { note: 'remote port' }),
    b.uint('SMF119SC_SALPort', 2, { note: 'local port' }),
    b.uint('SMF119SC_SAConnID', 4, { note: 'transport-layer connection ID' }),
    b.uint('SMF119SC_SAInBytes', 8, { note: 'inbound bytes since connection start' }),
    b.uint('SMF119SC_SAOutBytes', 8, { note: 'outbound bytes since connection start' }),
    b.uint('SMF119SC_SAInSegDG', 8, { note: 'inbound TCP segments / UDP datagrams' }),
    b.uint('SMF119SC_SAOutSegDG', 8, { note: 'outbound TCP segments / UDP datagrams' }),
    b.reserved(8, 'SMF119SC_SA_Rsvd2'),
  ],
};

const IP_FILTER: SectionDef = {
  key: 'IPFilter',
  title: 'IP filter section',
  triplet: 'S2',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON11'],
  lengthConfidence: LATER_LENGTHS_INFERRED,
  note: "Presumably present only when IP filtering applies (SASecFlags X'20'; inferred).",
  fields: [
    b.enumField('SMF119SC_IPFlt_OutAct', 1, FILTER_ACTION, { note: 'outbound filtering behaviour' }),
    b.enumField('SMF119SC_IPFlt_InbAct', 1, FILTER_ACTION, { note: 'inbound filtering behaviour' }),
    b.reserved(2, 'SMF119SC_IPFlt_Rsvd1'),
    b.text('SMF119SC_IPFlt_OutRuleName', 40, { note: 'outbound IP filter rule name; blanks if none' }),
    b.text('SMF119SC_IPFlt_OutRuleExt', 8, { note: 'outbound rule-name extension' }),
    b.text('SMF119SC_IPFlt_InRuleName', 40, { note: 'inbound IP filter rule name; blanks if none' }),
    b.text('SMF119SC_IPFlt_InRuleExt', 8, { note: 'inbound rule-name extension' }),
  ],
};

const TLS: SectionDef = {
  key: 'TLS',
  presentWhen: { section: 'Common', field: 'SMF119SC_SASecProtos', mask: 0x80 },
  title: 'TLS protocol attributes section',
  triplet: 'S3',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON11', 'DECK32', 'SZS-TLS'],
  lengthConfidence: LATER_LENGTHS_INFERRED,
  lengthNote: '168 from the 2.3 table; whether 2.4+ appended fields for TLS 1.3 is NOT FOUND.',
  note: "Present when SASecProtos X'80' (inferred).",
  failedHandshake: {
    since: '3.2',
    when: [{ section: 'TLS', field: 'SMF119SC_TLS_Handshake_Type', test: { equals: 3 } }],
    keep: ['SMF119SC_TLS_Handshake_Type', 'SMF119SC_TLS_Source', 'SMF119SC_TLS_Protocol_Provider', 'SMF119SC_TLS_Neg_Cipher'],
    fixed: { SMF119SC_TLS_Neg_Cipher: 'FFFFFF' },
    source: ['DECK32'],
    note: "Handshake type X'03': every other field zero/blank; Handshake_Type itself stays X'03' (the deck's list omits it).",
  },
  fields: [
    b.enumField('SMF119SC_TLS_Prot_Ver', 2, TLS_VERSION, { source: ['PACSYS-JSON11', 'IEA24-TLS13'] }),
    b.enumField('SMF119SC_TLS_Source', 1, DATA_SOURCE, { note: INFO_ONLY }),
    b.enumField('SMF119SC_TLS_Handshake_Type', 1, TLS_HANDSHAKE_TYPE, { source: ['PACSYS-JSON11', 'DECK32'], note: INFO_ONLY }),
    b.enumField('SMF119SC_TLS_Handshake_Role', 1, TLS_HANDSHAKE_ROLE, { note: INFO_ONLY }),
    b.reserved(2, 'SMF119SC_TLS_Rsvd1'),
    b.lengthOf('SMF119SC_TLS_Session_ID_Len', 1, 'SMF119SC_TLS_Session_ID', 0, { note: 'session ID length in bytes (0-32)' }),
    b.sized('SMF119SC_TLS_Session_ID', 32, 'SMF119SC_TLS_Session_ID_Len', { note: `left justified; ${INFO_ONLY}` }),
    b.text('SMF119SC_TLS_Protocol_Provider', 16, {
      source: ['PACSYS-JSON11', 'IBM23-ZERTLIM'],
      note: 'blank padded; the string written for ZERTJSSE (IBM Java JSSE) is NOT FOUND',
      knownComplete: false,
      known: [
        { value: 'Observation', meaning: 'observed by the stack (TLS_Source 1)' },
        { value: 'IBM System SSL', meaning: 'z/OS System SSL (incl. AT-TLS)' },
      ],
    }),
    b.cipher('SMF119SC_TLS_Neg_Cipher', { source: ['PACSYS-JSON11', 'DECK32'], note: "4 hex chars + 2 blanks (SSLv3+), 6-char SSLv2 code, 'FFFFFF' unknown/failed (3.2)" }),
    b.enumField('SMF119SC_TLS_CS_Enc_Alg', 2, ENC_ALG, { note: 'symmetric cipher of the suite' }),
    b.enumField('SMF119SC_TLS_CS_Msg_Auth', 2, MSG_AUTH, { note: 'MAC algorithm of the suite' }),
    b.enumField('SMF119SC_TLS_CS_Kex_Alg', 2, KEX_ALG, { note: 'key exchange of the suite' }),
    b.enumField('SMF119SC_TLS_FIPS_Mode', 1, FIPS_MODE),
    b.flags('SMF119SC_TLS_CryptoFlags', TLS_CRYPTO_FLAGS),
    b.reserved(2, 'SMF119SC_TLS_Rsvd2'),
    ...certificateBlock(b, { prefix: 'SMF119SC_TLS_SCert_', signatureName: 'Signature_Method', encName: 'Enc_Method', reservedIbmName: 'SMF119SC_TLS_Rsvd3', timeTypes: CERT_TIME_TYPE, what: 'server' }),
    ...certificateBlock(b, { prefix: 'SMF119SC_TLS_CCert_', signatureName: 'Signature_Method', encName: 'Enc_Method', reservedIbmName: 'SMF119SC_TLS_Rsvd4', timeTypes: CERT_TIME_TYPE, what: 'client' }),
  ],
};

const SSH: SectionDef = {
  key: 'SSH',
  presentWhen: { section: 'Common', field: 'SMF119SC_SASecProtos', mask: 0x40 },
  title: 'SSH protocol attributes section',
  triplet: 'S4',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON11', 'DECK32'],
  lengthConfidence: LATER_LENGTHS_INFERRED,
  lengthNote: "284 from the 2.3 table; the 3.2 SSH_Flags byte sits in former reserved bytes, so 284 is kept (unverified).",
  note: "Present when SASecProtos X'40' (inferred).",
  failedHandshake: {
    since: '3.2',
    when: [{ section: 'SSH', field: 'SMF119SC_SSH_Flags', test: { mask: 0x80 } }],
    keep: ['SMF119SC_SSH_Flags', 'SMF119SC_SSH_Source', 'SMF119SC_SSH_Protocol_Provider'],
    source: ['DECK32'],
    note: "SSH_Flags X'80': every other field zero/blank (SSH_Prot_Ver reads X'00' unknown).",
  },
  fields: [
    b.enumField('SMF119SC_SSH_Prot_Ver', 1, SSH_VERSION, { source: ['PACSYS-JSON11', 'DECK32'] }),
    b.enumField('SMF119SC_SSH_Source', 1, DATA_SOURCE, { note: INFO_ONLY }),
    b.enumField('SMF119SC_SSH_FIPS_Mode', 1, FIPS_MODE, { note: INFO_ONLY }),
    b.flags('SMF119SC_SSH_CryptoFlags', SSH_CRYPTO_FLAGS),
    b.reserved(4, 'SMF119SC_SSH_Rsvd1', { until: '3.1', note: 'in 3.2 byte 4 becomes SMF119SC_SSH_Flags' }),
    b.flags('SMF119SC_SSH_Flags', SSH_FLAGS, { since: '3.2', source: ['DECK32'], confidence: 'ibm', note: 'overlays the first byte of the former SMF119SC_SSH_Rsvd1' }),
    b.reserved(3, undefined, { since: '3.2', confidence: 'inferred', note: 'rest of the former SMF119SC_SSH_Rsvd1 (inferred still reserved)' }),
    b.text('SMF119SC_SSH_Comp', 8, {
      note: INFO_ONLY,
      knownComplete: true,
      known: [
        { value: 'SFTPS', meaning: 'sftp server' },
        { value: 'SFTPC', meaning: 'sftp client' },
        { value: 'SCPS', meaning: 'scp server' },
        { value: 'SCPC', meaning: 'scp client' },
        { value: 'SSH', meaning: 'ssh client' },
        { value: 'SSHD', meaning: 'sshd daemon' },
      ],
    }),
    b.text('SMF119SC_SSH_Protocol_Provider', 16, {
      source: ['PACSYS-JSON11', 'IBM23-ZERTLIM'],
      knownComplete: false,
      known: [
        { value: 'Observation', meaning: 'observed by the stack (SSH_Source 1)' },
        { value: 'IBM OpenSSH', meaning: 'z/OS OpenSSH' },
      ],
    }),
    b.enumField('SMF119SC_SSH_Auth_Method', 2, SSH_AUTH, { note: 'first or only peer authentication method' }),
    b.enumField('SMF119SC_SSH_Auth_Method2', 2, SSH_AUTH, { note: 'if non-zero, the last of several methods' }),
    b.enumField('SMF119SC_SSH_In_Enc_Alg', 2, ENC_ALG),
    b.enumField('SMF119SC_SSH_In_Msg_Auth', 2, MSG_AUTH),
    b.enumField('SMF119SC_SSH_Kex_Method', 2, SSH_KEX),
    b.enumField('SMF119SC_SSH_Out_Enc_Alg', 2, ENC_ALG),
    b.enumField('SMF119SC_SSH_Out_Msg_Auth', 2, MSG_AUTH),
    b.reserved(2, 'SMF119SC_SSH_Rsvd2'),
    b.enumField('SMF119SC_SSH_SKey_Type', 2, SSH_KEY_TYPE, { note: 'raw server key type' }),
    b.uint('SMF119SC_SSH_SKey_Len', 2, { note: 'raw server key length in bits' }),
    b.enumField('SMF119SC_SSH_CKey_Type', 2, SSH_KEY_TYPE, { note: 'raw client key type' }),
    b.uint('SMF119SC_SSH_CKey_Len', 2, { note: 'raw client key length in bits' }),
    b.lengthOf('SMF119SC_SSH_SKey_FPLen', 2, 'SMF119SC_SSH_SKey_FP', 0, { note: 'server public-key fingerprint length; 0 if none' }),
    b.lengthOf('SMF119SC_SSH_CKey_FPLen', 2, 'SMF119SC_SSH_CKey_FP', 0, { note: 'client public-key fingerprint length; 0 if none' }),
    b.sized('SMF119SC_SSH_SKey_FP', 64, 'SMF119SC_SSH_SKey_FPLen', { note: "server public-key fingerprint, left justified, X'00' padded" }),
    b.sized('SMF119SC_SSH_CKey_FP', 64, 'SMF119SC_SSH_CKey_FPLen', { note: "client public-key fingerprint, left justified, X'00' padded" }),
    ...certificateBlock(b, { prefix: 'SMF119SC_SSH_SCert_', signatureName: 'Signature_Method', encName: 'Enc_Method', reservedIbmName: 'SMF119SC_SSH_Rsvd3', timeTypes: CERT_TIME_TYPE, what: 'server X.509' }),
    ...certificateBlock(b, { prefix: 'SMF119SC_SSH_CCert_', signatureName: 'Signature_Method', encName: 'Enc_Method', reservedIbmName: 'SMF119SC_SSH_Rsvd4', timeTypes: CERT_TIME_TYPE, what: 'client X.509' }),
  ],
};

const IPSEC: SectionDef = {
  key: 'IPSec',
  presentWhen: { section: 'Common', field: 'SMF119SC_SASecProtos', mask: 0x20 },
  title: 'IPSec protocol attributes section',
  triplet: 'S5',
  since: '2.3',
  occurs: 'optional',
  layoutKnown: true,
  source: ['PACSYS-JSON11'],
  lengthConfidence: LATER_LENGTHS_INFERRED,
  note: "Present when SASecProtos X'20' (inferred). IKE fields are zero for manual tunnels.",
  fields: [
    b.uint('SMF119SC_IPSec_IKETunID', 4, { note: `IKE tunnel ID; ${INFO_ONLY}` }),
    b.uint('SMF119SC_IPSec_IKEMajVer', 1, { note: 'IKE major version (low 4 bits)' }),
    b.uint('SMF119SC_IPSec_IKEMinVer', 1, { note: 'IKE minor version (low 4 bits)' }),
    b.reserved(2, 'SMF119SC_IPsec_Rsvd1'),
    b.text('SMF119SC_IPSec_IKETunKeyExchRule', 48, { note: `key-exchange rule name; ${INFO_ONLY}` }),
    b.ip('SMF119SC_IPSec_IKETunLclEndpt', IPV6, { note: "local IKE endpoint; IPv6 if common SAFlags X'80'" }),
    b.ip('SMF119SC_IPSec_IKETunRmtEndpt', IPV6, { note: 'remote IKE endpoint; same rule' }),
    b.enumField('SMF119SC_IPSec_IKETunLclAuthMeth', 2, IKE_AUTH),
    b.enumField('SMF119SC_IPSec_IKETunRmtAuthMeth', 2, IKE_AUTH),
    b.enumField('SMF119SC_IPSec_IKETunAuthAlg', 2, MSG_AUTH),
    b.enumField('SMF119SC_IPSec_IKETunEncAlg', 2, ENC_ALG),
    b.enumField('SMF119SC_IPSec_IKETunDHGroup', 2, DH_GROUP),
    b.enumField('SMF119SC_IPSec_IKETunPseudoRandFunc', 2, PRF),
    b.uint('SMF119SC_IPSec_IKETunLifesize', 4, { note: 'IKE tunnel lifesize limit in KB; 0 = no limit' }),
    b.uint('SMF119SC_IPSec_IKETunLifetime', 4, { note: 'IKE tunnel lifetime in minutes' }),
    b.uint('SMF119SC_IPSec_IKETunReauthIntvl', 4, { note: 'minutes between re-authentications' }),
    ...certificateBlock(b, { prefix: 'SMF119SC_IPSec_LclCert_', signatureName: 'Sign_Meth', encName: 'Enc_Meth', reservedIbmName: 'SMF119SC_IPsec_Rsvd2', timeTypes: IKE_CERT_TIME_TYPE, what: 'local IKE' }),
    ...certificateBlock(b, { prefix: 'SMF119SC_IPSec_RmtCert_', signatureName: 'Sign_Meth', encName: 'Enc_Meth', reservedIbmName: 'SMF119SC_IPSec_Rsvd3', timeTypes: IKE_CERT_TIME_TYPE, what: 'remote IKE' }),
    b.uint('SMF119SC_IPSec_TunID', 4, { note: 'IPSec (phase 2) tunnel ID' }),
    b.flags('SMF119SC_IPSec_TunFlags', TUN_FLAGS),
    b.enumField('SMF119SC_IPSec_TunType', 1, TUN_TYPE),
    b.enumField('SMF119SC_IPSec_TunState', 1, TUN_STATE),
    b.reserved(1, 'SMF119SC_IPSec_Rsvd4'),
    b.enumField('SMF119SC_IPSec_EncapMode', 1, ENCAP_MODE),
    b.enumField('SMF119SC_IPSec_AuthProto', 1, AUTH_PROTO),
    b.enumField('SMF119SC_IPSec_AuthAlg', 2, MSG_AUTH),
    b.enumField('SMF119SC_IPSec_EncAlg', 2, ENC_ALG),
    b.enumField('SMF119SC_IPSec_PFSGroup', 2, DH_GROUP),
    b.uint('SMF119SC_IPSec_Lifesize', 4, { note: 'SA lifesize in KB; 0 for manual tunnels' }),
    b.uint('SMF119SC_IPSec_Lifetime', 4, { note: 'SA lifetime in minutes; 0 for manual tunnels' }),
    b.uint('SMF119SC_IPSec_VPNLifeExpire', 4, { note: 'VPN lifetime in minutes; 0 = no limit' }),
  ],
};

const DN = dnSection({ prefix: 'SMF119SC_', triplet: 'S6', title: 'certificate distinguished-name (DN) section', source: ['PACSYS-JSON11', 'OMEGAMON-RKN'] });

const ENFORCEMENT: SectionDef = {
  key: 'Enforcement',
  title: 'zERT policy-based enforcement section',
  triplet: 'S7',
  since: '2.5',
  occurs: 'optional',
  layoutKnown: false,
  source: ['IBM25-ST11', 'IEA25-CS', 'SZS-NZ'],
  note: 'Layout NOT FOUND. Carries the matching zERT policy rule name (48 characters) in event X\'07\' records. zert-forge writes the triplet as absent (0/0/0) and keeps any bytes it reads as raw hex.',
  fields: [],
};

const TRIPLET_SECTIONS = [IDENT, COMMON, IP_FILTER, TLS, SSH, IPSEC, DN, ENFORCEMENT];

export const ST11: SubtypeDef = {
  subtype: 11,
  pathRoot: 'st11',
  title: 'zERT connection detail record (subtype 11)',
  sections: [HEADER, selfDefiningSection(TRIPLET_SECTIONS, ['IBM25-ST11', 'PACSYS-JSON11']), ...TRIPLET_SECTIONS],
  tripletCountConfidence: { '2.3': 'vendor-copy', '2.4': 'inferred', '2.5': 'ibm', '3.1': 'inferred', '3.2': 'inferred' },
  source: ['IBM25-ST11', 'PACSYS-JSON11', 'DECK32', 'IEA25-CS'],
};
