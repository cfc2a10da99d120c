import type { CodeSet } from './types.js';

// Value codes from spec/reference (smf119-common, -st11, -st12). Lists the source cut short are marked
// complete: false; codes no source shows are not invented. Flags are declared by mask (IBM bit 0 = X'80').

export const HEADER_FLAGS: CodeSet = {
  id: 'header-flags',
  complete: false,
  note: "Only X'40' (subtypes used) is confirmed for 119; the other bits follow the standard SMF header. Typical byte X'5E' (inferred).",
  codes: [
    { code: 0x80, name: 'new record format', confidence: 'vendor-copy' },
    { code: 0x40, name: 'subtypes used' },
    { code: 0x10, name: 'MVS/SP V4 and later', confidence: 'vendor-copy' },
    { code: 0x08, name: 'MVS/SP V3', confidence: 'vendor-copy' },
    { code: 0x04, name: 'MVS/SP V2', confidence: 'vendor-copy' },
    { code: 0x02, name: 'VS2', confidence: 'vendor-copy' },
    { code: 0x01, name: 'PR/SM mode (pacsys; IBM: reserved)', confidence: 'vendor-copy', note: 'sources disagree; treat as reserved' },
  ],
};

export const SUBTYPES: CodeSet = {
  id: 'subtype',
  complete: false,
  note: 'Only the zERT subtypes are modelled.',
  codes: [
    { code: 11, name: 'zERT connection detail' },
    { code: 12, name: 'zERT summary' },
  ],
};

export const TI_REASON: CodeSet = {
  id: 'ti-reason',
  complete: true,
  codes: [
    { code: 0xc0, name: 'interval, more records follow' },
    { code: 0x80, name: 'interval, last in set' },
    { code: 0x60, name: 'end-of-statistics, more follow' },
    { code: 0x20, name: 'end-of-statistics, last in set' },
    { code: 0x50, name: 'shutdown starts, more follow' },
    { code: 0x10, name: 'shutdown starts, last in set' },
    { code: 0x48, name: 'event, more follow' },
    { code: 0x08, name: 'event, last in set' },
  ],
};

export const ST11_EVENT_TYPE: CodeSet = {
  id: 'st11-event-type',
  complete: true,
  codes: [
    { code: 0x01, name: 'connection initiation' },
    { code: 0x02, name: 'cryptographic attributes changed' },
    { code: 0x03, name: 'connection termination' },
    { code: 0x04, name: 'short connection termination' },
    { code: 0x05, name: 'zERT enabled', confidence: 'inferred' },
    { code: 0x06, name: 'zERT disabled', confidence: 'inferred' },
    { code: 0x07, name: 'zERT enforcement (policy rule matched, audit action)', since: '2.5' },
  ],
};

export const ST12_EVENT_TYPE: CodeSet = {
  id: 'st12-event-type',
  complete: true,
  codes: [
    { code: 0x01, name: 'summary interval' },
    { code: 0x02, name: 'aggregation enabled' },
    { code: 0x03, name: 'aggregation disabled' },
  ],
};

/** SASecProtos: zero or more bits; X'00' = no recognised protection. */
export const SEC_PROTOS: CodeSet = {
  id: 'sec-protos',
  complete: true,
  codes: [
    { code: 0x80, name: 'TLS/SSL' },
    { code: 0x40, name: 'SSH' },
    { code: 0x20, name: 'IPSec' },
  ],
};

export const ST11_SA_FLAGS: CodeSet = {
  id: 'st11-sa-flags',
  complete: false,
  note: "X'04'-X'01': no meaning found (presumably reserved). Do not mix with subtype 12's server/client bits.",
  codes: [
    { code: 0x80, name: 'IPv6' },
    { code: 0x40, name: 'AT-TLS bypassed (intra-host)' },
    { code: 0x20, name: 'reset by zERT policy', since: '2.5', confidence: 'inferred', note: 'bit from the 3.2 deck; 2.5 origin inferred' },
    { code: 0x10, name: 'local socket is server', since: '3.2' },
    { code: 0x08, name: 'local socket is client', since: '3.2' },
  ],
};

export const ST12_SA_FLAGS: CodeSet = {
  id: 'st12-sa-flags',
  complete: false,
  note: 'Rest of the list cut off in the source copy.',
  codes: [
    { code: 0x80, name: 'IPv6' },
    { code: 0x40, name: 'local socket is server' },
    { code: 0x20, name: 'local socket is client' },
  ],
};

export const SEC_FLAGS: CodeSet = {
  id: 'sec-flags',
  complete: true,
  codes: [
    { code: 0x80, name: 'IP security enabled' },
    { code: 0x40, name: 'IPv6 IP security enabled' },
    { code: 0x20, name: 'IP filtering done' },
  ],
};

