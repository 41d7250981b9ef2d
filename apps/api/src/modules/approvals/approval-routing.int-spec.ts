import { tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { ApprovalRoutingService } from './approval-routing.service';

/** The default route in the demo town: the drafter's line up to the decider of the 専決規程, nobody else. */
describe('default routes in the demo town', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t.close());

  async function routeNames(staffNumber: string, category: string, amount: number | null) {
    const [{ user_id, department_id }] = await t.dataSource.query(
      `SELECT m.user_id, m.department_id FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE u.staff_number = $1 AND m.is_primary`,
      [staffNumber],
    );
    const route = await t.app.get(ApprovalRoutingService).defaultRoute({
      kind: 'decision',
      drafterId: user_id,
      departmentId: department_id,
      category,
      amount,
      consultations: [],
      reviewers: [],
      on: tokyoDate(),
    });
    const positionIds = route.flatMap((stage) =>
      stage.steps.map((step) => (step.assignee.type === 'position' ? step.assignee.positionId : '')),
    );
    const rows: { id: string; name: string }[] = await t.dataSource.query(
      `SELECT id, name FROM position WHERE id = ANY($1::uuid[])`,
      [positionIds.filter(Boolean)],
    );
    return positionIds.map((id) => rows.find((r) => r.id === id)?.name);
  }

  it('climbs to the 副町長 for 1,200,000 yen without passing the board of education (教育長)', async () => {
    const names = await routeNames('1010', 'expenditure', 1_200_000);
    expect(names).not.toContain('教育長');
    expect(names[names.length - 1]).toBe('副町長');
  });

  it('ends at the 課長 for a small amount', async () => {
    const names = await routeNames('1010', 'expenditure', 30_000);
    expect(names[names.length - 1]).toBe('課長');
    expect(names).not.toContain('副町長');
  });
});
