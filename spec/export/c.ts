import type { Code, CodeSet, FieldDef, Release, Subtype } from '../types.js';
import { codeSetOf, codesIn, exportHeaderLines, exportSections, fieldLabel, provenance } from './model.js';
import type { ExportSection } from './model.js';

// C header of one subtype in one release: a packed struct per section with IBM's field names, #defines for
// section lengths and value codes, and _Static_assert on every offsetof and sizeof so a compiler checks the
// structs against the tables' offsets. Fields are big-endian as on z/OS.

const UINT_TYPES: Record<number, string> = { 1: 'uint8_t', 2: 'uint16_t', 4: 'uint32_t', 8: 'uint64_t' };

/** Upper snake case for macro names. */
export function macroName(text: string): string {
  const id = text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(id) ? id : `V_${id}`;
}

export function cPrefix(subtype: Subtype, release: Release): string {
  return `smf119_st${subtype}_r${release.replace('.', '_')}`;
}

export function cStructName(subtype: Subtype, release: Release, sectionKey: string): string {
  return `${cPrefix(subtype, release)}_${sectionKey.toLowerCase()}`;
}

/** #define name of a code: code set id + code name (shared code sets give one name for all fields using them). */
export function codeMacros(set: CodeSet, release: Release): { name: string; code: Code }[] {
  const used = new Set<string>();
  return codesIn(set, release).map((code) => {
    let name = `ZERT_${macroName(set.id)}_${macroName(code.name)}`;
    if (used.has(name)) name = `${name}_${code.code.toString(16).toUpperCase()}`;
    used.add(name);
    return { name, code };
  });
}

const comment = (text: string): string => text.replace(/\*\//g, '* /');

function member(f: FieldDef, label: string): string {
  const t = f.type;
  if (t.kind === 'varText') return `char ${label}[]`;
  const isNumber = t.kind === 'uint' || t.kind === 'derived' || t.kind === 'enum' || t.kind === 'flags' || t.kind === 'timeOfDay' || t.kind === 'todDuration';
  if (isNumber && UINT_TYPES[f.length]) return `${UINT_TYPES[f.length]} ${label}`;
  const isText = t.kind === 'text' || t.kind === 'cipher' || t.kind === 'certTime';
  return `${isText ? 'char' : 'uint8_t'} ${label}[${f.length}]`;
}

function struct(subtype: Subtype, release: Release, s: ExportSection, out: string[]): void {
  const name = cStructName(subtype, release, s.def.key);
  const lengthMacro = `${macroName(name)}_LEN`;
  const lc = s.def.lengthConfidence?.[release];
  out.push(`/* ${comment(s.def.title)}${s.def.triplet ? ` (triplet ${s.def.triplet})` : ''}; occurs: ${s.def.occurs}; source: ${s.def.source.join(', ')}`);
  if (s.def.variable) out.push(' * Variable-length entries: each entry is this fixed prefix followed by its text; step by the length field.');
  if (lc) out.push(` * Length confidence in ${release}: ${lc}.`);
  if (s.def.lengthNote) out.push(` * ${comment(s.def.lengthNote)}`);
  if (s.def.note) out.push(` * ${comment(s.def.note)}`);
  out.push(' */', `#define ${lengthMacro} ${s.length}`, `typedef struct ${name} {`);
  for (const p of s.fields) {
    const base = s.recordOffset ?? 0;
    out.push(`  ${member(p.def, fieldLabel(p))}; /* +${base + p.offset} len ${p.def.type.kind === 'varText' ? 'variable' : p.def.length}; ${comment(p.def.note ?? p.def.type.kind)}; ${provenance(p.def)} */`);
  }
  out.push(`} ${name};`);
  for (const p of s.fields) out.push(`_Static_assert(offsetof(${name}, ${fieldLabel(p)}) == ${p.offset}, "${fieldLabel(p)} at ${p.offset}");`);
  out.push(`_Static_assert(sizeof(${name}) == ${lengthMacro}, "${s.def.key} is ${s.length} bytes");`, '');
}

export function cHeader(subtype: Subtype, release: Release): string {
  const guard = `${macroName(cPrefix(subtype, release))}_H`;
  const sections = exportSections(subtype, release);
  const out: string[] = ['/*', ...exportHeaderLines(subtype, release).map((l) => ` * ${comment(l)}`)];
  out.push(
    ' * All integers are big-endian (z/OS byte order): on a little-endian host convert them (be16toh, be32toh, be64toh).',
    ' * Character fields are EBCDIC (IBM-1047; some systems IBM-037), blank padded, not NUL terminated.',
    ' * Sections other than the header and the self-defining section are found through their triplet',
    ' * (SMF119xxOff from the record start, RDW included; SMF119xxLen per occurrence; SMF119xxNum occurrences).',
    ' * A section longer than the struct is a later release: read the struct and skip to Off + k * Len.',
    ' */',
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '#include <stddef.h>',
    '#include <stdint.h>',
    '',
    '#pragma pack(push, 1)',
    '',
  );
  for (const s of sections) {
    if (!s.def.layoutKnown) {
      out.push(`/* ${comment(s.def.title)} (triplet ${s.def.triplet}): layout NOT FOUND in any source; read Len raw bytes per occurrence. ${comment(s.def.note ?? '')} */`, '');
      continue;
    }
    struct(subtype, release, s, out);
  }
  out.push('#pragma pack(pop)', '', '/* Value codes (enums) and flag masks (X\'80\' = bit 0). */');
  const seen = new Set<CodeSet>();
  for (const s of sections) {
    for (const p of s.fields) {
      const set = codeSetOf(p.def);
      if (!set || seen.has(set)) continue;
      seen.add(set);
      out.push(`/* ${set.id}: ${p.def.type.kind === 'flags' ? 'flag masks' : 'codes'}${set.complete ? '' : '; list incomplete, other values are legal and unnamed'}${set.note ? `; ${comment(set.note)}` : ''} */`);
      const digits = p.def.length <= 1 ? 2 : 4;
      for (const { name, code } of codeMacros(set, release)) {
        const extra = [code.since ? `since ${code.since}` : '', code.confidence ? `confidence: ${code.confidence}` : ''].filter(Boolean).join('; ');
        out.push(`#define ${name} 0x${code.code.toString(16).toUpperCase().padStart(digits, '0')} /* ${comment(code.name)}${extra ? `; ${extra}` : ''} */`);
      }
    }
  }
  out.push('', `#endif /* ${guard} */`, '');
  return out.join('\n');
}
