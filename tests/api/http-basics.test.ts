import { startTestApp, type TestApp } from '../support/app';

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
