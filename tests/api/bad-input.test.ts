import type { ApiError } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { signedInClient } from '../support/factories';
import type { TestClient } from '../support/http';

/** Bad input always gets a clear 4xx in the user's language and changes nothing. */
describe('bad input', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signedInClient(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  const snapshot = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM department) + (SELECT count(*) FROM position) + (SELECT count(*) FROM app_user) AS n`,
      )
    )[0].n;

  const cases: {
    name: string;
    send: (c: TestClient) => ReturnType<TestClient['request']>;
    status: number;
    code: ApiError['code'];
  }[] = [
    {
      name: 'malformed JSON',
      send: (c) =>
        c.request('POST', '/api/org/positions', {
          body: '{"code": "X",',
          headers: { 'content-type': 'application/json' },
        }),
      status: 400,
      code: 'request/malformed_json',
    },
    {
      name: 'wrong types',
      send: (c) => c.post('/api/org/positions', { code: 12, name: true, nameEn: [], rank: 'high' }),
      status: 400,
      code: 'request/validation_failed',
    },
    {
      name: 'unknown keys',
      send: (c) =>
        c.post('/api/org/positions', {
          code: 'OK1',
          name: '参事',
          nameEn: 'Counsellor',
          rank: 6,
          admin: true,
        }),
      status: 400,
      code: 'request/validation_failed',
    },
    {
      name: 'a body over the size limit',
      send: (c) =>
        c.post('/api/org/positions', { code: 'BIG', name: 'x'.repeat(300_000), nameEn: 'x', rank: 5 }),
      status: 413,
      code: 'request/too_large',
    },
    {
      name: 'an id that is not a UUID',
      send: (c) => c.patch('/api/org/departments/not-a-uuid', { name: '総務課' }),
      status: 400,
      code: 'request/validation_failed',
    },
    {
      name: 'an unknown id',
      send: (c) => c.patch('/api/org/departments/0196a0b2-0000-7000-8000-000000000000', { name: '総務課' }),
      status: 404,
      code: 'org/department_not_found',
    },
    {
      name: 'a bad query parameter',
      send: (c) => c.get('/api/org/staff?at=2026-02-30'),
      status: 400,
      code: 'request/validation_failed',
    },
    {
      name: 'an empty body',
      send: (c) => c.request('POST', '/api/org/staff', { headers: { 'content-type': 'application/json' } }),
      status: 400,
      code: 'request/validation_failed',
    },
    {
      name: 'an unknown route',
      send: (c) => c.get('/api/no-such-thing'),
      status: 404,
      code: 'request/not_found',
    },
  ];

  it.each(cases)('answers $name with a clear $status and changes nothing', async ({ send, status, code }) => {
    const before = await snapshot();
    const res = await send(admin);
    expect(res.status).toBe(status);
    const body = res.body as ApiError;
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(res.text).not.toMatch(/at \w+ \(|node_modules|QueryFailedError/);
    expect(await snapshot()).toBe(before);
  });

  it('words field problems in English for an English user', async () => {
    const { client } = await signedInClient(t, { role: 'admin', locale: 'en' });
    const res = await client.post('/api/org/positions', { code: 'E1', name: '', nameEn: 'x', rank: 0 });
    const body = res.body as ApiError;
    expect(body.message).toBe('Some of the input is not valid.');
    expect(body.details?.map((d) => d.path?.join('.'))).toEqual(['name', 'rank']);
    expect(body.details?.every((d) => /^[\x20-\x7e]+$/.test(d.message))).toBe(true);
  });
});
