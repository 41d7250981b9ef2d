import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../bootstrap';
import { parseConfig } from '../../config/config.schema';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { JobsDb } from './jobs-db';
import { JOBS_SCHEMA, JobsService } from './jobs.service';

/** Waits until `check` holds, polling every 50 ms, for at most `ms` (a bounded wait, not a sleep). */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('job queue (pg-boss)', () => {
  let t: TestApp;
  let jobs: JobsService;
  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(JobsService);
  });
  afterAll(() => t.close());

  it('creates its own schema next to the migrated tables once the application has started', async () => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'job'`,
      [JOBS_SCHEMA],
    );
    expect(rows[0].n).toBe(1);
  });

  it('runs a sent job with its data', async () => {
    const seen: { id: string; data: { n: number } }[] = [];
    jobs.register<{ n: number }>('test.runs', async ({ id, data }) => {
      seen.push({ id, data });
    });
    const id = await jobs.send('test.runs', { n: 7 });
    await until(() => seen.length === 1, 10_000, 'the job ran');
    expect(seen).toEqual([{ id, data: { n: 7 } }]);
    await until(async () => (await jobs.state('test.runs', id!)) === 'completed', 5_000, 'completed');
  });

  it('queues a job sent with the same "once" key only once', async () => {
    const first = await jobs.send('test.once', { a: 1 }, { once: 'step:1:reminder:1' });
    const second = await jobs.send('test.once', { a: 2 }, { once: 'step:1:reminder:1' });
    const other = await jobs.send('test.once', { a: 3 }, { once: 'step:1:reminder:2' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
    expect(other).not.toBe(first);
  });

  it('retries a job whose handler throws, then keeps it as failed', async () => {
    let attempts = 0;
    jobs.register(
      'test.fails',
      async () => {
        attempts++;
        throw new Error('boom');
      },
      { retryLimit: 1, retryDelay: 0, retryBackoff: false },
    );
    const id = await jobs.send('test.fails', {});
    await until(async () => (await jobs.state('test.fails', id!)) === 'failed', 15_000, 'failed');
    expect(attempts).toBe(2);
  });

  it('refuses a second handler for the same queue', () => {
    jobs.register('test.twice', async () => undefined);
    expect(() => jobs.register('test.twice', async () => undefined)).toThrow(/has a handler already/);
  });
});

describe('job queue across two API instances on one database', () => {
  let a: TestApp;
  let b: NestExpressApplication;
  beforeAll(async () => {
    a = await startTestApp();
    b = await createApp(parseConfig(process.env)); // same DATABASE_URL as instance A
    await b.init();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('runs each job once, on one instance or the other', async () => {
    const runs: { job: string; instance: string }[] = [];
    for (const [instance, app] of [
      ['A', a.app],
      ['B', b],
    ] as const) {
      app.get(JobsService).register<{ k: number }>('test.shared', async ({ id }) => {
        runs.push({ job: id, instance });
      });
    }
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, k) => (k % 2 ? a.app : b).get(JobsService).send('test.shared', { k })),
    );
    await until(() => runs.length >= ids.length, 20_000, 'every job ran');
    // Any second run would have shown up by the time every job is completed.
    const jobs = a.app.get(JobsService);
    await until(
      async () =>
        (await Promise.all(ids.map((id) => jobs.state('test.shared', id!)))).every((s) => s === 'completed'),
      10_000,
      'every job completed',
    );
    expect(runs.map((r) => r.job).sort()).toEqual([...ids].sort());
  });

  it('closes promptly and leaves no connection of the queue behind', async () => {
    const queueConnections = async () =>
      (
        (await a.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ringi-jobs' AND datname = current_database()`,
        )) as { n: number }[]
      )[0].n;
    const before = await queueConnections();
    const c = await createApp(parseConfig(process.env));
    await c.init();
    await c.get(JobsService).send('test.shared', { k: -1 });
    expect(await queueConnections()).toBeGreaterThan(before);
    const started = Date.now();
    await c.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await until(async () => (await queueConnections()) === before, 5_000, 'its connections closed');
  });
});

describe('JobsDb (the queue pool)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('on close fails the queries waiting for a connection and lets the running one finish', async () => {
    const errors: Error[] = [];
    const db = new JobsDb({ connectionString: process.env.DATABASE_URL, max: 1 }, (e) => errors.push(e));
    const running = db.executeSql('SELECT pg_sleep(0.2), 1 AS n');
    const waiting = db.executeSql('SELECT 2 AS n');
    const outcome = Promise.allSettled([running, waiting]);
    await db.close();
    const [first, second] = await outcome;
    expect(first.status).toBe('rejected'); // answered as stopped: the caller must not act on it any more
    expect(second).toMatchObject({ status: 'rejected', reason: { message: 'the job queue has stopped' } });
    await expect(db.executeSql('SELECT 1')).rejects.toThrow('the job queue has stopped');
    expect(errors).toEqual([]);
  });
});
