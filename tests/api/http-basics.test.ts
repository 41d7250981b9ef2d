import { ApplicationConfig } from '@nestjs/core';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { z } from 'zod';
import { apiErrorSchema, ERROR_CODES } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { makeUser, signedInClient } from '../support/factories';
import type { TestClient, TestResponse } from '../support/http';
import {
  operationsOf,
  resolve,
  SchemaValidator,
  type OpenApiDocument,
  type Operation,
} from '../support/openapi';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers health without a session', async () => {
    const res = await t.client().get<{ status: string; database: string }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('sends security headers with a strict CSP and no framework banner', async () => {
    const res = await t.client().get('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('gives every answer a request id, keeping a sane one set by a proxy', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t
      .client()
      .request('GET', '/api/health', { headers: { 'x-request-id': 'proxy-abc-12345' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-abc-12345');
  });

  it('serves the OpenAPI document built from the same zod schemas that validate requests', async () => {
    const res = await t.client().get<{
      paths: Record<string, unknown>;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
      };
    }>('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-in', '/api/org/staff', '/api/org/staff/import']),
    );
    const signIn = res.body.components.schemas.SignInDto;
    expect(Object.keys(signIn.properties ?? {})).toEqual(['staffNumber', 'password']);
    expect((await t.client().get('/api/docs')).status).toBe(200);
  });

  it('requires a session everywhere else (deny by default)', async () => {
    for (const path of [
      '/api/me',
      '/api/org/departments',
      '/api/org/staff',
      '/api/admin/audit',
      '/api/files/0196a0b2-0000-7000-8000-000000000000',
    ]) {
      expect((await t.client().get(path)).status).toBe(401);
    }
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: Operation[];
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.client().get<OpenApiDocument>('/api/docs-json')).body;
    operations = operationsOf(doc);
  });
  afterAll(() => t.close());

  it('documents a successful answer with its schema (or 204) for every operation', () => {
    expect(operations.length).toBeGreaterThan(30);
    const undocumented = operations
      .filter(({ operation }) => {
        const ok = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (!ok.length) return true;
        return ok.some(
          ([status, r]) =>
            status !== '204' &&
            !Object.values(r.content ?? {}).some((media) => media.schema?.$ref || media.schema?.type),
        );
      })
      .map((o) => o.name);
    expect(undocumented).toEqual([]);
  });

  it('documents the error shape and the error answers every operation can give', () => {
    const expected = z.toJSONSchema(apiErrorSchema, { target: 'openapi-3.0', io: 'output' });
    expect(doc.components.schemas.ApiError).toMatchObject({
      properties: { code: { enum: ERROR_CODES } },
      required: ['code', 'message'],
    });
    expect(Object.keys(doc.components.schemas.ApiError.properties ?? {})).toEqual(
      Object.keys((expected as { properties: object }).properties),
    );
    const missing = operations.flatMap(({ name, method, path, operation }) => {
      const statuses = ['400', '401', '403', '429', '500'];
      if (method !== 'get') statuses.push('404', '409', '413', '415', '422');
      if (path.includes('{')) statuses.push('404');
      return statuses
        .filter(
          (s) =>
            operation.responses[s]?.content?.['application/json']?.schema?.$ref !==
            '#/components/schemas/ApiError',
        )
        .map((s) => `${name} ${s}`);
    });
    expect(missing).toEqual([]);
    const signIn = doc.paths['/api/auth/sign-in'].post.responses;
    expect(signIn['423'].description).toContain('auth/locked');
    expect(Object.keys(doc.paths['/api/files/{id}'].get.responses)).toEqual(
      expect.arrayContaining(['200', '206', '304', '404', '416']),
    );
  });

  it('is valid OpenAPI 3.0: a nullable field is `nullable`, never a `type` list (nor read as an array)', () => {
    const typeLists: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray((node as { type?: unknown }).type)) typeLists.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(doc, '#');
    expect(typeLists).toEqual([]);
    const staff = resolve(
      doc,
      doc.paths['/api/org/staff/{id}'].get.responses['200'].content?.['application/json'].schema,
    );
    expect(staff?.properties?.email).toEqual({ type: 'string', nullable: true });
  });

  it('lists every socket event with its payload and acknowledgement schemas (x-socket-events)', () => {
    const sockets = (doc as unknown as Record<string, unknown>)['x-socket-events'] as {
      clientToServer: Record<string, { payload: object; ack: object }>;
      serverToClient: Record<string, { payload: object }>;
    };
    expect(Object.keys(sockets.clientToServer)).toContain('ping');
    expect(sockets.clientToServer.ping.ack).toBeTruthy();
    expect(Object.keys(sockets.serverToClient)).toEqual(expect.arrayContaining(['hello', 'session:revoked']));
  });

  it('registers the response serializer globally, so every @ZodResponse is enforced', () => {
    const interceptors = t.app.get(ApplicationConfig).getGlobalInterceptors();
    expect(interceptors.some((i) => i instanceof ZodSerializerInterceptor)).toBe(true);
  });

  it('gives real answers, successes and errors, that validate against their documented schemas', async () => {
    const validator = new SchemaValidator(doc);
    const { client: admin, user } = await signedInClient(t, { role: 'admin' });
    const other = await makeUser(t);
    const check = async (
      method: string,
      template: string,
      send: (c: TestClient) => Promise<TestResponse>,
      status: number,
      client: TestClient = admin,
    ) => {
      const res = await send(client);
      expect({ op: `${method} ${template}`, status: res.status }).toEqual({
        op: `${method} ${template}`,
        status,
      });
      const documented = doc.paths[template][method.toLowerCase()].responses[String(status)];
      const schema = resolve(doc, documented?.content?.['application/json']?.schema);
      expect(schema).toBeDefined();
      expect({
        op: `${method} ${template} ${status}`,
        problem: validator.problem(schema!, res.body),
      }).toEqual({
        op: `${method} ${template} ${status}`,
        problem: undefined,
      });
    };
    await check('GET', '/api/health', (c) => c.get('/api/health'), 200);
    await check('GET', '/api/me', (c) => c.get('/api/me'), 200);
    await check('PATCH', '/api/me', (c) => c.patch('/api/me', { locale: 'en' }), 200);
    await check('GET', '/api/me/sessions', (c) => c.get('/api/me/sessions'), 200);
    await check('GET', '/api/admin/sessions', (c) => c.get(`/api/admin/sessions?userId=${user.id}`), 200);
    await check('GET', '/api/admin/audit', (c) => c.get('/api/admin/audit?limit=5'), 200);
    await check('GET', '/api/admin/audit/verify', (c) => c.get('/api/admin/audit/verify'), 200);
    await check(
      'POST',
      '/api/admin/staff/{id}/revoke-sessions',
      (c) => c.post(`/api/admin/staff/${other.id}/revoke-sessions`),
      200,
    );
    await check('GET', '/api/org/staff/{id}', (c) => c.get(`/api/org/staff/${other.id}`), 200);
    // Errors, in the one shape.
    await check('GET', '/api/me', (c) => c.get('/api/me'), 401, t.client());
    await check('GET', '/api/admin/audit', (c) => c.get('/api/admin/audit?limit=0'), 400);
    await check('DELETE', '/api/me/sessions/{id}', (c) => c.delete(`/api/me/sessions/${other.id}`), 404);
    await check(
      'PATCH',
      '/api/me',
      (c) => c.request('PATCH', '/api/me', { json: { locale: 'en' }, csrf: false }),
      403,
    );
  });
});

describe('metrics', () => {
  const token = 'a-metrics-token-for-tests';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await t.close();
    delete process.env.METRICS_TOKEN;
  });

  it('serves Prometheus metrics to a scraper with the token, labelled by route pattern, not by id', async () => {
    await t.client().get('/api/health');
    await t.client().get('/api/files/0196a0b2-0000-7000-8000-000000000000');
    const res = await t
      .client()
      .request('GET', '/api/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /ringi_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/,
    );
    expect(res.text).toContain('route="/api/files/:id",status="401"');
    expect(res.text).not.toContain('0196a0b2');
    expect(res.text).toContain('ringi_process_cpu_seconds_total');
  });

  it('does not exist for anyone else', async () => {
    expect((await t.client().get('/api/metrics')).status).toBe(404);
    const wrong = await t
      .client()
      .request('GET', '/api/metrics', { headers: { authorization: 'Bearer not-the-right-token!' } });
    expect(wrong.status).toBe(404);
  });
});
