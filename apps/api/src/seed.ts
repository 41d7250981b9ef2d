import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { describeStartupFailure, prepareDatabase } from './startup';
import { DemoTownSeeder } from './modules/org/seed/demo-town.seeder';

/** `npm run seed`: re-creates the demo town (deletes the org chart, staff, sessions and files; keeps the audit log). */
async function reseed(): Promise<void> {
  const { embedded } = await prepareDatabase();
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
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
