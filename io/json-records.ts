// JSON records from a stream of text: JSON Lines (one object per line, as `decode` prints by default) or one
// array of objects (`decode --format json`), read object by object so that memory does not grow with the
// input, each with the line it starts on for error messages.

export interface JsonRecord {
  value: unknown;
  /** 1-based line where the object starts. */
  line: number;
  /** 0-based position among the objects. */
  index: number;
}

/** Bad JSON text, with the line it was found on. */
export class JsonSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function parse(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message);
    const at = position ? line + (text.slice(0, Number(position[1])).match(/\n/g)?.length ?? 0) : line;
    throw new JsonSyntaxError(at, (e as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, ''));
  }
}

export async function* jsonRecords(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<JsonRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let mode: 'start' | 'lines' | 'array' | 'after-array' = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let startLine = 0;
  let index = 0;
  const unexpected = (c: number): JsonSyntaxError =>
    new JsonSyntaxError(line, `expected ${mode === 'array' ? "a record object ('{'), ',' or ']'" : mode === 'after-array' ? 'nothing after the closing ]' : "a record object ('{') or an array ('[')"}, found '${String.fromCharCode(c)}'`);
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            parts.push(text.slice(from === -1 ? 0 : from, i + 1));
            yield { value: parse(parts.join(''), startLine), line: startLine, index: index++ };
            parts = [];
            from = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (c === OPEN_BRACE && mode !== 'after-array') {
        if (mode === 'start') mode = 'lines';
        depth = 1;
        from = i;
        startLine = line;
      } else if (c === OPEN_BRACKET && mode === 'start') mode = 'array';
      else if (c === COMMA && mode === 'array' && index > 0) continue;
      else if (c === CLOSE_BRACKET && mode === 'array') mode = 'after-array';
      else throw unexpected(c);
    }
    if (depth > 0) parts.push(text.slice(from === -1 ? 0 : from));
  }
  if (depth > 0) throw new JsonSyntaxError(startLine, 'the input ends inside this record');
  if (mode === 'array') throw new JsonSyntaxError(line, "the input ends before the array's closing ]");
}
