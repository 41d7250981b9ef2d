import type { ApprovalDocument, MyOvertime, OvertimeRequestResult } from '@ringi/contracts';
import { addWorkingDays, isWorkingDay, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  makeApprovalTown,
  steps,
  type ApprovalTown,
} from '../../../../../tests/support/approvals';
import { ok, type TestClient } from '../../../../../tests/support/http';
import { eventually } from '../../../../../tests/support/sockets';

const workingDay = (from = tokyoDate()) => (isWorkingDay(from) ? from : addWorkingDays(from, 1));

describe('attendance: overtime through the approval route, against the limits (時間外勤務)', () => {
  let t: TestApp;
  let town: ApprovalTown;

  const mine = (client: TestClient) => ok(client.get<MyOvertime>('/api/attendance/me/overtime'));
  const ask = (client: TestClient, body: Record<string, unknown>) =>
    client.post<OvertimeRequestResult & { code?: string; message?: string }>(
      '/api/attendance/me/overtime-requests',
      body,
    );
  /** Everyone on the route acts in turn until the document is decided. */
  async function decide(documentId: string): Promise<void> {
    for (const who of [town.leader, town.chief]) {
      const doc = await ok(who.client.get<ApprovalDocument>(`/api/approvals/documents/${documentId}`));
      const stepId = activeFor(doc, who);
      if (!stepId) continue;
      const kind = steps(doc).find((s) => s.id === stepId)!.kind;
      await ok(act(who.client, doc, { type: kind === 'decide' ? 'decide' : 'approve', stepId }));
    }
  }
  function untilStatus(client: TestClient, id: string, status: string): Promise<MyOvertime> {
    return eventually(
      () => mine(client),
      (now) => now.requests.find((r) => r.id === id)?.status === status,
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
  });
  afterAll(() => t.close());

  it('counts overtime once decided, takes the hours worked as reported, and only the person’s own', async () => {
    const day = workingDay();
    const made = await ok(
      ask(town.clerk.client, { workDate: day, minutes: 120, reason: '予算資料の作成' }),
      201,
    );
    expect(made.request).toMatchObject({ workDate: day, plannedMinutes: 120, status: 'pending' });
    expect((await mine(town.clerk.client)).monthMinutes).toBe(0);
    await decide(made.request.approvalDocumentId!);
    const approved = await untilStatus(town.clerk.client, made.request.id, 'approved');
    expect(approved.requests[0]!.status).toBe('approved');
    expect(approved.monthMinutes).toBe(120);
    expect(approved).toMatchObject({ monthLimitMinutes: 45 * 60, yearLimitMinutes: 360 * 60 });
    const reported = await ok(
      town.clerk.client.post<MyOvertime>(`/api/attendance/me/overtime-requests/${made.request.id}/actual`, {
        minutes: 90,
      }),
    );
    expect(reported.monthMinutes).toBe(90);
    expect(
      (
        await town.clerk2.client.post(`/api/attendance/me/overtime-requests/${made.request.id}/actual`, {
          minutes: 10,
        })
      ).status,
    ).toBe(404);
    expect((await mine(town.clerk2.client)).requests).toEqual([]);
  });

  it('warns the person and their chief near the monthly limit, and refuses past it unless 特例業務', async () => {
    const day = workingDay();
    // 35 hours over five days (the same month): below the warning (36 h, 80 % of 45 h).
    for (let i = 0; i < 5; i++) {
      const first = await ok(
        ask(town.clerk2.client, { workDate: addWorkingDays(day, i), minutes: 7 * 60, reason: '決算' }),
        201,
      );
      expect(first.findings).toEqual([]);
    }
    const near = await ok(ask(town.clerk2.client, { workDate: day, minutes: 3 * 60, reason: '決算' }), 201);
    expect(near.findings).toEqual([
      expect.objectContaining({ kind: 'warning', level: 'before', limit: 'monthly' }),
    ]);
    const told = async (client: TestClient) => {
      const notes = await ok(
        client.get<{ items: { kind: string; title: { ja: string } }[] }>('/api/me/notifications?pageSize=50'),
      );
      return notes.items.filter((n) => n.kind === 'attendance.overtime_warning').map((n) => n.title.ja);
    };
    expect(await told(town.clerk2.client)).toEqual([expect.stringMatching(/月の上限に近づいています/)]);
    expect((await told(town.leader.client)).length).toBe(1);

    const over = await ask(town.clerk2.client, { workDate: day, minutes: 8 * 60, reason: '決算' });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('attendance/overtime_over_limit');
    expect(over.body.message).toMatch(/上限/);
    const special = await ok(
      ask(town.clerk2.client, { workDate: day, minutes: 8 * 60, reason: '台風対応', special: true }),
      201,
    );
    expect(special.request.special).toBe(true);
    expect(special.findings.some((f) => f.kind === 'exceeded_under_special' && f.analysisRequired)).toBe(
      true,
    );
    expect((await ask(town.clerk2.client, { workDate: day, minutes: 20, reason: 'x' })).status).toBe(400);
  });
});
