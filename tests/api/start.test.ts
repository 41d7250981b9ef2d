import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from '@ringi/contracts';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { TestClient } from '../support/http';

const root = join(__dirname, '../..');
const main = join(root, 'dist/api/apps/api/src/main.js');

/** The environment of a fresh machine: no DATABASE_URL, no REDIS_URL. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, RINGI_TEST_SERVER_URL: _t, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...extra };
}

function startRingi(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Ringi did not start in time:\n${output}`)), 90_000);
    const check = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`Ringi exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** `npm start` on a machine with only Node: the built API starts its own PostgreSQL, seeds, and stops cleanly. */
describe('starting Ringi without DATABASE_URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ringi-start-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL, seeds the demo town, prints the logins, stops on Ctrl-C and keeps the data', async () => {
    const port = await freePort();
    const env = cleanEnv({ DATA_DIR: dataDir, PORT: String(port) });
    const first = await startRingi(env);
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(first.output()).toMatch(/1005 +システム管理者/);

    const admin = new TestClient(`http://127.0.0.1:${port}`);
    await admin.signIn('1005', DEMO_PASSWORD);
    const created = await admin.post<Position>('/api/org/positions', {
      code: 'SANJI',
      name: '参事',
      nameEn: 'Counsellor',
      rank: 5,
    });
    expect(created.status).toBe(201);
    const page = await fetch(`http://127.0.0.1:${port}/approvals`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    expect(await stop(first.child)).toBe(0);
    const leftovers = spawnSync('pgrep', ['-f', dataDir]).stdout.toString().trim();
    expect(leftovers).toBe('');

    const second = await startRingi(env);
    const again = new TestClient(`http://127.0.0.1:${port}`);
    await again.signIn('1005', DEMO_PASSWORD);
    const positions = await again.get<{ items: Position[] }>('/api/org/positions');
    expect(positions.body.items.map((p) => p.code)).toContain('SANJI');
    expect(await stop(second.child)).toBe(0);

    const verify = spawnSync(process.execPath, [join(root, 'dist/api/apps/api/src/audit-verify.js')], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(verify.stdout).toContain('The audit log is intact');
    expect(verify.status).toBe(0);
  });

  it('stops at once with one clear line when a setting is wrong', () => {
    const result = spawnSync(process.execPath, [main], {
      cwd: root,
      env: cleanEnv({ PORT: 'eighty', DATA_DIR: dataDir }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ringi cannot start\. Invalid configuration: PORT: /);
  });
});
