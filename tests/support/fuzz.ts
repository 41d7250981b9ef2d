import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument, OpenApiParameter, Operation } from './openapi';
import { resolve, SchemaValidator } from './openapi';

/**
 * Generators of malformed, oversized, wrongly typed and hostile requests for any operation of the OpenAPI
 * document, read from its schemas. A request for an operation that changes data is always invalid by
 * construction (at least one mutation no schema accepts), and checked once more against the documented
 * schemas, so a test can demand that it changes nothing.
 */

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
export const isWrite = (op: Operation) => WRITE_METHODS.has(op.method);

/** Strings that try to break out of SQL, HTML, paths, templates and text handling. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '\u202eevil\u202c',
  '\ufeff',
  '\u0001\u001f\u007f',
  '\r\n\r\nX-Injected: 1',
  '職員'.repeat(40),
  'ｱｲｳｴｵ',
  '①子',
  '😀👨‍👩‍👧',
  ' ',
  '',
];

/** Dates PostgreSQL refuses, or the calendar does not have, or no town hall records. */
export const ABSURD_DATES = [
  '0000-01-01',
  '9999-12-31',
  '1899-12-31',
  '2201-01-01',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '-000001-01-01',
  '+275760-09-13',
  '20260401',
  '2026/04/01',
  '2026-4-1',
  '2026-04-01T00:00:00Z',
];

/** Strings that are not UUIDs (none of them could ever name a row). */
export const INVALID_UUIDS = [
  'not-a-uuid',
  '0196a0b2-0000-7000-8000-00000000000g',
  '0196a0b2-0000-7000-8000-0000000000000',
  '0196a0b200007000800000000000000',
  '{0196a0b2-0000-7000-8000-000000000000}',
  '０１９６ａ０ｂ２-0000-7000-8000-000000000000',
  '1',
  '-1',
  '0',
  '9'.repeat(40),
  "0196a0b2-0000-7000-8000-000000000000' OR '1'='1",
];

export const HOSTILE_NUMBERS = [
  -1,
  0,
  -0.5,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e-300,
  2 ** 31,
  -(2 ** 31) - 1,
];

/** Keys that pollute prototypes when merged carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings no API accepts anywhere: NUL, lone surrogates. */
export const FORBIDDEN_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\ud800', 'abc\ud83d'];

function nest(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...ABSURD_DATES, ...INVALID_UUIDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN_STRINGS) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'あ'.repeat(n)) },
);

/**
 * Hostile strings for URLs (path and query): short enough that the URL stays under Node's 16 KB header limit
 * (beyond it Node itself answers a bare 431 before the application sees the request).
 */
export const urlString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...ABSURD_DATES, ...INVALID_UUIDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN_STRINGS) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 400 }).map((n) => 'あ'.repeat(n)) },
);

const deepValue = fc
  .tuple(fc.integer({ min: 20, max: 300 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => nest(depth, kind));

const pollutingValue = fc
  .constantFrom(...PROTOTYPE_KEYS)
  .map((key) => ({ [key]: { isAdmin: true, role: 'admin', polluted: 1 } }));

/** Any hostile JSON value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: pollutingValue },
);

function typesOf(schema: JsonSchema): string[] {
  const list = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (schema.nullable) list.push('null');
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) list.push(...typesOf(sub));
  return list;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value whose JSON type the schema does not allow (undefined when the schema allows any type). */
function wrongTypeArb(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const allowed = typesOf(schema);
  if (!allowed.length) return undefined;
  const candidates: unknown[] = ['text', 12, 1.5, true, null, [], { a: 1 }, ['x'], 'a\u0000b'];
  const wrong = candidates.filter((value) => {
    const t = jsonTypeOf(value);
    return !allowed.includes(t) && !(t === 'integer' && allowed.includes('number'));
  });
  return wrong.length ? fc.constantFrom(...wrong) : undefined;
}

/** Mostly valid values for a schema (the base that mutations then break). */
export function validArb(
  doc: OpenApiDocument,
  raw: JsonSchema | undefined,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw) ?? {};
  if (depth > 4) return fc.constant(null);
  let arb: fc.Arbitrary<unknown>;
  if (schema.enum?.length) arb = fc.constantFrom(...schema.enum);
  else if (schema.anyOf?.length || schema.oneOf?.length)
    arb = fc.oneof(...(schema.anyOf ?? schema.oneOf ?? []).map((s) => validArb(doc, s, depth + 1)));
  else {
    const type = typesOf(schema).find((t) => t !== 'null');
    switch (type) {
      case 'string':
        arb = stringArb(schema);
        break;
      case 'integer':
        arb = fc.integer({
          min: Math.max(schema.minimum ?? -1000, -1e9),
          max: Math.min(schema.maximum ?? 1000, 1e9),
        });
        break;
      case 'number':
        arb = fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e6,
        });
        break;
      case 'boolean':
        arb = fc.boolean();
        break;
      case 'array':
        arb = fc.array(validArb(doc, schema.items, depth + 1), { maxLength: 3 });
        break;
      case 'object': {
        const props = schema.properties ?? {};
        const model = Object.fromEntries(
          Object.entries(props).map(([k, s]) => [k, validArb(doc, s, depth + 1)]),
        );
        arb = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
        break;
      }
      default:
        arb = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
    }
  }
  return schema.nullable ? fc.option(arb, { nil: null, freq: 5 }) : arb;
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 60);
  if (schema.format === 'uuid') return fc.uuid({ version: [4, 7] });
  if (schema.format === 'date')
    return fc
      .date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2150-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc.oneof(
        fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max),
        fc.constantFrom(...HOSTILE_STRINGS),
      );
    } catch {
      // a pattern fast-check cannot read: plain strings below
    }
  }
  return fc.oneof(
    fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1), unit: 'grapheme' }),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
}

