// The built API on the bench database (migrations and the demo town on its first start), in a temporary folder.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root } from '../approvals/stack.mjs';
import { DATA_DIR } from './big-pdf.mjs';

export function makeTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ringi-bench-meetings-'));
  // The embedded PostgreSQL runs as the OS user postgres, who must be able to enter it.
  chmodSync(dir, 0o755);
  return dir;
}

export const removeTempDir = (dir) => rmSync(dir, { recursive: true, force: true });

/**
 * A copy of the build (dist/api and dist/web) for this run, under bench/.data/ (inside the repository, so the API
 * still finds node_modules): others rebuilding dist/ in the same working tree meanwhile (Vite empties dist/web
 * first) would otherwise break the run's page loads half-way. Returns the folder; removed by `removeTempDir`.
 */
export function snapshotBuild() {
  for (const part of ['dist/api/apps/api/src/main.js', 'dist/web/index.html'])
    if (!existsSync(join(root, part)))
      throw new Error(`${part} is missing: run node scripts/build.mjs first`);
  mkdirSync(DATA_DIR, { recursive: true });
  const copy = mkdtempSync(join(DATA_DIR, 'dist-'));
  cpSync(join(root, 'dist/api'), join(copy, 'api'), { recursive: true });
  cpSync(join(root, 'dist/web'), join(copy, 'web'), { recursive: true });
  return copy;
}

/** Starts the built API (with the built web app) with production defaults; resolves once it listens. */
export async function startApi(databaseUrl, dir, build) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(build, 'api/apps/api/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      REDIS_URL: '',
      WEB_DIST: join(build, 'web'),
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
