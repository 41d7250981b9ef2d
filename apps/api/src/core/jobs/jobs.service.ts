import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { JobsDb } from './jobs-db';

/** The PostgreSQL schema pg-boss creates and migrates by itself (outside TypeORM's migrations). */
export const JOBS_SCHEMA = 'pgboss';

/** A job as its handler sees it. */
export interface JobContext<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt, then 1, 2 … on retries. */
  retryCount: number;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/** How a queue retries a job whose handler throws. */
export interface QueueOptions {
  /** Attempts after the first; default 3. */
  retryLimit?: number;
  /** Seconds before the first retry; default 30. */
  retryDelay?: number;
  /** Doubles the delay on each retry; default true. */
  retryBackoff?: boolean;
  /** A handler running longer than this is treated as failed (and retried); default 15 minutes. */
  expireInSeconds?: number;
}

export interface SendOptions {
  /**
   * Makes the job happen once: a second `send` with the same queue and key is ignored (returns null) while the
   * first job is kept (until pg-boss archives it, 12 hours after it completes; give keys that name the occasion,
   * e.g. `step:{id}:reminder:1`).
   */
  once?: string;
  /** Runs no earlier than this moment (or after this many seconds). */
  startAfter?: Date | number;
}

interface Registration {
  handler: JobHandler<unknown>;
  options: QueueOptions;
}

