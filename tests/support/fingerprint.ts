import type { DataSource } from 'typeorm';

/** Tables whose rows change on their own while a test runs (session activity) or only grow (the audit log). */
export const VOLATILE_TABLES = ['audit_event', 'user_session'];

/**
 * A fingerprint of the data: one md5 per table of the public schema (except `except`), over every row as
 * text in a stable order. Two equal fingerprints mean no row was added, changed or removed.
 */
export async function dataFingerprint(
  dataSource: DataSource,
  except: readonly string[] = VOLATILE_TABLES,
): Promise<Record<string, string>> {
  return (await fingerprinter(dataSource, except))();
}

/**
 * A function that takes the fingerprint again and again with one query each time (the list of tables is read
 * once): for tests that check thousands of requests.
 */
export async function fingerprinter(
  dataSource: DataSource,
  except: readonly string[] = VOLATILE_TABLES,
): Promise<() => Promise<Record<string, string>>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [except],
  );
  if (!tables.length) return async () => ({});
  const sql = tables
    .map(
      ({ name }) =>
        `SELECT '${name.replace(/'/g, "''")}' AS name,
                md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash
           FROM "${name.replace(/"/g, '""')}" t`,
    )
    .join(' UNION ALL ');
  return async () => {
    const rows: { name: string; hash: string }[] = await dataSource.query(sql);
    return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
  };
}
