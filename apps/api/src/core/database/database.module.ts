import { Global, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ringi/migrations/data-source';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { UnitOfWork } from './unit-of-work';

/** An arbitrary constant: the advisory lock key that serialises migrations between API instances. */
const MIGRATION_LOCK = 7_361_001;

/** Runs pending migrations at start, one instance at a time. Never `synchronize`. */
@Injectable()
export class DatabaseMigrator implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) this.logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.DATABASE_URL)
          throw new Error('DATABASE_URL is not set (main.ts starts the embedded database)');
        return {
          ...dataSourceOptions(config.DATABASE_URL),
          autoLoadEntities: true,
          uuidExtension: 'pgcrypto' as const,
          // A database that does not answer stops the start after a few seconds, with one plain line.
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
    }),
  ],
  providers: [DatabaseMigrator, UnitOfWork],
  exports: [UnitOfWork],
})
export class DatabaseModule {}