type Json = Record<string, unknown>;

/**
 * Mutations no schema accepts: each turns a body into one that must be refused. The list depends on the
 * schema (a field to drop needs a required field, an unknown key needs `additionalProperties: false`, ...).
 */
function mutationsOf(doc: OpenApiDocument, raw: JsonSchema): fc.Arbitrary<(body: unknown) => unknown>[] {
  const schema = resolve(doc, raw) ?? {};
  const out: fc.Arbitrary<(body: unknown) => unknown>[] = [];
  const asObject = (b: unknown): Json =>
    b && typeof b === 'object' && !Array.isArray(b) ? { ...(b as Json) } : {};
  // The whole body of a wrong kind.
  const notObject = fc.constantFrom<unknown>(null, [], 'text', 42, true, [{}], ['a\u0000']);
  if (typesOf(schema).includes('object')) out.push(notObject.map((v) => () => v));
  const props = Object.entries(schema.properties ?? {}).map(([k, s]) => [k, resolve(doc, s) ?? {}] as const);
  const required = (schema.required ?? []).filter((k) => schema.properties && k in schema.properties);
  if (required.length)
    out.push(
      fc.constantFrom(...required).map((key) => (b: unknown) => {
        const o = asObject(b);
        delete o[key];
        return o;
      }),
    );
  if (schema.additionalProperties === false)
    out.push(
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...PROTOTYPE_KEYS, 'role', 'isAdmin', 'id', 'a\u0000', '\ud800'),
            fc.string({ minLength: 1, maxLength: 8 }),
          ),
          hostileValue,
        )
        .filter(([key]) => !(schema.properties && key in schema.properties))
        .map(([key, value]) => (b: unknown) => {
          const o = asObject(b);
          Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
          return o;
        }),
    );
  for (const [key, prop] of props) {
    const set = (value: unknown) => (b: unknown) => ({ ...asObject(b), [key]: value });
    const wrong = wrongTypeArb(prop);
    if (wrong) out.push(wrong.map(set));
    const types = typesOf(prop);
    if (types.includes('string')) {
      out.push(fc.constantFrom(...FORBIDDEN_STRINGS).map(set));
      if (prop.maxLength !== undefined)
        out.push(
          fc.integer({ min: prop.maxLength + 1, max: prop.maxLength + 3000 }).map((n) => set('x'.repeat(n))),
        );
      if (prop.format === 'date') out.push(fc.constantFrom(...ABSURD_DATES).map(set));
      if (prop.format === 'uuid') out.push(fc.constantFrom(...INVALID_UUIDS).map(set));
    }
    if (types.includes('integer') || types.includes('number')) {
      const bad: number[] = [];
      if (prop.minimum !== undefined) bad.push(prop.minimum - 1, prop.minimum - 1e9);
      if (prop.maximum !== undefined) bad.push(prop.maximum + 1, prop.maximum + 1e12);
      if (types.includes('integer') && !types.includes('number')) bad.push(1.5, -0.25);
      if (bad.length) out.push(fc.constantFrom(...bad).map(set));
    }
    if (types.includes('object') || types.includes('array')) out.push(deepValue.map(set));
  }
  return out;
}

