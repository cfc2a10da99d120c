import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordArbitrary } from '../generators/arbitraries.js';
import { decode, encode } from '../spec/codec.js';
import { specDocument, specMarkdown } from '../spec/describe.js';
import { SUBTYPE_DEFS } from '../spec/layout.js';
import { recordSchema } from '../spec/schema.js';
import { RELEASES } from '../spec/types.js';

describe.each([11, 12] as const)('JSON Schema of subtype %i', (subtype) => {
  const validate = new Ajv({ strict: true, allErrors: true }).compile(recordSchema(subtype));
  it.each(RELEASES)('accepts every decoded valid record of release %s', (release) => {
    fc.assert(
      fc.property(recordArbitrary(subtype, release), (r) => {
        const decoded = decode(encode(r, { release }), { release }).record;
        expect(validate(decoded), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
  it('rejects unknown keys, wrong types and out-of-range values', () => {
    const record = decode(encode({ Header: { SMF119HDSubType: subtype } }, { release: '3.2' })).record!;
    const header = record['Header'] as Record<string, unknown>;
    expect(validate(record)).toBe(true);
    expect(validate({ ...record, Header: { ...header, Bogus: 1 } })).toBe(false);
    expect(validate({ ...record, Header: { ...header, SMF119HDLength: 70000 } })).toBe(false);
    expect(validate({ ...record, Header: { ...header, SMF119HDDate: '1 March 2025' } })).toBe(false);
  });
});

it('the Markdown docs name every field of every section', () => {
  const md = specMarkdown(specDocument());
  for (const st of [11, 12] as const) for (const s of SUBTYPE_DEFS[st].sections) for (const f of s.fields) expect(md).toContain(`| ${f.name}`.replace('| reserved', '| reserved'));
});
