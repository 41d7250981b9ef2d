import { Pool, type PoolConfig, type QueryResult } from 'pg';

/**
 * pg-boss's connection pool, given to it as its `db`.
 *
 * pg-boss's own pool cannot be closed cleanly: `pg.Pool#end` leaves the queries that were waiting for a
 * connection waiting for ever, so a worker whose poll was queued never sees that it should stop, and pg-boss keeps
 * checking it every second after `stop` has returned (found by CI: a finished test file's module system torn down
 * under such a timer). Here, closing fails every query that is still waiting; the queries already running finish.
 */
export class JobsDb {
  private readonly pool: Pool;
  private closing = false;
  private readonly closed: Promise<never>;
  private rejectWaiting!: (error: Error) => void;

  constructor(config: PoolConfig, onError: (error: Error) => void) {
    this.pool = new Pool(config);
    this.pool.on('error', onError);
    this.closed = new Promise<never>((_, reject) => (this.rejectWaiting = reject));
    this.closed.catch(() => undefined); // observed by the queries racing it, if any
  }

  executeSql(text: string, values?: unknown[]): Promise<QueryResult> {
    if (this.closing) return Promise.reject(new Error('the job queue has stopped'));
    return Promise.race([this.pool.query(text, values), this.closed]);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.rejectWaiting(new Error('the job queue has stopped'));
    await this.pool.end();
  }
}
