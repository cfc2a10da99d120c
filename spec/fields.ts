import type { EbcdicCodec } from './ebcdic.js';
import type { Diagnostic, ErrorKind, Severity } from './errors.js';
import { opsOf } from './field-types.js';
import type { FieldDef, FlagRef, Release } from './types.js';

// Field-level entry points over the per-type objects of spec/field-types.ts, for the record codec, the
// annotated dump and tests.

export type SectionValue = Record<string, unknown>;

export interface FieldContext {
  codec: EbcdicCodec;
  release: Release;
  path: string[];
  /** Values of the same section occurrence seen so far (canonical form). */
  siblings: SectionValue;
  ipv6(ref: FlagRef): boolean;
}

export interface DecodeContext extends FieldContext {
  /** Record offset of the field's first byte. */
  offset: number;
  diag(severity: Severity, kind: ErrorKind, message: string): void;
}

/** Value written when a record leaves the field out. */
export function defaultValue(f: FieldDef, ctx?: Pick<FieldContext, 'ipv6'>): unknown {
  if (f.default !== undefined) return f.default;
  const t = f.type;
  return opsOf(f).defaultValue(f, t, t.kind === 'ip' && ctx !== undefined && ctx.ipv6(t.ipv6When));
}

/** Key of the derived value shown beside a field (enum or cipher name, flag names, seconds), or undefined. */
export function companionKey(f: FieldDef): string | undefined {
  const c = opsOf(f).companion;
  return c ? f.name + c.suffix : undefined;
}

/** The derived value shown beside a field's value. */
export function companionValue(f: FieldDef, value: unknown): unknown {
  return opsOf(f).companion?.value(f.type, value);
}

/** Bytes of one field (varText: as many as its text). Throws ZertError. */
export function encodeField(ctx: FieldContext, f: FieldDef, value: unknown, explicit: boolean): Uint8Array {
  const out = new Uint8Array(f.type.kind === 'varText' && typeof value === 'string' ? value.length : f.length);
  opsOf(f).encode(ctx, f, f.type, value, explicit, out, 0);
  return out;
}

/** Number of significant bytes a sized/variable field's value occupies (what a lengthOf field counts). */
export function significantLength(f: FieldDef, encoded: Uint8Array, value: unknown): number {
  if (f.type.kind === 'sizedBytes') return typeof value === 'string' ? value.length / 2 : 0;
  return encoded.length;
}

/** Decodes one field held in `b` into `out` (value plus companion); problems go to ctx.diag, never thrown. */
export function decodeField(ctx: DecodeContext, f: FieldDef, b: Uint8Array, out: SectionValue): void {
  opsOf(f).decode(ctx, f, f.type, b, 0, b.length, out);
}

/** Does another parser's `actual` express the same value as our canonical `expected` for this field? */
export function compareField(f: FieldDef, expected: unknown, actual: unknown): boolean {
  return opsOf(f).compare(f.type, expected, actual);
}

export function diagnostic(severity: Severity, kind: ErrorKind, path: string[], message: string, offset?: number): Diagnostic {
  return offset === undefined ? { severity, kind, path, message } : { severity, kind, path, message, offset };
}
