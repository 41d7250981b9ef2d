import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** One transaction: write through `em`; `afterCommit` runs only once the transaction has committed. */
export interface Tx {
  em: EntityManager;
  afterCommit(fn: () => void): void;
}

/**
 * Runs a multi-row change in one transaction and, after commit, the side effects it queued (domain events that
 * become socket emits and notifications). A rolled-back change announces nothing.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction((em) =>
      work({ em, afterCommit: (fn) => hooks.push(fn) }),
    );
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
}
