import { readFileSync } from 'node:fs';
import type { SectionKey } from '../../spec/types.js';

// The reference files (spec/reference, copied from ../shared/reference) as the tests read them.

export interface RefValue { value?: unknown; since?: string }
export interface RefField { offset: number; name: string; length: number | null; since?: string; until?: string; values?: RefValue[] | null }
export interface RefSection { key?: string; name: string; fields?: RefField[]; lengthByRelease?: Record<string, number | string | null>; tripletsByRelease?: Record<string, number> }

export const load = (name: string): any => JSON.parse(readFileSync(new URL(`../../spec/reference/${name}`, import.meta.url), 'utf8'));
export const common = load('smf119-common.json');
export const st11 = load('smf119-st11.json');
export const st12 = load('smf119-st12.json');

export const ST11_KEYS: Record<string, SectionKey> = { HEADER: 'Header', SDS: 'SelfDef', ID: 'Ident', S1: 'Common', S2: 'IPFilter', S3: 'TLS', S4: 'SSH', S5: 'IPSec', S6: 'DN', S7: 'Enforcement' };
export function st12Key(name: string): SectionKey {
  if (name.startsWith('Self-defining')) return 'SelfDef';
  if (name.startsWith('TCP/IP')) return 'Ident';
  if (name.includes('common')) return 'Common';
  if (name.includes('TLS')) return 'TLS';
  if (name.includes('SSH')) return 'SSH';
  if (name.includes('IPSec')) return 'IPSec';
  if (name.includes('DN')) return 'DN';
  throw new Error(`unmapped reference section ${name}`);
}

/** Every reference field with the section it belongs to, for both subtypes. */
export function referenceFields(): { subtype: 11 | 12; key: SectionKey; field: RefField }[] {
  const out: { subtype: 11 | 12; key: SectionKey; field: RefField }[] = [];
  for (const s of st11.sections as RefSection[]) for (const f of s.fields ?? []) out.push({ subtype: 11, key: ST11_KEYS[s.key!]!, field: f });
  for (const s of st12.sections as RefSection[]) for (const f of s.fields ?? []) out.push({ subtype: 12, key: st12Key(s.name), field: f });
  // Subtype 12 takes its header and identification section from smf119-common.
  for (const f of common.standardHeader.fields) out.push({ subtype: 12, key: 'Header', field: f });
  for (const f of common.tcpipIdentificationSection.fields) out.push({ subtype: 12, key: 'Ident', field: f });
  for (const f of common.tcpipIdentificationSection.fields) out.push({ subtype: 11, key: 'Ident', field: f });
  return out;
}

