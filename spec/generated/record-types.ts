// Generated from the tables by spec/record-types.ts (npm run generate:types): do not edit.
// Types of decoded canonical records, per subtype and section. Fields that exist only in some releases
// are optional; a record with error diagnostics may lack fields its type lists.

/** Standard SMF record header (subtype 11). */
export interface St11Header {
  /** record length including the RDW; max 32756 */
  SMF119HDLength: number;
  /** segment descriptor, X'0000' for a complete record */
  SMF119HDSegDesc: number;
  /** system indicator; X'40' subtypes used must be on; typical X'5E' (inferred), written when the record leaves it out */
  SMF119HDFlags: number;
  'SMF119HDFlags.flags': string[];
  /** record type 119 (X'77') */
  SMF119HDType: number;
  /** time moved to the SMF buffer, hundredths of a second since midnight, local time */
  SMF119HDTime: string | null;
  /** local date, packed 0cyydddF */
  SMF119HDDate: string | null;
  /** SMF system id; IBM prints the offset as 14(X'D'), a typo for X'E' */
  SMF119HDSID: string;
  /** SMF subsystem id; the value TCP/IP writes was NOT FOUND */
  SMF119HDSSI: string;
  /** record subtype */
  SMF119HDSubType: number;
  'SMF119HDSubType.name': string | null;
}

/** Self-defining section (subtype 11). */
export interface St11SelfDef {
  /** number of triplets that follow; derived from the release profile */
  SMF119SD_TRN: number;
  /** offset of the TCP/IP identification section from record start (RDW included); 0 when absent */
  SMF119IDOff: number;
  /** length of one TCP/IP identification section */
  SMF119IDLen: number;
  /** number of TCP/IP identification section occurrences (0 = absent) */
  SMF119IDNum: number;
  /** offset of the zERT connection detail common section from record start (RDW included); 0 when absent */
  SMF119S1Off: number;
  /** length of one zERT connection detail common section */
  SMF119S1Len: number;
  /** number of zERT connection detail common section occurrences (0 = absent) */
  SMF119S1Num: number;
  /** offset of the IP filter section from record start (RDW included); 0 when absent */
  SMF119S2Off: number;
  /** length of one IP filter section */
  SMF119S2Len: number;
  /** number of IP filter section occurrences (0 = absent) */
  SMF119S2Num: number;
  /** offset of the TLS protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S3Off: number;
  /** length of one TLS protocol attributes section */
  SMF119S3Len: number;
  /** number of TLS protocol attributes section occurrences (0 = absent) */
  SMF119S3Num: number;
  /** offset of the SSH protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S4Off: number;
  /** length of one SSH protocol attributes section */
  SMF119S4Len: number;
  /** number of SSH protocol attributes section occurrences (0 = absent) */
  SMF119S4Num: number;
  /** offset of the IPSec protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S5Off: number;
  /** length of one IPSec protocol attributes section */
  SMF119S5Len: number;
  /** number of IPSec protocol attributes section occurrences (0 = absent) */
  SMF119S5Num: number;
  /** offset of the certificate distinguished-name (DN) section from record start (RDW included); 0 when absent */
  SMF119S6Off: number;
  /** length of one certificate distinguished-name (DN) section */
  SMF119S6Len: number;
  /** number of certificate distinguished-name (DN) section occurrences (0 = absent) */
  SMF119S6Num: number;
  /** offset of the zERT policy-based enforcement section from record start (RDW included); 0 when absent (2.5+) */
  SMF119S7Off?: number;
  /** length of one zERT policy-based enforcement section (2.5+) */
  SMF119S7Len?: number;
  /** number of zERT policy-based enforcement section occurrences (0 = absent) (2.5+) */
  SMF119S7Num?: number;
}

