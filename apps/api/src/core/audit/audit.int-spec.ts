import type { AuditList, AuditVerify } from '@ringi/contracts';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditService } from './audit.service';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import type { TestClient } from '../../../../../tests/support/http';

describe('audit log (hash chain)', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signedInClient(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  it('records admin changes with who did them, newest first, and pages through them', async () => {
    await admin.post('/api/org/positions', { code: 'AUD0', name: '理事', nameEn: 'Director', rank: 4 });
    await admin.post('/api/org/positions', { code: 'AUD1', name: '参事', nameEn: 'Counsellor', rank: 5 });
    const page = await admin.get<AuditList>('/api/admin/audit?limit=2');
    expect(page.body.items[0]).toMatchObject({ type: 'org.position_created', actorName: '試験 太郎' });
    expect(page.body.items).toHaveLength(2);
    const next = await admin.get<AuditList>(`/api/admin/audit?limit=2&before=${page.body.nextBefore}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).toBeLessThan(page.body.items[1].id);
  });

  it('appends from a nested unit of work without waiting on its own lock, and rolls back with the outer one', async () => {
    const uow = t.app.get(UnitOfWork);
    const audit = t.app.get(AuditService);
    const count = async () =>
      Number(
        (await t.dataSource.query(`SELECT count(*) AS n FROM audit_event WHERE subject = 'nested'`))[0].n,
      );
    await uow.run(async (outer) => {
      await audit.append(outer, { type: 'system.seeded', subject: 'nested' });
      // Before the join, a second transaction here waited forever for the chain lock the outer one holds.
      await uow.run((inner) => audit.append(inner, { type: 'system.seeded', subject: 'nested' }));
    });
    expect(await count()).toBe(2);
    await expect(
      uow.run(async () => {
        await uow.run((inner) => audit.append(inner, { type: 'system.seeded', subject: 'nested' }));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count()).toBe(2);
  });

  it('notices a record altered behind the application’s back', async () => {
    expect((await admin.get<AuditVerify>('/api/admin/audit/verify')).body.ok).toBe(true);
    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM audit_event WHERE type = 'org.position_created' LIMIT 1`,
    );
    // Only someone with database superpowers can do this: the trigger refuses it otherwise.
    await t.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change');
    await t.dataSource.query(
      `UPDATE audit_event SET data = jsonb_set(data, '{name}', '"町長"') WHERE id = $1`,
      [id],
    );
    await t.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change');
    const result = await admin.get<AuditVerify>('/api/admin/audit/verify');
    expect(result.body).toMatchObject({ ok: false, brokenAt: Number(id) });
  });
});
