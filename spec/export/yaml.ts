// A small YAML writer for the .ksy export: block maps and lists, strings double-quoted (JSON escapes are valid
// YAML), numbers plain. Enough for generated documents; not a general serializer.

/** A number written in hex (enum keys read better as 0x80 than as 128). */
export class Hex {
  constructor(readonly value: number, readonly digits = 2) {}
  toString(): string {
    return `0x${this.value.toString(16).padStart(this.digits, '0')}`;
  }
}

export type YamlValue = string | number | boolean | Hex | YamlValue[] | YamlMap;
export type YamlMap = Map<string | Hex, YamlValue> | { [key: string]: YamlValue };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

function scalar(v: string | number | boolean | Hex): string {
  if (v instanceof Hex || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return PLAIN.test(v) && !YAML_WORDS.test(v) ? v : JSON.stringify(v);
}

const isScalar = (v: unknown): v is string | number | boolean | Hex => typeof v !== 'object' || v instanceof Hex;

function entries(v: YamlMap): [string | Hex, YamlValue][] {
  return v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, YamlValue>);
}

function emit(value: YamlValue, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isScalar(item)) {
        out.push(`${indent}- ${scalar(item)}`);
        continue;
      }
      const sub: string[] = [];
      emit(item, `${indent}  `, sub);
      out.push(`${indent}- ${sub[0]!.trimStart()}`, ...sub.slice(1));
    }
    return;
  }
  for (const [key, v] of entries(value as YamlMap)) {
    const k = scalar(key);
    if (isScalar(v)) out.push(`${indent}${k}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.length === 0) out.push(`${indent}${k}: []`);
    else if (!Array.isArray(v) && entries(v as YamlMap).length === 0) out.push(`${indent}${k}: {}`);
    else {
      out.push(`${indent}${k}:`);
      emit(v, `${indent}  `, out);
    }
  }
}

export function toYaml(doc: YamlMap): string {
  const out: string[] = [];
  emit(doc, '', out);
  return `${out.join('\n')}\n`;
}
