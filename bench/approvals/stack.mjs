// The bench's database and the built API: an embedded PostgreSQL in a temporary folder, or a fresh database on
// the server of DATABASE_URL (created here and dropped at the end), and Ringi started on it (migrations + the
// demo town seed happen on its first start).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { startEmbeddedPostgres, freePort } = require(
  join(root, 'dist/api/apps/api/src/core/database/embedded-postgres.js'),
);
const { Client } = require('pg');

export { freePort };

/** `{ url, stop }`: the bench database, empty. */
export async function startDatabase(dir) {
  const given = process.env.DATABASE_URL;
  if (!given) {
    const db = await startEmbeddedPostgres(join(dir, 'pg'));
    return { url: db.url, where: 'embedded PostgreSQL (temporary folder)', stop: () => db.stop() };
  }
  const name = `ringi_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: given });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(given);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    where: `database ${name} on DATABASE_URL's server (dropped at the end)`,
    stop: async () => {
      const c = new Client({ connectionString: given });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts the built API on the database; resolves once it listens. */
export async function startApi(databaseUrl, dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/api/apps/api/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      REDIS_URL: '',
      // Timed work would scan the seeded documents in the middle of a measurement: scheduled for January 1st.
      APPROVAL_REMINDER_CRON: '0 3 1 1 *',
      APPROVAL_REROUTE_CRON: '0 4 1 1 *',
      // 50 bench users sign in from 127.0.0.1 within a second.
      SIGN_IN_FAILURES_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening`)));
    child.stdout.on('data', (d) => String(d).includes('Ctrl-C') && resolve());
  });
  child.removeAllListeners('exit');
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** A temporary folder outside the repository (removed by `removeTempDir`). */
export function makeTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ringi-bench-approvals-'));
  chmodSync(dir, 0o755);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Signs a person in; returns the `cookie` header value. */
export async function signIn(base, staffNumber, password) {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ringi-csrf': '1' },
    body: JSON.stringify({ staffNumber, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${staffNumber}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A JSON request as a signed-in person (with the CSRF header). */
export async function api(base, cookie, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, 'x-ringi-csrf': '1', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
