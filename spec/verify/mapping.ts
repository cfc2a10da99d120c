// A user's copy of IBM's mapping, read into names, offsets, lengths and codes: an HLASM listing of the
// EZASMF77 expansion (LOC/OBJECT/STMT columns), plain assembler macro source, or a C header (ezasmf.h).
// Only names, offsets, lengths, types and values are kept: nothing that identifies the system.

export type TypeClass = 'char' | 'packed' | 'binary';

export interface MappedField {
  /** DSECT or struct name. */
  container: string;
  name: string;
  /** From the DSECT/struct start. */
  offset: number;
  /** null when the mapping does not say (EQU *). */
  length: number | null;
  /** null when the format's types say nothing about the data (C). */
  type: TypeClass | null;
  line: number;
}

export interface MappedCode {
  container: string;
  name: string;
  value: number;
  /** The field the code follows (assembler) or belongs to (C bit fields); undefined when none. */
  field?: string;
  line: number;
}

export interface Mapping {
  format: 'hlasm-listing' | 'hlasm-source' | 'c-header';
  fields: MappedField[];
  codes: MappedCode[];
  /** Statements the reader could not evaluate (they may shift later offsets). */
  warnings: string[];
}

// --- assembler ---------------------------------------------------------------------------------

interface Statement {
  label: string;
  op: string;
  operand: string;
  /** Location counter the listing printed, when read from a listing. */
  loc?: number;
  line: number;
}

const LISTING_HEADER = /Loc\s+Object Code\s+Addr1\s+Addr2\s+Stmt\s+Source Statement/i;

