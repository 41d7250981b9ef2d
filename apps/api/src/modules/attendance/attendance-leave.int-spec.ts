import type {
  ApprovalDocument,
  LeaveRequestResult,
  MyLeave,
  SpecialLeaveRequestResult,
} from '@ringi/contracts';
import { addDays, addWorkingDays, isWorkingDay, tokyoDate } from '@ringi/domain';
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

/** The first working day from today on (leave is taken on working days). */
function nextWorkingDay(from = tokyoDate()): string {
  return isWorkingDay(from) ? from : addWorkingDays(from, 1);
}

describe('attendance: annual leave through the approval route (休暇届)', () => {
  let t: TestApp;
  let town: ApprovalTown;

  const myLeave = (client: TestClient) => ok(client.get<MyLeave>('/api/attendance/me/leave'));
  const document = (client: TestClient, id: string) =>
    ok(client.get<ApprovalDocument>(`/api/approvals/documents/${id}`));

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
  });
  afterAll(() => t.close());

  it('takes two hours only once the 課長 decides, and gives them back when cancelled', async () => {
    const before = await myLeave(town.clerk.client);
    const total = before.balance.total.minutes;
    expect(total).toBeGreaterThan(120);
    const day = nextWorkingDay();
    const made = await ok(
      town.clerk.client.post<LeaveRequestResult>('/api/attendance/me/leave-requests', {
        unit: 'hour',
        from: day,
        minutes: 120,
        reason: '通院のため',
      }),
      201,
    );
    expect(made.request).toMatchObject({
      unit: 'hour',
      from: day,
      status: 'pending',
      amount: { minutes: 120 },
    });
    expect(made.before.minutes - made.after.minutes).toBe(120);
    // Not yet decided: the balance is as it was.
    expect((await myLeave(town.clerk.client)).balance.total.minutes).toBe(total);

    // The 休暇届 goes up the route: 係長, then the 課長 decides.
    let doc = await document(town.clerk.client, made.request.approvalDocumentId!);
    expect(doc.status).toBe('in_progress');
    for (const who of [town.leader, town.chief]) {
      doc = await document(who.client, doc.id);
      const stepId = activeFor(doc, who);
      if (!stepId) continue;
      const kind = steps(doc).find((s) => s.id === stepId)!.kind;
      await ok(act(who.client, doc, { type: kind === 'decide' ? 'decide' : 'approve', stepId }));
    }
    doc = await document(town.clerk.client, doc.id);
    expect(doc.status).toBe('decided');
    const after = await eventually(
      () => myLeave(town.clerk.client),
      (now) => now.requests[0]?.status === 'approved',
    );
    expect(after.requests[0]).toMatchObject({ id: made.request.id, status: 'approved' });
    expect(after.balance.total.minutes).toBe(total - 120);

    // Someone else cannot take it back; the person can, before it begins.
    expect(
      (await town.clerk2.client.post(`/api/attendance/me/leave-requests/${made.request.id}/cancel`, {}))
        .status,
    ).toBe(404);
    const cancelled = await ok(
      town.clerk.client.post<MyLeave>(`/api/attendance/me/leave-requests/${made.request.id}/cancel`, {}),
    );
    expect(cancelled.requests[0]!.status).toBe('cancelled');
    expect(cancelled.balance.total.minutes).toBe(total);
    // Nobody else sees my requests.
    expect((await myLeave(town.clerk2.client)).requests).toEqual([]);
  });

  it('refuses what the rules do not allow, plainly, and sends nothing up the route', async () => {
    const day = nextWorkingDay();
    const ask = (body: Record<string, unknown>) =>
      town.clerk2.client.post<{ code: string; message: string }>('/api/attendance/me/leave-requests', body);
    const tooMuch = await ask({ unit: 'day', from: day, to: addWorkingDays(day, 5) });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('attendance/leave_insufficient');
    const halfHour = await ask({ unit: 'hour', from: day, minutes: 30 });
    expect(halfHour.status).toBe(400);
    expect(halfHour.body.code).toBe('attendance/leave_hours');
    const sunday = ['2026-12-06', '2027-01-10', '2027-03-07'].find((d) => !isWorkingDay(d))!;
    expect((await ask({ unit: 'hour', from: sunday, minutes: 60 })).body.code).toBe(
      'attendance/leave_not_working_day',
    );
    expect((await ask({ unit: 'hour', from: day })).status).toBe(400);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM leave_request WHERE user_id = $1`,
      [town.clerk2.id],
    );
    expect(n).toBe(0);
  });

  it('lets the absence deputy a 課長 named decide in their place on the days of approved leave, and takes it back when cancelled', async () => {
    const { chief, leader, clerk, outsider } = town;
    // Naming the deputy: not oneself, not something that is nobody.
    const self = await chief.client.put<{ code: string }>('/api/attendance/me/absence-deputy', {
      deputyUserId: chief.id,
    });
    expect([self.status, self.body.code]).toEqual([400, 'org/deputy_self']);
    const junk = await chief.client.put('/api/attendance/me/absence-deputy', { deputyUserId: 'nobody' });
    expect(junk.status).toBe(400);
    const named = await ok(
      chief.client.put<MyLeave>('/api/attendance/me/absence-deputy', { deputyUserId: leader.id }),
    );
    expect(named.absenceDeputy).toEqual({ userId: leader.id, name: expect.any(String) });
    expect((await myLeave(outsider.client)).absenceDeputy).toBeNull();

    // The 課長 takes a day off; it is decided up the 課長's own route.
    const today = tokyoDate();
    const day = nextWorkingDay();
    const made = await ok(
      chief.client.post<LeaveRequestResult>('/api/attendance/me/leave-requests', { unit: 'day', from: day }),
      201,
    );
    let leaveDoc = await document(chief.client, made.request.approvalDocumentId!);
    for (let round = 0; round < 5 && leaveDoc.status === 'in_progress'; round++) {
      const step = steps(leaveDoc).find((st) => st.status === 'active')!;
      const who = [town.deputy, town.mayor].find((p) => step.holders.some((h) => h.id === p.id))!;
      const type = step.kind === 'decide' ? 'decide' : 'approve';
      leaveDoc = await ok(
        act(who.client, await document(who.client, leaveDoc.id), { type, stepId: step.id }),
      );
    }
    expect((await document(chief.client, leaveDoc.id)).status).toBe('decided');
    const mine = await eventually(
      () => myLeave(chief.client),
      (now) => !!now.requests[0]?.deputyName,
    );
    expect(mine.requests[0]).toMatchObject({ status: 'approved', deputyName: named.absenceDeputy!.name });
    // Registered as a deputy period from the leave, for its days only.
    const own = await ok(
      chief.client.get<{ items: { source: string; validFrom: string; validTo: string }[] }>(
        '/api/me/deputies',
      ),
    );
    expect(own.items).toContainEqual(
      expect.objectContaining({ source: 'leave', validFrom: day, validTo: day, deputyUserId: leader.id }),
    );

    if (day === today) {
      // On the day, a 起案 reaching the 課長 is decided by the deputy (代決), with a 後閲 step for the 課長.
      const templates = await ok(
        clerk.client.get<{ items: { id: string; code: string }[] }>('/api/approvals/templates'),
      );
      const general = templates.items.find((tp) => tp.code === 'GENERAL')!;
      const draft = await ok(
        clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
          templateId: general.id,
          title: '休暇中の決裁',
        }),
        201,
      );
      let doc = await ok(act(clerk.client, draft, { type: 'submit' }));
      doc = await ok(act(leader.client, doc, { type: 'approve', stepId: activeFor(doc, leader) }));
      const decideStep = activeFor(doc, chief);
      expect(decideStep).toBeTruthy();
      const notes = await eventually(
        () =>
          ok(
            leader.client.get<{ items: { kind: string; link: string }[] }>(
              '/api/me/notifications?order=newest',
            ),
          ),
        (now) => now.items.some((n) => n.kind === 'attendance.deputy_step'),
      );
      expect(notes.items.find((n) => n.kind === 'attendance.deputy_step')?.link).toBe(`/approvals/${doc.id}`);
      const decided = await ok(
        act(leader.client, doc, {
          type: 'decide',
          stepId: decideStep,
          acting: { as: 'deputy', forUserId: chief.id },
        }),
      );
      expect(decided.status).toBe('decided');
      expect(steps(decided).find((st) => st.id === decideStep)?.record).toMatchObject({
        actorId: leader.id,
        capacity: 'deputy',
        onBehalfOf: [chief.id],
      });
      expect(
        steps(decided)
          .find((st) => st.kind === 'review')
          ?.holders.map((h) => h.id),
      ).toEqual([chief.id]);
    }

    // Cancelled, the leave's deputy period goes (or, begun today, ends today).
    const cancelled = await ok(
      chief.client.post<MyLeave>(`/api/attendance/me/leave-requests/${made.request.id}/cancel`, {}),
    );
    expect(cancelled.requests[0]!.status).toBe('cancelled');
    const rows: { valid_to: string }[] = await t.dataSource.query(
      `SELECT valid_to::text FROM deputy WHERE principal_user_id = $1 AND source = 'leave'`,
      [chief.id],
    );
    expect(rows).toEqual(day === today ? [{ valid_to: today }] : []);
    // Cleared, nobody is named any more.
    expect(
      (await ok(chief.client.put<MyLeave>('/api/attendance/me/absence-deputy', { deputyUserId: null })))
        .absenceDeputy,
    ).toBeNull();
  });

  it('takes special leave by its own limits, apart from the annual balance, and refuses plainly what does not fit', async () => {
    const { clerk2 } = town;
    const ask = (body: Record<string, unknown>) =>
      clerk2.client.post<SpecialLeaveRequestResult & { code: string; message: string }>(
        '/api/attendance/me/special-leave-requests',
        body,
      );
    const before = await myLeave(clerk2.client);
    expect(before.specialTypes.map((st) => st.code)).toEqual(
      expect.arrayContaining(['summer', 'sick', 'bereavement', 'child_nursing']),
    );
    expect(before.specialTypes.find((st) => st.code === 'bereavement')).toMatchObject({
      name: '忌引',
      needs: 'relationship',
    });

    // 忌引 for a grandparent: three calendar days, weekends included.
    const day = nextWorkingDay(addWorkingDays(tokyoDate(), 10));
    const refusals: [Record<string, unknown>, number, string][] = [
      [
        { leaveType: 'bereavement', unit: 'day', from: day, to: addDays(day, 2) },
        400,
        'attendance/special_leave_details',
      ],
      [
        {
          leaveType: 'bereavement',
          unit: 'day',
          from: day,
          to: addDays(day, 3),
          relationship: 'grandparent',
        },
        409,
        'attendance/special_leave_limit',
      ],
      [
        { leaveType: 'bereavement', unit: 'hour', from: day, minutes: 60, relationship: 'parent' },
        400,
        'attendance/leave_hours',
      ],
      [{ leaveType: 'holiday_trip', unit: 'day', from: day }, 404, 'attendance/special_leave_type'],
      [
        { leaveType: 'child_nursing', unit: 'hour', from: day, minutes: 120 },
        400,
        'attendance/special_leave_details',
      ],
    ];
    for (const [body, status, code] of refusals) {
      const res = await ask(body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.body.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    const [{ n: none }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM leave_request WHERE user_id = $1 AND leave_type <> 'annual'`,
      [clerk2.id],
    );
    expect(none).toBe(0);

    const made = await ask({
      leaveType: 'bereavement',
      unit: 'day',
      from: day,
      to: addDays(day, 2),
      relationship: 'grandparent',
      reason: '祖母の葬儀',
    });
    expect(made.status).toBe(201);
    expect(made.body.request).toMatchObject({
      leaveType: 'bereavement',
      leaveTypeName: '忌引',
      status: 'pending',
    });
    expect(made.body.limitDays).toBe(3);
    // The same days cannot be asked for again, as any kind of leave.
    const again = await clerk2.client.post<{ code: string }>('/api/attendance/me/leave-requests', {
      unit: 'day',
      from: day,
    });
    expect([again.status, again.body.code]).toEqual([409, 'attendance/leave_overlap']);
    // 子の看護休暇 by the hour, for one child.
    const nursing = await ask({
      leaveType: 'child_nursing',
      unit: 'hour',
      from: nextWorkingDay(),
      minutes: 120,
      persons: 1,
    });
    expect(nursing.status).toBe(201);
    expect(nursing.body).toMatchObject({ limitDays: 5, usedDays: 1 });

    // Nothing of it touches the annual balance; it is listed with its type, and can be taken back.
    const after = await myLeave(clerk2.client);
    expect(after.balance).toEqual(before.balance);
    expect(after.requests.map((r) => r.leaveTypeName)).toEqual(
      expect.arrayContaining(['忌引', '子の看護休暇']),
    );
    const cancelled = await ok(
      clerk2.client.post<MyLeave>(`/api/attendance/me/leave-requests/${made.body.request.id}/cancel`, {}),
    );
    expect(cancelled.requests.find((r) => r.id === made.body.request.id)?.status).toBe('withdrawn');
  });
});
