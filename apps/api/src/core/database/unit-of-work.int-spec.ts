import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { UnitOfWork } from './unit-of-work';

describe('UnitOfWork.runRetrying', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    await t.dataSource.query(`CREATE TABLE uow_probe (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
    await t.dataSource.query(`INSERT INTO uow_probe (id) VALUES (1), (2)`);
  });
  afterAll(() => t.close());

  it('does the work of a transaction PostgreSQL gave up in a deadlock again, so both changes are kept', async () => {
    // Each transaction locks one row, waits until the other has locked the other row, then wants that row too.
    let locked = 0;
    const bothLocked = async () => {
      locked++;
      while (locked < 2) await new Promise((r) => setTimeout(r, 10));
    };
    const crossing = (first: number, second: number) => {
      let tries = 0;
      const done = uow.runRetrying(async (tx) => {
        tries++;
        await tx.em.query(`UPDATE uow_probe SET n = n + 1 WHERE id = $1`, [first]);
        if (tries === 1) await bothLocked();
        await tx.em.query(`UPDATE uow_probe SET n = n + 1 WHERE id = $1`, [second]);
      });
      return done.then(() => tries);
    };
    const tries = await Promise.all([crossing(1, 2), crossing(2, 1)]);
    // One of them was the deadlock's victim and ran twice; each change counted once.
    expect(tries.sort()).toEqual([1, 2]);
    expect(await t.dataSource.query(`SELECT id, n FROM uow_probe ORDER BY id`)).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('does not try again what failed for another reason', async () => {
    let tries = 0;
    await expect(
      uow.runRetrying(async (tx) => {
        tries++;
        await tx.em.query(`INSERT INTO uow_probe (id) VALUES (1)`);
      }),
    ).rejects.toThrow();
    expect(tries).toBe(1);
  });
});