export interface RawBody {
  data: string | Uint8Array;
  headers: Record<string, string>;
  why: string;
}

/** Bodies the request layer must refuse whatever the operation: broken JSON, charsets, encodings, sizes. */
export const rawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc
    .constantFrom(
      '{"a":',
      '{a:1}',
      "{'a':1}",
      '[1,]',
      '{"a":1}}',
      'NaN',
      '\u0000',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
    )
    .map((data) => ({
      data,
      headers: { 'content-type': 'application/json' },
      why: 'broken or forbidden JSON',
    })),
  fc.constantFrom('latin1', 'iso-8859-1', 'shift_jis', 'utf-7', 'x-unknown').map((cs) => ({
    data: '["é"]',
    headers: { 'content-type': `application/json; charset=${cs}` },
    why: `charset ${cs}`,
  })),
  fc.constantFrom('foo', 'compress', 'x-gzip2', 'gzip, foo').map((enc) => ({
    data: '["a"]',
    headers: { 'content-type': 'application/json', 'content-encoding': enc },
    why: `Content-Encoding ${enc}`,
  })),
  fc.constantFrom('gzip', 'deflate', 'br').map((enc) => ({
    data: '["not compressed"]',
    headers: { 'content-type': 'application/json', 'content-encoding': enc },
    why: `${enc} header on a plain body`,
  })),
  fc.constant({
    data: new Uint8Array(gzipSync(Buffer.from(JSON.stringify({ a: 'x'.repeat(400_000) })))),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    why: 'a gzip body that inflates past the limit',
  }),
  fc.integer({ min: 270_000, max: 400_000 }).map((n) => ({
    data: JSON.stringify({ a: 'x'.repeat(n) }),
    headers: { 'content-type': 'application/json' },
    why: 'a body over the limit',
  })),
  fc.integer({ min: 65, max: 5000 }).map((n) => ({
    data: '['.repeat(n) + ']'.repeat(n),
    headers: { 'content-type': 'application/json' },
    why: 'nesting beyond any form',
  })),
);

/** How a string goes into a URL: percent-encoded UTF-8, lone surrogates as their own (WTF-8) bytes. */
export function encodeUrlPart(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

export type Who = 'admin' | 'staff' | 'anonymous';

export interface FuzzRequest {
  op: string;
  who: Who;
  csrf: boolean;
  method: string;
  url: string;
  body?:
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; raw: RawBody }
    | { kind: 'multipart'; form: MultipartSpec };
  why: string[];
}

export interface MultipartSpec {
  field: string;
  filename: string;
  bytes: Uint8Array;
  extraFields: [string, string][];
}

const multipartArb: fc.Arbitrary<MultipartSpec> = fc.record({
  field: fc.constantFrom('file', 'file', 'upload', '__proto__'),
  filename: fc.oneof(
    fc.constantFrom('a.png', '../../x.png', 'a\u0000.png', '\ud800.csv', 'x.html', ''),
    hostileString,
  ),
  // Random bytes, never a decodable image or a CSV with the right header: content checks must refuse it. Some
  // start like a PNG or WebP, so that the image decoder itself meets them.
  bytes: fc
    .tuple(
      fc.constantFrom(
        [0x00, 0x7a],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        [0x52, 0x49, 0x46, 0x46, 0x10, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50],
        [0xef, 0xbb, 0xbf],
      ),
      fc.uint8Array({ minLength: 1, maxLength: 2000 }),
    )
    .map(([magic, b]) => Uint8Array.from([...magic, ...b])),
  extraFields: fc.array(fc.tuple(fc.constantFrom('dryRun', 'name', '__proto__', 'x'), hostileString), {
    maxLength: 4,
  }),
});

