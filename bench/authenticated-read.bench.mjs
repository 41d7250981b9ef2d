// Ringi's authenticated read path against a bare node:http + raw pg server doing the same query.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startEmbeddedPostgres, freePort } = require(
  join(root, 'dist/api/apps/api/src/core/database/embedded-postgres.js'),
);
const { Pool } = require('pg');

const REQUESTS = 3000;
const CONCURRENCY = 8;
const SQL = `SELECT d.id, d.parent_id AS "parentId", d.code, d.name, d.name_kana AS "nameKana", d.kind, d.sort_order AS "sortOrder", d.active,
  (SELECT count(DISTINCT m.user_id) FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.department_id = d.id AND u.active
     AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)) AS "staffCount"
  FROM department d ORDER BY d.sort_order, d.code`;

async function load(url, headers) {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const res = await fetch(url, { headers });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return REQUESTS / ((performance.now() - started) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), 'ringi-bench-'));
chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres(join(dir, 'pg'));
const port = await freePort();
const ringi = spawn(process.execPath, [join(root, 'dist/api/apps/api/src/main.js')], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    PORT: String(port),
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    REDIS_URL: '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => ringi.stdout.on('data', (d) => String(d).includes('Ctrl-C') && resolve()));

const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-ringi-csrf': '1' },
  body: JSON.stringify({ staffNumber: '1005', password: 'ringi-demo-2026' }),
});
const cookie = signIn.headers.getSetCookie()[0].split(';')[0];

const pool = new Pool({ connectionString: db.url, max: 10 });
const today = new Date().toISOString().slice(0, 10);
const bare = createServer(async (_req, res) => {
  const { rows } = await pool.query(SQL, [today]);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ items: rows.map((r) => ({ ...r, staffCount: Number(r.staffCount) })) }));
});
const barePort = await freePort();
await new Promise((resolve) => bare.listen(barePort, '127.0.0.1', resolve));

try {
  await load(`http://127.0.0.1:${barePort}/`, {}); // warm-up
  await load(`http://127.0.0.1:${port}/api/org/departments`, { cookie });
  const baseline = await load(`http://127.0.0.1:${barePort}/`, {});
  const ours = await load(`http://127.0.0.1:${port}/api/org/departments`, { cookie });
  console.log(`baseline (node:http + raw pg): ${baseline.toFixed(0)} req/s`);
  console.log(`Ringi (session, guard, service, TypeORM, JSON): ${ours.toFixed(0)} req/s`);
  console.log(`ratio Ringi/baseline: ${(ours / baseline).toFixed(2)}`);
} finally {
  bare.close();
  await pool.end();
  ringi.kill('SIGINT');
  await new Promise((resolve) => ringi.once('exit', resolve));
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