/** TCP/IP identification section (subtype 11). */
export interface St11Ident {
  /** system name (IEASYSxx SYSNAME) */
  SMF119TI_SYSName: string;
  /** sysplex name (COUPLExx SYSPLEX) */
  SMF119TI_SysplexName: string;
  /** TCP/IP stack (job) name */
  SMF119TI_Stack: string;
  /** Communications Server release identifier; exact text per release NOT FOUND */
  SMF119TI_ReleaseID: string;
  /** writing subcomponent, blank padded; subtypes 11 and 12 write 'STACK' (the default) */
  SMF119TI_Comp: string;
  /** started-task qualifier or address-space name of the writer */
  SMF119TI_ASName: string;
  /** user ID of the writer's security context */
  SMF119TI_UserID: string;
  /** ASID of the writing address space */
  SMF119TI_ASID: number;
  /** why the record was written */
  SMF119TI_Reason: number;
  'SMF119TI_Reason.name': string | null;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT connection detail common section (subtype 11). */
export interface St11Common {
  /** record layout is identical for all event types */
  SMF119SC_SAEvent_Type: number;
  'SMF119SC_SAEvent_Type.name': string | null;
  /** zero or more bits; X'00' = no recognised protection */
  SMF119SC_SASecProtos: number;
  'SMF119SC_SASecProtos.flags': string[];
  SMF119SC_SAFlags: number;
  'SMF119SC_SAFlags.flags': string[];
  SMF119SC_SASecFlags: number;
  'SMF119SC_SASecFlags.flags': string[];
  SMF119SC_SAIPProto: number;
  'SMF119SC_SAIPProto.name': string | null;
  /** job name associated with the socket */
  SMF119SC_SAJobname: string;
  /** job ID associated with the socket */
  SMF119SC_SAJobID: string;
  /** z/OS user ID associated with the socket */
  SMF119SC_SAUserID: string;
  /** connection establishment time, hundredths of a second since midnight, UTC */
  SMF119SC_SASTime: string | null;
  /** connection establishment date, UTC */
  SMF119SC_SASDate: string | null;
  /** connection end time, UTC; presumably 0 unless event 3/4 (inferred) */
  SMF119SC_SAETime: string | null;
  /** connection end date, UTC; X'00000000' unless event 3/4 (field text; the general X'0000000F' no-date form is also read) */
  SMF119SC_SAEDate: string | null;
  /** remote IP; IPv4 in the first 4 bytes unless SAFlags X'80' (not IPv4-mapped) */
  SMF119SC_SARIP: string;
  /** local IP; same rule */
  SMF119SC_SALIP: string;
  /** remote port */
  SMF119SC_SARPort: number;
  /** local port */
  SMF119SC_SALPort: number;
  /** transport-layer connection ID */
  SMF119SC_SAConnID: number;
  /** inbound bytes since connection start */
  SMF119SC_SAInBytes: string;
  /** outbound bytes since connection start */
  SMF119SC_SAOutBytes: string;
  /** inbound TCP segments / UDP datagrams */
  SMF119SC_SAInSegDG: string;
  /** outbound TCP segments / UDP datagrams */
  SMF119SC_SAOutSegDG: string;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** IP filter section (subtype 11). */
export interface St11IPFilter {
  /** outbound filtering behaviour */
  SMF119SC_IPFlt_OutAct: number;
  'SMF119SC_IPFlt_OutAct.name': string | null;
  /** inbound filtering behaviour */
  SMF119SC_IPFlt_InbAct: number;
  'SMF119SC_IPFlt_InbAct.name': string | null;
  /** outbound IP filter rule name; blanks if none */
  SMF119SC_IPFlt_OutRuleName: string;
  /** outbound rule-name extension */
  SMF119SC_IPFlt_OutRuleExt: string;
  /** inbound IP filter rule name; blanks if none */
  SMF119SC_IPFlt_InRuleName: string;
  /** inbound rule-name extension */
  SMF119SC_IPFlt_InRuleExt: string;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** TLS protocol attributes section (subtype 11). */
export interface St11TLS {
  SMF119SC_TLS_Prot_Ver: number;
  'SMF119SC_TLS_Prot_Ver.name': string | null;
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_TLS_Source: number;
  'SMF119SC_TLS_Source.name': string | null;
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_TLS_Handshake_Type: number;
  'SMF119SC_TLS_Handshake_Type.name': string | null;
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_TLS_Handshake_Role: number;
  'SMF119SC_TLS_Handshake_Role.name': string | null;
  /** session ID length in bytes (0-32) */
  SMF119SC_TLS_Session_ID_Len: number;
  /** left justified; IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_TLS_Session_ID: string;
  /** blank padded; the string written for ZERTJSSE (IBM Java JSSE) is NOT FOUND */
  SMF119SC_TLS_Protocol_Provider: string;
  /** 4 hex chars + 2 blanks (SSLv3+), 6-char SSLv2 code, 'FFFFFF' unknown/failed (3.2) */
  SMF119SC_TLS_Neg_Cipher: string;
  'SMF119SC_TLS_Neg_Cipher.name': string | null;
  /** symmetric cipher of the suite */
  SMF119SC_TLS_CS_Enc_Alg: number;
  'SMF119SC_TLS_CS_Enc_Alg.name': string | null;
  /** MAC algorithm of the suite */
  SMF119SC_TLS_CS_Msg_Auth: number;
  'SMF119SC_TLS_CS_Msg_Auth.name': string | null;
  /** key exchange of the suite */
  SMF119SC_TLS_CS_Kex_Alg: number;
  'SMF119SC_TLS_CS_Kex_Alg.name': string | null;
  SMF119SC_TLS_FIPS_Mode: number;
  'SMF119SC_TLS_FIPS_Mode.name': string | null;
  SMF119SC_TLS_CryptoFlags: number;
  'SMF119SC_TLS_CryptoFlags.flags': string[];
  /** server certificate signature method */
  SMF119SC_TLS_SCert_Signature_Method: number;
  'SMF119SC_TLS_SCert_Signature_Method.name': string | null;
  /** server certificate encryption (public-key) method */
  SMF119SC_TLS_SCert_Enc_Method: number;
  'SMF119SC_TLS_SCert_Enc_Method.name': string | null;
  /** server certificate digest algorithm */
  SMF119SC_TLS_SCert_Digest_Alg: number;
  'SMF119SC_TLS_SCert_Digest_Alg.name': string | null;
  /** server certificate serial number length in bytes (0-20) */
  SMF119SC_TLS_SCert_Serial_Len: number;
  /** server certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_TLS_SCert_Serial: string;
  /** format of the server certificate 'not after' time */
  SMF119SC_TLS_SCert_Time_Type: number;
  'SMF119SC_TLS_SCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_TLS_SCert_Time: string | null;
  /** server certificate key type */
  SMF119SC_TLS_SCert_Key_Type: number;
  'SMF119SC_TLS_SCert_Key_Type.name': string | null;
  /** server certificate key length in bits */
  SMF119SC_TLS_SCert_Key_Len: number;
  /** client certificate signature method */
  SMF119SC_TLS_CCert_Signature_Method: number;
  'SMF119SC_TLS_CCert_Signature_Method.name': string | null;
  /** client certificate encryption (public-key) method */
  SMF119SC_TLS_CCert_Enc_Method: number;
  'SMF119SC_TLS_CCert_Enc_Method.name': string | null;
  /** client certificate digest algorithm */
  SMF119SC_TLS_CCert_Digest_Alg: number;
  'SMF119SC_TLS_CCert_Digest_Alg.name': string | null;
  /** client certificate serial number length in bytes (0-20) */
  SMF119SC_TLS_CCert_Serial_Len: number;
  /** client certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_TLS_CCert_Serial: string;
  /** format of the client certificate 'not after' time */
  SMF119SC_TLS_CCert_Time_Type: number;
  'SMF119SC_TLS_CCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_TLS_CCert_Time: string | null;
  /** client certificate key type */
  SMF119SC_TLS_CCert_Key_Type: number;
  'SMF119SC_TLS_CCert_Key_Type.name': string | null;
  /** client certificate key length in bits */
  SMF119SC_TLS_CCert_Key_Len: number;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** SSH protocol attributes section (subtype 11). */
export interface St11SSH {
  SMF119SC_SSH_Prot_Ver: number;
  'SMF119SC_SSH_Prot_Ver.name': string | null;
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_SSH_Source: number;
  'SMF119SC_SSH_Source.name': string | null;
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_SSH_FIPS_Mode: number;
  'SMF119SC_SSH_FIPS_Mode.name': string | null;
  SMF119SC_SSH_CryptoFlags: number;
  'SMF119SC_SSH_CryptoFlags.flags': string[];
  /** overlays the first byte of the former SMF119SC_SSH_Rsvd1 (3.2+) */
  SMF119SC_SSH_Flags?: number;
  'SMF119SC_SSH_Flags.flags'?: string[];
  /** IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_SSH_Comp: string;
  SMF119SC_SSH_Protocol_Provider: string;
  /** first or only peer authentication method */
  SMF119SC_SSH_Auth_Method: number;
  'SMF119SC_SSH_Auth_Method.name': string | null;
  /** if non-zero, the last of several methods */
  SMF119SC_SSH_Auth_Method2: number;
  'SMF119SC_SSH_Auth_Method2.name': string | null;
  SMF119SC_SSH_In_Enc_Alg: number;
  'SMF119SC_SSH_In_Enc_Alg.name': string | null;
  SMF119SC_SSH_In_Msg_Auth: number;
  'SMF119SC_SSH_In_Msg_Auth.name': string | null;
  SMF119SC_SSH_Kex_Method: number;
  'SMF119SC_SSH_Kex_Method.name': string | null;
  SMF119SC_SSH_Out_Enc_Alg: number;
  'SMF119SC_SSH_Out_Enc_Alg.name': string | null;
  SMF119SC_SSH_Out_Msg_Auth: number;
  'SMF119SC_SSH_Out_Msg_Auth.name': string | null;
  /** raw server key type */
  SMF119SC_SSH_SKey_Type: number;
  'SMF119SC_SSH_SKey_Type.name': string | null;
  /** raw server key length in bits */
  SMF119SC_SSH_SKey_Len: number;
  /** raw client key type */
  SMF119SC_SSH_CKey_Type: number;
  'SMF119SC_SSH_CKey_Type.name': string | null;
  /** raw client key length in bits */
  SMF119SC_SSH_CKey_Len: number;
  /** server public-key fingerprint length; 0 if none */
  SMF119SC_SSH_SKey_FPLen: number;
  /** client public-key fingerprint length; 0 if none */
  SMF119SC_SSH_CKey_FPLen: number;
  /** server public-key fingerprint, left justified, X'00' padded */
  SMF119SC_SSH_SKey_FP: string;
  /** client public-key fingerprint, left justified, X'00' padded */
  SMF119SC_SSH_CKey_FP: string;
  /** server X.509 certificate signature method */
  SMF119SC_SSH_SCert_Signature_Method: number;
  'SMF119SC_SSH_SCert_Signature_Method.name': string | null;
  /** server X.509 certificate encryption (public-key) method */
  SMF119SC_SSH_SCert_Enc_Method: number;
  'SMF119SC_SSH_SCert_Enc_Method.name': string | null;
  /** server X.509 certificate digest algorithm */
  SMF119SC_SSH_SCert_Digest_Alg: number;
  'SMF119SC_SSH_SCert_Digest_Alg.name': string | null;
  /** server X.509 certificate serial number length in bytes (0-20) */
  SMF119SC_SSH_SCert_Serial_Len: number;
  /** server X.509 certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_SSH_SCert_Serial: string;
  /** format of the server X.509 certificate 'not after' time */
  SMF119SC_SSH_SCert_Time_Type: number;
  'SMF119SC_SSH_SCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_SSH_SCert_Time: string | null;
  /** server X.509 certificate key type */
  SMF119SC_SSH_SCert_Key_Type: number;
  'SMF119SC_SSH_SCert_Key_Type.name': string | null;
  /** server X.509 certificate key length in bits */
  SMF119SC_SSH_SCert_Key_Len: number;
  /** client X.509 certificate signature method */
  SMF119SC_SSH_CCert_Signature_Method: number;
  'SMF119SC_SSH_CCert_Signature_Method.name': string | null;
  /** client X.509 certificate encryption (public-key) method */
  SMF119SC_SSH_CCert_Enc_Method: number;
  'SMF119SC_SSH_CCert_Enc_Method.name': string | null;
  /** client X.509 certificate digest algorithm */
  SMF119SC_SSH_CCert_Digest_Alg: number;
  'SMF119SC_SSH_CCert_Digest_Alg.name': string | null;
  /** client X.509 certificate serial number length in bytes (0-20) */
  SMF119SC_SSH_CCert_Serial_Len: number;
  /** client X.509 certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_SSH_CCert_Serial: string;
  /** format of the client X.509 certificate 'not after' time */
  SMF119SC_SSH_CCert_Time_Type: number;
  'SMF119SC_SSH_CCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_SSH_CCert_Time: string | null;
  /** client X.509 certificate key type */
  SMF119SC_SSH_CCert_Key_Type: number;
  'SMF119SC_SSH_CCert_Key_Type.name': string | null;
  /** client X.509 certificate key length in bits */
  SMF119SC_SSH_CCert_Key_Len: number;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** IPSec protocol attributes section (subtype 11). */
export interface St11IPSec {
  /** IKE tunnel ID; IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_IPSec_IKETunID: number;
  /** IKE major version (low 4 bits) */
  SMF119SC_IPSec_IKEMajVer: number;
  /** IKE minor version (low 4 bits) */
  SMF119SC_IPSec_IKEMinVer: number;
  /** key-exchange rule name; IBM marks it 'information only' (not significant for aggregation). */
  SMF119SC_IPSec_IKETunKeyExchRule: string;
  /** local IKE endpoint; IPv6 if common SAFlags X'80' */
  SMF119SC_IPSec_IKETunLclEndpt: string;
  /** remote IKE endpoint; same rule */
  SMF119SC_IPSec_IKETunRmtEndpt: string;
  SMF119SC_IPSec_IKETunLclAuthMeth: number;
  'SMF119SC_IPSec_IKETunLclAuthMeth.name': string | null;
  SMF119SC_IPSec_IKETunRmtAuthMeth: number;
  'SMF119SC_IPSec_IKETunRmtAuthMeth.name': string | null;
  SMF119SC_IPSec_IKETunAuthAlg: number;
  'SMF119SC_IPSec_IKETunAuthAlg.name': string | null;
  SMF119SC_IPSec_IKETunEncAlg: number;
  'SMF119SC_IPSec_IKETunEncAlg.name': string | null;
  SMF119SC_IPSec_IKETunDHGroup: number;
  'SMF119SC_IPSec_IKETunDHGroup.name': string | null;
  SMF119SC_IPSec_IKETunPseudoRandFunc: number;
  'SMF119SC_IPSec_IKETunPseudoRandFunc.name': string | null;
  /** IKE tunnel lifesize limit in KB; 0 = no limit */
  SMF119SC_IPSec_IKETunLifesize: number;
  /** IKE tunnel lifetime in minutes */
  SMF119SC_IPSec_IKETunLifetime: number;
  /** minutes between re-authentications */
  SMF119SC_IPSec_IKETunReauthIntvl: number;
  /** local IKE certificate signature method */
  SMF119SC_IPSec_LclCert_Sign_Meth: number;
  'SMF119SC_IPSec_LclCert_Sign_Meth.name': string | null;
  /** local IKE certificate encryption (public-key) method */
  SMF119SC_IPSec_LclCert_Enc_Meth: number;
  'SMF119SC_IPSec_LclCert_Enc_Meth.name': string | null;
  /** local IKE certificate digest algorithm */
  SMF119SC_IPSec_LclCert_Digest_Alg: number;
  'SMF119SC_IPSec_LclCert_Digest_Alg.name': string | null;
  /** local IKE certificate serial number length in bytes (0-20) */
  SMF119SC_IPSec_LclCert_Serial_Len: number;
  /** local IKE certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_IPSec_LclCert_Serial: string;
  /** format of the local IKE certificate 'not after' time */
  SMF119SC_IPSec_LclCert_Time_Type: number;
  'SMF119SC_IPSec_LclCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_IPSec_LclCert_Time: string | null;
  /** local IKE certificate key type */
  SMF119SC_IPSec_LclCert_Key_Type: number;
  'SMF119SC_IPSec_LclCert_Key_Type.name': string | null;
  /** local IKE certificate key length in bits */
  SMF119SC_IPSec_LclCert_Key_Len: number;
  /** remote IKE certificate signature method */
  SMF119SC_IPSec_RmtCert_Sign_Meth: number;
  'SMF119SC_IPSec_RmtCert_Sign_Meth.name': string | null;
  /** remote IKE certificate encryption (public-key) method */
  SMF119SC_IPSec_RmtCert_Enc_Meth: number;
  'SMF119SC_IPSec_RmtCert_Enc_Meth.name': string | null;
  /** remote IKE certificate digest algorithm */
  SMF119SC_IPSec_RmtCert_Digest_Alg: number;
  'SMF119SC_IPSec_RmtCert_Digest_Alg.name': string | null;
  /** remote IKE certificate serial number length in bytes (0-20) */
  SMF119SC_IPSec_RmtCert_Serial_Len: number;
  /** remote IKE certificate serial number, left justified, rest X'00' (inferred) */
  SMF119SC_IPSec_RmtCert_Serial: string;
  /** format of the remote IKE certificate 'not after' time */
  SMF119SC_IPSec_RmtCert_Time_Type: number;
  'SMF119SC_IPSec_RmtCert_Time_Type.name': string | null;
  /** Character time string; encoding not stated for subtype 11 (EBCDIC inferred from the 3.2 subtype-12 twins). UTCTime fills 13 bytes; the 2 unused bytes are written as blanks (padding NOT FOUND, inferred). */
  SMF119SC_IPSec_RmtCert_Time: string | null;
  /** remote IKE certificate key type */
  SMF119SC_IPSec_RmtCert_Key_Type: number;
  'SMF119SC_IPSec_RmtCert_Key_Type.name': string | null;
  /** remote IKE certificate key length in bits */
  SMF119SC_IPSec_RmtCert_Key_Len: number;
  /** IPSec (phase 2) tunnel ID */
  SMF119SC_IPSec_TunID: number;
  SMF119SC_IPSec_TunFlags: number;
  'SMF119SC_IPSec_TunFlags.flags': string[];
  SMF119SC_IPSec_TunType: number;
  'SMF119SC_IPSec_TunType.name': string | null;
  SMF119SC_IPSec_TunState: number;
  'SMF119SC_IPSec_TunState.name': string | null;
  SMF119SC_IPSec_EncapMode: number;
  'SMF119SC_IPSec_EncapMode.name': string | null;
  SMF119SC_IPSec_AuthProto: number;
  'SMF119SC_IPSec_AuthProto.name': string | null;
  SMF119SC_IPSec_AuthAlg: number;
  'SMF119SC_IPSec_AuthAlg.name': string | null;
  SMF119SC_IPSec_EncAlg: number;
  'SMF119SC_IPSec_EncAlg.name': string | null;
  SMF119SC_IPSec_PFSGroup: number;
  'SMF119SC_IPSec_PFSGroup.name': string | null;
  /** SA lifesize in KB; 0 for manual tunnels */
  SMF119SC_IPSec_Lifesize: number;
  /** SA lifetime in minutes; 0 for manual tunnels */
  SMF119SC_IPSec_Lifetime: number;
  /** VPN lifetime in minutes; 0 = no limit */
  SMF119SC_IPSec_VPNLifeExpire: number;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** certificate distinguished-name (DN) section (subtype 11). */
export interface St11DN {
  /** length of this entry including DN_Len and DN_Type */
  SMF119SC_DN_Len: number;
  SMF119SC_DN_Type: number;
  'SMF119SC_DN_Type.name': string | null;
  /** DN text, up to 1024 bytes */
  SMF119SC_DN: string;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT policy-based enforcement section (subtype 11). */
export interface St11Enforcement {
  /** The section's bytes as hex (layout not documented). */
  '@raw'?: string;
}

/** A decoded zERT connection detail record (subtype 11). */
export interface St11Record {
  Header: St11Header;
  SelfDef: St11SelfDef;
  Ident?: St11Ident[];
  Common?: St11Common[];
  IPFilter?: St11IPFilter[];
  TLS?: St11TLS[];
  SSH?: St11SSH[];
  IPSec?: St11IPSec[];
  DN?: St11DN[];
  Enforcement?: St11Enforcement[];
}

/** Standard SMF record header (subtype 12). */
export interface St12Header {
  /** record length including the RDW; max 32756 */
  SMF119HDLength: number;
  /** segment descriptor, X'0000' for a complete record */
  SMF119HDSegDesc: number;
  /** system indicator; X'40' subtypes used must be on; typical X'5E' (inferred), written when the record leaves it out */
  SMF119HDFlags: number;
  'SMF119HDFlags.flags': string[];
  /** record type 119 (X'77') */
  SMF119HDType: number;
  /** time moved to the SMF buffer, hundredths of a second since midnight, local time */
  SMF119HDTime: string | null;
  /** local date, packed 0cyydddF */
  SMF119HDDate: string | null;
  /** SMF system id; IBM prints the offset as 14(X'D'), a typo for X'E' */
  SMF119HDSID: string;
  /** SMF subsystem id; the value TCP/IP writes was NOT FOUND */
  SMF119HDSSI: string;
  /** record subtype */
  SMF119HDSubType: number;
  'SMF119HDSubType.name': string | null;
}

/** Self-defining section (subtype 12). */
export interface St12SelfDef {
  /** number of triplets that follow; derived from the release profile */
  SMF119SD_TRN: number;
  /** offset of the TCP/IP identification section from record start (RDW included); 0 when absent */
  SMF119IDOff: number;
  /** length of one TCP/IP identification section */
  SMF119IDLen: number;
  /** number of TCP/IP identification section occurrences (0 = absent) */
  SMF119IDNum: number;
  /** offset of the zERT summary common section from record start (RDW included); 0 when absent */
  SMF119S1Off: number;
  /** length of one zERT summary common section */
  SMF119S1Len: number;
  /** number of zERT summary common section occurrences (0 = absent) */
  SMF119S1Num: number;
  /** offset of the zERT summary TLS protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S2Off: number;
  /** length of one zERT summary TLS protocol attributes section */
  SMF119S2Len: number;
  /** number of zERT summary TLS protocol attributes section occurrences (0 = absent) */
  SMF119S2Num: number;
  /** offset of the zERT summary SSH protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S3Off: number;
  /** length of one zERT summary SSH protocol attributes section */
  SMF119S3Len: number;
  /** number of zERT summary SSH protocol attributes section occurrences (0 = absent) */
  SMF119S3Num: number;
  /** offset of the zERT summary IPSec protocol attributes section from record start (RDW included); 0 when absent */
  SMF119S4Off: number;
  /** length of one zERT summary IPSec protocol attributes section */
  SMF119S4Len: number;
  /** number of zERT summary IPSec protocol attributes section occurrences (0 = absent) */
  SMF119S4Num: number;
  /** offset of the zERT summary certificate DNs section from record start (RDW included); 0 when absent */
  SMF119S5Off: number;
  /** length of one zERT summary certificate DNs section */
  SMF119S5Len: number;
  /** number of zERT summary certificate DNs section occurrences (0 = absent) */
  SMF119S5Num: number;
}

/** TCP/IP identification section (subtype 12). */
export interface St12Ident {
  /** system name (IEASYSxx SYSNAME) */
  SMF119TI_SYSName: string;
  /** sysplex name (COUPLExx SYSPLEX) */
  SMF119TI_SysplexName: string;
  /** TCP/IP stack (job) name */
  SMF119TI_Stack: string;
  /** Communications Server release identifier; exact text per release NOT FOUND */
  SMF119TI_ReleaseID: string;
  /** writing subcomponent, blank padded; subtypes 11 and 12 write 'STACK' (the default) */
  SMF119TI_Comp: string;
  /** started-task qualifier or address-space name of the writer */
  SMF119TI_ASName: string;
  /** user ID of the writer's security context */
  SMF119TI_UserID: string;
  /** ASID of the writing address space */
  SMF119TI_ASID: number;
  /** why the record was written */
  SMF119TI_Reason: number;
  'SMF119TI_Reason.name': string | null;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT summary common section (subtype 12). */
export interface St12Common {
  /** length of the recording interval, 64-bit TOD format (bit 51 = 1 microsecond) */
  SMF119SS_SAIntervalDuration: string;
  'SMF119SS_SAIntervalDuration.seconds': number;
  /** why the record was written */
  SMF119SS_SAEvent_Type: number;
  'SMF119SS_SAEvent_Type.name': string | null;
  /** server/client bits differ from subtype 11's */
  SMF119SS_SAFlags: number;
  'SMF119SS_SAFlags.flags': string[];
  /** exactly one value */
  SMF119SS_SASecProtos: number;
  'SMF119SS_SASecProtos.flags': string[];
  /** job name tied to the socket */
  SMF119SS_SAJobname: string;
  /** z/OS user ID; '*FTPUSR*' for aggregated FTP data connections */
  SMF119SS_SAUserID: string;
  SMF119SS_SAIPProto: number;
  'SMF119SS_SAIPProto.name': string | null;
  /** server IP; IPv4 in the first 4 bytes unless SAFlags X'80' */
  SMF119SS_SASrvIP: string;
  /** client IP; same rule */
  SMF119SS_SACltIP: string;
  /** first server port of the aggregated range */
  SMF119SS_SASrvPortStart: number;
  /** last server port; equals start for a single port */
  SMF119SS_SASrvPortEnd: number;
  /** security session id, 'p-value' (rest of the description cut off in the source) */
  SMF119SS_SASessionID: string;
  /** connections over the session life, at interval start */
  SMF119SS_SAInitLifeConnCnt: number;
  /** of those, tied to the session for part of their life */
  SMF119SS_SAInitLifePartialConnCnt: number;
  /** connections shorter than 10 s, at interval start (TCP) */
  SMF119SS_SAInitLifeShortConnCnt: number;
  /** active connections at interval start */
  SMF119SS_SAInitActiveConnCnt: number;
  SMF119SS_SAInitLifeInBytes: string;
  SMF119SS_SAInitLifeOutBytes: string;
  SMF119SS_SAInitLifeInSegDG: string;
  SMF119SS_SAInitLifeOutSegDG: string;
  /** connections over the session life, at interval end */
  SMF119SS_SAEndLifeConnCnt: number;
  SMF119SS_SAEndLifePartialConnCnt: number;
  SMF119SS_SAEndLifeShortConnCnt: number;
  /** active connections at interval end */
  SMF119SS_SAEndActiveConnCnt: number;
  SMF119SS_SAEndLifeInBytes: string;
  SMF119SS_SAEndLifeOutBytes: string;
  SMF119SS_SAEndLifeInSegDG: string;
  SMF119SS_SAEndLifeOutSegDG: string;
  /** failed TLS/SSH handshakes over the session life at interval start (3.2+) */
  SMF119SS_SAInitFailedHsConnCnt?: number;
  /** same count at interval end (3.2+) */
  SMF119SS_SAEndFailedHsConnCnt?: number;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT summary TLS protocol attributes section (subtype 12). */
export interface St12TLS {
  SMF119SS_TLS_Source: number;
  'SMF119SS_TLS_Source.name': string | null;
  SMF119SS_TLS_CryptoFlags: number;
  'SMF119SS_TLS_CryptoFlags.flags': string[];
  SMF119SS_TLS_Prot_Ver: number;
  'SMF119SS_TLS_Prot_Ver.name': string | null;
  /** as subtype 11; 'FFFFFF' unknown version (3.2) */
  SMF119SS_TLS_Neg_Cipher: string;
  'SMF119SS_TLS_Neg_Cipher.name': string | null;
  SMF119SS_TLS_CS_Enc_Alg: number;
  'SMF119SS_TLS_CS_Enc_Alg.name': string | null;
  SMF119SS_TLS_CS_Msg_Auth: number;
  'SMF119SS_TLS_CS_Msg_Auth.name': string | null;
  SMF119SS_TLS_CS_Kex_Alg: number;
  'SMF119SS_TLS_CS_Kex_Alg.name': string | null;
  /** server certificate signature method */
  SMF119SS_TLS_SCert_Signature_Method: number;
  'SMF119SS_TLS_SCert_Signature_Method.name': string | null;
  /** server certificate encryption method */
  SMF119SS_TLS_SCert_Enc_Method: number;
  'SMF119SS_TLS_SCert_Enc_Method.name': string | null;
  /** server certificate digest algorithm */
  SMF119SS_TLS_SCert_Digest_Alg: number;
  'SMF119SS_TLS_SCert_Digest_Alg.name': string | null;
  /** server certificate key type */
  SMF119SS_TLS_SCert_Key_Type: number;
  'SMF119SS_TLS_SCert_Key_Type.name': string | null;
  /** server certificate key length in bits */
  SMF119SS_TLS_SCert_Key_Len: number;
  /** client certificate signature method */
  SMF119SS_TLS_CCert_Signature_Method: number;
  'SMF119SS_TLS_CCert_Signature_Method.name': string | null;
  /** client certificate encryption method */
  SMF119SS_TLS_CCert_Enc_Method: number;
  'SMF119SS_TLS_CCert_Enc_Method.name': string | null;
  /** client certificate digest algorithm */
  SMF119SS_TLS_CCert_Digest_Alg: number;
  'SMF119SS_TLS_CCert_Digest_Alg.name': string | null;
  /** client certificate key type */
  SMF119SS_TLS_CCert_Key_Type: number;
  'SMF119SS_TLS_CCert_Key_Type.name': string | null;
  /** client certificate key length in bits */
  SMF119SS_TLS_CCert_Key_Len: number;
  /** server certificate serial number length in bytes (3.2+) */
  SMF119SS_TLS_SCert_Serial_Len?: number;
  /** server certificate serial, left justified (rest zero) (3.2+) */
  SMF119SS_TLS_SCert_Serial?: string;
  /** format of the server certificate 'not after' time (3.2+) */
  SMF119SS_TLS_SCert_Time_Type?: number;
  'SMF119SS_TLS_SCert_Time_Type.name'?: string | null;
  /** UTC YYMMDDhhmmssZ in bytes 0-12 (2 blanks after, inferred) or GT YYYYMMDDhhmmssZ in all 15 (3.2+) */
  SMF119SS_TLS_SCert_Time?: string | null;
  /** client certificate serial number length in bytes (3.2+) */
  SMF119SS_TLS_CCert_Serial_Len?: number;
  /** client certificate serial, left justified (rest zero) (3.2+) */
  SMF119SS_TLS_CCert_Serial?: string;
  /** format of the client certificate 'not after' time (3.2+) */
  SMF119SS_TLS_CCert_Time_Type?: number;
  'SMF119SS_TLS_CCert_Time_Type.name'?: string | null;
  /** UTC YYMMDDhhmmssZ in bytes 0-12 (2 blanks after, inferred) or GT YYYYMMDDhhmmssZ in all 15 (3.2+) */
  SMF119SS_TLS_CCert_Time?: string | null;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT summary SSH protocol attributes section (subtype 12). */
export interface St12SSH {
  SMF119SS_SSH_Source: number;
  'SMF119SS_SSH_Source.name': string | null;
  SMF119SS_SSH_Prot_Ver: number;
  'SMF119SS_SSH_Prot_Ver.name': string | null;
  SMF119SS_SSH_CryptoFlags: number;
  'SMF119SS_SSH_CryptoFlags.flags': string[];
  SMF119SS_SSH_Auth_Method: number;
  'SMF119SS_SSH_Auth_Method.name': string | null;
  SMF119SS_SSH_Auth_Method2: number;
  'SMF119SS_SSH_Auth_Method2.name': string | null;
  SMF119SS_SSH_In_Enc_Alg: number;
  'SMF119SS_SSH_In_Enc_Alg.name': string | null;
  SMF119SS_SSH_In_Msg_Auth: number;
  'SMF119SS_SSH_In_Msg_Auth.name': string | null;
  SMF119SS_SSH_Kex_Method: number;
  'SMF119SS_SSH_Kex_Method.name': string | null;
  SMF119SS_SSH_Out_Enc_Alg: number;
  'SMF119SS_SSH_Out_Enc_Alg.name': string | null;
  SMF119SS_SSH_Out_Msg_Auth: number;
  'SMF119SS_SSH_Out_Msg_Auth.name': string | null;
  SMF119SS_SSH_SKey_Type: number;
  'SMF119SS_SSH_SKey_Type.name': string | null;
  SMF119SS_SSH_SKey_Len: number;
  SMF119SS_SSH_CKey_Type: number;
  'SMF119SS_SSH_CKey_Type.name': string | null;
  SMF119SS_SSH_CKey_Len: number;
  /** server certificate signature method */
  SMF119SS_SSH_SCert_Signature_Method: number;
  'SMF119SS_SSH_SCert_Signature_Method.name': string | null;
  /** server certificate encryption method */
  SMF119SS_SSH_SCert_Enc_Method: number;
  'SMF119SS_SSH_SCert_Enc_Method.name': string | null;
  /** server certificate digest algorithm */
  SMF119SS_SSH_SCert_Digest_Alg: number;
  'SMF119SS_SSH_SCert_Digest_Alg.name': string | null;
  /** server certificate key type */
  SMF119SS_SSH_SCert_Key_Type: number;
  'SMF119SS_SSH_SCert_Key_Type.name': string | null;
  /** server certificate key length in bits */
  SMF119SS_SSH_SCert_Key_Len: number;
  /** client certificate signature method */
  SMF119SS_SSH_CCert_Signature_Method: number;
  'SMF119SS_SSH_CCert_Signature_Method.name': string | null;
  /** client certificate encryption method */
  SMF119SS_SSH_CCert_Enc_Method: number;
  'SMF119SS_SSH_CCert_Enc_Method.name': string | null;
  /** client certificate digest algorithm */
  SMF119SS_SSH_CCert_Digest_Alg: number;
  'SMF119SS_SSH_CCert_Digest_Alg.name': string | null;
  /** client certificate key type */
  SMF119SS_SSH_CCert_Key_Type: number;
  'SMF119SS_SSH_CCert_Key_Type.name': string | null;
  /** client certificate key length in bits */
  SMF119SS_SSH_CCert_Key_Len: number;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT summary IPSec protocol attributes section (subtype 12). */
export interface St12IPSec {
  /** IKE major version (low 4 bits) */
  SMF119SS_IPSec_IKEMajVer: number;
  /** IKE minor version (low 4 bits) */
  SMF119SS_IPSec_IKEMinVer: number;
  SMF119SS_IPSec_IKETunLclEndpt: string;
  SMF119SS_IPSec_IKETunRmtEndpt: string;
  SMF119SS_IPSec_IKETunLclAuthMeth: number;
  'SMF119SS_IPSec_IKETunLclAuthMeth.name': string | null;
  SMF119SS_IPSec_IKETunRmtAuthMeth: number;
  'SMF119SS_IPSec_IKETunRmtAuthMeth.name': string | null;
  SMF119SS_IPSec_IKETunAuthAlg: number;
  'SMF119SS_IPSec_IKETunAuthAlg.name': string | null;
  SMF119SS_IPSec_IKETunEncAlg: number;
  'SMF119SS_IPSec_IKETunEncAlg.name': string | null;
  SMF119SS_IPSec_IKETunDHGroup: number;
  'SMF119SS_IPSec_IKETunDHGroup.name': string | null;
  SMF119SS_IPSec_IKETunPseudoRandFunc: number;
  'SMF119SS_IPSec_IKETunPseudoRandFunc.name': string | null;
  /** local IKE certificate signature method */
  SMF119SS_IPSec_LclCert_Sign_Meth: number;
  'SMF119SS_IPSec_LclCert_Sign_Meth.name': string | null;
  /** local IKE certificate encryption method */
  SMF119SS_IPSec_LclCert_Enc_Meth: number;
  'SMF119SS_IPSec_LclCert_Enc_Meth.name': string | null;
  /** local IKE certificate digest algorithm */
  SMF119SS_IPSec_LclCert_Digest_Alg: number;
  'SMF119SS_IPSec_LclCert_Digest_Alg.name': string | null;
  /** local IKE certificate key type */
  SMF119SS_IPSec_LclCert_Key_Type: number;
  'SMF119SS_IPSec_LclCert_Key_Type.name': string | null;
  /** local IKE certificate key length in bits */
  SMF119SS_IPSec_LclCert_Key_Len: number;
  /** remote IKE certificate signature method */
  SMF119SS_IPSec_RmtCert_Sign_Meth: number;
  'SMF119SS_IPSec_RmtCert_Sign_Meth.name': string | null;
  /** remote IKE certificate encryption method */
  SMF119SS_IPSec_RmtCert_Enc_Meth: number;
  'SMF119SS_IPSec_RmtCert_Enc_Meth.name': string | null;
  /** remote IKE certificate digest algorithm */
  SMF119SS_IPSec_RmtCert_Digest_Alg: number;
  'SMF119SS_IPSec_RmtCert_Digest_Alg.name': string | null;
  /** remote IKE certificate key type */
  SMF119SS_IPSec_RmtCert_Key_Type: number;
  'SMF119SS_IPSec_RmtCert_Key_Type.name': string | null;
  /** remote IKE certificate key length in bits */
  SMF119SS_IPSec_RmtCert_Key_Len: number;
  SMF119SS_IPSec_PFSGroup: number;
  'SMF119SS_IPSec_PFSGroup.name': string | null;
  SMF119SS_IPSec_EncapMode: number;
  'SMF119SS_IPSec_EncapMode.name': string | null;
  SMF119SS_IPSec_AuthProto: number;
  'SMF119SS_IPSec_AuthProto.name': string | null;
  SMF119SS_IPSec_AuthAlg: number;
  'SMF119SS_IPSec_AuthAlg.name': string | null;
  SMF119SS_IPSec_EncAlg: number;
  'SMF119SS_IPSec_EncAlg.name': string | null;
  /** local IKE certificate serial number length in bytes (3.2+) */
  SMF119SS_IPSec_LclCert_Serial_Len?: number;
  /** local IKE certificate serial, left justified (rest zero) (3.2+) */
  SMF119SS_IPSec_LclCert_Serial?: string;
  /** format of the local IKE certificate 'not after' time (3.2+) */
  SMF119SS_IPSec_LclCert_Time_Type?: number;
  'SMF119SS_IPSec_LclCert_Time_Type.name'?: string | null;
  /** UTC YYMMDDhhmmssZ in bytes 0-12 (2 blanks after, inferred) or GT YYYYMMDDhhmmssZ in all 15 (3.2+) */
  SMF119SS_IPSec_LclCert_Time?: string | null;
  /** remote IKE certificate serial number length in bytes (3.2+) */
  SMF119SS_IPSec_RmtCert_Serial_Len?: number;
  /** remote IKE certificate serial, left justified (rest zero) (3.2+) */
  SMF119SS_IPSec_RmtCert_Serial?: string;
  /** format of the remote IKE certificate 'not after' time (3.2+) */
  SMF119SS_IPSec_RmtCert_Time_Type?: number;
  'SMF119SS_IPSec_RmtCert_Time_Type.name'?: string | null;
  /** UTC YYMMDDhhmmssZ in bytes 0-12 (2 blanks after, inferred) or GT YYYYMMDDhhmmssZ in all 15 (3.2+) */
  SMF119SS_IPSec_RmtCert_Time?: string | null;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** zERT summary certificate DNs section (subtype 12). */
export interface St12DN {
  /** length of this entry including DN_Len and DN_Type */
  SMF119SS_DN_Len: number;
  SMF119SS_DN_Type: number;
  'SMF119SS_DN_Type.name': string | null;
  /** DN text, up to 1024 bytes */
  SMF119SS_DN: string;
  /** Bytes after the known fields of a longer (newer) section, as hex. */
  '@extra'?: string;
}

/** A decoded zERT summary record (subtype 12). */
export interface St12Record {
  Header: St12Header;
  SelfDef: St12SelfDef;
  Ident?: St12Ident[];
  Common?: St12Common[];
  TLS?: St12TLS[];
  SSH?: St12SSH[];
  IPSec?: St12IPSec[];
  DN?: St12DN[];
}

/** A decoded record of either subtype (DecodeResult.subtype tells which). */
export type DecodedRecord = St11Record | St12Record;

/** The decoded record type of a subtype. */
export type RecordOf<S extends 11 | 12> = S extends 11 ? St11Record : S extends 12 ? St12Record : never;