/** One line that says what a request is, for a failure message. */
function summarize(req: Omit<FuzzRequest, 'why'>, why: string[]): string {
  const body = !req.body
    ? ''
    : req.body.kind === 'json'
      ? ` json ${truncate(safeStringify(req.body.value))}`
      : req.body.kind === 'raw'
        ? ` raw(${req.body.raw.why})`
        : ` multipart(${req.body.form.field}, ${truncate(JSON.stringify(req.body.form.filename))}, ${req.body.form.bytes.length} bytes)`;
  return `${req.who}${req.csrf ? '' : ' no-csrf'} ${req.method.toUpperCase()} ${truncate(req.url, 300)}${body} [${why.join('; ')}]`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

function withToString(req: FuzzRequest): FuzzRequest {
  const text = summarize(req, req.why);
  return Object.defineProperty(req, fc.toStringMethod, { value: () => text, enumerable: false });
}

interface Part<T> {
  value: T;
  /** Whether this part alone makes the request invalid for the operation (so it can change nothing). */
  invalid: boolean;
  why?: string;
}

function pathParamArb(
  param: OpenApiParameter,
  knownIds: string[],
  mustBeInvalid: boolean,
): fc.Arbitrary<Part<string>> {
  const invalid = fc
    .oneof(fc.constantFrom(...INVALID_UUIDS, ...FORBIDDEN_STRINGS), urlString)
    .filter((s) => s.length > 0 && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s))
    .map((value) => ({ value, invalid: true, why: `${param.name} not a UUID` }));
  if (mustBeInvalid) return invalid;
  return fc.oneof(
    invalid,
    fc.uuid({ version: [4, 7] }).map((value) => ({ value, invalid: false, why: `${param.name} unknown` })),
    ...(knownIds.length
      ? [fc.constantFrom(...knownIds).map((value) => ({ value, invalid: false, why: `${param.name} known` }))]
      : []),
  );
}

function queryArb(
  doc: OpenApiDocument,
  params: OpenApiParameter[],
  validator: SchemaValidator,
): fc.Arbitrary<Part<string>> {
  // Each parameter mostly left out or valid, so that reads also get past validation.
  const entry = (p: OpenApiParameter): fc.Arbitrary<[string, string][]> =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 3,
        arbitrary: validArb(doc, p.schema).map((v) => [[p.name, String(v)]] as [string, string][]),
      },
      { weight: 1, arbitrary: urlString.map((v) => [[p.name, v]] as [string, string][]) },
      {
        weight: 1,
        arbitrary: fc
          .array(urlString, { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v) => [p.name, v] as [string, string])),
      },
    );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...PROTOTYPE_KEYS, 'a[b]', 'limit[]', '\u0000'),
            fc.string({ maxLength: 6 }),
          ),
          urlString,
        ),
        { minLength: 1, maxLength: 2 },
      ),
    },
  );
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  return fc.tuple(fc.tuple(...params.map(entry)), extra).map(([entries, extras]) => {
    const pairs = [...entries.flat(), ...extras];
    const grouped: Record<string, string | string[]> = {};
    for (const [k, v] of pairs) grouped[k] = k in grouped ? [grouped[k]].flat().concat(v) : v;
    // Invalid for sure only when a documented parameter is: a repeated one, or one the schema refuses.
    const documented = Object.fromEntries(
      Object.entries(grouped).filter(([k]) => params.some((p) => p.name === k)),
    );
    // (A lone surrogate cannot survive a URL: it arrives as U+FFFD, so only NUL is refused for sure.)
    const invalid =
      Object.entries(documented).some(
        ([k, v]) =>
          Array.isArray(v) && resolve(doc, params.find((p) => p.name === k)?.schema)?.type !== 'array',
      ) ||
      !validator.isValid(schema, documented, true) ||
      pairs.some(([k, v]) => (k + v).includes('\u0000'));
    const text = pairs.map(([k, v]) => `${encodeUrlPart(k)}=${encodeUrlPart(v)}`).join('&');
    return { value: text ? `?${text}` : '', invalid, why: invalid ? 'query invalid' : undefined };
  });
}

