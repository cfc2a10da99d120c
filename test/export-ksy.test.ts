import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readRecords } from '../io/framing.js';
import { ksyId, ksyText } from '../spec/export/ksy.js';
import { fieldLabel } from '../spec/export/model.js';
import { sectionLayout, SUBTYPE_DEFS } from '../spec/layout.js';
import type { FieldDef, Release, Subtype } from '../spec/types.js';
import { RELEASES } from '../spec/types.js';
import { certTime, decodeEbcdic, hex, ipText, packedDate, sameUint, timeOfDay, trimBlanks } from './helpers/notation.js';
import { CORPUS, validCases, zertRecords } from './helpers/corpus.js';

// The .ksy export compiled by the Kaitai Struct compiler (JavaScript build) is a second decoder made by another
// toolchain from our tables. Every valid golden case is parsed with it and every value it reads must equal the
// expected JSON, in the notation test/helpers/notation.ts rebuilds independently of spec/primitives.ts.

const require = createRequire(import.meta.url);
const compiler = require('kaitai-struct-compiler') as { compile(lang: string, ksy: unknown, importer: null, debug: boolean): Promise<Record<string, string>> };
const KaitaiStream = require('kaitai-struct/KaitaiStream') as { new (b: ArrayBuffer | Uint8Array): unknown; bytesToStr(b: Uint8Array, enc: string): string };


type KObject = Record<string, unknown>;
/** Property name the JavaScript target gives a Kaitai id (lower camel case). */
const js = (name: string): string => ksyId(name).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
type Parser = new (io: unknown) => KObject;
const parsers = new Map<string, Parser>();

async function compileParser(subtype: Subtype, release: Release): Promise<Parser> {
  const ksy = parseYaml(ksyText(subtype, release));
  const files = await compiler.compile('javascript', ksy, null, false);
  const [name, source] = Object.entries(files)[0]!;
  const exports: Record<string, Parser> = {};
  const requireRuntime = (id: string): unknown => {
    if (id !== 'kaitai-struct/KaitaiStream') throw new Error(`generated parser requires ${id}`);
    return KaitaiStream;
  };
  new Function('exports', 'require', source)(exports, requireRuntime);
  return exports[name.replace(/\.js$/, '')]!;
}

/** The runtime's value of one field against the JSON's notation. */
function compare(f: FieldDef, occurrence: KObject, id: string, v6: boolean, expected: unknown): boolean {
  const raw = occurrence[id];
  const t = f.type;
  switch (t.kind) {
    case 'uint':
    case 'derived':
    case 'enum':
    case 'flags':
    case 'todDuration':
      return sameUint(raw as number, expected);
    case 'text':
    case 'cipher':
      return trimBlanks(raw as string) === expected;
    case 'varText':
      return raw === expected;
    case 'ip':
      return ipText(raw as Uint8Array, v6) === expected;
    case 'timeOfDay':
      return timeOfDay(raw as number) === expected;
    case 'packedDate':
      return packedDate(raw as Uint8Array) === expected;
    case 'certTime':
      return certTime(raw as string, occurrence[js(t.typeField)] as number) === expected;
    case 'sizedBytes':
      return hex((raw as Uint8Array).subarray(0, occurrence[js(t.lengthField)] as number)) === expected;
    default:
      throw new Error(`no comparison for ${t.kind}`);
  }
}

beforeAll(async () => {
  KaitaiStream.bytesToStr = (b, enc) => {
    if (enc !== 'IBM1047') throw new Error(`unexpected encoding ${enc}`);
    return decodeEbcdic(b);
  };
  for (const subtype of [11, 12] as const) for (const r of RELEASES) parsers.set(`${subtype}/${r}`, await compileParser(subtype, r));
}, 120_000);

