import Ajv, { type ValidateFunction } from 'ajv';

/** The parts of an OpenAPI 3.0 document the tests read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  [key: string]: unknown;
}

export interface MediaType {
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, MediaType>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface Operation {
  method: string;
  path: string;
  operation: OpenApiOperation;
  /** `GET /api/org/staff/{id}` */
  name: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      operation: item[method],
      name: `${method.toUpperCase()} ${path}`,
    })),
  );
}

/** Follows a `#/components/schemas/X` reference (one level; the components hold no further references). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

/** OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; JSON Schema (Ajv) wants the number. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSchema(v);
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] === 'boolean') {
      if (out[exclusive]) out[exclusive] = out[bound];
      else delete out[exclusive];
      if (out[exclusive] !== undefined) delete out[bound];
    }
  }
  return out;
}

/**
 * Validates values against schemas of the document (references into its components resolved). Formats are not
 * checked (patterns are), so a value Ajv calls invalid is invalid for the API's zod schemas as well.
 */
export class SchemaValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  private readonly coercing = new Ajv({ strict: false, validateFormats: false, coerceTypes: true });
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly components: unknown;

  constructor(doc: OpenApiDocument) {
    this.components = toJsonSchema(doc.components);
  }

  private compile(schema: JsonSchema, coerce: boolean): ValidateFunction {
    const key = `${coerce}:${JSON.stringify(schema)}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const root = { ...(toJsonSchema(schema) as object), components: this.components };
      fn = (coerce ? this.coercing : this.ajv).compile(root);
      this.cache.set(key, fn);
    }
    return fn;
  }

  /** Whether `value` is valid; `coerce` reads strings as numbers/booleans where the schema says so (query). */
  isValid(schema: JsonSchema, value: unknown, coerce = false): boolean {
    return this.compile(schema, coerce)(coerce ? structuredClone(value) : value);
  }

  /** The first problem, for assertion messages; undefined when valid. */
  problem(schema: JsonSchema, value: unknown): string | undefined {
    const fn = this.compile(schema, false);
    return fn(value) ? undefined : this.ajv.errorsText(fn.errors);
  }
}