function jsonBodyArb(
  doc: OpenApiDocument,
  schema: JsonSchema,
  validator: SchemaValidator,
): fc.Arbitrary<Part<FuzzRequest['body']>> {
  const mutations = mutationsOf(doc, schema);
  const base = validArb(doc, schema);
  const mutated = mutations.length
    ? fc
        .tuple(base, fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }))
        .map(([value, fns]) => fns.reduce((acc, fn) => fn(acc), value))
    : base;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: mutated.map((value) => ({
        value: { kind: 'json' as const, value },
        invalid: !validator.isValid(schema, value),
        why: 'body mutated',
      })),
    },
    {
      weight: 2,
      arbitrary: rawBody.map((raw) => ({
        value: { kind: 'raw' as const, raw },
        invalid: true,
        why: raw.why,
      })),
    },
    {
      weight: 1,
      arbitrary: base.map((value) => ({
        value: {
          kind: 'raw' as const,
          raw: {
            data: JSON.stringify(value) ?? '',
            headers: { 'content-type': 'text/plain' },
            why: 'JSON sent as text/plain',
          },
        },
        invalid: true,
        why: 'JSON sent as text/plain',
      })),
    },
    // Valid-looking (maybe really valid) bodies: only sent where something else makes the request invalid.
    {
      weight: 1,
      arbitrary: base.map((value) => ({
        value: { kind: 'json' as const, value },
        invalid: !validator.isValid(schema, value),
        why: 'body as generated',
      })),
    },
  );
}

/** Requests for one operation; for an operation that changes data, only requests it must refuse. */
export function requestsFor(
  doc: OpenApiDocument,
  op: Operation,
  options: { knownIds: string[]; validator: SchemaValidator; mayUse: (who: Who, op: Operation) => boolean },
): fc.Arbitrary<FuzzRequest> {
  const { operation } = op;
  const write = isWrite(op);
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const multipart = 'multipart/form-data' in content;
  const hasInput = pathParams.length > 0 || queryParams.length > 0 || !!jsonSchema || multipart;

  const who = fc
    .constantFrom<Who>('admin', 'admin', 'admin', 'staff', 'anonymous')
    .filter((w) => options.mayUse(w, op));
  // For a change without any input to break, only requests without the CSRF header (always refused).
  const csrf =
    write && !hasInput
      ? fc.constant(false)
      : fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const noBody = fc.constant<Part<FuzzRequest['body']>>({ value: undefined, invalid: false });
  const body: fc.Arbitrary<Part<FuzzRequest['body']>> = jsonSchema
    ? jsonBodyArb(doc, jsonSchema, options.validator)
    : multipart
      ? multipartArb.map((form) => ({
          value: { kind: 'multipart' as const, form },
          invalid: true,
          why: 'junk file',
        }))
      : // No documented body: none sent (fetch sends none with GET; a change without inputs is sent without
        // its CSRF header instead).
        noBody;
  const query = queryParams.length
    ? queryArb(doc, queryParams, options.validator)
    : fc.constant<Part<string>>({ value: '', invalid: false });

  return (
    fc
      .tuple(who, csrf, body, query, fc.boolean())
      .chain(([w, c, b, q, pathCarriesInvalidity]) => {
        // A change must carry at least one invalid part; when neither body nor query does, the path must.
        const needsInvalidPath =
          write && c && !b.invalid && !q.invalid && (pathCarriesInvalidity || !jsonSchema);
        const params = fc.tuple(
          ...pathParams.map((p) => pathParamArb(p, options.knownIds, needsInvalidPath)),
        );
        return params.map((ps) => ({ w, c, b, q, ps }));
      })
      .filter(({ c, b, q, ps }) => !write || !c || b.invalid || q.invalid || ps.some((p) => p.invalid))
      // Beyond 16 KB of headers Node itself answers a bare 431 before the application sees the request.
      .filter(
        ({ q, ps }) => q.value.length + ps.reduce((n, p) => n + encodeUrlPart(p.value).length, 0) < 12_000,
      )
      .map(({ w, c, b, q, ps }) => {
        let path = op.path;
        pathParams.forEach((p, i) => {
          path = path.replace(`{${p.name}}`, encodeUrlPart(ps[i].value));
        });
        const why = [b.why, q.why, ...ps.map((p) => p.why), c ? undefined : 'no CSRF header'].filter(
          (x): x is string => !!x,
        );
        return withToString({
          op: op.name,
          who: w,
          csrf: c,
          method: op.method,
          url: path + q.value,
          body: b.value,
          why,
        });
      })
  );
}

/** Whether this operation ends or revokes sessions (not sent with the administrator's session). */
export function endsSessions(op: Operation): boolean {
  return (
    /sign-out|revoke|sessions\/\{id\}/.test(op.path) ||
    /signOut|revoke|endMine|endOthers/i.test(op.operation.operationId ?? '')
  );
}
