import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { describeStartupFailure, prepareDatabase } from './startup';
import { DemoTownSeeder } from './modules/org/seed/demo-town.seeder';

/**
 * `npm run seed`: re-creates the demo town (deletes the org chart, staff, sessions and files; keeps the audit log).
 * Once approval documents exist it refuses: they are records the database keeps from deletion, and they name the
 * staff. Start from an empty database instead (the data folder, or a new DATABASE_URL).
 */
async function reseed(): Promise<void> {
  const { embedded } = await prepareDatabase();
  process.env.SEED_DEMO = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const [{ documents }]: { documents: number }[] = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS documents FROM approval_document');
    if (documents > 0) {
      process.stderr.write(
        `The demo town was not re-created: ${documents} approval documents exist, and they are kept as records. ` +
          'To start afresh, stop Ringi and remove the data folder (DATA_DIR, default ./.ringi-data) or use an empty database.\n',
      );
      process.exitCode = 1;
      return;
    }
    await app.get(DemoTownSeeder).reset();
    process.stdout.write('The demo town デモ町 has been re-created.\n');
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

reseed().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
