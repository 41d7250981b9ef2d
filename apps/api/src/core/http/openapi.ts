import { ModulesContainer } from '@nestjs/core';
import { SOCKET_EVENTS_EXTENSION, socketEventsDocument } from '../realtime/socket-events.document';
import { APP_VERSION } from '../observability/version';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { API_PREFIX, apiErrorSchema, ERRORS, type ErrorCode } from '@ringi/contracts';

type PathItem = OpenAPIObject['paths'][string];
type Operation = NonNullable<PathItem['get']>;
type Response = Extract<Operation['responses'][string], { description: string }>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITE_METHODS = new Set<string>(['put', 'post', 'delete', 'patch']);

/** Name of the error shape in `components.schemas`. */
export const API_ERROR_SCHEMA = 'ApiError';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request: the input is not valid',
  401: 'Not signed in, or the session has ended',
  403: 'Not allowed (role, or the CSRF header is missing)',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'The request is too large',
  415: 'Unsupported content type, character set or encoding',
  416: 'Range not satisfiable',
  422: 'The content could not be processed',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Unexpected error (logged with the request id)',
};

/** Every operation can answer these: bad input, no session, not allowed, rate limited, unexpected. */
const ALWAYS = [400, 401, 403, 429, 500];

/**
 * The error answers an operation can give, from what the document says of it: a path parameter or a change
 * may name something that does not exist (404); a change may conflict (409) or carry content the server
 * refuses by size, type or meaning (413, 415, 422).
 */
function errorStatuses(path: string, method: string, operation: Operation): number[] {
  const statuses = new Set(ALWAYS);
  const write = WRITE_METHODS.has(method);
  if (write || path.includes('{')) statuses.add(404);
  if (write) [409, 413, 415, 422].forEach((s) => statuses.add(s));
  if (operation.requestBody) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses];
}

function codesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ERRORS) as ErrorCode[]).filter((code) => ERRORS[code].status === status);
}

/**
 * Adds the one error shape (`apiErrorSchema` of libs/contracts) as a component and, to every operation, the
 * 4xx/5xx responses it can give with that shape. Works on whatever the controllers produced, so operations
 * added later are documented the same way without more work. Responses an operation already declares (for
 * example with `@ApiErrors(...)`) keep their description and get the shape.
 */
export function addErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const { $schema: _ignored, ...errorSchema } = z.toJSONSchema(apiErrorSchema, {
    target: 'openapi-3.0',
    io: 'output',
  }) as Record<string, unknown>;
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[API_ERROR_SCHEMA] = errorSchema;
  const content = { 'application/json': { schema: { $ref: `#/components/schemas/${API_ERROR_SCHEMA}` } } };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses ??= {};
      const declared = Object.keys(operation.responses)
        .map(Number)
        .filter((s) => s >= 400);
      for (const status of new Set([...errorStatuses(path, method, operation), ...declared])) {
        const existing = operation.responses[status] as Response | undefined;
        const codes = codesWithStatus(status);
        const description =
          existing?.description ||
          `${STATUS_TEXT[status] ?? 'Error'}${codes.length ? `. Codes: ${codes.join(', ')}` : ''}`;
        operation.responses[status] = { ...existing, description, content: existing?.content ?? content };
      }
    }
  }
  return document;
}

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 has no `type: [...]`. zod 4.6 writes a nullable bare type (`z.string().nullable()`) as
 * `type: ['string', 'null']`, which nestjs-zod 5.4 passes on unchanged: inside a schema it is invalid 3.0, and
 * on a DTO's own property @nestjs/swagger reads the array as "array of string" (a wrong document). This spells
 * it the 3.0 way: `type: 'string', nullable: true` (several types: `anyOf`).
 */
export function spellNullableTypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(spellNullableTypes) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = spellNullableTypes(child);
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
    // nestjs-zod would otherwise drop the type it thought empty.
    delete out['x-nestjs_zod-empty-type'];
  }
  return out as T;
}

interface MetadataFactoryClass {
  _OPENAPI_METADATA_FACTORY: () => Json;
}
const SPELLED = Symbol('ringi:nullable-types-spelled');

function hasMetadataFactory(value: unknown): value is MetadataFactoryClass & { [SPELLED]?: boolean } {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<MetadataFactoryClass>)._OPENAPI_METADATA_FACTORY === 'function'
  );
}

/**
 * Makes the DTO classes of every controller (request parameters and documented responses) describe their
 * properties with `spellNullableTypes` before @nestjs/swagger reads them.
 */
function spellNullableTypesOfDtos(app: NestExpressApplication): void {
  const classes = new Set<MetadataFactoryClass & { [SPELLED]?: boolean }>();
  const visit = (value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) if (hasMetadataFactory(v)) classes.add(v);
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!proto) continue;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        visit(Reflect.getMetadata('design:paramtypes', proto, name));
        const responses = (Reflect.getMetadata('swagger/apiResponse', proto[name] as object) ?? {}) as Record<
          string,
          { type?: unknown }
        >;
        for (const response of Object.values(responses)) visit(response.type);
      }
    }
  }
  for (const dto of classes) {
    if (dto[SPELLED]) continue;
    const original = dto._OPENAPI_METADATA_FACTORY.bind(dto);
    dto._OPENAPI_METADATA_FACTORY = () => spellNullableTypes(original());
    dto[SPELLED] = true;
  }
}

/** The OpenAPI document at /api/docs-json and its viewer at /api/docs. */
export function useOpenApi(app: NestExpressApplication): void {
  spellNullableTypesOfDtos(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ringi API')
      .setVersion(APP_VERSION)
      .setDescription(
        'Every error is answered as `ApiError` (`{ code, message, details?, requestId? }`), the message in the ' +
          'language of `Accept-Language` (ja or en).',
      )
      .addCookieAuth('ringi_sid')
      .build(),
  );
  const complete = addErrorResponses(spellNullableTypes(cleanupOpenApiDoc(document)));
  // The socket events, their payloads and acknowledgements, from the same contracts (an OpenAPI extension).
  Object.assign(complete, { [SOCKET_EVENTS_EXTENSION]: socketEventsDocument() });
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, complete, {
    jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`,
    // No call to the public validator: Ringi runs in closed networks.
    swaggerOptions: { validatorUrl: null },
  });
}
