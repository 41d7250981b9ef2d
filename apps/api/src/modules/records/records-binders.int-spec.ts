import type {
  ApprovalDocument,
  ApprovalTemplate,
  Binder,
  BinderDetail,
  BinderList,
  CreateYearBindersResult,
  FilePlan,
  FilePlanItem,
} from '@ringi/contracts';
import { fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { act, makeApprovalTown, type ApprovalTown } from '../../../../../tests/support/approvals';
import { makeDepartment } from '../../../../../tests/support/factories';
import { asError, ok } from '../../../../../tests/support/http';
import { eventually } from '../../../../../tests/support/sockets';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { JobsService } from '../../core/jobs/jobs.service';
import { RECORDS_BINDERS_YEAR_QUEUE, RecordsBindersService } from './records-binders.service';

describe('records: the file plan and the yearly binders (文書分類表・簿冊)', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;
  const present = fiscalYearOf(tokyoDate());

  const search = async (query: string) =>
    ok(town.clerk.client.get<BinderList>(`/api/records/binders?${query}`));
  const item = (patch: Record<string, unknown> = {}) => ({
    code: '90',
    major: '総務',
    middle: '文書',
    minor: '',
    title: '文書事務綴',
    retention: '10',
    endAction: 'transfer',
    ...patch,
  });

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterAll(() => t.close());

  it('starts with a default plan whose 00 is 庶務一般, readable by anyone signed in', async () => {
    const plan = await ok(town.clerk.client.get<FilePlan>('/api/records/file-plan'));
    expect(plan.items.find((i) => i.code === '00')).toMatchObject({
      major: '庶務',
      title: '庶務一般',
      retention: '5',
      endAction: 'dispose',
      departmentId: null,
      active: true,
    });
    expect(new Set(plan.items.map((i) => i.retention))).toEqual(
      new Set(['1', '3', '5', '10', '30', 'permanent']),
    );
    expect((await t.client().get('/api/records/file-plan')).status).toBe(401);
  });

  it('lets the records officer add and change plan items, one code per department or for all', async () => {
    const created = await ok(town.admin.client.post<FilePlanItem>('/api/records/file-plan', item()), 201);
    expect(created).toMatchObject({ code: '90', title: '文書事務綴', departmentId: null, retention: '10' });

    const taken = await town.admin.client.post('/api/records/file-plan', item({ title: '別の綴' }));
    expect(taken.status).toBe(409);
    expect(asError(taken).code).toBe('records/file_plan_code_taken');
    // The same code for one department is another item.
    const own = await ok(
      town.admin.client.post<FilePlanItem>(
        '/api/records/file-plan',
        item({ departmentId: town.departments.finance.id, title: '財政課文書事務綴' }),
      ),
      201,
    );
    expect(own).toMatchObject({ departmentId: town.departments.finance.id, departmentName: '財政課' });

    const changed = await ok(
      town.admin.client.patch<FilePlanItem>(
        `/api/records/file-plan/${created.id}`,
        item({ title: '文書事務綴（改）', retention: '30' }),
      ),
    );
    expect(changed).toMatchObject({ title: '文書事務綴（改）', retention: '30' });
    const clash = await town.admin.client.patch(`/api/records/file-plan/${created.id}`, item({ code: '00' }));
    expect(asError(clash).code).toBe('records/file_plan_code_taken');
    const missing = await town.admin.client.patch(
      '/api/records/file-plan/00000000-0000-4000-8000-000000000000',
      item(),
    );
    expect(missing.status).toBe(404);

    const bad = await town.admin.client.post('/api/records/file-plan', item({ code: 'a b', retention: '7' }));
    expect(bad.status).toBe(400);

    const audit: { type: string }[] = await t.dataSource.query(
      `SELECT type FROM audit_event WHERE type LIKE 'records.file_plan%' ORDER BY id`,
    );
    expect(audit.map((a) => a.type)).toEqual([
      'records.file_plan_created',
      'records.file_plan_created',
      'records.file_plan_updated',
    ]);
  });

  it('refuses plan changes and year creation to staff with 403, changing nothing', async () => {
    const before = await ok(town.clerk.client.get<FilePlan>('/api/records/file-plan'));
    const post = await town.clerk.client.post('/api/records/file-plan', item({ code: '91' }));
    expect(post.status).toBe(403);
    expect(asError(post)).toMatchObject({ code: 'records/not_records_officer' });
    const patch = await town.clerk.client.patch(`/api/records/file-plan/${before.items[0]!.id}`, item());
    expect(patch.status).toBe(403);
    const year = await town.clerk.client.post('/api/records/binders/year', { fiscalYear: 2024 });
    expect(year.status).toBe(403);
    expect(await ok(town.clerk.client.get<FilePlan>('/api/records/file-plan'))).toEqual(before);
    expect((await search('fiscalYear=2024')).total).toBe(0);
  });

  it('makes a year’s binders per department from the plan, once, with the retention ending right', async () => {
    // A department set up after April 1, 2024 gets its binders of 2024 too; one abolished before it gets none.
    const late = await makeDepartment(t, { name: '新設課' });
    await t.dataSource.query(
      `UPDATE department_version SET valid_from = '2024-04-02' WHERE department_id = $1`,
      [late.id],
    );
    const gone = await makeDepartment(t, { name: '廃止課' });
    await t.dataSource.query(
      `UPDATE department_version SET valid_from = '2020-04-01', valid_to = '2024-03-31' WHERE department_id = $1`,
      [gone.id],
    );
    const [{ n: departments }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(DISTINCT department_id)::int AS n FROM department_version
        WHERE valid_from <= '2025-03-31' AND (valid_to IS NULL OR valid_to >= '2024-04-01')`,
    );
    const [{ all, own }]: { all: number; own: number }[] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE department_id IS NULL)::int AS all,
              count(*) FILTER (WHERE department_id IS NOT NULL)::int AS own
         FROM records_file_plan_item WHERE active`,
    );
    const first = await ok(
      town.admin.client.post<CreateYearBindersResult>('/api/records/binders/year', { fiscalYear: 2024 }),
    );
    expect(first).toEqual({ fiscalYear: 2024, created: all * departments + own });
    expect(
      await ok(
        town.admin.client.post<CreateYearBindersResult>('/api/records/binders/year', { fiscalYear: 2024 }),
      ),
    ).toEqual({ fiscalYear: 2024, created: 0 });

    const general = await search(`fiscalYear=2024&classification=00&pageSize=100`);
    expect(general.total).toBe(departments);
    expect(general.items.map((b) => b.departmentId)).toContain(late.id);
    expect(general.items.map((b) => b.departmentId)).not.toContain(gone.id);
    expect(general.items.find((b) => b.departmentId === town.departments.division.id)).toMatchObject({
      code: '00',
      title: '庶務一般',
      classification: '庶務 / 一般',
      retention: '5',
      retentionEndsOn: '2030-03-31',
      status: 'active',
      documentCount: 0,
    });
    const permanent = await search('fiscalYear=2024&classification=01&pageSize=1');
    expect(permanent.items[0]).toMatchObject({ retention: 'permanent', retentionEndsOn: null });
    // The finance department's own item makes its binder only there.
    const financeOwn = await search('fiscalYear=2024&title=財政課文書事務綴');
    expect(financeOwn.items.map((b) => b.departmentName)).toEqual(['財政課']);
  });

  it('makes the new year’s binders at the year change (job), for the departments of that April 1', async () => {
    const next = present + 1;
    expect((await search(`fiscalYear=${next}`)).total).toBe(0);
    await t.app.get(JobsService).send(RECORDS_BINDERS_YEAR_QUEUE, { on: `${next}-04-01` });
    const found = await eventually(
      () => search(`fiscalYear=${next}&classification=00&departmentId=${town.departments.section.id}`),
      (now) => now.total > 0,
    );
    expect(found.items).toEqual([
      expect.objectContaining({
        fiscalYear: next,
        departmentName: '総務係',
        retentionEndsOn: `${next + 6}-03-31`,
      }),
    ]);
  });

  it('finds binders by 年度, department, classification code or words, title words and status', async () => {
    const division = town.departments.division.id;
    expect((await search(`fiscalYear=2024&departmentId=${division}&classification=0`)).total).toBeGreaterThan(
      3,
    );
    const byWords = await search(
      `fiscalYear=2024&departmentId=${division}&classification=${encodeURI('人事 服務')}`,
    );
    expect(byWords.items.map((b) => b.code)).toEqual(['06']);
    const byMajor = await search(
      `fiscalYear=2024&departmentId=${division}&classification=${encodeURI('財務')}`,
    );
    expect(byMajor.items.map((b) => b.code).sort()).toEqual(['03', '04']);
    const byTitle = await search(`fiscalYear=2024&departmentId=${division}&title=${encodeURI('予算 綴')}`);
    expect(byTitle.items.map((b) => b.title)).toEqual(['予算編成綴']);
    // LIKE wildcards are plain characters.
    expect((await search(`fiscalYear=2024&title=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await search('status=disposed')).total).toBe(0);
    const paged = await search('fiscalYear=2024&pageSize=2&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect((await town.clerk.client.get('/api/records/binders?fiscalYear=abc')).status).toBe(400);
    expect((await town.clerk.client.get('/api/records/binders?status=lost')).status).toBe(400);
    expect((await town.clerk.client.get('/api/records/binders/not-a-uuid')).status).toBe(400);
    const none = await town.clerk.client.get('/api/records/binders/00000000-0000-4000-8000-000000000000');
    expect(asError(none).code).toBe('records/binder_not_found');
  });

  it('files a document without a chosen binder by its 分類, falling back to 00 (binderFor)', async () => {
    const binders = t.app.get(RecordsBindersService);
    const section = town.departments.section.id;
    const [byCode, fallback, none] = await t.app
      .get(UnitOfWork)
      .run(async (tx) => [
        await binders.binderFor(tx, section, 2023, '04'),
        await binders.binderFor(tx, section, 2023, 'zz'),
        await binders.binderFor(tx, section, 2023, null),
      ]);
    const found = async (id: string | null) =>
      (await ok(town.clerk.client.get<BinderDetail>(`/api/records/binders/${id}`))).binder;
    expect(await found(byCode)).toMatchObject({ code: '04', fiscalYear: 2023, departmentId: section });
    expect(await found(fallback)).toMatchObject({ code: '00', fiscalYear: 2023, departmentId: section });
    expect(none).toBe(fallback);
  });

  it('lists a secret document of a binder only to its route and administrators, not to a colleague', async () => {
    const [binder] = (
      await search(`fiscalYear=2024&departmentId=${town.departments.section.id}&classification=00`)
    ).items as [Binder];
    const submitted = async (title: string) => {
      const draft = await ok(
        town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
          templateId: templates.get('GENERAL')!.id,
          title,
          body: '本文',
        }),
        201,
      );
      const doc = await ok(act(town.clerk.client, draft, { type: 'submit' }));
      await t.dataSource.query(`UPDATE approval_document SET binder_id = $2 WHERE id = $1`, [
        doc.id,
        binder.id,
      ]);
      return doc;
    };
    const open = await submitted('庁舎の清掃について');
    const secret = await submitted('職員の懲戒処分について');
    await t.dataSource.query(`UPDATE approval_document SET secret = true WHERE id = $1`, [secret.id]);

    const titles = async (who: ApprovalTown['clerk']) =>
      (await ok(who.client.get<BinderDetail>(`/api/records/binders/${binder.id}`))).entries.map(
        (e) => e.title,
      );
    expect(await titles(town.clerk2)).toEqual(['庁舎の清掃について']);
    expect(await titles(town.outsider)).toEqual([]);
    for (const who of [town.clerk, town.leader, town.chief, town.admin])
      expect((await titles(who)).sort()).toEqual(['庁舎の清掃について', '職員の懲戒処分について'].sort());
    const forChief = await ok(town.chief.client.get<BinderDetail>(`/api/records/binders/${binder.id}`));
    expect(forChief.entries.find((e) => e.id === secret.id)).toMatchObject({
      kind: 'document',
      secret: true,
      onPaper: false,
    });
    // The counts are numbers of everything filed, for everyone.
    const listed = await search(
      `fiscalYear=2024&departmentId=${town.departments.section.id}&classification=00`,
    );
    expect(listed.items[0]).toMatchObject({ documentCount: 2, receiptCount: 0 });
    expect(open.id).toBeTruthy();
  });
});