/** Splits a source line (columns 1-71) into label, operation and operand (quotes keep their blanks). */
function splitSource(source: string): { label: string; op: string; operand: string } | undefined {
  if (source.trim() === '' || source.startsWith('*') || source.startsWith('.*')) return undefined;
  const label = source[0] === ' ' ? '' : source.split(' ')[0]!;
  const rest = source.slice(label.length).trimStart();
  const op = rest.split(' ')[0]!;
  const after = rest.slice(op.length).trimStart();
  let operand = '';
  let quoted = false;
  for (let i = 0; i < after.length; i++) {
    const ch = after[i]!;
    if (ch === "'") {
      // L'NAME is an attribute reference, not a string.
      const attribute = i > 0 && /[LTIKNOS]/i.test(after[i - 1]!) && (i < 2 || /[^A-Z0-9@#$_]/i.test(after[i - 2]!)) && /[A-Z@#$_]/i.test(after[i + 1] ?? '');
      if (!quoted && attribute) {
        operand += ch;
        continue;
      }
      quoted = !quoted;
    } else if (ch === ' ' && !quoted) break;
    operand += ch;
  }
  return { label, op: op.toUpperCase(), operand };
}

/** Statements of an assembler listing or source, continuation lines joined. */
function statements(text: string): { format: Mapping['format']; statements: Statement[] } {
  const lines = text.split(/\r?\n/);
  const listing = lines.some((l) => LISTING_HEADER.test(l));
  const out: Statement[] = [];
  let sourceStart = 0;
  let locStart = 0;
  let pending: { source: string; loc?: number; line: number } | undefined;
  const finish = (): void => {
    if (!pending) return;
    const parts = splitSource(pending.source);
    if (parts) out.push({ ...parts, ...(pending.loc !== undefined ? { loc: pending.loc } : {}), line: pending.line });
    pending = undefined;
  };
  let continued = false;
  lines.forEach((raw, i) => {
    let source: string;
    let loc: number | undefined;
    if (listing) {
      const header = LISTING_HEADER.exec(raw);
      if (header) {
        const stmt = raw.search(/Stmt/i);
        sourceStart = stmt + 5;
        locStart = Math.max(0, raw.search(/Loc/i) - 2);
        return;
      }
      if (raw.length <= sourceStart) return;
      const annotation = raw.slice(0, sourceStart - 1);
      const numbered = /\d\s*$/.test(annotation) && /\s\d+$/.test(annotation.trimEnd());
      if (!numbered && !continued) return;
      source = raw.slice(sourceStart).padEnd(80).slice(0, 80);
      const locText = raw.slice(locStart, locStart + 8).trim();
      if (/^[0-9A-F]{6,8}$/.test(locText)) loc = parseInt(locText, 16);
    } else {
      source = raw.padEnd(80).slice(0, 80);
    }
    const body = source.slice(0, 71);
    const continues = source[71] !== ' ' && source[71] !== undefined;
    if (continued && pending) {
      pending.source += body.slice(15).trimEnd();
    } else {
      finish();
      pending = { source: body.trimEnd(), line: i + 1, ...(loc !== undefined ? { loc } : {}) };
    }
    continued = continues;
    if (!continues) finish();
  });
  finish();
  return { format: listing ? 'hlasm-listing' : 'hlasm-source', statements: out };
}

const TYPE_INFO: Record<string, { length: number; align: number }> = {
  C: { length: 1, align: 1 }, X: { length: 1, align: 1 }, B: { length: 1, align: 1 }, P: { length: 1, align: 1 }, Z: { length: 1, align: 1 },
  H: { length: 2, align: 2 }, Y: { length: 2, align: 2 }, S: { length: 2, align: 2 }, F: { length: 4, align: 4 }, A: { length: 4, align: 4 },
  V: { length: 4, align: 4 }, E: { length: 4, align: 4 }, D: { length: 8, align: 8 }, L: { length: 16, align: 8 },
  AD: { length: 8, align: 8 }, FD: { length: 8, align: 8 }, VD: { length: 8, align: 8 }, CA: { length: 1, align: 1 }, CE: { length: 1, align: 1 },
};

export function typeClassOf(type: string): TypeClass {
  if (type.startsWith('C')) return 'char';
  if (type === 'P' || type === 'Z') return 'packed';
  return 'binary';
}

interface Operand { dup: number; type: string; length: number; explicit: boolean }

/** Reads one DS/DC operand such as 0CL20, XL1, 2F, FL8, C'ABC', X'0A0B'. */
function dsOperand(text: string): Operand | undefined {
  const m = /^(\d+|\((\d+)\))?([A-Z]{1,2}?)(?:L(\d+|\((\d+)\)))?(?:'([^']*)'|\(([^)]*)\))?$/i.exec(text);
  if (!m) return undefined;
  let type = m[3]!.toUpperCase();
  if (!TYPE_INFO[type]) {
    if (type.length === 2 && TYPE_INFO[type[0]!]) type = type[0]!;
    else return undefined;
  }
  const info = TYPE_INFO[type]!;
  const dup = m[1] === undefined ? 1 : Number(m[2] ?? m[1]);
  if (m[4] !== undefined) return { dup, type, length: Number(m[5] ?? m[4]), explicit: true };
  const nominal = m[6];
  if (nominal !== undefined) {
    const implied = type === 'C' ? nominal.replace(/''/g, "'").length : type === 'X' ? Math.ceil(nominal.length / 2) : type === 'B' ? Math.ceil(nominal.length / 8) : type === 'P' ? Math.ceil((nominal.replace(/[^0-9]/g, '').length + 1) / 2) : info.length;
    return { dup, type, length: implied, explicit: type === 'C' || type === 'X' || type === 'B' || type === 'P' };
  }
  return { dup, type, length: info.length, explicit: false };
}

/** Top-level comma-separated parts of an operand field. */
function operands(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (ch === ',' && !quoted && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Value of a self-defining term: X'80', B'1000', C'A' (EBCDIC not needed: names only), 128. */
function selfDefiningValue(text: string): number | undefined {
  const t = text.trim();
  let m = /^X'([0-9A-F]+)'$/i.exec(t);
  if (m) return parseInt(m[1]!, 16);
  m = /^B'([01]+)'$/i.exec(t);
  if (m) return parseInt(m[1]!, 2);
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}

const SYMBOL = /^[A-Z@#$_][A-Z0-9@#$_]*$/i;
const IGNORED_OPS = new Set(['MACRO', 'MEND', 'MEXIT', 'AIF', 'AGO', 'ANOP', 'SETA', 'SETB', 'SETC', 'GBLA', 'GBLB', 'GBLC', 'LCLA', 'LCLB', 'LCLC', 'MNOTE', 'PRINT', 'SPACE', 'EJECT', 'TITLE', 'PUSH', 'POP', 'USING', 'DROP', 'END', 'COPY', 'ACTR', 'AREAD', 'CNOP', 'LTORG', 'OPSYN', 'AMODE', 'RMODE', 'ENTRY', 'EXTRN', 'WXTRN', 'ICTL', 'ISEQ']);

export function readAssembler(text: string): Mapping {
  const { format, statements: stmts } = statements(text);
  const fields: MappedField[] = [];
  const codes: MappedCode[] = [];
  const warnings: string[] = [];
  let container = '';
  let loc = 0;
  let high = 0;
  const counters = new Map<string, { loc: number; high: number }>();
  const symbols = new Map<string, number>();
  let lastField: string | undefined;
  for (const s of stmts) {
    const label = SYMBOL.test(s.label) ? s.label : '';
    if (s.op === 'DSECT' || s.op === 'CSECT' || s.op === 'RSECT' || s.op === 'START') {
      if (container) counters.set(container, { loc, high });
      container = s.label;
      ({ loc, high } = counters.get(container) ?? { loc: 0, high: 0 });
      if (s.loc !== undefined) loc = s.loc;
      lastField = undefined;
      continue;
    }
    if (!container || IGNORED_OPS.has(s.op)) continue;
    if (s.op === 'DS' || s.op === 'DC') {
      const parts = operands(s.operand).map(dsOperand);
      if (parts.some((p) => p === undefined)) {
        warnings.push(`line ${s.line}: cannot evaluate ${s.op} ${s.operand}; later offsets of ${container} may be off`);
        continue;
      }
      let at = loc;
      let first: { offset: number; op: Operand } | undefined;
      for (const p of parts as Operand[]) {
        if (!p.explicit) at = Math.ceil(at / TYPE_INFO[p.type]!.align) * TYPE_INFO[p.type]!.align;
        first ??= { offset: at, op: p };
        at += p.dup * p.length;
      }
      // A listing prints where the field is: trust it over our arithmetic.
      const offset = s.loc ?? first!.offset;
      if (s.loc !== undefined) at += s.loc - first!.offset;
      if (label) {
        const length = first!.op.dup === 0 ? first!.op.length : first!.op.dup * first!.op.length;
        fields.push({ container, name: label, offset, length, type: typeClassOf(first!.op.type), line: s.line });
        symbols.set(label.toUpperCase(), offset);
        lastField = label;
      }
      loc = at;
      high = Math.max(high, loc);
      continue;
    }
    if (s.op === 'EQU') {
      const [first, lengthPart] = operands(s.operand);
      const value = selfDefiningValue(first ?? '');
      if (label && value !== undefined) {
        codes.push({ container, name: label, value, ...(lastField ? { field: lastField } : {}), line: s.line });
      } else if (label && first === '*') {
        const length = lengthPart ? (selfDefiningValue(lengthPart) ?? null) : null;
        fields.push({ container, name: label, offset: loc, length, type: null, line: s.line });
        symbols.set(label.toUpperCase(), loc);
        lastField = label;
      }
      continue;
    }
    if (s.op === 'ORG') {
      const target = s.operand.trim();
      if (target === '' || target === ',') loc = high;
      else {
        const m = /^(\*|[A-Z@#$_][A-Z0-9@#$_]*)(?:([+-])(\d+))?$/i.exec(target);
        const base = m ? (m[1] === '*' ? loc : symbols.get(m[1]!.toUpperCase())) : undefined;
        if (base === undefined) warnings.push(`line ${s.line}: cannot evaluate ORG ${target}`);
        else loc = base + (m![2] === '-' ? -1 : 1) * Number(m![3] ?? 0);
      }
      if (s.loc !== undefined) loc = s.loc;
      continue;
    }
    // Macro calls and instructions inside a mapping are unexpected; say so rather than guess their length.
    if (/^[A-Z@#$]/.test(s.op)) warnings.push(`line ${s.line}: ${s.op} not evaluated`);
  }
  return { format, fields, codes, warnings };
}

// --- C header --------------------------------------------------------------------------------------

const C_SIZES: Record<string, number> = {
  char: 1, 'signed char': 1, 'unsigned char': 1, _Bool: 1, int8_t: 1, uint8_t: 1,
  short: 2, 'short int': 2, 'unsigned short': 2, 'unsigned short int': 2, 'signed short': 2, int16_t: 2, uint16_t: 2,
  int: 4, 'signed int': 4, 'unsigned int': 4, unsigned: 4, signed: 4, long: 4, 'unsigned long': 4, 'long int': 4, int32_t: 4, uint32_t: 4, float: 4,
  'long long': 8, 'unsigned long long': 8, int64_t: 8, uint64_t: 8, double: 8,
};

interface CMember { name: string; offset: number; size: number; bits?: { start: number; width: number } }

function cTokens(text: string): string[] {
  const stripped = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '').replace(/^\s*#.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  return stripped.match(/[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]+|\d+|[{}[\];:,()*=]/g) ?? [];
}

export function readCHeader(text: string): Mapping {
  const fields: MappedField[] = [];
  const codes: MappedCode[] = [];
  const warnings: string[] = [];
  const lineOf = (name: string): number => text.slice(0, Math.max(0, text.indexOf(name))).split('\n').length;
  // #define NAME value: codes, attached below to the field they follow.
  const defines: { name: string; value: number; at: number }[] = [];
  for (const m of text.matchAll(/^\s*#\s*define\s+([A-Za-z_]\w*)\s+\(?\s*(0[xX][0-9A-Fa-f]+|\d+)[uUlL]*\s*\)?\s*(?:\/[*/].*)?$/gm)) {
    defines.push({ name: m[1]!, value: Number(m[2]), at: m.index });
  }
  const tokens = cTokens(text);
  let i = 0;
  /** Parses a struct or union body from its '{'; members at offsets from `base`. */
  const body = (isUnion: boolean, base: number): { size: number; members: CMember[] } => {
    i++; // {
    const members: CMember[] = [];
    let offset = 0;
    let size = 0;
    let bitRun: { start: number; bits: number } | undefined;
    const closeBits = (): void => {
      if (bitRun) offset = bitRun.start + Math.ceil(bitRun.bits / 8);
      bitRun = undefined;
    };
    while (i < tokens.length && tokens[i] !== '}') {
      let memberSize: number | undefined;
      let inner: CMember[] = [];
      if (tokens[i] === 'struct' || tokens[i] === 'union') {
        const union = tokens[i] === 'union';
        i++;
        if (tokens[i] !== '{') i++; // tag
        closeBits();
        const nested = body(union, base + (isUnion ? 0 : offset));
        memberSize = nested.size;
        inner = nested.members;
      } else {
        const typeWords: string[] = [];
        while (i < tokens.length && /^[A-Za-z_]/.test(tokens[i]!) && /^[A-Za-z_]/.test(tokens[i + 1] ?? '')) {
          if (!['const', 'volatile', '_Packed'].includes(tokens[i]!)) typeWords.push(tokens[i]!);
          i++;
        }
        // An unnamed bit field (unsigned int :6) ends its type where a name would be.
        if (tokens[i + 1] === ':' && /^(int|char|short|long|unsigned|signed|_Bool)$/.test(tokens[i]!)) typeWords.push(tokens[i++]!);
        memberSize = C_SIZES[typeWords.join(' ')];
        if (memberSize === undefined) warnings.push(`unknown C type '${typeWords.join(' ')}' before ${tokens[i]}; later offsets may be off`);
      }
      // declarators: name [N]... [: bits] {, name ...} ;
      while (i < tokens.length && tokens[i] !== ';' && tokens[i] !== '}') {
        if (tokens[i] === ',') {
          i++;
          continue;
        }
        const name = /^[A-Za-z_]/.test(tokens[i]!) ? tokens[i++]! : undefined;
        let count = 1;
        while (tokens[i] === '[') {
          count *= tokens[i + 1] === ']' ? 0 : Number(tokens[i + 1]);
          i += tokens[i + 1] === ']' ? 2 : 3;
        }
        if (tokens[i] === ':') {
          const width = Number(tokens[i + 1]);
          i += 2;
          const start = isUnion ? 0 : offset;
          bitRun ??= { start, bits: 0 };
          if (name) members.push({ name, offset: base + bitRun.start, size: 0, bits: { start: bitRun.bits, width } });
          bitRun.bits += width;
          size = Math.max(size, bitRun.start + Math.ceil(bitRun.bits / 8));
          continue;
        }
        closeBits();
        const total = (memberSize ?? 0) * count;
        const where = isUnion ? 0 : offset;
        if (name) members.push({ name, offset: base + where, size: total });
        members.push(...inner.map((m) => ({ ...m })));
        inner = [];
        if (!isUnion) offset += total;
        size = Math.max(size, where + total);
      }
      if (inner.length) {
        // anonymous struct/union: its members belong to this one
        members.push(...inner);
        if (!isUnion) offset += memberSize ?? 0;
        size = Math.max(size, (isUnion ? 0 : offset - (memberSize ?? 0)) + (memberSize ?? 0));
      }
      size = Math.max(size, isUnion ? size : offset);
      if (tokens[i] === ';') i++;
    }
    i++; // }
    closeBits();
    return { size: Math.max(size, offset), members };
  };
  while (i < tokens.length) {
    if ((tokens[i] === 'struct' || tokens[i] === 'union') && (tokens[i + 1] === '{' || tokens[i + 2] === '{')) {
      const union = tokens[i] === 'union';
      const tag = tokens[i + 1] === '{' ? undefined : tokens[i + 1];
      i += tag ? 2 : 1;
      const { members } = body(union, 0);
      const typedefName = /^[A-Za-z_]/.test(tokens[i] ?? '') ? tokens[i] : undefined;
      const container = typedefName ?? tag ?? 'anonymous';
      const plain = members.filter((m) => !m.bits);
      for (const m of plain) fields.push({ container, name: m.name, offset: m.offset, length: m.size || null, type: null, line: lineOf(m.name) });
      for (const m of members.filter((x) => x.bits)) {
        const byte = m.offset + Math.floor(m.bits!.start / 8);
        const owner = plain.find((p) => p.offset <= byte && byte < p.offset + Math.max(p.size, 1));
        const shift = 8 - (m.bits!.start % 8) - m.bits!.width;
        codes.push({ container, name: m.name, value: ((1 << m.bits!.width) - 1) << Math.max(shift, 0), ...(owner ? { field: owner.name } : {}), line: lineOf(m.name) });
      }
      continue;
    }
    i++;
  }
  // A #define belongs to the field its name starts with, else to the field before it inside the same struct.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, (c) => c.replace(/[^\n]/g, ' '));
  const positions = fields.map((f) => ({ f, at: code.search(new RegExp(`\\b${f.name}\\b`)) })).filter((p) => p.at >= 0).sort((a, b) => a.at - b.at);
  const byPrefix = [...fields].sort((a, b) => b.name.length - a.name.length);
  for (const d of defines) {
    let owner = byPrefix.find((f) => d.name.toUpperCase().startsWith(`${f.name.toUpperCase()}_`));
    if (!owner) {
      const before = positions.filter((p) => p.at < d.at).pop();
      const after = positions.find((p) => p.at > d.at);
      if (before && after && before.f.container === after.f.container) owner = before.f;
    }
    codes.push({ container: owner?.container ?? '', name: d.name, value: d.value, ...(owner ? { field: owner.name } : {}), line: lineOf(d.name) });
  }
  return { format: 'c-header', fields, codes, warnings };
}

/** Reads any supported mapping, telling C from assembler by its look. */
export function readMapping(text: string): Mapping {
  const looksLikeC = /(^|\n)\s*(typedef\s+)?(_Packed\s+)?struct\b[^;]*\{/.test(text) || /(^|\n)\s*#\s*(define|ifndef|include)\b/.test(text);
  return looksLikeC ? readCHeader(text) : readAssembler(text);
}
