import type { PlacedField } from '../layout.js';
import { SUBTYPE_DEFS } from '../layout.js';
import type { CodeSet, FieldDef, Release, Subtype } from '../types.js';
import { codeSetOf, codesIn, exportHeaderLines, exportSections, exportVersions, fieldLabel, provenance, sourceRefs, tripletNames } from './model.js';
import type { ExportSection } from './model.js';
import { Hex, toYaml } from './yaml.js';
import type { YamlMap, YamlValue } from './yaml.js';

// Kaitai Struct definition of one subtype in one release. Sections are instances addressed by their triplets
// (pos = Off, size = Len, repeated Num times), so a section longer than this release's layout parses its known
// fields and skips the rest, as the tables' decoder does.

/** Kaitai identifier: lower snake case, starting with a letter. */
export function ksyId(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id : `v_${id}`;
}

const ENCODING = 'IBM1047';
const UINT_SIZES = new Set([1, 2, 4, 8]);

function enumName(set: CodeSet): string {
  return ksyId(set.id);
}

function enumDoc(set: CodeSet, release: Release): Map<Hex, YamlValue> {
  const used = new Set<string>();
  const values = new Map<Hex, YamlValue>();
  for (const c of codesIn(set, release)) {
    let id = ksyId(c.name);
    if (used.has(id)) id = `${id}_${c.code.toString(16)}`;
    used.add(id);
    const doc = [c.name, c.since ? `since ${c.since}` : '', c.confidence ? `confidence: ${c.confidence}` : '', c.note ?? ''].filter(Boolean).join('; ');
    values.set(new Hex(c.code), { id, doc });
  }
  return values;
}

function fieldDoc(f: FieldDef, set: CodeSet | undefined, release: Release): string {
  const parts = [f.note ?? '', provenance(f)];
  if (f.type.kind === 'flags') parts.push(`bits: ${codesIn(f.type.flags, release).map((c) => `X'${c.code.toString(16).toUpperCase().padStart(2, '0')}' ${c.name}`).join('; ')}`);
  if (set && !set.complete) parts.push('code list incomplete: other values are legal and unnamed');
  const t = f.type;
  if (t.kind === 'ip') parts.push(`16 bytes; IPv6 when ${t.ipv6When.section}.${t.ipv6When.field} & X'${t.ipv6When.mask.toString(16).toUpperCase()}', else IPv4 in the first 4 bytes`);
  if (t.kind === 'timeOfDay') parts.push(`hundredths of a second since midnight, ${t.zone}`);
  if (t.kind === 'packedDate') parts.push(`packed decimal 0cyydddF, ${t.zone}`);
  if (t.kind === 'sizedBytes') parts.push(`significant bytes: the first ${t.lengthField}`);
  if (t.kind === 'certTime') parts.push(`EBCDIC UTCTime YYMMDDhhmmssZ or GeneralizedTime YYYYMMDDhhmmssZ per ${t.typeField}`);
  if (t.kind === 'todDuration') parts.push('64-bit TOD clock units (bit 51 = 1 microsecond)');
  if (t.kind === 'derived') parts.push(`derived: ${t.derive.rule}`);
  return parts.filter(Boolean).join('\n');
}

function attribute(p: PlacedField, release: Release): { [key: string]: YamlValue } {
  const f = p.def;
  const set = codeSetOf(f);
  const attr: { [key: string]: YamlValue } = { id: ksyId(fieldLabel(p)) };
  const t = f.type;
  switch (t.kind) {
    case 'uint':
    case 'derived':
    case 'enum':
    case 'flags':
    case 'timeOfDay':
    case 'todDuration':
      if (UINT_SIZES.has(f.length)) attr.type = `u${f.length}`;
      else attr.size = f.length;
      if (t.kind === 'enum') attr.enum = enumName(t.codes);
      break;
    case 'text':
    case 'cipher':
    case 'certTime':
      attr.type = 'str';
      attr.size = f.length;
      break;
    case 'varText':
      attr.type = 'str';
      attr.size = `${ksyId(t.lengthField)} - ${t.prefix}`;
      break;
    case 'ip':
    case 'packedDate':
    case 'sizedBytes':
    case 'reserved':
      attr.size = f.length;
      break;
  }
  attr.doc = fieldDoc(f, set, release);
  if (f.source.length) attr['doc-ref'] = sourceRefs(f.source);
  attr['-confidence'] = f.confidence;
  attr['-offset'] = p.offset;
  return attr;
}

