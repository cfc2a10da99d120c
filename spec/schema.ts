import { opsOf } from './field-types.js';
import { existsIn, SUBTYPE_DEFS } from './layout.js';
import type { FieldDef, Release, SectionDef, Subtype } from './types.js';
import { RELEASES } from './types.js';

// JSON Schema (draft-07) of the canonical JSON of valid records, generated from the tables. Records
// with error diagnostics may fall outside it (e.g. a bad cipher is kept as the text that was read).

type Schema = Record<string, unknown>;

const HEX = '^(?:[0-9A-F]{2})*$';

function fieldSchema(f: FieldDef): Record<string, Schema> {
  return opsOf(f).schema(f, f.type, (s) => ({ description: f.note ?? f.name, ...s }));
}

function sectionSchema(s: SectionDef, releases: readonly Release[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of s.fields) if (releases.some((r) => existsIn(f, r))) Object.assign(properties, fieldSchema(f));
  if (!s.layoutKnown) properties['@raw'] = { type: 'string', pattern: HEX, description: 'bytes of a section whose layout is not documented' };
  else properties['@extra'] = { type: 'string', pattern: HEX, description: 'bytes after the known fields (a longer, newer section)' };
  return { type: 'object', title: s.title, additionalProperties: false, properties };
}

/** Schema of the canonical JSON of one subtype, for the given releases (all by default). */
export function recordSchema(subtype: Subtype, releases: readonly Release[] = RELEASES): Schema {
  const st = SUBTYPE_DEFS[subtype];
  const properties: Record<string, Schema> = {};
  for (const s of st.sections) {
    if (!releases.some((r) => existsIn(s, r))) continue;
    const object = sectionSchema(s, releases);
    properties[s.key] = s.triplet === undefined ? object : { type: 'array', items: object };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://zert-forge.dev/schema/st${subtype}.json`,
    title: `Canonical JSON of an SMF 119 ${st.title}`,
    type: 'object',
    required: ['Header', 'SelfDef'],
    additionalProperties: false,
    properties,
  };
}
