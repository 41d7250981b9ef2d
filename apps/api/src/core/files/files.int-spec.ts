import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { CSRF_HEADER, CSRF_HEADER_VALUE, PHOTO_MAX_BYTES, type Me } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import { asError, type TestClient } from '../../../../../tests/support/http';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures', name));

function upload(
  client: TestClient,
  bytes: Buffer,
  name: string,
  type = 'image/png',
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return client.request<Me>('PUT', '/api/me/photo', { body: form });
}

/** A phone photo as cameras write it: sideways with an EXIF orientation, the camera, the owner and GPS. */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7' } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TownCam', Model: 'X1', Copyright: 'Owner Name' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 41/1 2200/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '139/1 41/1 3000/100',
      },
    })
    .jpeg()
    .toBuffer();
}

const storedFiles = async (t: TestApp): Promise<number> =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM stored_file'))[0].n;

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

    const full = await fetch(`${t.url}/api/files/${fileId}`, { headers: { cookie: client.cookie } });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    const etag = full.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(etag).toBe(`"${createHash('sha256').update(bytes).digest('hex')}"`);

    const notModified = await client.request('GET', `/api/files/${fileId}`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);

    const part = await fetch(`${t.url}/api/files/${fileId}`, {
      headers: { cookie: client.cookie, range: 'bytes=0-7' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(0, 8));
  });

  it('serves a phone photo back upright, at most 1024 px, without EXIF, GPS or camera data', async () => {
    const { client } = await signedInClient(t);
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif?.includes('TownCam')).toBe(true);

    const res = await upload(client, original, 'IMG_0001.JPG', 'image/jpeg');
    expect(res.status).toBe(200);
    const served = await fetch(`${t.url}/api/files/${res.body.photoFileId}`, {
      headers: { cookie: client.cookie },
    });
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 683, 1024]);
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const trace of ['Exif', 'GPS', 'TownCam', 'Owner Name'])
      expect(bytes.includes(Buffer.from(trace, 'latin1'))).toBe(false);
    expect(served.headers.get('content-disposition')).toContain(encodeURIComponent('IMG_0001.jpg'));
  });

  it('refuses a PNG declaring 60000×60000 pixels (a decompression bomb) with 422 and stores nothing', async () => {
    const { client } = await signedInClient(t);
    const before = await storedFiles(t);
    const res = await upload(client, await fixture('bomb-60000x60000.png'), 'bomb.png');
    expect(res.status).toBe(422);
    expect(asError(res)).toEqual({
      code: 'files/image_too_large',
      message: '画像の縦横の画素数が大きすぎます。写真を小さくしてから選んでください。',
    });
    expect(await storedFiles(t)).toBe(before);
  });

  it('refuses an image that cannot be decoded with 422 in the person’s language', async () => {
    const { client } = await signedInClient(t, { locale: 'en' });
    const png = await fixture('photo.png');
    // A real PNG header followed by damaged pixel data.
    const broken = Buffer.concat([png.subarray(0, 33), Buffer.alloc(200, 0xab)]);
    const res = await upload(client, broken, 'broken.png');
    expect(res.status).toBe(422);
    expect(asError(res).code).toBe('files/image_unreadable');
    expect(asError(res).message).toMatch(/^The picture could not be read/);
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
    const before = await storedFiles(t);
    const res = await upload(client, await fixture('helloworld-bad.pdf'), 'photo.png', 'image/png');
    expect(res.status).toBe(415);
    expect(asError(res).message).toBe('この種類のファイルは使えません。');
    expect(await storedFiles(t)).toBe(before);
  });

  it('refuses a file over the size limit with 413', async () => {
    const { client } = await signedInClient(t, { locale: 'en' });
    const big = Buffer.concat([await fixture('photo.png'), Buffer.alloc(PHOTO_MAX_BYTES + 10)]);
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

  describe('multipart limits (shared by every upload)', () => {
    it('refuses 60 text fields beside the photo with 400 in the API’s error shape', async () => {
      const { client } = await signedInClient(t);
      const fields = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`note${i}`, 'x'.repeat(100)]));
      const before = await storedFiles(t);
      const res = await upload(client, await fixture('photo.png'), 'me.png', 'image/png', fields);
      expect(res.status).toBe(400);
      expect(Object.keys(asError(res)).sort()).toEqual(['code', 'message']);
      expect(await storedFiles(t)).toBe(before);
    });

    it('applies the same limits to the staff CSV import', async () => {
      const { client } = await signedInClient(t, { role: 'admin' });
      const form = new FormData();
      for (let i = 0; i < 60; i += 1) form.append(`note${i}`, 'x');
      form.append('file', new Blob(['職員番号\r\n'], { type: 'text/csv' }), 'staff.csv');
      const res = await client.request('POST', '/api/org/staff/import?dryRun=true', { body: form });
      expect(res.status).toBe(400);
    });

    it('refuses a 1 MB text field with 400 instead of parsing it', async () => {
      const { client } = await signedInClient(t);
      const res = await upload(client, await fixture('photo.png'), 'me.png', 'image/png', {
        note: 'x'.repeat(1_000_000),
      });
      expect(res.status).toBe(400);
      expect(Object.keys(asError(res)).sort()).toEqual(['code', 'message']);
    });

    it('refuses a body declaring 60 MB at once, before any of it arrives', async () => {
      const { client } = await signedInClient(t, { locale: 'en' });
      const boundary = 'ringi-test-boundary';
      let sent: ReturnType<typeof request> | undefined;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${t.url}/api/me/photo`, {
          method: 'PUT',
          headers: {
            cookie: client.cookie,
            [CSRF_HEADER]: CSRF_HEADER_VALUE,
            'accept-language': 'en',
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(60 * 1024 * 1024),
          },
        });
        sent = req;
        req.on('error', reject);
        req.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        // Sixty 1 MB fields are announced; only the start of the first is ever sent, so only a refusal that
        // does not wait for the body answers at all.
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="note0"\r\n\r\n`);
        req.write('x'.repeat(64 * 1024));
      });
      sent?.destroy();
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ code: 'files/too_large', message: 'The file is too large.' });
    });
  });
});

/** `npm start` keeps its data in `./.ringi-data`: files must be served from a folder whose name starts with a dot. */
describe('file store in a dot-folder (the default ./.ringi-data)', () => {
  let t: TestApp;
  let dotDir: string;
  beforeAll(async () => {
    dotDir = join(await mkdtemp(join(tmpdir(), 'ringi-dot-')), '.ringi-data');
    t = await startTestApp({ DATA_DIR: dotDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(join(dotDir, '..'), { recursive: true, force: true });
  });

  it('serves a stored file (send() once refused the hidden folder and every download answered 500)', async () => {
    const { client } = await signedInClient(t);
    const res = await upload(client, await fixture('photo.png'), 'photo.png');
    expect(res.status).toBe(200);
    const got = await fetch(`${t.url}/api/files/${res.body.photoFileId}`, {
      headers: { cookie: client.cookie },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
  });
});