export const IP_PROTO: CodeSet = {
  id: 'ip-proto',
  complete: true,
  codes: [
    { code: 6, name: 'TCP' },
    { code: 17, name: 'UDP (Enterprise Extender)' },
  ],
};

export const FILTER_ACTION: CodeSet = {
  id: 'filter-action',
  complete: true,
  codes: [
    { code: 0, name: 'no associated filter rule' },
    { code: 1, name: 'permitted in the clear' },
    { code: 2, name: 'permitted with IPSec protection' },
    { code: 3, name: 'denied' },
  ],
};

export const TLS_VERSION: CodeSet = {
  id: 'tls-version',
  complete: false,
  codes: [
    { code: 0x0000, name: 'unknown' },
    { code: 0x0200, name: 'SSLv2' },
    { code: 0x0300, name: 'SSLv3' },
    { code: 0x0301, name: 'TLS 1.0' },
    { code: 0x0302, name: 'TLS 1.1' },
    { code: 0x0303, name: 'TLS 1.2' },
    { code: 0x0304, name: 'TLS 1.3', since: '2.4', confidence: 'inferred', note: 'near-certain (2.4 education); not seen in an SMF table' },
  ],
};

export const DATA_SOURCE: CodeSet = {
  id: 'data-source',
  complete: true,
  codes: [
    { code: 1, name: 'stream observation' },
    { code: 2, name: 'cryptographic protocol provider' },
  ],
};

export const TLS_HANDSHAKE_TYPE: CodeSet = {
  id: 'tls-handshake-type',
  complete: true,
  codes: [
    { code: 1, name: 'full handshake' },
    { code: 2, name: 'abbreviated handshake' },
    { code: 3, name: 'failed handshake', since: '3.2' },
  ],
};

export const TLS_HANDSHAKE_ROLE: CodeSet = {
  id: 'tls-handshake-role',
  complete: true,
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'client' },
    { code: 2, name: 'server' },
    { code: 3, name: 'server with client authentication' },
  ],
};

/** Shared by TLS, SSH and IPSec encryption fields. */
export const ENC_ALG: CodeSet = {
  id: 'enc-alg',
  complete: false,
  note: "X'000B' exists but its name is cut off in the source; later codes (AES etc.) NOT FOUND.",
  codes: [
    { code: 0x0000, name: 'unknown' },
    { code: 0x0001, name: 'none' },
    { code: 0x0002, name: 'DES' },
    { code: 0x0003, name: 'DES 40' },
    { code: 0x0004, name: '3DES' },
    { code: 0x0005, name: 'RC2 40' },
    { code: 0x0006, name: 'RC2 128' },
    { code: 0x0007, name: 'RC2' },
    { code: 0x0008, name: 'RC4 40' },
    { code: 0x0009, name: 'RC4 128' },
    { code: 0x000a, name: 'RC4 256' },
    { code: 0x000b, name: '(name cut off in source)', confidence: 'unknown' },
  ],
};

/** Shared by TLS, SSH and IPSec authentication fields. */
export const MSG_AUTH: CodeSet = {
  id: 'msg-auth',
  complete: false,
  note: "X'0005' is 'HMAC-SHA2...' with the variant cut off; later codes NOT FOUND.",
  codes: [
    { code: 0x0000, name: 'unknown' },
    { code: 0x0001, name: 'none or AEAD' },
    { code: 0x0002, name: 'MD2' },
    { code: 0x0003, name: 'HMAC-MD5' },
    { code: 0x0004, name: 'HMAC-SHA1' },
    { code: 0x0005, name: 'HMAC-SHA2 (variant cut off in source)', confidence: 'unknown' },
  ],
};

export const KEX_ALG: CodeSet = {
  id: 'kex-alg',
  complete: false,
  note: "X'000A' exists but its name is cut off ('D...'); TLS 1.3-era codes NOT FOUND.",
  codes: [
    { code: 0x0000, name: 'unknown' },
    { code: 0x0001, name: 'none' },
    { code: 0x0002, name: 'RSA' },
    { code: 0x0003, name: 'RSA_EXPORT' },
    { code: 0x0004, name: 'RSA_PSK' },
    { code: 0x0005, name: 'DH_RSA' },
    { code: 0x0006, name: 'DH_RSA_EXPORT' },
    { code: 0x0007, name: 'DH_DSS' },
    { code: 0x0008, name: 'DH_ANON' },
    { code: 0x0009, name: 'DH_ANON_EXPORT' },
    { code: 0x000a, name: "D... (name cut off in source)", confidence: 'unknown' },
  ],
};

