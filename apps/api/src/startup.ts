import { join } from 'node:path';
import { ConfigError, parseConfig, type AppConfig } from './config/config.schema';
import {
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './core/database/embedded-postgres';

/**
 * What every command (`npm start`, `npm run seed`, `npm run audit:verify`) does first: read the configuration
 * and, without DATABASE_URL, start the embedded PostgreSQL under DATA_DIR.
 */
export async function prepareDatabase(
  announce: (line: string) => void = () => undefined,
): Promise<{ config: AppConfig; embedded?: EmbeddedDatabase }> {
  const config = parseConfig(process.env);
  if (config.DATABASE_URL) return { config };
  const dir = join(config.DATA_DIR, 'postgres');
  announce(`Starting the embedded PostgreSQL under ${dir} …`);
  const embedded = await startEmbeddedPostgres(dir);
  process.env.DATABASE_URL = embedded.url;
  return { config: parseConfig(process.env), embedded };
}

interface SystemError {
  code?: string;
  port?: number;
  address?: string;
  path?: string;
}

/**
 * One plain line for a failure a person can fix (a bad setting, a busy port, an unreachable database), never a
 * stack trace. Anything else is a bug: its message, and the stack only with LOG_LEVEL=debug or trace.
 */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof ConfigError) return `Ringi cannot start. ${error.message}`;
  if (error instanceof EmbeddedPostgresError) return `Ringi cannot start. ${error.message}`;
  const e = (error ?? {}) as SystemError & { message?: string };
  switch (e.code) {
    case 'EADDRINUSE':
      return `Ringi cannot start: port ${e.port ?? ''} is already in use. Stop the other program or set PORT to a free port.`;
    case 'EACCES':
      return e.port !== undefined
        ? `Ringi cannot start: it may not listen on port ${e.port}. Set PORT to a number above 1023.`
        : `Ringi cannot start: permission denied for ${e.path ?? 'a file'}. Set DATA_DIR to a folder you may write to.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return `Ringi cannot start: the PostgreSQL server in DATABASE_URL does not answer (${e.code}). Check the address, or unset DATABASE_URL to use the embedded one.`;
    case '28P01':
    case '28000':
      return 'Ringi cannot start: PostgreSQL refused the user name or password in DATABASE_URL.';
    case '3D000':
      return 'Ringi cannot start: the database named in DATABASE_URL does not exist. Create it first (createdb).';
  }
  const message = error instanceof Error ? error.message : String(error);
  const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `Ringi failed to start: ${message.split('\n')[0]}${stack}`;
}
