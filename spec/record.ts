import type { CodePage } from './ebcdic.js';
import type { Diagnostic, ErrorKind, Severity } from './errors.js';
import type { RecordOf } from './generated/record-types.js';
import type { Release, Subtype } from './types.js';

// What the record encoder and decoder share: the canonical record, options and results, and the bounded
// diagnostics list.

/** A record in canonical JSON form: Header and SelfDef objects, then one array of occurrences per triplet section. */
export type CanonicalRecord = Record<string, unknown>;

export const MAX_RECORD_LENGTH = 32756;
export const HEADER_LENGTH = 24;
export const RECORD_TYPE = 119;
/** Bytes after the known fields of a longer (newer) section, as hex. */
export const EXTRA_KEY = '@extra';
/** Bytes of a section whose layout is unknown, as hex. */
export const RAW_KEY = '@raw';

export interface EncodeOptions {
  release: Release;
  codePage?: CodePage;
  /**
   * Explicit overrides of written values, for invalid variants: 'Header.SMF119HDLength', 'SelfDef.SMF119S3Num',
   * 'TLS[0].SMF119SC_TLS_SCert_Serial_Len'. A value is written with the field's codec without consistency
   * checks; { raw: 'hex' } writes bytes as given.
   */
  overrides?: Record<string, unknown>;
}

export interface DecodeOptions {
  /** Release to read the record as; inferred from its structure when left out. */
  release?: Release;
  codePage?: CodePage;
  /** Called for every field read, in record order of reading (for annotated dumps). */
  onField?: (trace: FieldTrace) => void;
}

export interface FieldTrace {
  path: string[];
  /** Record offset (RDW included). */
  offset: number;
  length: number;
  /** Canonical value; undefined for reserved bytes. */
  value: unknown;
}

export interface DecodeResult {
  record: CanonicalRecord | null;
  subtype: Subtype | null;
  release: Release | null;
  releaseInferred: boolean;
  diagnostics: Diagnostic[];
}

/**
 * A decoded record typed from the tables (field names and value types per section) when it is of `subtype`,
 * else null: `recordOf(decode(bytes), 11)?.Common?.[0]?.SMF119SC_SAEvent_Type`.
 */
export function recordOf<S extends Subtype>(result: Pick<DecodeResult, 'record' | 'subtype'>, subtype: S): RecordOf<S> | null {
  return result.subtype === subtype && result.record !== null ? (result.record as unknown as RecordOf<S>) : null;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Repeats of one kind of problem at one field (any occurrence) kept in full; the rest are counted. */
export const DIAGNOSTICS_PER_FIELD = 5;

/**
 * Diagnostics of one record, bounded: after DIAGNOSTICS_PER_FIELD of one kind at one field (occurrence
 * indexes ignored), further ones are only counted, and `finish()` adds one line saying how many were left out.
 */
/** Key of "the same problem at the same field": the path without occurrence indexes. */
export function repeatKey(kind: ErrorKind, path: readonly string[]): string {
  let key: string = kind;
  for (const part of path) {
    const bracket = part.endsWith(']') ? part.lastIndexOf('[') : -1;
    key += `\u0000${bracket > 0 ? part.slice(0, bracket) : part}`;
  }
  return key;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private readonly repeats = new Map<string, { first: Diagnostic | undefined; suppressed: number; seen: number }>();

  add(severity: Severity, kind: ErrorKind, path: string[], message: string, offset?: number): void {
    const key = repeatKey(kind, path);
    if (this.admit(key)) this.push(key, severity, kind, path, message, offset);
  }

  /** Counts one more problem under `key`; false when it is past the cap (callers then build nothing). */
  admit(key: string): boolean {
    const entry = this.repeats.get(key);
    if (entry === undefined) {
      this.repeats.set(key, { first: undefined, suppressed: 0, seen: 1 });
      return true;
    }
    if (++entry.seen > DIAGNOSTICS_PER_FIELD) {
      entry.suppressed++;
      return false;
    }
    return true;
  }

  /** Records a problem `admit(key)` let through. */
  push(key: string, severity: Severity, kind: ErrorKind, path: string[], message: string, offset?: number): void {
    const d: Diagnostic = offset === undefined ? { severity, kind, path, message } : { severity, kind, path, message, offset };
    const entry = this.repeats.get(key)!;
    entry.first ??= d;
    this.list.push(d);
  }

  /** The list, with one summary per capped field and kind. */
  finish(): Diagnostic[] {
    for (const { first, suppressed } of this.repeats.values()) {
      if (suppressed === 0 || first === undefined) continue;
      this.list.push({ severity: first.severity, kind: first.kind, path: first.path, message: `${suppressed} more like this (${DIAGNOSTICS_PER_FIELD} shown): ${first.message}` });
    }
    return this.list;
  }
}