function sectionDoc(s: ExportSection, release: Release): string {
  const d = s.def;
  const lines = [d.title, s.def.layoutKnown ? `length in ${release}: ${d.variable ? `variable (fixed prefix ${s.length})` : s.length}${d.lengthConfidence?.[release] ? ` (confidence: ${d.lengthConfidence[release]})` : ''}` : `layout NOT FOUND in any source: read as raw bytes`];
  if (d.lengthNote) lines.push(d.lengthNote);
  if (d.note) lines.push(d.note);
  lines.push(`occurs: ${d.occurs}; since ${d.since}; source: ${d.source.join(', ')}`);
  return lines.join('\n');
}

export function ksyDocument(subtype: Subtype, release: Release): YamlMap {
  const sections = exportSections(subtype, release);
  const types: { [key: string]: YamlValue } = {};
  const enums = new Map<string, Map<Hex, YamlValue>>();
  const instances: { [key: string]: YamlValue } = {};
  const seq: YamlValue[] = [];
  for (const s of sections) {
    const typeId = ksyId(s.def.key === 'SelfDef' ? 'self_def' : s.def.key);
    for (const p of s.fields) {
      const t = p.def.type;
      if (t.kind === 'enum' && !enums.has(enumName(t.codes))) enums.set(enumName(t.codes), enumDoc(t.codes, release));
    }
    if (s.def.layoutKnown) types[typeId] = { doc: sectionDoc(s, release), seq: s.fields.map((p) => attribute(p, release)) };
    const triplet = tripletNames(subtype, s.def);
    if (!triplet) {
      seq.push({ id: typeId, type: typeId, doc: s.def.title });
      continue;
    }
    const ref = (name: string): string => `self_def.${ksyId(name)}`;
    const instance: { [key: string]: YamlValue } = { pos: ref(triplet.off) };
    // DN entries carry their own length; what IBM writes in the triplet Len for them is not documented.
    if (!s.def.variable) instance.size = ref(triplet.len);
    if (s.def.layoutKnown) instance.type = typeId;
    instance.repeat = 'expr';
    instance['repeat-expr'] = ref(triplet.num);
    instance.doc = s.def.layoutKnown ? sectionDoc(s, release) : `${sectionDoc(s, release)}\nEach occurrence is ${triplet.len} raw bytes.`;
    instances[typeId] = instance;
  }
  const v = exportVersions();
  return {
    meta: {
      id: `smf119_st${subtype}_r${release.replace('.', '_')}`,
      title: `SMF type 119 ${SUBTYPE_DEFS[subtype].title}, z/OS ${release}`,
      application: 'z/OS Communications Server zERT (SMF type 119)',
      'file-extension': 'smf',
      endian: 'be',
      encoding: ENCODING,
      '-zert-forge': { version: v.zertForge, tables: v.tables, corpus: v.corpus, release },
    },
    doc: [
      ...exportHeaderLines(subtype, release),
      'One record from its RDW on. An RDW-framed file (FTP with SITE RDW) is a sequence of these; a RECFM=VBS dump must be reassembled from its segments first.',
      `Text is EBCDIC, encoding ${ENCODING} (some systems write IBM-037). Runtimes without that code page in their string decoder (JavaScript TextDecoder, Python) need it registered.`,
    ].join('\n'),
    'doc-ref': sourceRefs(SUBTYPE_DEFS[subtype].source),
    seq,
    instances,
    types,
    enums: Object.fromEntries(enums),
  };
}

export function ksyText(subtype: Subtype, release: Release): string {
  return `# ${exportHeaderLines(subtype, release)[1]}\n${toYaml(ksyDocument(subtype, release))}`;
}