export const FIPS_MODE: CodeSet = {
  id: 'fips-mode',
  complete: false,
  codes: [
    { code: 0, name: 'not FIPS 140' },
    { code: 1, name: 'FIPS 140 (80-bit strength)' },
    { code: 2, name: 'FIPS 140 level 1' },
    { code: 3, name: 'FIPS 140 level 2 (text cut in source)', confidence: 'unknown' },
  ],
};

export const TLS_CRYPTO_FLAGS: CodeSet = {
  id: 'tls-crypto-flags',
  complete: true,
  codes: [{ code: 0x80, name: 'encrypt-then-MAC' }],
};

export const SSH_CRYPTO_FLAGS: CodeSet = {
  id: 'ssh-crypto-flags',
  complete: true,
  codes: [
    { code: 0x80, name: 'encrypt-then-MAC inbound' },
    { code: 0x40, name: 'encrypt-then-MAC outbound' },
  ],
};

export const SSH_FLAGS: CodeSet = {
  id: 'ssh-flags',
  complete: true,
  codes: [{ code: 0x80, name: 'SSH handshake failed', since: '3.2' }],
};

export const CERT_SIGNATURE: CodeSet = {
  id: 'cert-signature',
  complete: false,
  note: "Cut off after X'0008'.",
  codes: [
    { code: 0x0000, name: 'unknown' },
    { code: 0x0001, name: 'none' },
    { code: 0x0002, name: 'RSA with MD2' },
    { code: 0x0003, name: 'RSA with MD5' },
    { code: 0x0004, name: 'RSA with SHA1' },
    { code: 0x0005, name: 'DSA with SHA1' },
    { code: 0x0006, name: 'RSA with SHA-224' },
    { code: 0x0007, name: 'RSA with SHA-256' },
    { code: 0x0008, name: 'RSA with SHA-384' },
  ],
};

export const CERT_ENC_METHOD: CodeSet = {
  id: 'cert-enc-method',
  complete: true,
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'RSA' },
    { code: 3, name: 'DSA' },
    { code: 4, name: 'ECDSA' },
  ],
};

export const CERT_DIGEST: CodeSet = {
  id: 'cert-digest',
  complete: true,
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'MD2' },
    { code: 3, name: 'MD5' },
    { code: 4, name: 'SHA1' },
    { code: 5, name: 'SHA-224' },
    { code: 6, name: 'SHA-256' },
    { code: 7, name: 'SHA-384' },
    { code: 8, name: 'SHA-512' },
  ],
};

export const CERT_KEY_TYPE: CodeSet = {
  id: 'cert-key-type',
  complete: true,
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'RSA' },
    { code: 3, name: 'DSA' },
    { code: 4, name: 'Diffie-Hellman' },
    { code: 5, name: 'ECC' },
  ],
};

export const CERT_TIME_TYPE: CodeSet = {
  id: 'cert-time-type',
  complete: true,
  codes: [
    { code: 1, name: 'UTCTime' },
    { code: 2, name: 'GeneralizedTime', confidence: 'inferred' },
  ],
};

/** IPSec certificate time types add X'00' for manual tunnels. */
export const IKE_CERT_TIME_TYPE: CodeSet = {
  id: 'ike-cert-time-type',
  complete: true,
  codes: [
    { code: 0, name: 'manual tunnel (unused)' },
    { code: 1, name: 'UTCTime' },
    { code: 2, name: 'GeneralizedTime', confidence: 'inferred' },
  ],
};

export const SSH_VERSION: CodeSet = {
  id: 'ssh-version',
  complete: true,
  codes: [
    { code: 0, name: 'unknown', since: '3.2' },
    { code: 1, name: 'SSH 1' },
    { code: 2, name: 'SSH 2' },
  ],
};

export const SSH_AUTH: CodeSet = {
  id: 'ssh-auth',
  complete: false,
  note: "Cut off after X'0008'.",
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'password' },
    { code: 3, name: 'public key' },
    { code: 4, name: 'host-based' },
    { code: 5, name: 'Rhosts' },
    { code: 6, name: 'RhostsRSA' },
    { code: 7, name: 'RSA' },
    { code: 8, name: 'keyboard-interactive' },
  ],
};

export const SSH_KEX: CodeSet = {
  id: 'ssh-kex',
  complete: false,
  note: "Cut off after X'0006'.",
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'diffie-hellman-group-exchange-sha256' },
    { code: 3, name: 'diffie-hellman-group-exchange-sha1' },
    { code: 4, name: 'diffie-hellman-group14-sha1' },
    { code: 5, name: 'diffie-hellman-group1-sha1' },
    { code: 6, name: 'ecdh-sha2-nistp256' },
  ],
};

