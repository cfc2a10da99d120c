import { existsIn, SUBTYPE_DEFS } from './layout.js';
import type { FieldDef, Release, SectionDef, Subtype } from './types.js';
import { RELEASES } from './types.js';

// JSON Schema (draft-07) of the canonical JSON of valid records, generated from the tables. Records
// with error diagnostics may fall outside it (e.g. a bad cipher is kept as the text that was read).

type Schema = Record<string, unknown>;

const HEX = '^(?:[0-9A-F]{2})*$';
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });

function fieldSchema(f: FieldDef): Record<string, Schema> {
  const t = f.type;
  const described = (s: Schema): Schema => ({ description: f.note ?? f.name, ...s });
  const integer = (): Schema => described({ type: 'integer', minimum: 0, maximum: 2 ** (8 * f.length) - 1 });
  switch (t.kind) {
    case 'uint':
    case 'derived':
      return { [f.name]: f.length > 6 ? described({ type: 'string', pattern: '^[0-9]+$' }) : integer() };
    case 'enum':
      return { [f.name]: integer(), [`${f.name}.name`]: nullable({ enum: t.codes.codes.map((c) => c.name) }) };
    case 'flags':
      return { [f.name]: integer(), [`${f.name}.flags`]: { type: 'array', items: { enum: t.flags.codes.map((c) => c.name) }, uniqueItems: true } };
    case 'text':
      return { [f.name]: described({ type: 'string', maxLength: f.length }) };
    case 'varText':
      return { [f.name]: described({ type: 'string', maxLength: t.max }) };
    case 'cipher':
      return { [f.name]: described({ type: 'string', pattern: '^(?:[0-9A-F]{4}|[0-9A-F]{6})?$' }) };
    case 'ip':
      return { [f.name]: described({ type: 'string', pattern: '^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$' }) };
    case 'timeOfDay':
      return { [f.name]: described(nullable({ type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}\\.\\d{2}$' })) };
    case 'packedDate':
      return { [f.name]: described(nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) };
    case 'certTime':
      return { [f.name]: described(nullable({ type: 'string', pattern: '^(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)?$' })) };
    case 'stck':
      return { [f.name]: described(nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$' })) };
    case 'sizedBytes':
      return { [f.name]: described({ type: 'string', pattern: HEX, maxLength: 2 * f.length }) };
    case 'todDuration':
      return { [f.name]: described({ type: 'string', pattern: '^[0-9]+$' }), [`${f.name}.seconds`]: { type: 'number', minimum: 0 } };
    case 'reserved':
      return {};
  }
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
