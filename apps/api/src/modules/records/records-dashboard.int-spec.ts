import type { ApprovalDocument, ApprovalTemplate, RecordsDashboard } from '@ringi/contracts';
import { fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  makeApprovalTown,
  ok,
  type ApprovalTown,
  type Person,
} from '../../../../../tests/support/approvals';
import type { TestClient } from '../../../../../tests/support/http';

describe('records dashboard: 電子決裁率, lead time, waiting documents, overdue replies, binders due, CSV', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;
  const today = tokyoDate();
  const year = fiscalYearOf(today);
  const past = year - 1;
  const ids: Record<string, string> = {};

  const dashboard = (client: TestClient, query = '') =>
    client.get<RecordsDashboard & { code?: string; message?: string }>(`/api/records/dashboard?${query}`);
  const figuresOf = async (who: Person, query: string) => {
    const res = await dashboard(who.client, query);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };

  /** A complete decided document row (the dates fixed: the guard refuses changing them once decided). */
  const decided = async (o: {
    department: { id: string };
    submittedAt: string;
    decidedAt: string;
    paper?: boolean;
    code?: string;
  }) => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO approval_document (template_id, drafter_id, department_id, fiscal_year, status, title, disclosure,
                                      retention, state, submitted_at, decided_at, paper_reason, paper_decided_by)
       VALUES ($1, $2, $3, $4, 'decided', '試験の決裁', 'public', '5', '{"stages": []}', $5, $6, $7, $8)
       RETURNING id`,
      [
        templates.get(o.code ?? 'GENERAL')?.id,
        town.clerk.id,
        o.department.id,
        fiscalYearOf(o.decidedAt.slice(0, 10)),
        o.submittedAt,
        o.decidedAt,
        o.paper ? '災害時のため書面で決裁' : null,
        o.paper ? '町長 山田一郎' : null,
      ],
    );
    return row!.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
    const { section, finance, division } = town.departments;

    // The past 年度: 総務係 in May, 3 electronic (2 h, 4 h, 30 h) and 1 on paper; a 供覧 (not counted).
    await decided({
      department: section,
      submittedAt: `${past}-05-10T09:00:00+09:00`,
      decidedAt: `${past}-05-10T11:00:00+09:00`,
    });
    await decided({
      department: section,
      submittedAt: `${past}-05-11T09:00:00+09:00`,
      decidedAt: `${past}-05-11T13:00:00+09:00`,
    });
    await decided({
      department: section,
      submittedAt: `${past}-05-12T09:00:00+09:00`,
      decidedAt: `${past}-05-13T15:00:00+09:00`,
    });
    await decided({
      department: section,
      submittedAt: `${past}-05-12T09:00:00+09:00`,
      decidedAt: `${past}-05-20T10:00:00+09:00`,
      paper: true,
    });
    await decided({
      department: section,
      submittedAt: `${past}-05-12T09:00:00+09:00`,
      decidedAt: `${past}-05-20T10:00:00+09:00`,
      code: 'CIRCULATION',
    });
    // 00:30 on June 1 in Japan (still May 31 in UTC): June, on paper.
    await decided({
      department: section,
      submittedAt: `${past}-05-30T09:00:00+09:00`,
      decidedAt: `${past}-05-31T15:30:00Z`,
      paper: true,
    });
    // 財政課 in March (23:59 on the last day in Japan) 10 h; April 1 in Japan belongs to the next 年度.
    await decided({
      department: finance,
      submittedAt: `${past + 1}-03-31T13:59:00+09:00`,
      decidedAt: `${past + 1}-03-31T14:59:00Z`,
    });
    await decided({
      department: finance,
      submittedAt: `${past + 1}-03-31T09:00:00+09:00`,
      decidedAt: `${past + 1}-03-31T15:00:00Z`,
      paper: true,
    });

    // This 年度, through the API: submitted 5 hours before it is decided.
    const draft = await ok(
      town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: templates.get('GENERAL')?.id,
        title: '防災訓練の実施について',
      }),
      201,
    );
    const submitted = await ok(act(town.clerk.client, draft, { type: 'submit' }));
    await t.dataSource.query(
      `UPDATE approval_document SET submitted_at = now() - interval '5 hours' WHERE id = $1`,
      [submitted.id],
    );
    const approved = await ok(
      act(town.leader.client, submitted, { type: 'approve', stepId: activeFor(submitted, town.leader) }),
    );
    await ok(act(town.chief.client, approved, { type: 'decide', stepId: activeFor(approved, town.chief) }));

    // Waiting: one on its route through the API (with the 係長; the 課長 holds its next step), and two rows of
    // 総務係 submitted long ago, off everyone's route: one open to the department, one secret.
    const waiting = await ok(
      town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: templates.get('GENERAL')?.id,
        title: '庁舎清掃業務の委託について',
      }),
      201,
    );
    ids.waiting = (await ok(act(town.clerk.client, waiting, { type: 'submit' }))).id;
    await t.dataSource.query(
      `UPDATE approval_document SET submitted_at = now() - interval '3 days' WHERE id = $1`,
      [ids.waiting],
    );
    for (const [name, secret, days] of [
      ['open', false, 40],
      ['secret', true, 50],
    ] as const) {
      const [row]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO approval_document (template_id, drafter_id, department_id, fiscal_year, status, title,
                                        disclosure, retention, state, submitted_at, secret)
         VALUES ($1, $2, $3, $4, 'in_progress', $5, 'public', '5', '{"stages": []}', now() - make_interval(days => $6), $7)
         RETURNING id`,
        [templates.get('GENERAL')?.id, town.clerk2.id, section.id, year, `${name}の起案`, days, secret],
      );
      ids[name] = row!.id;
    }

    // Receipts of 総務課: overdue (one open, one secret), not yet due, answered.
    const receipt = async (serial: number, due: string, o: { secret?: boolean; replied?: string } = {}) => {
      const [row]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO records_receipt (client_id, department_id, fiscal_year, serial, number, subject, received_on,
                                      sender, medium, reply_required, reply_due_on, replied_on, secret, registered_by)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, '県総務部', 'paper', true, $7, $8, $9, $10) RETURNING id`,
        [
          division.id,
          year,
          serial,
          `総務収第${serial}号`,
          `照会${serial}`,
          `${year}-04-01`,
          due,
          o.replied ?? null,
          o.secret ?? false,
          town.clerk.id,
        ],
      );
      return row!.id;
    };
    ids.overdue = await receipt(1, `${year}-04-10`);
    ids.overdueSecret = await receipt(2, `${year}-04-05`, { secret: true });
    await receipt(3, `${year + 1}-03-31`);
    await receipt(4, `${year}-04-10`, { replied: `${year}-04-09` });

    // Binders: 総務課's due at the end of this 年度 and one later; 財政課's due.
    const [item]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO records_file_plan_item (code, major, middle, minor, title, retention, end_action)
       VALUES ('01-01', '総務', '文書', '', '文書管理', '5', 'dispose') RETURNING id`,
    );
    const binder = async (department: { id: string }, fy: number, endsOn: string) => {
      const [row]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO records_binder (plan_item_id, department_id, fiscal_year, code, title, retention, end_action,
                                     retention_ends_on)
         VALUES ($1, $2, $3, '01-01', '文書管理', '5', 'dispose', $4) RETURNING id`,
        [item!.id, department.id, fy, endsOn],
      );
      return row!.id;
    };
    ids.binderDue = await binder(division, year - 6, `${year + 1}-03-31`);
    await binder(division, year - 4, `${year + 3}-03-31`);
    ids.binderFinance = await binder(finance, year - 6, `${year + 1}-03-31`);
  });

  afterAll(() => t?.close());

  it('counts decisions per department and month in Japan time, without 供覧, with the rate and the lead time', async () => {
    const d = await figuresOf(town.admin, `fiscalYear=${past}`);
    expect(d.fiscalYear).toBe(past);
    const { section, finance } = town.departments;
    const rows = d.months.map((m) => [
      m.month,
      m.departmentId,
      m.electronic,
      m.paper,
      m.electronicRate,
      m.leadTimeMedianHours,
      m.leadTimeMaxHours,
    ]);
    expect(rows).toEqual([
      [`${past}-05`, section.id, 3, 1, 0.75, 4, 30],
      [`${past}-06`, section.id, 0, 1, 0, null, null],
      [`${past + 1}-03`, finance.id, 1, 0, 1, 10, 10],
    ]);
    expect(d.totals).toEqual({
      electronic: 4,
      paper: 2,
      electronicRate: 4 / 6,
      leadTimeMedianHours: 7,
      leadTimeMaxHours: 30,
    });
    expect(d.byMonth.map((m) => m.month)).toHaveLength(12);
    expect(d.byMonth[0]).toMatchObject({
      month: `${past}-04`,
      electronic: 0,
      paper: 0,
      electronicRate: null,
    });
    expect(d.byMonth[1]).toMatchObject({ month: `${past}-05`, electronic: 3, paper: 1 });
    expect(d.byDepartment.map((x) => [x.departmentId, x.electronic, x.paper])).toEqual([
      [finance.id, 1, 0],
      [section.id, 3, 2],
    ]);

    const now = await figuresOf(town.admin, '');
    expect(now.fiscalYear).toBe(year);
    expect(now.totals).toMatchObject({ electronic: 1, paper: 1, electronicRate: 0.5 });
    expect(now.totals.leadTimeMedianHours).toBeCloseTo(5, 0);
  });

  it('shows administrators every department, a head their own and those below, and nobody else', async () => {
    const { section, division, finance } = town.departments;
    const admin = await figuresOf(town.admin, `fiscalYear=${past}`);
    expect(admin.departments.map((x) => x.id)).toEqual(
      expect.arrayContaining([section.id, division.id, finance.id]),
    );

    const chief = await figuresOf(town.chief, `fiscalYear=${past}`);
    expect(chief.departments.map((x) => x.id).sort()).toEqual([division.id, section.id].sort());
    expect(chief.totals).toMatchObject({ electronic: 3, paper: 2 });
    const chiefSection = await figuresOf(town.chief, `fiscalYear=${past}&departmentId=${section.id}`);
    expect(chiefSection.totals).toMatchObject({ electronic: 3, paper: 2 });
    const leader = await figuresOf(town.leader, `fiscalYear=${past}`);
    expect(leader.departments.map((x) => x.id)).toEqual([section.id]);

    const refused = await dashboard(town.chief.client, `departmentId=${finance.id}`);
    expect([refused.status, refused.body.code]).toEqual([403, 'records/dashboard_not_allowed']);
    const upward = await dashboard(town.leader.client, `departmentId=${division.id}`);
    expect([upward.status, upward.body.code]).toEqual([403, 'records/dashboard_not_allowed']);
    const staff = await dashboard(town.clerk.client);
    expect([staff.status, staff.body.code]).toEqual([403, 'records/dashboard_not_allowed']);
    expect(staff.body.message).toContain('管理者');
    const csv = await town.clerk.client.get(`/api/records/dashboard.csv`);
    expect(csv.status).toBe(403);

    const bad = await dashboard(town.admin.client, 'fiscalYear=abc');
    expect(bad.status).toBe(400);
    const unknown = await dashboard(town.admin.client, 'foo=1');
    expect(unknown.status).toBe(400);
  });

  it('lists the documents waiting longest that the person may see: never a secret one off their route', async () => {
    const admin = await figuresOf(town.admin, '');
    expect(admin.waitingLongest.map((w) => w.documentId)).toEqual([ids.secret, ids.open, ids.waiting]);
    expect(admin.waitingLongest[0]).toMatchObject({ title: 'secretの起案', waitingDays: 50 });

    // The 係長 (head of 総務係) sees the open one through the department and the one on their route.
    const leader = await figuresOf(town.leader, '');
    expect(leader.waitingLongest.map((w) => w.documentId)).toEqual([ids.open, ids.waiting]);
    expect(JSON.stringify(leader)).not.toContain('secretの起案');
    // The 課長 only the one whose next step they hold.
    const chief = await figuresOf(town.chief, '');
    expect(chief.waitingLongest.map((w) => [w.documentId, w.waitingDays])).toEqual([[ids.waiting, 3]]);
    expect(JSON.stringify(chief)).not.toContain('secretの起案');
  });

  it('lists replies overdue the person may see, oldest deadline first, and binders due by the end of the 年度', async () => {
    const admin = await figuresOf(town.admin, '');
    expect(admin.repliesOverdue.map((r) => r.id)).toEqual([ids.overdueSecret, ids.overdue]);
    expect(admin.repliesOverdue[1]).toMatchObject({
      number: '総務収第1号',
      departmentName: '総務課',
      replyStatus: 'overdue',
      registeredByName: expect.any(String),
    });
    expect(admin.dueForDisposal.map((b) => b.id).sort()).toEqual([ids.binderDue, ids.binderFinance].sort());
    expect(admin.dueForDisposal[0]).toMatchObject({ classification: '総務 / 文書', documentCount: 0 });

    const chief = await figuresOf(town.chief, '');
    expect(chief.repliesOverdue.map((r) => r.id)).toEqual([ids.overdue]);
    expect(chief.dueForDisposal.map((b) => b.id)).toEqual([ids.binderDue]);
  });

  it('exports the department months as CSV in UTF-8 with BOM and Japanese headers', async () => {
    const res = await fetch(`${t.url}/api/records/dashboard.csv?fiscalYear=${past}`, {
      headers: { cookie: town.admin.client.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8').decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toEqual([
      '年月,課,電子決裁,書面決裁,電子決裁率(%),所要時間中央値(時間),最長(時間)',
      `${past}-05,総務係,3,1,75,4,30`,
      `${past}-06,総務係,0,1,0,,`,
      `${past + 1}-03,財政課,1,0,100,10,10`,
    ]);
  });
});