export const SSH_KEY_TYPE: CodeSet = {
  id: 'ssh-key-type',
  complete: false,
  note: "X'0008' read as 'DSA_CE...' (presumably DSA_CERT); later codes cut off.",
  codes: [
    { code: 0, name: 'unknown' },
    { code: 1, name: 'none' },
    { code: 2, name: 'RSA' },
    { code: 3, name: 'DSA' },
    { code: 4, name: 'Diffie-Hellman' },
    { code: 5, name: 'ECC' },
    { code: 6, name: 'RSA1' },
    { code: 7, name: 'RSA_CERT' },
    { code: 8, name: 'DSA_CERT', confidence: 'inferred' },
  ],
};

export const IKE_AUTH: CodeSet = {
  id: 'ike-auth',
  complete: false,
  note: "Cut off after X'06'.",
  codes: [
    { code: 0, name: 'unknown or manual tunnel' },
    { code: 1, name: 'none' },
    { code: 2, name: 'RSA signature' },
    { code: 3, name: 'pre-shared key' },
    { code: 4, name: 'ECDSA-256 signature' },
    { code: 5, name: 'ECDSA-384 signature' },
    { code: 6, name: 'ECDSA-521 signature' },
  ],
};

export const DH_GROUP: CodeSet = {
  id: 'dh-group',
  complete: false,
  note: 'Subtype 11 text is cut after group 21; subtype 12 after group 20.',
  codes: [
    { code: 0, name: 'unknown or manual tunnel' },
    { code: 1, name: 'group 1' },
    { code: 2, name: 'group 2' },
    { code: 5, name: 'group 5' },
    { code: 14, name: 'group 14' },
    { code: 19, name: 'group 19' },
    { code: 20, name: 'group 20' },
    { code: 21, name: 'group 21' },
  ],
};

export const PRF: CodeSet = {
  id: 'prf',
  complete: false,
  note: "X'07' exists with its name cut off ('HMAC...'); later codes NOT FOUND.",
  codes: [
    { code: 0, name: 'unknown or manual tunnel' },
    { code: 1, name: 'none' },
    { code: 2, name: 'HMAC-SHA2-256' },
    { code: 3, name: 'HMAC-SHA2-384' },
    { code: 4, name: 'HMAC-SHA2-512' },
    { code: 5, name: 'AES-128-XCBC' },
    { code: 6, name: 'HMAC-MD5' },
    { code: 7, name: 'HMAC... (name cut off in source)', confidence: 'unknown' },
  ],
};

export const TUN_FLAGS: CodeSet = {
  id: 'tun-flags',
  complete: false,
  codes: [
    { code: 0x80, name: 'IPv6 endpoints' },
    { code: 0x40, name: 'FIPS 140 mode' },
  ],
};

export const TUN_TYPE: CodeSet = {
  id: 'tun-type',
  complete: true,
  codes: [
    { code: 1, name: 'manual' },
    { code: 2, name: 'dynamic' },
    { code: 3, name: 'shadow' },
  ],
};

export const TUN_STATE: CodeSet = {
  id: 'tun-state',
  complete: true,
  codes: [
    { code: 1, name: 'active' },
    { code: 2, name: 'manual tunnel inactive' },
  ],
};

export const ENCAP_MODE: CodeSet = {
  id: 'encap-mode',
  complete: true,
  codes: [
    { code: 1, name: 'tunnel' },
    { code: 2, name: 'transport' },
  ],
};

export const AUTH_PROTO: CodeSet = {
  id: 'auth-proto',
  complete: true,
  codes: [
    { code: 50, name: 'ESP' },
    { code: 51, name: 'AH' },
  ],
};

export const DN_TYPE: CodeSet = {
  id: 'dn-type',
  complete: true,
  note: '1-5 from the pacsys copy; 6-12 from OMEGAMON zERT DN help.',
  codes: [
    { code: 1, name: 'IPSec local certificate subject' },
    { code: 2, name: 'IPSec local certificate issuer' },
    { code: 3, name: 'IPSec remote certificate subject' },
    { code: 4, name: 'IPSec remote certificate issuer' },
    { code: 5, name: 'TLS server certificate subject' },
    { code: 6, name: 'TLS server certificate issuer' },
    { code: 7, name: 'TLS client certificate subject' },
    { code: 8, name: 'TLS client certificate issuer' },
    { code: 9, name: 'SSH server certificate subject' },
    { code: 10, name: 'SSH server certificate issuer' },
    { code: 11, name: 'SSH client certificate subject' },
    { code: 12, name: 'SSH client certificate issuer' },
  ],
};
