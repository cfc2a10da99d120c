import { PLACEHOLDER_CODE, placeholderFields, suiteById } from './ciphers.js';
import type { Protection } from './model.js';
import { ipsecOf, Rng } from './model.js';
import type { Scenario } from './simulate.js';

// Where a scenario's records carry the X'0000' placeholder instead of zERT's real algorithm code (codes past
// IBM's public lists: AES-GCM/CBC, ChaCha20, ECDHE, AES-CTR for SSH, AES for IPsec ...). Found by drawing
// each workload's protections, so the list follows the workloads without a second description of them.

export interface Placeholder {
  /** Subtype 11 field(s) that hold X'0000', e.g. 'TLS_CS_Enc_Alg' (and their subtype 12 twins). */
  fields: string[];
  /** What the real record would name instead. */
  algorithm: string;
}

const DRAWS_PER_APP = 64;

export function scenarioPlaceholders(scenario: Scenario): Placeholder[] {
  const found = new Map<string, Placeholder>();
  const add = (algorithm: string, fields: string[]): void => {
    if (fields.length > 0) found.set(algorithm, { algorithm, fields });
  };
  const rng = new Rng(1);
  for (const app of scenario.apps(rng)) {
    for (let i = 0; i < DRAWS_PER_APP; i++) {
      const p: Protection = app.protect(rng, rng.pick(app.remoteIps));
      const suite = p.protocol === 'tls' ? suiteById(p.tls.suite) : undefined;
      if (suite) add(suite.name, placeholderFields(suite).map((f) => `TLS_${f}`));
      if (p.protocol === 'ssh' && p.ssh.enc === PLACEHOLDER_CODE) add('SSH encryption (aes-ctr)', ['SSH_In_Enc_Alg', 'SSH_Out_Enc_Alg']);
      if (ipsecOf(p)?.enc === PLACEHOLDER_CODE) add('IPsec encryption (AES)', ['IPSec_IKETunEncAlg', 'IPSec_EncAlg']);
    }
  }
  return [...found.values()].sort((a, b) => a.algorithm.localeCompare(b.algorithm));
}
