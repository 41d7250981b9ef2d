import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ERRORS, STAFF_CSV_COLUMNS, type ApiError, type ErrorCode, type Me } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { makeDepartment, makePosition, makeUser, signedInClient } from '../support/factories';
import { dataFingerprint } from '../support/fingerprint';
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

  describe("refused at the request layer, in the person's language, changing nothing", () => {
    const clients: Partial<Record<'ja' | 'en', TestClient>> = {};
    let staffId: string;
    let departmentId: string;
    let positionId: string;
    let departmentCode: string;
    let positionCode: string;
    let fileId: string;
    let fileSize: number;
    beforeAll(async () => {
      clients.ja = admin;
      clients.en = (await signedInClient(t, { role: 'admin', locale: 'en' })).client;
      staffId = (await makeUser(t)).id;
      const department = await makeDepartment(t);
      const position = await makePosition(t);
      [departmentId, departmentCode] = [department.id, department.code];
      [positionId, positionCode] = [position.id, position.code];
      const form = new FormData();
      const png = await readFile(join(__dirname, '../fixtures/photo.png'));
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
      const uploaded = await admin.request<Me>('PUT', '/api/me/photo', { body: form });
      expect(uploaded.status).toBe(200);
      fileId = uploaded.body.photoFileId ?? '';
      fileSize = Buffer.from(
        await (
          await fetch(`${t.url}/api/files/${fileId}`, {
            headers: { cookie: admin.cookie },
          })
        ).arrayBuffer(),
      ).length;
      expect(fileSize).toBeGreaterThan(0);
    });

    /** A position that would be created if the request were accepted. */
    const newPosition = (patch: Record<string, unknown> = {}) => ({
      code: `BAD${Math.random().toString(36).slice(2, 8)}`.toUpperCase(),
      name: '参事',
      nameEn: 'Counsellor',
      rank: 6,
      ...patch,
    });
    const rawPost = (c: TestClient, path: string, body: string | Buffer, headers: Record<string, string>) =>
      c.request('POST', path, { body: typeof body === 'string' ? body : new Uint8Array(body), headers });

    const layerCases: {
      name: string;
      send: (c: TestClient) => ReturnType<TestClient['request']>;
      status: number;
      code: ErrorCode;
      headers?: Record<string, () => string>;
    }[] = [
      {
        name: 'a JSON body declared as latin1',
        send: (c) =>
          rawPost(c, '/api/org/positions', JSON.stringify(newPosition()), {
            'content-type': 'application/json; charset=latin1',
          }),
        status: 415,
        code: 'request/unsupported_charset',
      },
      {
        name: 'an unknown Content-Encoding',
        send: (c) =>
          rawPost(c, '/api/org/positions', JSON.stringify(newPosition()), {
            'content-type': 'application/json',
            'content-encoding': 'foo',
          }),
        status: 415,
        code: 'request/unsupported_encoding',
      },
      {
        name: 'a gzip Content-Encoding on a body that is not gzip',
        send: (c) =>
          rawPost(c, '/api/org/positions', JSON.stringify(newPosition()), {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          }),
        status: 400,
        code: 'request/malformed_body',
      },
      {
        name: 'a gzip body that stops half way',
        send: (c) => {
          const gz = gzipSync(JSON.stringify(newPosition()));
          return rawPost(c, '/api/org/positions', gz.subarray(0, gz.length - 12), {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          });
        },
        status: 400,
        code: 'request/malformed_body',
      },
      {
        name: 'JSON nested deeper than any form',
        send: (c) =>
          rawPost(c, '/api/org/positions', `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`, {
            'content-type': 'application/json',
          }),
        status: 400,
        code: 'request/malformed_body',
      },
      {
        name: 'a NUL byte in a body string',
        send: (c) => c.post('/api/org/positions', newPosition({ name: '参\u0000事' })),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a NUL byte in a body key',
        send: (c) => c.post('/api/org/positions', { ...newPosition(), 'na\u0000me': 'x' }),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a NUL byte in a query string',
        send: (c) => c.get('/api/org/staff?q=%00'),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a NUL byte in a query string of a change',
        send: (c) => c.request('POST', '/api/org/staff/import?dryRun=false%00'),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a NUL byte in a path parameter',
        send: (c) => c.patch('/api/org/departments/%00', { name: '総務課' }),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a lone surrogate in a body string (sent as the JSON escape)',
        send: (c) =>
          rawPost(c, '/api/org/positions', JSON.stringify(newPosition()).replace('参事', '参\\ud800事'), {
            'content-type': 'application/json',
          }),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'a lone low surrogate in a nested string',
        send: (c) => c.patch(`/api/org/staff/${staffId}`, { givenName: '\udc00太郎' }),
        status: 400,
        code: 'request/invalid_characters',
      },
      {
        name: 'the date 0000-01-01 in a body',
        send: (c) =>
          c.post(`/api/org/staff/${staffId}/memberships`, {
            departmentId,
            positionId,
            isPrimary: false,
            validFrom: '0000-01-01',
          }),
        status: 400,
        code: 'request/validation_failed',
      },
      {
        name: 'the date 9999-12-31 in a body',
        send: (c) =>
          c.post(`/api/org/staff/${staffId}/memberships`, {
            departmentId,
            positionId,
            isPrimary: false,
            validFrom: '2026-04-01',
            validTo: '9999-12-31',
          }),
        status: 400,
        code: 'request/validation_failed',
      },
      {
        name: 'the date 0000-01-01 in a staff CSV',
        send: (c) => {
          const header = STAFF_CSV_COLUMNS.map((col) => col.ja).join(',');
          const row = `Z-${Date.now().toString(36)},山田,太郎,ヤマダ,タロウ,${departmentCode},${positionCode},0000-01-01,,`;
          const form = new FormData();
          form.append('file', new Blob([`${header}\r\n${row}\r\n`], { type: 'text/csv' }), 'staff.csv');
          return c.request('POST', '/api/org/staff/import?dryRun=false', { body: form });
        },
        status: 422,
        code: 'org/import_invalid',
      },
      {
        name: 'the date 0000-01-01 in a query string',
        send: (c) => c.get('/api/org/staff?at=0000-01-01'),
        status: 400,
        code: 'request/validation_failed',
      },
      {
        name: 'a Range past the end of a file',
        send: (c) => c.request('GET', `/api/files/${fileId}`, { headers: { range: 'bytes=9999-' } }),
        status: 416,
        code: 'files/range_not_satisfiable',
        headers: { 'content-range': () => `bytes */${fileSize}` },
      },
      {
        name: 'a Range starting at the first byte past the end',
        send: (c) => c.request('GET', `/api/files/${fileId}`, { headers: { range: `bytes=${fileSize}-` } }),
        status: 416,
        code: 'files/range_not_satisfiable',
        headers: { 'content-range': () => `bytes */${fileSize}` },
      },
    ];

    const runs = layerCases.flatMap((c) => (['ja', 'en'] as const).map((locale) => ({ ...c, locale })));
    it.each(runs)(
      'answers $name with $status $code in $locale',
      async ({ send, status, code, locale, headers }) => {
        const before = await dataFingerprint(t.dataSource);
        const res = await send(clients[locale]!);
        expect({ status: res.status, body: res.body }).toMatchObject({
          status,
          body: { code, message: ERRORS[code][locale] },
        });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        for (const [name, value] of Object.entries(headers ?? {}))
          expect(res.headers.get(name)).toBe(value());
        expect(res.text).not.toMatch(/at \w+ \(|node_modules|QueryFailedError/);
        expect(await dataFingerprint(t.dataSource)).toEqual(before);
      },
    );

    it('words an out-of-range date for the person: which dates are accepted', async () => {
      const res = await clients.en!.get('/api/org/staff?at=2201-01-01');
      expect((res.body as ApiError).details).toEqual([
        { path: ['at'], message: 'Enter a date between 1900-01-01 and 2200-12-31.' },
      ]);
      const ja = await clients.ja!.get('/api/org/staff?at=1899-12-31');
      expect((ja.body as ApiError).details?.[0].message).toBe(
        '1900/01/01 から 2200/12/31 までの日付を入力してください。',
      );
    });

    it('still accepts what is fine: a gzip body that decompresses, a paired surrogate (emoji), a satisfiable range', async () => {
      const created = await rawPost(
        admin,
        '/api/org/positions',
        gzipSync(JSON.stringify(newPosition({ name: '参事😀' }))),
        {
          'content-type': 'application/json; charset=utf-8',
          'content-encoding': 'gzip',
        },
      );
      expect(created.status).toBe(201);
      expect((created.body as { name: string }).name).toBe('参事😀');
      const part = await admin.request('GET', `/api/files/${fileId}`, {
        headers: { range: `bytes=${fileSize - 1}-` },
      });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${fileSize - 1}-${fileSize - 1}/${fileSize}`);
    });
  });
});
