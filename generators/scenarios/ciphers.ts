// TLS cipher suites the simulator uses: IANA numbers and names (RFC 5246, 4492, 5288, 5289, 8446 and the
// IANA registry), with the zERT algorithm codes of spec/codes.ts. Where the reference's code list was cut
// off before the algorithm (AES, ChaCha20, ECDHE, SHA-384 ...), the code is null: zERT reports it with a
// code zert-forge cannot know (IBM's lists go on past the public cut), so the checker accepts any code there
// and the simulator writes the X'0000' placeholder, which `scenarios` marks as such.

export interface CipherSuite {
  /** IANA number, as SMF119SC_TLS_Neg_Cipher shows it (4 hex characters). */
  id: string;
  name: string;
  /** Lowest and highest protocol version (X'0300' SSLv3 .. X'0304' TLS 1.3) the suite is defined for. */
  minVersion: number;
  maxVersion: number;
  enc: number | null;
  mac: number | null;
  kex: number | null;
  strength: 'STRONG' | 'MEDIUM' | 'WEAK';
}

// Codes (spec/codes.ts): enc 2 DES, 4 3DES, 9 RC4 128; mac 1 none/AEAD, 3 HMAC-MD5, 4 HMAC-SHA1, 5 HMAC-SHA2 (variant unknown);
// kex 2 RSA, 5 DH_RSA, 7 DH_DSS, 1 none (TLS 1.3 suites do not name a key exchange).
export const CIPHER_SUITES: CipherSuite[] = [
  { id: '1301', name: 'TLS_AES_128_GCM_SHA256', minVersion: 0x0304, maxVersion: 0x0304, enc: null, mac: 1, kex: 1, strength: 'STRONG' },
  { id: '1302', name: 'TLS_AES_256_GCM_SHA384', minVersion: 0x0304, maxVersion: 0x0304, enc: null, mac: 1, kex: 1, strength: 'STRONG' },
  { id: '1303', name: 'TLS_CHACHA20_POLY1305_SHA256', minVersion: 0x0304, maxVersion: 0x0304, enc: null, mac: 1, kex: 1, strength: 'STRONG' },
  { id: 'C02F', name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', minVersion: 0x0303, maxVersion: 0x0303, enc: null, mac: 1, kex: null, strength: 'STRONG' },
  { id: 'C030', name: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', minVersion: 0x0303, maxVersion: 0x0303, enc: null, mac: 1, kex: null, strength: 'STRONG' },
  { id: 'C02B', name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', minVersion: 0x0303, maxVersion: 0x0303, enc: null, mac: 1, kex: null, strength: 'STRONG' },
  { id: '009C', name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', minVersion: 0x0303, maxVersion: 0x0303, enc: null, mac: 1, kex: 2, strength: 'MEDIUM' },
  { id: '003C', name: 'TLS_RSA_WITH_AES_128_CBC_SHA256', minVersion: 0x0303, maxVersion: 0x0303, enc: null, mac: 5, kex: 2, strength: 'MEDIUM' },
  { id: '002F', name: 'TLS_RSA_WITH_AES_128_CBC_SHA', minVersion: 0x0300, maxVersion: 0x0303, enc: null, mac: 4, kex: 2, strength: 'MEDIUM' },
  { id: '000A', name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', minVersion: 0x0300, maxVersion: 0x0303, enc: 4, mac: 4, kex: 2, strength: 'WEAK' },
  { id: '0016', name: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', minVersion: 0x0300, maxVersion: 0x0303, enc: 4, mac: 4, kex: 5, strength: 'WEAK' },
  { id: '0005', name: 'TLS_RSA_WITH_RC4_128_SHA', minVersion: 0x0300, maxVersion: 0x0302, enc: 9, mac: 4, kex: 2, strength: 'WEAK' },
  { id: '0004', name: 'TLS_RSA_WITH_RC4_128_MD5', minVersion: 0x0300, maxVersion: 0x0302, enc: 9, mac: 3, kex: 2, strength: 'WEAK' },
  { id: '0009', name: 'TLS_RSA_WITH_DES_CBC_SHA', minVersion: 0x0300, maxVersion: 0x0302, enc: 2, mac: 4, kex: 2, strength: 'WEAK' },
  { id: '0013', name: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA', minVersion: 0x0300, maxVersion: 0x0303, enc: 4, mac: 4, kex: 7, strength: 'WEAK' },
];

export function suiteById(id: string): CipherSuite | undefined {
  return CIPHER_SUITES.find((s) => s.id === id);
}

/** Codes a record must show for a suite; null where zERT's code is past the public list (any code is right). */
export function expectedCodes(s: CipherSuite): { enc: number | null; mac: number | null; kex: number | null } {
  return { enc: s.enc, mac: s.mac, kex: s.kex };
}

/** What the simulator writes where the code is unknown: X'0000' ("Unknown"), a placeholder, not IBM's code. */
export const PLACEHOLDER_CODE = 0;

/** The codes the simulator writes for a suite. */
export function simulatedCodes(s: CipherSuite): { enc: number; mac: number; kex: number } {
  return { enc: s.enc ?? PLACEHOLDER_CODE, mac: s.mac ?? PLACEHOLDER_CODE, kex: s.kex ?? PLACEHOLDER_CODE };
}

/** Fields of a suite the simulator fills with the placeholder. */
export function placeholderFields(s: CipherSuite): string[] {
  return (['enc', 'mac', 'kex'] as const).filter((k) => s[k] === null).map((k) => ({ enc: 'CS_Enc_Alg', mac: 'CS_Msg_Auth', kex: 'CS_Kex_Alg' })[k]);
}
