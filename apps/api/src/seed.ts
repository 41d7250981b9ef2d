import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { parseConfig } from './config/config.schema';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres';
import { DemoTownSeeder } from './modules/org/seed/demo-town.seeder';

/** `npm run seed`: re-creates the demo town (deletes the org chart, staff, sessions and files; keeps the audit log). */
async function reseed(): Promise<void> {
  const config = parseConfig(process.env);
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(join(config.DATA_DIR, 'postgres'));
    process.env.DATABASE_URL = embedded.url;
  }
  process.env.SEED_DEMO = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    await app.get(DemoTownSeeder).reset();
    process.stdout.write('The demo town デモ町 has been re-created.\n');
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

reseed().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
