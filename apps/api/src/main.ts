import 'reflect-metadata';
import { createApp } from './bootstrap';
import { describeStartupFailure, prepareDatabase } from './startup';
import { DEMO_LOGINS, DEMO_PASSWORD } from './modules/org/seed/demo-town';
import { DemoTownSeeder } from './modules/org/seed/demo-town.seeder';

/** Starts Ringi: configuration, embedded PostgreSQL when DATABASE_URL is unset, migrations, seed, listen. */
async function main(): Promise<void> {
  const { config, embedded } = await prepareDatabase((line) => process.stdout.write(`${line}\n`));
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

  await app.listen(config.PORT, config.HOST).catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  });
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
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
