/** Every problem zert-forge reports has a kind (stable, machine-readable) and a path into the record. */
export type ErrorKind =
  // input to encode / CLI usage
  | 'unknown-field'
  | 'unknown-section'
  | 'invalid-value'
  | 'value-out-of-range'
  | 'text-too-long'
  | 'unmappable-character'
  | 'unknown-code'
  | 'unknown-flag'
  | 'not-in-release'
  | 'derived-mismatch'
  | 'failed-handshake-rule'
  | 'ip-family-mismatch'
  | 'record-too-long'
  | 'bad-override'
  // decoding
  | 'truncated'
  | 'length-mismatch'
  | 'triplet-out-of-bounds'
  | 'triplet-count'
  | 'section-too-short'
  | 'section-longer'
  | 'section-overlap'
  | 'field-absent'
  | 'field-truncated'
  | 'bad-packed-date'
  | 'bad-time'
  | 'bad-cert-time'
  | 'bad-cipher'
  | 'nonzero-padding'
  | 'reserved-nonzero'
  | 'length-exceeds-field'
  | 'unknown-layout'
  | 'no-date-form'
  | 'unknown-subtype'
  | 'not-smf119'
  | 'count-overflow'
  // physical files
  | 'framing'
  // anything the decoder did not foresee: tests assert this never happens
  | 'internal-error';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  kind: ErrorKind;
  /** Path segments, e.g. ['st11', 'TLS[0]', 'SMF119SC_TLS_Neg_Cipher']. */
  path: string[];
  message: string;
  /** Byte offset in the record (RDW included) when the problem is tied to bytes. */
  offset?: number;
}

export function formatPath(path: readonly string[]): string {
  return path.join(' > ');
}

export function formatDiagnostic(d: Diagnostic): string {
  const at = d.offset === undefined ? '' : ` (offset ${d.offset})`;
  return `${d.severity} ${d.kind}: ${formatPath(d.path)}${at}: ${d.message}`;
}

/** The only exception type the library throws on bad input. */
export class ZertError extends Error {
  readonly kind: ErrorKind;
  readonly path: string[];
  constructor(kind: ErrorKind, path: readonly string[], message: string) {
    super(`${kind}: ${formatPath(path)}: ${message}`);
    this.name = 'ZertError';
    this.kind = kind;
    this.path = [...path];
  }
}
