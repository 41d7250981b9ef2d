import {
  ERRORS,
  type ApprovalDocument,
  type ApprovalSearchResult,
  type ApprovalTemplate,
} from '@ringi/contracts';
import { fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeApprovalTown, type ApprovalTown, type Person } from '../../../../../tests/support/approvals';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { asError, type TestClient } from '../../../../../tests/support/http';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

describe('approval search: every filter alone and combined, paging, and the document policy in SQL', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;
  /** Documents by name, as last returned by the API. */
  const docs: Record<string, ApprovalDocument> = {};
  /** A 係長 of 財政課 registered as the 総務課長's deputy (代決者); and someone with no part in anything. */
  let chiefsDeputy: Person;
  let stranger: Person;

  const ok = async (res: Promise<{ status: number; body: ApprovalDocument; text: string }>) => {
    const r = await res;
    if (r.status !== 200 && r.status !== 201) throw new Error(`${r.status} ${r.text}`);
    return r.body;
  };
  const draft = (who: Person, body: Record<string, unknown>, code = 'GENERAL') =>
    ok(
      who.client.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: templates.get(code)?.id,
        ...body,
      }),
    );
  const act = (who: Person, doc: ApprovalDocument, action: Record<string, unknown>) =>
    ok(
      who.client.request<ApprovalDocument>('POST', `/api/approvals/documents/${doc.id}/actions`, {
        json: { action, lockVersion: doc.lockVersion },
      }),
    );
  const activeFor = (doc: ApprovalDocument, who: Person) =>
    doc.stages
      .flatMap((s) => s.steps)
      .find((s) => s.status === 'active' && s.holders.some((h) => h.id === who.id))?.id as string;
  const expenditure = { budgetItem: '需用費', paymentMethod: '口座振替' };

  const search = (client: TestClient, query: Record<string, string | number | string[]>) => {
    const qs = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      for (const v of Array.isArray(value) ? value : [value]) qs.append(key, String(v));
    return client.get<ApprovalSearchResult>(`/api/approvals/search?${qs}`);
  };
  /** The names of the documents found (every page), sorted; fails on anything but 200. */
  const found = async (client: TestClient, query: Record<string, string | number | string[]> = {}) => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const res = await search(client, { ...query, page, pageSize: 100 });
      if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
      ids.push(...res.body.items.map((i) => i.id));
      if (page * 100 >= res.body.total) break;
    }
    const names = new Map(Object.entries(docs).map(([name, d]) => [d.id, name]));
    return ids.map((id) => names.get(id) ?? id).sort();
  };

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
    const person = async (user: Awaited<ReturnType<typeof makeUser>>): Promise<Person> => {
      const client = t.client();
      await client.signIn(user.staffNumber, TEST_PASSWORD);
      return { ...user, client };
    };
    chiefsDeputy = await person(
      await makeUser(t, { department: town.departments.finance, position: town.positions.leader }),
    );
    stranger = await person(await makeUser(t));
    // Names to search the drafter by (the factory names everyone 試験 太郎).
    await t.dataSource.query(
      `UPDATE app_user SET family_name = '山田', given_name = '花子', family_name_kana = 'ヤマダ', given_name_kana = 'ハナコ' WHERE id = $1`,
      [town.clerk.id],
    );
    await t.dataSource.query(
      `UPDATE app_user SET family_name = '佐藤', given_name = '一郎', family_name_kana = 'サトウ', given_name_kana = 'イチロウ' WHERE id = $1`,
      [town.clerk2.id],
    );

    const setSubmittedAt = (doc: ApprovalDocument, at: string) =>
      t.dataSource.query(`UPDATE approval_document SET submitted_at = $2 WHERE id = $1`, [doc.id, at]);
    // A draft nobody else sees.
    docs.draft = await draft(town.clerk, { title: '庁舎清掃業務の委託について' });
    // Decided by the 課長: 係長 approved, 課長 decided.
    const paper = await act(
      town.clerk,
      await draft(
        town.clerk,
        {
          title: 'コピー用紙の購入',
          amount: 120000,
          counterparty: '株式会社ＡＢＣ商事',
          fields: expenditure,
        },
        'EXPENDITURE',
      ),
      { type: 'submit' },
    );
    await setSubmittedAt(paper, '2026-04-01T00:30:00+09:00');
    const paperApproved = await act(town.leader, paper, {
      type: 'approve',
      stepId: activeFor(paper, town.leader),
    });
    docs.paper = await act(town.chief, paperApproved, {
      type: 'decide',
      stepId: activeFor(paperApproved, town.chief),
    });
    // With the 係長 now; the 課長 and the 副町長 (decider above 500,000 yen) wait.
    const road = await draft(
      town.clerk,
      {
        title: '道路補修工事の契約',
        amount: 1_000_000,
        counterparty: '山田建設株式会社',
        fields: expenditure,
      },
      'EXPENDITURE',
    );
    docs.road = await act(town.clerk, road, { type: 'submit' });
    // A 一般起案 (seen by the drafter's department) with the 課長 now, whose deputy sees it too.
    const drill = await act(town.clerk, await draft(town.clerk, { title: '防災訓練の実施について' }), {
      type: 'submit',
    });
    docs.drill = await act(town.leader, drill, { type: 'approve', stepId: activeFor(drill, town.leader) });
    // Sent back to the drafter by the 係長.
    const ict = await act(town.clerk, await draft(town.clerk, { title: 'ＩＣＴ機器の更新' }), {
      type: 'submit',
    });
    docs.ict = await act(town.leader, ict, {
      type: 'send_back',
      stepId: activeFor(ict, town.leader),
      to: { type: 'drafter' },
      reason: '見積を添えてください',
    });
    // By the other 主事, with a 合議 of 財政課's 主事 (the outsider, a future holder) before the decision.
    docs.budget = await act(
      town.clerk2,
      await draft(town.clerk2, {
        title: '予算要求について',
        consultations: [{ mode: 'all', assignees: [{ type: 'user', userId: town.outsider.id }] }],
      }),
      { type: 'submit' },
    );
    // An expenditure (not department-visible) of the other 主事, withdrawn before anyone acted.
    docs.fuel = await act(
      town.clerk2,
      await act(
        town.clerk2,
        await draft(
          town.clerk2,
          { title: '公用車燃料費', amount: 500000, counterparty: '町内石油', fields: expenditure },
          'EXPENDITURE',
        ),
        { type: 'submit' },
      ),
      { type: 'withdraw' },
    );
    const registered = await town.chief.client.post('/api/me/deputies', {
      deputyUserId: chiefsDeputy.id,
      validFrom: tokyoDate(),
    });
    expect(registered.status).toBe(201);

    // Fixed dates and numbers to search by (the Tokyo day boundary: 2026-04-01 00:30 JST is 03-31 in UTC).
    const set = (doc: ApprovalDocument, sql: string, values: unknown[]) =>
      t.dataSource.query(`UPDATE approval_document SET ${sql} WHERE id = $1`, [doc.id, ...values]);
    // (The decided one keeps its number and dates: a decided document is never changed.)
    await set(docs.road, 'submitted_at = $2, number = $3', ['2026-03-31T23:30:00+09:00', '総務第112号']);
    await set(docs.ict, 'number = $2', ['総務第12号']);
    await set(docs.budget, 'submitted_at = $2, number = $3, amount = $4, counterparty = $5', [
      '2026-05-15T12:00:00+09:00',
      '財政第12号',
      30000,
      'abc商事',
    ]);
  });
  afterAll(() => t.close());

  it('finds by each filter alone', async () => {
    const admin = town.admin.client;
    const all = ['budget', 'draft', 'drill', 'fuel', 'ict', 'paper', 'road'];
    expect(await found(admin)).toEqual(all);
    // Number: digits are the serial; anything else a part of the number.
    expect(docs.paper.number).toBe('総務第1号');
    expect(await found(admin, { number: '12' })).toEqual(['budget', 'ict']);
    expect(await found(admin, { number: '１２' })).toEqual(['budget', 'ict']);
    expect(await found(admin, { number: '総務第12号' })).toEqual(['ict']);
    expect(await found(admin, { number: '第1号' })).toEqual(['paper']);
    expect(await found(admin, { number: '総務' })).toEqual(['ict', 'paper', 'road']);
    expect(await found(admin, { number: '%' })).toEqual([]);
    // 件名: a part, full/half width and letter case ignored.
    expect(await found(admin, { title: '購入' })).toEqual(['paper']);
    expect(await found(admin, { title: 'ict' })).toEqual(['ict']);
    expect(await found(admin, { title: 'について' })).toEqual(['budget', 'draft', 'drill']);
    // Drafter: by id, by name (with or without the space) and by kana (ひらがな or カタカナ).
    expect(await found(admin, { drafter: town.clerk2.id })).toEqual(['budget', 'fuel']);
    expect(await found(admin, { drafter: '山田花子' })).toEqual(['draft', 'drill', 'ict', 'paper', 'road']);
    expect(await found(admin, { drafter: '佐藤 一郎' })).toEqual(['budget', 'fuel']);
    expect(await found(admin, { drafter: 'さとう' })).toEqual(['budget', 'fuel']);
    expect(await found(admin, { drafter: '鈴木' })).toEqual([]);
    expect(await found(admin, { departmentId: town.departments.section.id })).toEqual(all);
    expect(await found(admin, { departmentId: town.departments.finance.id })).toEqual([]);
    expect(await found(admin, { templateId: templates.get('EXPENDITURE')?.id as string })).toEqual([
      'fuel',
      'paper',
      'road',
    ]);
    expect(await found(admin, { status: 'decided' })).toEqual(['paper']);
    expect(await found(admin, { status: ['in_progress', 'sent_back'] })).toEqual([
      'budget',
      'drill',
      'ict',
      'road',
    ]);
    expect(await found(admin, { counterparty: 'ABC' })).toEqual(['budget', 'paper']);
    expect(await found(admin, { counterparty: '建設' })).toEqual(['road']);
    // Dates are Japan days, both ends inclusive.
    expect(await found(admin, { from: '2026-04-01', to: '2026-04-01' })).toEqual(['paper']);
    expect(await found(admin, { to: '2026-03-31' })).toEqual(['road']);
    expect(await found(admin, { from: '2026-04-02', to: '2026-05-15' })).toEqual(['budget']);
    expect(await found(admin, { dateField: 'decided', from: tokyoDate() })).toEqual(['paper']);
    expect(await found(admin, { dateField: 'completed', from: '2000-01-01' })).toEqual([]);
    // Amounts in yen, both ends inclusive.
    expect(await found(admin, { amountMin: 120000, amountMax: 500000 })).toEqual(['fuel', 'paper']);
    expect(await found(admin, { amountMin: 500001 })).toEqual(['road']);
    expect(await found(admin, { amountMax: 30000 })).toEqual(['budget']);
    expect(await found(admin, { fiscalYear: fiscalYearOf(tokyoDate()) })).toEqual(all);
    expect(await found(admin, { fiscalYear: 2001 })).toEqual([]);
  });

  it('combines the filters (date, amount and counterparty together, as the 電子帳簿保存法 asks) and sorts', async () => {
    const admin = town.admin.client;
    expect(
      await found(admin, { from: '2026-03-31', to: '2026-04-30', amountMin: 100000, counterparty: 'ａｂｃ' }),
    ).toEqual(['paper']);
    expect(
      await found(admin, {
        title: '工事',
        amountMin: 1_000_000,
        amountMax: 1_000_000,
        status: ['in_progress'],
        drafter: 'ヤマダ',
        templateId: templates.get('EXPENDITURE')?.id as string,
        departmentId: town.departments.section.id,
        number: '112',
        from: '2026-03-31',
        to: '2026-03-31',
      }),
    ).toEqual(['road']);
    expect(await found(admin, { title: '工事', amountMax: 999_999 })).toEqual([]);
    expect(await found(admin, { counterparty: 'abc', status: 'decided', amountMin: 200000 })).toEqual([]);

    const names = new Map(Object.entries(docs).map(([name, d]) => [d.id, name]));
    const order = async (query: Record<string, string>) =>
      (await search(admin, query)).body.items.map((i) => names.get(i.id));
    // Newest submission first; those never submitted last.
    expect(await order({})).toEqual(['fuel', 'ict', 'drill', 'budget', 'paper', 'road', 'draft']);
    expect(await order({ sort: 'oldest' })).toEqual([
      'road',
      'paper',
      'budget',
      'drill',
      'ict',
      'fuel',
      'draft',
    ]);
    expect(await order({ sort: 'amount_desc', amountMin: '1' })).toEqual(['road', 'fuel', 'paper', 'budget']);
    expect(await order({ sort: 'amount_asc', amountMin: '1' })).toEqual(['budget', 'paper', 'fuel', 'road']);

    const res = await search(admin, { title: 'コピー用紙' });
    expect(res.body.items[0]).toMatchObject({
      title: 'コピー用紙の購入',
      status: 'decided',
      amount: 120000,
      counterparty: '株式会社ＡＢＣ商事',
      templateName: '支出負担行為',
      drafterName: '山田 花子',
      departmentName: '総務係',
      submittedAt: new Date('2026-04-01T00:30:00+09:00').toISOString(),
    });
    expect(res.body.items[0].decidedAt).not.toBeNull();
  });

  it('pages through the results without gaps or repeats', async () => {
    const admin = town.admin.client;
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map(async (page) => (await search(admin, { page, pageSize: 2 })).body),
    );
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 1, 0]);
    expect(pages.every((p) => p.total === 7 && p.pageSize === 2)).toBe(true);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(7);
    expect((await search(admin, {})).body).toMatchObject({ page: 1, pageSize: 20, total: 7 });
  });

  it('finds exactly the documents the document policy lets each person see', async () => {
    const policy = t.app.get(ApprovalDocumentPolicy);
    const all = await t.dataSource.getRepository(ApprovalDocumentEntity).find();
    const tpl = new Map(
      (await t.dataSource.getRepository(ApprovalTemplateEntity).find()).map((x) => [x.id, x]),
    );
    const names = new Map(Object.entries(docs).map(([name, d]) => [d.id, name]));
    const people: Record<string, Person> = {
      admin: town.admin,
      drafter: town.clerk,
      actedApprover: town.leader,
      currentHolder: town.chief,
      futureHolder: town.deputy,
      consultee: town.outsider,
      deputyOfHolder: chiefsDeputy,
      sameDepartment: town.clerk2,
      mayor: town.mayor,
      stranger,
    };
    const seen: Record<string, string[]> = {};
    for (const [role, who] of Object.entries(people)) {
      const user = { id: who.id, role: who.role } as AuthUser;
      const allowed: string[] = [];
      for (const doc of all)
        if (await policy.canSee(user, doc, tpl.get(doc.templateId) as ApprovalTemplateEntity))
          allowed.push(names.get(doc.id) ?? doc.id);
      seen[role] = await found(who.client);
      expect({ role, seen: seen[role] }).toEqual({ role, seen: allowed.sort() });
    }
    // And what that is, spelled out (so the equivalence is not between two empty sets).
    expect(seen).toEqual({
      admin: ['budget', 'draft', 'drill', 'fuel', 'ict', 'paper', 'road'],
      drafter: ['budget', 'draft', 'drill', 'ict', 'paper', 'road'],
      actedApprover: ['budget', 'drill', 'fuel', 'ict', 'paper', 'road'],
      // 差戻し and 引戻し: the route's future steps wait again, so their holders still see the document.
      currentHolder: ['budget', 'drill', 'fuel', 'ict', 'paper', 'road'],
      futureHolder: ['road'],
      consultee: ['budget'],
      deputyOfHolder: ['drill'],
      sameDepartment: ['budget', 'drill', 'fuel', 'ict'],
      mayor: [],
      stranger: [],
    });
  });

  it('finds nothing of others for an unrelated person, whatever the filters', async () => {
    expect(await found(stranger.client, { title: '購入' })).toEqual([]);
    expect(await found(stranger.client, { drafter: town.clerk.id })).toEqual([]);
    expect(await found(stranger.client, { status: ['draft', 'decided', 'in_progress'] })).toEqual([]);
    const mine = await draft(stranger, { title: 'コピー用紙の購入について' });
    expect(await found(stranger.client, { title: '購入' })).toEqual([mine.id]);
    expect(await found(town.clerk.client, { title: '購入' })).toEqual(['paper']);
    await t.dataSource.query(`DELETE FROM approval_document WHERE id = $1`, [mine.id]);
    expect((await t.client().get('/api/approvals/search')).status).toBe(401);
  });

  it('refuses bad input with 400 and a message in the person’s language', async () => {
    const ja = town.clerk.client;
    const en = t.client({ locale: 'en' });
    await en.signIn(town.clerk.staffNumber, TEST_PASSWORD);
    const dates = await search(ja, { from: '2026-05-01', to: '2026-04-01' });
    expect(dates.status).toBe(400);
    expect(asError(dates)).toMatchObject({
      code: 'approval/search_date_range_invalid',
      message: ERRORS['approval/search_date_range_invalid'].ja,
    });
    const amounts = await search(en, { amountMin: 2, amountMax: 1 });
    expect(amounts.status).toBe(400);
    expect(asError(amounts)).toMatchObject({
      code: 'approval/search_amount_range_invalid',
      message: ERRORS['approval/search_amount_range_invalid'].en,
    });
    for (const query of <Record<string, string | number>[]>[
      { pageSize: 101 },
      { page: 0 },
      { status: 'nope' },
      { from: '2026-02-30' },
      { amountMin: -1 },
      { amountMax: 'many' },
      { dateField: 'created' },
      { sort: 'random' },
      { departmentId: 'x' },
      { unknown: '1' },
      { title: ' ' },
    ]) {
      const res = await search(ja, query);
      expect({ query, status: res.status, code: asError(res).code }).toEqual({
        query,
        status: 400,
        code: 'request/validation_failed',
      });
      expect(asError(res).message).toBe(ERRORS['request/validation_failed'].ja);
    }
  });
});
