import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/bootstrap';
import { parseConfig } from '../../apps/api/src/config/config.schema';
import { createTestDatabase } from './database';
import { TestClient } from './http';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  dataDir: string;
  client: (opts?: { locale?: 'ja' | 'en' }) => TestClient;
  close: () => Promise<void>;
}

/**
 * This test file's own Socket.IO channel on the shared test Redis: the instances a file starts share rooms with
 * each other and never with another file's (running at the same time in another worker).
 */
const SOCKET_REDIS_CHANNEL = `ringi-test-${randomUUID()}`;

/**
 * Boots the real application (the same `createApp` production uses) on a fresh database of its own, listening
 * on a random port. Only `env` differs per test file.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'ringi-test-data-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WEB_DIST: 'dist/web',
    SOCKET_REDIS_CHANNEL,
    ...env,
  });
  const app = await createApp(parseConfig(process.env));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    dataSource: app.get(DataSource),
    dataDir,
    client: (opts) => new TestClient(url, opts?.locale ?? 'ja'),
    close: async () => {
      await app.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
