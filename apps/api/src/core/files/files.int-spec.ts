import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Me } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import { asError, type TestClient } from '../../../../../tests/support/http';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));

function upload(client: TestClient, bytes: Buffer, name: string, type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return client.request<Me>('PUT', '/api/me/photo', { body: form });
}

describe('file store (profile photo)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stores a photo by content hash and serves it with ETag, conditional GET and Range', async () => {
    const { client } = await signedInClient(t);
    const png = await fixture('photo.png');
    const res = await upload(client, png, '顔写真.png');
    expect(res.status).toBe(200);
    const fileId = res.body.photoFileId;
    expect(fileId).toBeTruthy();

    const full = await client.get(`/api/files/${fileId}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/png');
    const etag = full.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);

    const notModified = await client.request('GET', `/api/files/${fileId}`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);

    const part = await fetch(`${t.url}/api/files/${fileId}`, {
      headers: { cookie: client.cookie, range: 'bytes=0-7' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(png.subarray(0, 8));
  });

  it('lets colleagues see the photo but nobody without a session', async () => {
    const { client } = await signedInClient(t);
    const res = await upload(client, await fixture('photo.png'), 'me.png');
    const { client: colleague } = await signedInClient(t);
    expect((await colleague.get(`/api/files/${res.body.photoFileId}`)).status).toBe(200);
    expect((await t.client().get(`/api/files/${res.body.photoFileId}`)).status).toBe(401);
  });

  it('answers 404 for a file that does not exist', async () => {
    const { client } = await signedInClient(t);
    const res = await client.get('/api/files/0196a0b2-0000-7000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(asError(res).code).toBe('files/not_found');
  });

  it('checks the type by magic bytes: a PDF named .png is refused with 415 and nothing is stored', async () => {
    const { client } = await signedInClient(t);
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM stored_file');
    const res = await upload(client, await fixture('helloworld-bad.pdf'), 'photo.png', 'image/png');
    expect(res.status).toBe(415);
    expect(asError(res).message).toBe('この種類のファイルは使えません。');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM stored_file')).toEqual(before);
  });

  it('refuses a file over the size limit with 413', async () => {
    const { client } = await signedInClient(t, { locale: 'en' });
    const big = Buffer.concat([await fixture('photo.png'), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const res = await upload(client, big, 'big.png');
    expect(res.status).toBe(413);
    expect(asError(res)).toEqual({ code: 'files/too_large', message: 'The file is too large.' });
  });

  it('asks for a file when the form has none', async () => {
    const { client } = await signedInClient(t);
    const res = await client.request('PUT', '/api/me/photo', { body: new FormData() });
    expect(res.status).toBe(400);
    expect(asError(res).code).toBe('files/missing');
  });
});
