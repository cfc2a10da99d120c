import { describe, expect, it } from 'vitest';
import { specCommand } from '../bin/commands/spec.js';
import type { FieldLookup } from '../spec/export/field.js';
import { UsageError } from '../bin/io.js';
import { st11, st12 } from './helpers/reference.js';

// `spec --field` and the export formats of the spec command, called in-process. Offsets are checked against
// the reference JSON (spec/reference), not against the tables the command reads.

const refField = (doc: { sections: { fields?: { name: string; offset: number; length: number | null }[] }[] }, name: string) =>
  doc.sections.flatMap((s) => s.fields ?? []).find((f) => f.name === name)!;

describe('spec --field', () => {
  it('gives meaning, offset and length per release, type, codes, confidence and source of one field', () => {
    const r = specCommand({ field: 'SMF119SC_TLS_Neg_Cipher' });
    expect(r.code).toBe(0);
    const ref = refField(st11, 'SMF119SC_TLS_Neg_Cipher');
    for (const release of ['2.3', '3.2']) expect(r.output).toContain(`${release} +${ref.offset} (X'${ref.offset.toString(16).toUpperCase()}') length ${ref.length}`);
    expect(r.output).toMatch(/type: +cipher/);
    expect(r.output).toMatch(/confidence: +vendor-copy/);
    expect(r.output).toContain('DECK32 https://github.com/IBM/IBM-Z-zOS/');
    expect(r.output).toContain("'FFFFFF' unknown/failed (3.2)");
  });

  it('lists codes with their release and marks an incomplete list; is case-insensitive', () => {
    const out = specCommand({ field: 'smf119sc_saflags' }).output;
    expect(out).toContain("X'20' reset by zERT policy (since 2.5) [inferred]");
    expect(out).toContain('list incomplete');
  });

  it('shows a field whose offset moves between releases and one that exists from 3.2 only', () => {
    const json = JSON.parse(specCommand({ field: 'SMF119SS_TLS_SCert_Serial_Len', format: 'json' }).output) as FieldLookup;
    expect(json.match).toBe('exact');
    expect(Object.keys(json.fields[0]!.byRelease)).toEqual(['3.2']);
    expect(json.fields[0]!.byRelease['3.2']!.offset).toBe(refField(st12, 'SMF119SS_TLS_SCert_Serial_Len').offset);
    const sshFlags = JSON.parse(specCommand({ field: 'SMF119SC_SSH_Flags', format: 'json' }).output) as FieldLookup;
    expect(sshFlags.fields[0]).toMatchObject({ since: '3.2', confidence: 'ibm', subtype: 11, section: 'SSH' });
  });

  it('finds by prefix, then by part of a name or meaning; a shared field shows once per subtype', () => {
    const prefix = JSON.parse(specCommand({ field: 'SMF119SS_TLS_SCert_', format: 'json' }).output) as FieldLookup;
    expect(prefix.match).toBe('prefix');
    expect(prefix.fields.map((f) => f.name)).toContain('SMF119SS_TLS_SCert_Key_Len');
    expect(prefix.fields.every((f) => f.name.startsWith('SMF119SS_TLS_SCert_'))).toBe(true);
    expect(specCommand({ field: 'SMF119SS_TLS_SCert_' }).output).toMatch(/^\d+ fields start with 'SMF119SS_TLS_SCert_'/);
    const search = JSON.parse(specCommand({ field: 'FPLen', format: 'json' }).output) as FieldLookup;
    expect(search.match).toBe('search');
    expect(search.fields.map((f) => f.name).sort()).toEqual(['SMF119SC_SSH_CKey_FPLen', 'SMF119SC_SSH_SKey_FPLen']);
    const header = JSON.parse(specCommand({ field: 'SMF119HDSubType', format: 'json' }).output) as FieldLookup;
    expect(header.fields.map((f) => f.subtype)).toEqual([11, 12]);
  });

  it('finds a field by an alternative name', () => {
    const json = JSON.parse(specCommand({ field: 'SMF119TI_ASID2', format: 'json' }).output) as FieldLookup;
    expect(json.fields[0]!.name).toBe('SMF119TI_ASID');
  });

  it('an unknown name or a format that does not apply is a usage error', () => {
    expect(() => specCommand({ field: 'NO_SUCH_FIELD_ANYWHERE' })).toThrow(UsageError);
    expect(() => specCommand({ field: 'SMF119HDType', format: 'ksy' })).toThrow(/does not apply to --field/);
  });
});

describe('spec --format ksy|c|dsect', () => {
  it('needs a subtype, uses the latest release by default, and honours --release', () => {
    expect(() => specCommand({ format: 'c' })).toThrow(/needs --subtype/);
    expect(specCommand({ format: 'dsect', subtype: 12 }).output).toMatch(/z\/OS 3\.2/);
    expect(specCommand({ format: 'ksy', subtype: 11, release: '2.3' }).output).toContain('id: smf119_st11_r2_3');
    expect(specCommand({ format: 'c', subtype: 12, release: '3.1' }).output).toContain('#define SMF119_ST12_R3_1_COMMON_LEN 204');
    expect(() => specCommand({ format: 'text' })).toThrow(/applies to --field and --verify only/);
  });
});
