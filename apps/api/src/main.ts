import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, parseConfig, type AppConfig } from './config/config.schema';
import { createApp } from './bootstrap';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres';
import { DEMO_LOGINS, DEMO_PASSWORD } from './modules/org/seed/demo-town';
import { DemoTownSeeder } from './modules/org/seed/demo-town.seeder';

function loadConfig(): AppConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Ringi cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Starts Ringi: configuration, embedded PostgreSQL when DATABASE_URL is unset, migrations, seed, listen. */
async function main(): Promise<void> {
  let config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    process.stdout.write(`Starting the embedded PostgreSQL under ${join(config.DATA_DIR, 'postgres')} …\n`);
    embedded = await startEmbeddedPostgres(join(config.DATA_DIR, 'postgres'));
    process.env.DATABASE_URL = embedded.url;
    config = loadConfig();
  }

  let stopping = false;
  const app = await createApp(config).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Ringi …\n`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.PORT, config.HOST);
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `  Ringi is running: ${url}`,
    `  API documentation: ${url}/api/docs`,
    `  Database: ${embedded ? `embedded PostgreSQL (data in ${config.DATA_DIR})` : 'DATABASE_URL'}`,
  ];
  if (await app.get(DemoTownSeeder).hasDemoLogins()) {
    lines.push('', `  Demo town デモ町 — sign in with a 職員番号 and the password "${DEMO_PASSWORD}":`);
    for (const login of DEMO_LOGINS)
      lines.push(`    ${login.staffNumber}  ${login.label.ja} / ${login.label.en}`);
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Ringi failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
