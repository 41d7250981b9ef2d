import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CSRF_HEADER, CSRF_HEADER_VALUE, SESSION_COOKIE, type Me, type SessionList } from '@ringi/contracts';
import { contentSecurityPolicy } from '../../apps/api/src/core/http/security-headers';
import { startTestApp, type TestApp } from '../support/app';
import { makeUser, signedInClient, TEST_PASSWORD } from '../support/factories';

const root = join(__dirname, '../..');
const dist = join(root, 'dist/web');
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A plain HTTP request that neither adds an Accept-Encoding nor decodes the body: the bytes as sent. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The entry script of the built page (hashed name), its bytes, and the same for the largest asset. */
function builtAssets() {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('dist/web is missing: run `node scripts/build.mjs`');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in dist/web/index.html');
  return { html, entry, bytes: readFileSync(join(dist, entry)) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`nginx did not listen on ${port}:\n${log()}`);
}

function uploadPhoto(t: TestApp, cookie: string, png: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
  return fetch(`${t.url}/api/me/photo`, {
    method: 'PUT',
    headers: { cookie, [CSRF_HEADER]: CSRF_HEADER_VALUE },
    body: form,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Me }));
}

describe('transfer and caching, served by the API', () => {
  let t: TestApp;
  const { html, entry, bytes } = builtAssets();
  beforeAll(async () => {
    t = await startTestApp({ WEB_DIST: dist });
  });
  afterAll(() => t.close());

  it('sends a hashed asset as brotli when the browser accepts it, cached for a year and varying by encoding', async () => {
    const res = await raw(`${t.url}${entry}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.body)).toEqual(bytes);
    expect(res.body.length).toBeLessThan(bytes.length * 0.5);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const res = await raw(`${t.url}${entry}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(res.body)).toEqual(bytes);
  });

  it('sends the file as built when no compression is accepted', async () => {
    const accepts: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of accepts) {
      const res = await raw(`${t.url}${entry}`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body).toEqual(bytes);
    }
  });

  it('has the page itself revalidated on every use (no-cache), at / and at any SPA route', async () => {
    for (const path of ['/', '/sign-in', '/admin/staff', '/index.html']) {
      const res = await raw(`${t.url}${path}`, {
        headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
      });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.body;
      expect(body.toString('utf8')).toBe(html);
    }
  });

  it('can be installed to a home screen: a web app manifest with its icons, linked from the page', async () => {
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"');
    const res = await raw(`${t.url}/manifest.webmanifest`, { headers: { accept: '*/*' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(res.body.toString('utf8')) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({
      short_name: 'Ringi',
      start_url: '/',
      display: 'standalone',
      lang: 'ja',
    });
    for (const icon of [
      ...manifest.icons,
      { src: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png' },
    ]) {
      const image = await raw(`${t.url}${icon.src}`, { headers: { accept: 'image/*' } });
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toBe(icon.type);
      const side = Number(icon.sizes.split('x')[0]);
      // PNG width and height at bytes 16–24.
      expect([image.body.readUInt32BE(16), image.body.readUInt32BE(20)]).toEqual([side, side]);
    }
  });

  it('answers 404 for a missing asset instead of the page', async () => {
    const res = await raw(`${t.url}/assets/gone-0000.js`, { headers: { accept: '*/*' } });
    expect(res.status).toBe(404);
    expect(res.body.toString('utf8')).not.toContain('<html');
  });

  it('builds and serves no source maps', async () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(bytes.toString('utf8')).not.toContain('sourceMappingURL');
    expect((await raw(`${t.url}${entry}.map`)).status).toBe(404);
  });

  it('marks every API JSON answer no-store, successes and errors alike', async () => {
    const answers = [
      await raw(`${t.url}/api/health`),
      await raw(`${t.url}/api/me`),
      await raw(`${t.url}/api/no-such-route`),
      await raw(`${t.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE },
        body: JSON.stringify({ staffNumber: '', password: '' }),
      }),
      await raw(`${t.url}/api/files/0196a0b2-0000-7000-8000-000000000000`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 400, 401]);
    for (const res of answers) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const { client } = await signedInClient(t);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const missing = await client.get('/api/files/0196a0b2-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a file download uncompressed even when br and gzip are accepted, so Range gets the stored bytes', async () => {
    const { client } = await signedInClient(t);
    const upload = await uploadPhoto(t, client.cookie, readFileSync(join(root, 'tests/fixtures/photo.png')));
    expect(upload.status).toBe(200);
    const url = `${t.url}/api/files/${upload.body.photoFileId}`;
    const headers = { cookie: client.cookie, 'accept-encoding': 'br, gzip' };

    const full = await raw(url, { headers });
    expect(full.status).toBe(200);
    expect(full.headers['content-encoding']).toBeUndefined();
    expect(full.headers['cache-control']).toBe('private, no-cache');
    expect(full.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(Number(full.headers['content-length'])).toBe(full.body.length);

    const part = await raw(url, { headers: { ...headers, range: 'bytes=8-23' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.headers['content-range']).toBe(`bytes 8-23/${full.body.length}`);
    expect(part.body).toEqual(full.body.subarray(8, 24));
  });

  it('sends the CSP that security-headers.ts defines, and deploy/ gives nginx exactly the same headers', async () => {
    const page = await raw(`${t.url}/`, { headers: { accept: 'text/html' } });
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy(false));

    const snippet = readFileSync(join(root, 'deploy/security-headers.conf'), 'utf8');
    const nginxHeaders = new Map(
      [...snippet.matchAll(/^add_header\s+([\w-]+)\s+"([^"]*)"\s+always;$/gm)].map((m) => [
        m[1].toLowerCase(),
        m[2],
      ]),
    );
    expect(nginxHeaders.get('content-security-policy')).toBe(contentSecurityPolicy(false));
    // Every security header helmet puts on the page, with the same value (HSTS only behind TLS, not here).
    const security = Object.entries(page.headers).filter(([name]) =>
      /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|x-(content-type|dns|download|frame|permitted|xss))/.test(
        name,
      ),
    );
    expect(security.length).toBeGreaterThanOrEqual(10);
    expect(Object.fromEntries(nginxHeaders)).toEqual(Object.fromEntries(security));
  });
});

// Runs the real deploy/nginx.conf in front of the test app when an nginx binary is there (Debian: `apt-get
// install nginx-light`, or NGINX_PATH); only the upstream, port, web root and snippet path are swapped.
const nginxBinary = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/local/sbin/nginx'].find(
  (p): p is string => !!p && existsSync(p),
);

(nginxBinary ? describe : describe.skip)('transfer and caching behind deploy/nginx.conf', () => {
  let t: TestApp;
  let nginx: ChildProcess | undefined;
  let dir = '';
  let base = '';
  const { html, entry, bytes } = builtAssets();

  beforeAll(async () => {
    // The API trusts a whole range here (all of loopback, as a town might trust its proxies' subnet): then only
    // a proxy that sets X-Forwarded-For, rather than appending to the client's, keeps the address unforgeable.
    t = await startTestApp({ WEB_DIST: dist, TRUST_PROXY: 'loopback' });
    dir = await mkdtemp(join(tmpdir(), 'ringi-nginx-'));
    const port = await freePort();
    const swap = (text: string, from: RegExp, to: string) => {
      expect(text.match(new RegExp(from, 'g'))).toHaveLength(1);
      return text.replace(from, to);
    };
    let site = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
    site = swap(site, /server api-1:3000;\s*server api-2:3000;/, `server ${new URL(t.url).host};`);
    site = swap(site, /listen 80;/, `listen 127.0.0.1:${port};`);
    site = swap(site, /root \/usr\/share\/nginx\/html;/, `root ${dist};`);
    site = site.replaceAll(
      '/etc/nginx/snippets/ringi-security-headers.conf',
      join(root, 'deploy/security-headers.conf'),
    );
    await writeFile(join(dir, 'site.conf'), site);
    await writeFile(
      join(dir, 'nginx.conf'),
      `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  types { text/html html; text/css css; application/javascript js mjs; image/svg+xml svg; application/json json; }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
    );
    let output = '';
    nginx = spawn(nginxBinary as string, [
      '-p',
      dir,
      '-c',
      join(dir, 'nginx.conf'),
      '-e',
      join(dir, 'error.log'),
    ]);
    nginx.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForPort(port, nginx, () => output);
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('sends hashed assets as the prebuilt gzip with a year’s cache, Vary and the API’s security headers', async () => {
    const res = await raw(`${base}${entry}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(res.body)).toEqual(bytes);
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy(false));
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    const plain = await raw(`${base}${entry}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(bytes);
  });

  it('revalidates the page (no-cache) at any SPA route and answers 404 for a missing asset', async () => {
    for (const path of ['/', '/sign-in', '/admin/staff']) {
      const res = await raw(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy(false));
      expect(res.body.toString('utf8')).toBe(html);
    }
    expect((await raw(`${base}/assets/gone-0000.js`)).status).toBe(404);
  });

  it('passes the API’s no-store through and leaves downloads byte for byte with Range', async () => {
    const health = await raw(`${base}/api/health`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(health.status).toBe(200);
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['content-encoding']).toBeUndefined();

    const { client } = await signedInClient(t);
    const upload = await uploadPhoto(t, client.cookie, readFileSync(join(root, 'tests/fixtures/photo.png')));
    const url = `${base}/api/files/${upload.body.photoFileId}`;
    const headers = { cookie: client.cookie, 'accept-encoding': 'br, gzip' };
    const full = await raw(url, { headers });
    expect(full.headers['cache-control']).toBe('private, no-cache');
    const part = await raw(url, { headers: { ...headers, range: 'bytes=8-23' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.body).toEqual(full.body.subarray(8, 24));
  });

  it('sets X-Forwarded-For to the address it sees, so a client cannot forge its own', async () => {
    const user = await makeUser(t);
    // The client connects from 127.0.0.5 and claims to be 203.0.113.9.
    const from = { localAddress: '127.0.0.5' };
    const signIn = await raw(`${base}/api/auth/sign-in`, {
      ...from,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: CSRF_HEADER_VALUE,
        'x-forwarded-for': '203.0.113.9',
      },
      body: JSON.stringify({ staffNumber: user.staffNumber, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = String(
      signIn.headers['set-cookie']?.find((c) => c.startsWith(`${SESSION_COOKIE}=`)),
    ).split(';')[0];
    const sessions = await raw(`${base}/api/me/sessions`, { ...from, headers: { cookie } });
    const list = JSON.parse(sessions.body.toString('utf8')) as SessionList;
    expect(list.items.find((s) => s.current)?.ipAddress).toBe('127.0.0.5');
  });
});
