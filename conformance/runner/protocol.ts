import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

// The ndjson harness protocol (version 1), after Bowtie's: one JSON object per line each way.
//
//   runner -> parser: {"cmd":"start","version":1}
//   parser -> runner: {"version":1,"implementation":{"name":"...","version":"...","language":"..."}}
//   runner -> parser: {"cmd":"run","seq":1,"case":{"id":"...","subtype":11,"release":"3.2","framing":"rdw","path":"/abs/x.smf","bytes":"<base64>"}}
//   parser -> runner: {"seq":1,"records":[...]}             decoded records (canonical JSON or flat IBM names)
//                   | {"seq":1,"rejected":{"message":"..."}}   the input is invalid
//                   | {"seq":1,"skipped":{"reason":"..."}}     not supported by this parser
//                   | {"seq":1,"errored":{"message":"..."}}    the parser failed
//   runner -> parser: {"cmd":"stop"}                          the parser exits

export const PROTOCOL_VERSION = 1;

const caseSchema = {
  type: 'object',
  required: ['id', 'subtype', 'release', 'framing', 'path', 'bytes'],
  properties: {
    id: { type: 'string' },
    subtype: { enum: [11, 12] },
    release: { type: 'string' },
    framing: { enum: ['rdw', 'vbs'] },
    path: { type: 'string', description: 'absolute path of the input file' },
    bytes: { type: 'string', contentEncoding: 'base64', description: 'the same bytes, base64' },
  },
  additionalProperties: false,
};

export const PROTOCOL_SCHEMAS = {
  start: {
    $id: 'zert-forge/protocol/1/start',
    type: 'object',
    required: ['cmd', 'version'],
    properties: { cmd: { const: 'start' }, version: { const: PROTOCOL_VERSION } },
    additionalProperties: false,
  },
  started: {
    $id: 'zert-forge/protocol/1/started',
    type: 'object',
    required: ['version', 'implementation'],
    properties: {
      version: { const: PROTOCOL_VERSION },
      implementation: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 }, version: { type: 'string' }, language: { type: 'string' }, homepage: { type: 'string' }, notes: { type: 'string' } },
        additionalProperties: true,
      },
    },
    additionalProperties: false,
  },
  run: {
    $id: 'zert-forge/protocol/1/run',
    type: 'object',
    required: ['cmd', 'seq', 'case'],
    properties: { cmd: { const: 'run' }, seq: { type: 'integer', minimum: 0 }, case: caseSchema },
    additionalProperties: false,
  },
  result: {
    $id: 'zert-forge/protocol/1/result',
    type: 'object',
    required: ['seq'],
    properties: {
      seq: { type: 'integer', minimum: 0 },
      records: { type: 'array', items: { type: 'object' } },
      rejected: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, kind: { type: 'string' }, path: { type: 'string' } } },
      skipped: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
      errored: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, context: {} } },
    },
    oneOf: [{ required: ['records'] }, { required: ['rejected'] }, { required: ['skipped'] }, { required: ['errored'] }],
    additionalProperties: false,
  },
  stop: {
    $id: 'zert-forge/protocol/1/stop',
    type: 'object',
    required: ['cmd'],
    properties: { cmd: { const: 'stop' } },
    additionalProperties: false,
  },
} as const;

export type StartedMessage = { version: 1; implementation: { name: string; version?: string; language?: string; homepage?: string; notes?: string } };
export type ResultMessage = {
  seq: number;
  records?: Record<string, unknown>[];
  rejected?: { message: string; kind?: string; path?: string };
  skipped?: { reason: string };
  errored?: { message: string; context?: unknown };
};
export interface RunMessage {
  cmd: 'run';
  seq: number;
  case: { id: string; subtype: number; release: string; framing: string; path: string; bytes: string };
}

type Validators = Record<keyof typeof PROTOCOL_SCHEMAS, ValidateFunction>;
let compiled: Validators | undefined;

/** The protocol's validators, compiled on first use: compiling costs start-up time every other command would pay. */
export function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    compiled = {
      start: ajv.compile(PROTOCOL_SCHEMAS.start),
      started: ajv.compile(PROTOCOL_SCHEMAS.started),
      run: ajv.compile(PROTOCOL_SCHEMAS.run),
      result: ajv.compile(PROTOCOL_SCHEMAS.result),
      stop: ajv.compile(PROTOCOL_SCHEMAS.stop),
    };
  }
  return compiled;
}

export function schemaErrors(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}
