import { isIP } from 'node:net';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One entry of TRUST_PROXY: an address, an address/prefix, or one of Express's names for address ranges. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

/** A five-field cron expression (minute hour day-of-month month day-of-week), as pg-boss schedules take. */
const cron = z
  .string()
  .trim()
  .regex(/^[\w*,/-]+(\s+[\w*,/-]+){4}$/, 'must be a cron expression of five fields, e.g. "30 8 * * 1-5"');

/** The whole configuration of the API: environment variables only, validated once at start. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** postgres://… ; unset: an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** redis://… ; set: Socket.IO uses the Redis adapter so several API instances share rooms. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /**
   * The Redis channel prefix of the Socket.IO adapter: instances with the same one share rooms. Separate Ringi
   * installations (or test runs) on one Redis keep apart by using different ones.
   */
  SOCKET_REDIS_CHANNEL: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - only')
    .default('socket.io'),
  DATA_DIR: z.string().min(1).default('./.ringi-data'),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, or loopback /
   * uniquelocal). Unset: none, so the address in the audit log and the rate limits is the connecting peer's.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .refine((entries) => entries.every(isProxyEntry), {
      message: 'must be a comma-separated list of IP addresses or CIDRs (e.g. 172.28.0.10 or 10.0.0.0/8)',
    })
    .optional(),
  /** The URL people open; its origin is the only one allowed to open a socket. */
  PUBLIC_URL: z.url().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** How often each instance checks the sessions of the sockets it holds and closes those that ended. */
  SOCKET_SESSION_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  SIGN_IN_LOCK_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Failed sign-ins allowed from one address (across all staff numbers) per 15 minutes before it gets 429:
   * stops password spraying, and stays far above an office's morning of typos behind one shared address.
   */
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGN_IN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Set: Prometheus metrics at /api/metrics for scrapers sending `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the built web app lives; served by the API when present. */
  WEB_DIST: z.string().min(1).default('dist/web'),
  /** Working days a step may wait before its holders get a reminder (督促). */
  APPROVAL_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** Working days a step may wait before the drafter is told where the document is held up. */
  APPROVAL_DRAFTER_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** When the reminders are looked for (cron, Asia/Tokyo); a day the town hall is closed sends none. */
  APPROVAL_REMINDER_CRON: cron.default('30 8 * * 1-5'),
  /** When active steps are resolved again to who holds their position that day (cron, Asia/Tokyo). */
  APPROVAL_REROUTE_CRON: cron.default('5 0 * * *'),
  /** Seed the demo town on first start of an empty database. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Parses the environment; on a bad value throws one line naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  // An empty variable (FOO=) means "not set", as Compose files and shells often write it.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

export class ConfigError extends Error {}
