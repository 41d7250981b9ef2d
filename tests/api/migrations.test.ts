import { startTestApp, type TestApp } from '../support/app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('apply to an empty database at start and leave nothing for the entities to change', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    // Foreign keys, CHECK and exclusion constraints are written in the migrations' SQL only (the entities map
    // columns, not relations), so TypeORM would "drop" them; every other difference is a real drift.
    const dbOnlyConstraint = /^ALTER TABLE "\w+" DROP CONSTRAINT "\w+"$/;
    expect(pending.upQueries.map((q) => q.query).filter((q) => !dbOnlyConstraint.test(q))).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    const applied = t.dataSource.migrations.length;
    for (let i = 0; i < applied; i++) await t.dataSource.undoLastMigration();
    const tables = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
    );
    expect(tables[0].n).toBe(0);
    expect(await t.dataSource.runMigrations()).toHaveLength(applied);
  });

  it('keep the audit log append-only in the database itself', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_event (occurred_at, type, data, prev_hash, hash) VALUES (now(), 'system.seeded', '{}', repeat('0', 64), repeat('a', 64))`,
    );
    await expect(t.dataSource.query(`UPDATE audit_event SET type = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });
});
