import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/api/src/core/database/embedded-postgres';

/**
 * Starts one embedded PostgreSQL for the whole run (unless DATABASE_URL names a server to use instead) and
 * tells the test files where it is through RINGI_TEST_SERVER_URL. Each file creates its own database there.
 */
export default async function globalSetup(): Promise<void> {
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
  (globalThis as { ringiTestDb?: { stop: () => Promise<void>; dir: string } }).ringiTestDb = {
    stop: db.stop,
    dir,
  };
}
