import { rm } from 'node:fs/promises';
import { resources } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const run = resources.ringiTestRun;
  await run?.browser?.close();
  if (run?.db) {
    await run.db.stop();
    await rm(run.db.dir, { recursive: true, force: true });
  }
}