const DEFAULT_QUEUE: Required<QueueOptions> = {
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

/** A stable job id (UUID shape) for a queue and a "once" key. */
export function onceJobId(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\u0000${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The job queue: pg-boss 10 on the application's own database (schema `pgboss`, created by pg-boss itself).
 * Each job runs on one instance only (pg-boss fetches with `FOR UPDATE SKIP LOCKED`), survives restarts, and a
 * job whose handler throws is retried (`retryLimit`, with backoff) and then kept as `failed` and logged.
 *
 * Starts once the application has bootstrapped (so after the migrations of `DatabaseMigrator.onModuleInit`);
 * feature modules call `register` in their own `onModuleInit`. Stops in `onModuleDestroy`, before the database
 * connection closes: it stops fetching, waits up to `stopTimeoutMs` for running handlers, then closes its pool.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly registrations = new Map<string, Registration>();
  private readonly schedules = new Map<string, { cron: string; data: object }>();
  private readonly workerIds = new Map<string, string>();
  private readonly queues = new Map<string, Promise<void>>();
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopped = false;
  /** Handlers running now: `onModuleDestroy` outlasts them, so that no pg-boss worker loop survives the stop. */
  private readonly running = new Set<Promise<unknown>>();
  private db: JobsDb | null = null;
  /** How long `stop` waits for running handlers before it fails them. */
  stopTimeoutMs = 5_000;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Handles the jobs of queue `name` (one at a time per instance). Call it once per queue, in `onModuleInit`. */
  register<T>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): void {
    if (this.registrations.has(name)) throw new Error(`job queue "${name}" has a handler already`);
    this.registrations.set(name, { handler: handler as JobHandler<unknown>, options });
    if (this.boss) void this.activate(this.boss, name).catch((err: unknown) => this.onError(err));
  }

  /** Queues a job; answers its id, or null when `once` names a job that exists already. */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.ready();
    await this.ensureQueue(boss, name);
    const id = await boss.send(name, data, {
      ...(options.once === undefined ? {} : { id: onceJobId(name, options.once) }),
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
    });
    const worker = id ? this.workerIds.get(name) : undefined;
    if (worker) boss.notifyWorker(worker); // a job for this instance starts now, not at the next poll
    return id;
  }

  /**
   * Sends a job to queue `name` on a cron schedule (Asia/Tokyo), from whichever instance's clock fires first:
   * pg-boss keeps one schedule per name in the database and sends each tick once.
   */
  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    this.schedules.set(name, { cron, data });
    if (!this.boss) return; // applied at start
    await this.ensureQueue(this.boss, name);
    await this.boss.schedule(name, cron, data, { tz: 'Asia/Tokyo' });
  }

  /** A job's state (created, retry, active, completed, cancelled, failed), or null when unknown. */
  async state(name: string, id: string): Promise<string | null> {
    const boss = await this.ready();
    const job = await boss.getJobById(name, id, { includeArchive: true });
    return job?.state ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const boss = this.boss ?? (await this.starting?.catch(() => null));
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: this.stopTimeoutMs });
    // Its pool is ours (see JobsDb): closing it ends the polls still waiting for a connection.
    await this.db?.close();
    // pg-boss gives up waiting after the timeout, but the worker of a handler still running keeps its loop (and
    // the loop that waits for it) alive after `stop` returns; a process or test that ends then sees timers firing
    // into a torn-down module system. Outlast such handlers too, then let their workers see they are stopped.
    if (this.running.size) {
      const outlasted = Promise.allSettled([...this.running]);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.stopTimeoutMs)));
      await Promise.race([outlasted, timeout]);
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private ready(): Promise<PgBoss> {
    if (this.stopped) return Promise.reject(new Error('the job queue has stopped'));
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    if (!this.config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
    const db = new JobsDb(
      { connectionString: this.config.DATABASE_URL, application_name: 'ringi-jobs', max: 4 },
      (err) => this.onError(err),
    );
    this.db = db;
    const boss = new PgBoss({
      db,
      schema: JOBS_SCHEMA,
      // Workers poll every few seconds; a job sent by this instance wakes its worker at once (see `send`).
      pollingIntervalSeconds: 2,
      ...DEFAULT_QUEUE,
    });
    boss.on('error', (err) => this.onError(err));
    await boss.start();
    this.boss = boss;
    for (const name of this.registrations.keys()) await this.activate(boss, name);
    for (const [name, { cron, data }] of this.schedules) {
      await this.ensureQueue(boss, name);
      await boss.schedule(name, cron, data, { tz: 'Asia/Tokyo' });
    }
    this.logger.log(`Job queue started (${this.registrations.size} queue(s))`);
    return boss;
  }

  /** Creates the queue once per instance; concurrent creations (here or on another instance) are retried. */
  private ensureQueue(boss: PgBoss, name: string): Promise<void> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.createQueue(boss, name);
      this.queues.set(name, queue);
      queue.catch(() => this.queues.delete(name));
    }
    return queue;
  }

  private async createQueue(boss: PgBoss, name: string): Promise<void> {
    const options = { ...DEFAULT_QUEUE, ...this.registrations.get(name)?.options };
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) return; // its options stay as they were first created
      try {
        await boss.createQueue(name, { name, policy: 'standard', ...options });
        return;
      } catch (error) {
        // Two instances creating the same queue at once can deadlock on its partition: one of them wins.
        if (attempt >= 3) throw error;
      }
    }
  }

  private async activate(boss: PgBoss, name: string): Promise<void> {
    const registration = this.registrations.get(name);
    if (!registration || this.workerIds.has(name)) return;
    await this.ensureQueue(boss, name);
    const id = await boss.work<unknown>(name, { includeMetadata: true, batchSize: 1 }, async ([job]) => {
      const run = registration.handler({
        id: job.id,
        name: job.name,
        data: job.data,
        retryCount: job.retryCount,
      });
      this.running.add(run);
      try {
        await run;
      } catch (error) {
        const last = job.retryCount >= job.retryLimit;
        const message = last ? 'job failed, no retries left' : 'job failed, will be retried';
        if (last) this.logger.error({ err: error, job: job.id, queue: name }, message);
        else this.logger.warn({ err: error, job: job.id, queue: name, attempt: job.retryCount + 1 }, message);
        throw error;
      } finally {
        this.running.delete(run);
        // A worker that found a job looks for the next one at once instead of waiting for its next poll.
        const worker = this.workerIds.get(name);
        if (worker) boss.notifyWorker(worker);
      }
    });
    this.workerIds.set(name, id);
  }

  private onError(error: unknown): void {
    this.logger.error({ err: error }, 'job queue error');
  }
}
