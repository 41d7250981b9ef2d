import type { ApprovalDocument, ApprovalTemplate } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../../tests/support/app';
import { DEMO_PASSWORD } from '../../org/seed/demo-town';
import { DemoTownSeeder } from '../../org/seed/demo-town.seeder';
import { ApprovalsSeeder } from './approvals.seeder';

describe('the demo approval templates and 専決規程', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t.close());

  it('survive a re-seed of the town (npm run seed): the rules go with the old positions and come back on the next start', async () => {
    await t.app.get(DemoTownSeeder).reset();
    await t.app.get(ApprovalsSeeder).onApplicationBootstrap();
    const rules = await t.dataSource.query(`SELECT count(*)::int AS n FROM decision_authority_rule`);
    expect(rules[0].n).toBe(6);
  });

  it('adds on the next start a demo template the install was seeded without (打刻修正届), and only that one', async () => {
    await t.dataSource.query(`DELETE FROM approval_template WHERE code = 'PUNCH_CORRECTION'`);
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM approval_template`);
    await t.app.get(ApprovalsSeeder).onApplicationBootstrap();
    await t.app.get(ApprovalsSeeder).onApplicationBootstrap();
    const after = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE code = 'PUNCH_CORRECTION')::int AS added
         FROM approval_template`,
    );
    expect(after[0]).toEqual({ n: before[0].n + 1, added: 1 });
  });

  it('are seeded after the demo town and route a 総務係 draft to the 課長, or up to the 副町長 or 町長 by amount', async () => {
    const clerk = t.client();
    await clerk.signIn('1010', DEMO_PASSWORD); // 総務係 主事
    const templates = await clerk.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    expect(templates.body.items.map((tp) => tp.name)).toEqual([
      '一般起案',
      '支出負担行為',
      '物品購入',
      '出張命令',
      '時間外勤務命令',
      '休暇届',
      '打刻修正届',
      '供覧',
      '廃棄目録',
    ]);
    const byCode = new Map(templates.body.items.map((tp) => [tp.code, tp.id]));
    const route = async (code: string, extra: Record<string, unknown> = {}) => {
      const res = await clerk.post<ApprovalDocument>('/api/approvals/documents', {
        templateId: byCode.get(code),
        title: 'デモの起案',
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body.stages.map((s) => s.steps.map((st) => `${st.kind}:${st.assigneeLabel}`).join());
    };
    expect(await route('GENERAL')).toEqual([
      'approve:総務係 係長',
      'approve:総務課 課長補佐',
      'decide:総務課 課長',
    ]);
    const expenditure = {
      counterparty: '株式会社デモ',
      fields: { budgetItem: '委託料', paymentMethod: '口座振替' },
    };
    expect((await route('EXPENDITURE', { ...expenditure, amount: 5_000_000 })).at(-1)).toBe(
      'decide:町長室 町長',
    );
    expect((await route('EXPENDITURE', { ...expenditure, amount: 2_000_000 })).at(-1)).toBe(
      'decide:町長室 副町長',
    );
  });
});