describe('Kaitai Struct export', () => {
  it('compiles for both subtypes and every release, with versions and per-field confidence', () => {
    expect(parsers.size).toBe(10);
    const text = ksyText(11, '2.5');
    expect(text).toMatch(/tables [0-9a-f]{12}; checked against golden corpus \d+\.\d+\.\d+/);
    expect(text).toContain('release: "2.5"');
    const ksy = parseYaml(text) as { types: Record<string, { seq: Record<string, unknown>[] }>; instances: Record<string, Record<string, unknown>> };
    const s1len = ksy.types.common!.seq.find((a) => a.id === 'smf119sc_saflags')!;
    expect(s1len['-confidence']).toBe('vendor-copy');
    expect(String(s1len.doc)).toContain("X'80' IPv6");
    // 2.5: the enforcement section has no known layout, so it is read as raw bytes (no type).
    expect(ksy.instances.enforcement).toMatchObject({ pos: 'self_def.smf119s7off', size: 'self_def.smf119s7len' });
    expect(ksy.instances.enforcement!.type).toBeUndefined();
    expect(parseYaml(ksyText(11, '2.4')).instances.enforcement).toBeUndefined();
  });

  it.each(validCases.map((c) => [c.id, c] as const))('%s: every value the generated parser reads equals the expected JSON', (_id, c) => {
    const records = zertRecords(c);
    const expected = JSON.parse(readFileSync(join(CORPUS, c.expected), 'utf8')) as Record<string, unknown>[];
    expect(records.length).toBe(expected.length);
    let compared = 0;
    records.forEach((rec, i) => {
      const subtype = ((rec[22]! << 8) | rec[23]!) as Subtype;
      const parsed = new (parsers.get(`${subtype}/${c.release}`)!)(new KaitaiStream(rec));
      const want = expected[i]!;
      const common = (parsed.common as KObject[])[0]!;
      const v6 = ((common[js(subtype === 11 ? 'SMF119SC_SAFlags' : 'SMF119SS_SAFlags')] as number) & 0x80) !== 0;
      for (const def of SUBTYPE_DEFS[subtype].sections) {
        if (!(def.key in want)) continue;
        const key = js(def.key === 'SelfDef' ? 'self_def' : def.key);
        const got = parsed[key];
        const wantOccurrences = Array.isArray(want[def.key]) ? (want[def.key] as KObject[]) : [want[def.key] as KObject];
        const occurrences = Array.isArray(got) ? (got as KObject[]) : [got as KObject];
        expect(occurrences.length, `${c.id}[${i}] ${def.key} occurrences`).toBe(wantOccurrences.length);
        if (!def.layoutKnown) continue;
        occurrences.forEach((occ, n) => {
          for (const p of sectionLayout(def, c.release).fields) {
            if (p.def.type.kind === 'reserved') continue;
            const exp = wantOccurrences[n]![p.def.name];
            expect(compare(p.def, occ, js(fieldLabel(p)), v6, exp), `${c.id}[${i}] ${def.key}[${n}] ${p.def.name}: kaitai ${String(occ[js(fieldLabel(p))])} vs ${JSON.stringify(exp)}`).toBe(true);
            compared++;
          }
        });
      }
    });
    expect(compared).toBeGreaterThan(30 * records.length);
  });

  it('a wrong offset in the tables would be seen: a shifted byte changes a value', () => {
    const c = validCases.find((x) => x.id === 'st11-3.2-tls-init')!;
    const rec = readRecords(new Uint8Array(readFileSync(join(CORPUS, c.input))), 'rdw').records[0]!.bytes.slice();
    const parsed = new (parsers.get('11/3.2')!)(new KaitaiStream(rec));
    const off = ((parsed.selfDef as KObject).smf119s1off as number) + 8;
    rec[off] = 0xf1; // first byte of SMF119SC_SAJobname ('CICSPROD') becomes '1'
    const changed = new (parsers.get('11/3.2')!)(new KaitaiStream(rec));
    expect(((changed.common as KObject[])[0]!.smf119scSajobname as string).trim()).toBe('1ICSPROD');
  });
});
