import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isTransientConflict } from './unique-violation';

/** One transaction: write through `em`; `afterCommit` runs only once the transaction has committed. */
export interface Tx {
  em: EntityManager;
  afterCommit(fn: () => void): void;
}

/**
 * The one way to make a multi-row change: runs `work` in one transaction and, after commit, the side effects it
 * queued (domain events that become socket emits and notifications). A rolled-back change announces nothing.
 *
 * A `run` inside another `run` (same async context) joins the outer transaction instead of opening a second
 * connection: a nested unit can therefore never wait on a lock its own outer transaction holds (the audit
 * chain's lock, a row lock), and its after-commit hooks wait for the outer commit.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');
  private readonly current = new AsyncLocalStorage<Tx>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The entity manager to read with: the current unit's transaction when called inside `run` (so a read sees the
   * unit's own writes and takes no second connection from the pool: twenty concurrent units each waiting for a
   * second connection would otherwise wait for each other for good), else the pool.
   */
  get manager(): EntityManager {
    return this.current.getStore()?.em ?? this.dataSource.manager;
  }

  /** A read query through `manager`. */
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.manager.query(sql, parameters);
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction((em) => {
      const tx: Tx = { em, afterCommit: (fn) => hooks.push(fn) };
      return this.current.run(tx, () => work(tx));
    });
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        // The change is committed; a failing listener must not turn it into an error for the user.
        this.logger.error({ err: error }, 'after-commit hook failed');
      }
    }
    return result;
  }

  /**
   * `run` for work nobody would otherwise redo (listeners of events after a commit): tried again, up to three
   * times, when PostgreSQL gave the transaction up in a deadlock with another one (listeners of the same event
   * run at once and take the audit chain's lock). Inside another unit it is that unit's work, not retried here.
   */
  async runRetrying<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(work);
      } catch (error) {
        if (attempt >= 3 || this.current.getStore() || !isTransientConflict(error)) throw error;
        this.logger.warn({ attempt }, 'transaction given up in a conflict; trying again');
      }
    }
  }
}
