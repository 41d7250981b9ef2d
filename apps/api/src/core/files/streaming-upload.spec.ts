import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from './blob-store';
import {
  receiveMultipartFile,
  sweepStaleTempFiles,
  writeToTempFile,
  type StreamedUpload,
} from './streaming-upload';

const fixture = (name: string) => readFile(join(__dirname, '../../../../../tests/fixtures/pdfs', name));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A source that yields `total` bytes in `chunk`-sized pieces, never holding more than one piece. */
function chunks(total: number, chunk = 64 * 1024, fill = 0x61): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, fill));
    },
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringi-stream-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const tempFiles = async (): Promise<string[]> =>
  (await readdir(join(dir, 'tmp')).catch(() => [] as string[])).filter((n) => n.startsWith('upload-'));

describe('writeToTempFile', () => {
  it('writes the stream to a temporary file with its sha256, size and first bytes', async () => {
    const pdf = await fixture('tracemonkey.pdf');
    const upload = await writeToTempFile(
      Readable.from([pdf.subarray(0, 10), pdf.subarray(10)]),
      join(dir, 'tmp'),
      2e6,
    );
    expect(upload.size).toBe(pdf.length);
    expect(upload.sha256).toBe(sha256(pdf));
    expect(upload.head).toEqual(pdf.subarray(0, 64));
    expect(await readFile(upload.path)).toEqual(pdf);
  });

  it('accepts exactly the limit and refuses one byte more with 413, leaving no temporary file', async () => {
    await expect(writeToTempFile(chunks(1000, 100), join(dir, 'tmp'), 1000)).resolves.toMatchObject({
      size: 1000,
    });
    const source = chunks(10 * 1024 * 1024);
    await expect(writeToTempFile(source, join(dir, 'tmp'), 1024 * 1024)).rejects.toMatchObject({
      code: 'files/too_large',
      status: 413,
    });
    expect(await tempFiles()).toHaveLength(1); // only the accepted one
    // It stopped reading at the limit instead of consuming the 10 MiB.
    expect(source.readableEnded).toBe(false);
  });

  it('removes the temporary file when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(writeToTempFile(failing, join(dir, 'tmp'), 1e6)).rejects.toThrow('connection lost');
    expect(await tempFiles()).toEqual([]);
  });
});

describe('sweepStaleTempFiles', () => {
  it('removes upload temporary files older than the age, and nothing else', async () => {
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const name of ['upload-old', 'other-old', 'upload-new']) await writeFile(join(tmp, name), 'x');
    await utimes(join(tmp, 'upload-old'), old, old);
    await utimes(join(tmp, 'other-old'), old, old);
    expect(await sweepStaleTempFiles(tmp)).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual(['other-old', 'upload-new']);
    expect(await sweepStaleTempFiles(join(dir, 'missing'))).toBe(0);
  });
});

describe('LocalBlobStore.putFile', () => {
  it('moves the temporary file into the store by its hash, also when the bytes are already there', async () => {
    const store = new LocalBlobStore(join(dir, 'blobs'));
    const pdf = await fixture('helloworld-bad.pdf');
    const first = await writeToTempFile(Readable.from([pdf]), join(dir, 'tmp'), 1e6);
    expect(await store.putFile(first.path, first.sha256)).toBe(sha256(pdf));
    expect(existsSync(first.path)).toBe(false);
    expect(await readFile(store.pathOf(first.sha256))).toEqual(pdf);
    const again = await writeToTempFile(Readable.from([pdf]), join(dir, 'tmp'), 1e6);
    await store.putFile(again.path, again.sha256);
    expect(existsSync(again.path)).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('receiveMultipartFile', () => {
  let server: Server;
  let url: string;
  let outcome: Promise<StreamedUpload | undefined>;
  const maxBytes = 1024 * 1024;

  beforeAll(async () => {
    server = createServer((req, res) => {
      outcome = receiveMultipartFile(req, { field: 'file', maxBytes, tmpDir: join(dir, 'tmp') });
      outcome.then(
        () => res.end('ok'),
        (error: { status?: number; code?: string }) => {
          res.statusCode = error.status ?? 500;
          res.end(error.code);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('receives the file part into a temporary file, with its (UTF-8) name', async () => {
    const pdf = await fixture('freeculture.pdf');
    const form = new FormData();
    form.append('note', 'a short field');
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), '会議資料.pdf');
    const res = await fetch(url, { method: 'POST', body: form });
    // 2.6 MB, over the 1 MiB limit: refused. A smaller file passes.
    expect(res.status).toBe(413);
    await expect(outcome).rejects.toMatchObject({ code: 'files/too_large' });

    const small = await fixture('vertical.pdf');
    const form2 = new FormData();
    form2.append('file', new Blob([new Uint8Array(small)], { type: 'application/pdf' }), '会議資料.pdf');
    const ok = await fetch(url, { method: 'POST', body: form2 });
    expect(ok.status).toBe(200);
    const upload = await outcome;
    expect(upload).toMatchObject({ originalname: '会議資料.pdf', size: small.length, sha256: sha256(small) });
    expect(await readFile(upload!.path)).toEqual(small);
    await rm(upload!.path);
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a body declared larger than the form can be before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(50 * maxBytes),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(status).toBe(413);
    expect(await tempFiles()).toEqual([]);
  });

  it('stops a chunked upload as soon as it passes the limit and leaves no temporary file', async () => {
    const boundary = 'ringiboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(head);
      // 8 MiB in 64 KiB chunks, chunked transfer (no Content-Length); then the closing boundary.
      const body = chunks(8 * maxBytes);
      body.pipe(req, { end: false });
      body.on('end', () => req.end(`\r\n--${boundary}--\r\n`));
    });
    expect(status).toBe(413);
    await expect(outcome).rejects.toMatchObject({ code: 'files/too_large' });
    expect(await tempFiles()).toEqual([]);
  });

  it('answers undefined for a form without the file', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await fetch(url, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    await expect(outcome).resolves.toBeUndefined();
  });
});
