import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  let dir: string;
  const running: EmbeddedDatabase[] = [];
  beforeAll(async () => {
    // mkdtemp makes the folder 0700: only its owner may enter, as in root's home folder.
    dir = await mkdtemp(join(tmpdir(), 'ringi-embedded-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((db) => db.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('starts in a folder only its owner may enter, with a random password readable by the owner only, on 127.0.0.1 only', async () => {
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const a = await startEmbeddedPostgres(join(dir, 'a', 'postgres'));
    running.push(a);
    const b = await startEmbeddedPostgres(join(dir, 'b', 'postgres'));
    running.push(b);

    const secretA = (await readFile(join(dir, 'a', 'postgres.password'), 'utf8')).trim();
    const secretB = (await readFile(join(dir, 'b', 'postgres.password'), 'utf8')).trim();
    expect(secretA).toHaveLength(32);
    expect(secretA).not.toBe(secretB);
    expect(secretA).not.toBe('ringi-embedded');
    expect((await stat(join(dir, 'a', 'postgres.password'))).mode & 0o777).toBe(0o600);
    expect(new URL(a.url).password).toBe(secretA);

    const [settings] = await query<{ listen: string; sockets: string }>(
      a.url,
      `SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets`,
    );
    expect(settings).toEqual({ listen: '127.0.0.1', sockets: '' });

    const wrong = new URL(a.url);
    wrong.password = 'ringi-embedded';
    await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it('keeps its data and password across a restart, and replaces the constant password of older data', async () => {
    const first = await startEmbeddedPostgres(join(dir, 'c', 'postgres'));
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    // Data made by an earlier Ringi: the constant password and no password file.
    await query(first.url, `ALTER USER postgres PASSWORD 'ringi-embedded'`);
    await first.stop();
    await rm(join(dir, 'c', 'postgres.password'));

    const second = await startEmbeddedPostgres(join(dir, 'c', 'postgres'));
    running.push(second);
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    const secret = (await readFile(join(dir, 'c', 'postgres.password'), 'utf8')).trim();
    expect(secret).not.toBe('ringi-embedded');
    expect(new URL(second.url).password).toBe(secret);
  });
});
