import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { startEmbeddedPostgres } from '../../apps/api/src/core/database/embedded-postgres';
import { CHROMIUM_LAUNCH, chromiumInstalled } from './chromium';

export interface RunResources {
  db?: { stop: () => Promise<void>; dir: string };
  browser?: BrowserServer;
}
export const resources = globalThis as { ringiTestRun?: RunResources };

/** One Chromium for the whole run; browser test files connect to it (tests/browser/support.ts). */
async function startBrowser(): Promise<void> {
  if (!chromiumInstalled()) return;
  const server = await chromium.launchServer(CHROMIUM_LAUNCH);
  process.env.RINGI_TEST_BROWSER_WS = server.wsEndpoint();
  (resources.ringiTestRun ??= {}).browser = server;
}

/**
 * Starts one embedded PostgreSQL for the whole run (unless DATABASE_URL names a server to use instead) and
 * tells the test files where it is through RINGI_TEST_SERVER_URL; each file creates its own database there.
 * Starts one Chromium for the whole run too (RINGI_TEST_BROWSER_WS).
 */
export default async function globalSetup(): Promise<void> {
  await Promise.all([startBrowser(), startDatabase()]);
}

async function startDatabase(): Promise<void> {
  // Redis is used only by the tests that ask for it (cross-instance delivery, shared rate limits), never by
  // every test app: they would share counters. `.ci/run` sets REDIS_URL when a Redis answers; without it those
  // tests are reported as skipped.
  if (process.env.REDIS_URL) {
    process.env.RINGI_TEST_REDIS_URL = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
  }
  if (process.env.DATABASE_URL) {
    process.env.RINGI_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  // A 0700 folder, as `mktemp -d` makes: the embedded server must work where only its owner may enter.
  const dir = await mkdtemp(join(tmpdir(), 'ringi-test-pg-'));
  const db = await startEmbeddedPostgres(join(dir, 'data'));
  process.env.RINGI_TEST_SERVER_URL = db.url;
  (resources.ringiTestRun ??= {}).db = { stop: db.stop, dir };
}
