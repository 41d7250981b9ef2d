import type { ApprovalDocument, ApprovalInboxCounts, ApprovalTemplate } from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  type ApprovalTown,
  makeApprovalTown,
  ok,
  steps,
} from '../../../../../tests/support/approvals';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import type { TestClient } from '../../../../../tests/support/http';
import { JobsService } from '../../core/jobs/jobs.service';
import {
  APPROVAL_REMINDERS_QUEUE,
  APPROVAL_REROUTE_QUEUE,
  ApprovalRemindersService,
  ORG_CHANGED_EVENT,
} from './approval-reminders.service';

/** Waits until `check` holds, polling every 50 ms, for at most `ms` (a bounded wait, not a sleep). */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** 09:30 in Tokyo on a day. */
const morningOf = (day: string) => new Date(`${day}T00:30:00.000Z`);

describe('approval reminders and re-resolving active steps, on the job queue', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;
  let service: ApprovalRemindersService;
  let jobs: JobsService;
  const today = tokyoDate();

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    service = t.app.get(ApprovalRemindersService);
    jobs = t.app.get(JobsService);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterAll(() => t.close());

  const submit = async (title: string) => {
    const res = await town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
      templateId: templates.get('GENERAL')?.id,
      title,
    });
    expect(res.status).toBe(201);
    return ok(act(town.clerk.client, res.body, { type: 'submit' }));
  };
  const read = async (client: TestClient, id: string) =>
    ok(client.get<ApprovalDocument>(`/api/approvals/documents/${id}`));
  const pendingCount = async (client: TestClient) =>
    (await client.get<ApprovalInboxCounts>('/api/approvals/inbox/counts')).body.pending;
  const notes = async (userId: string, documentId: string, kind: string) =>
    (
      (await t.dataSource.query(
        `SELECT title_ja FROM notification WHERE user_id = $1 AND link = $2 AND kind = $3 ORDER BY created_at`,
        [userId, `/approvals/${documentId}`, kind],
      )) as { title_ja: string }[]
    ).map((n) => n.title_ja);
  const mine = <T extends { reminder: { documentId: string } }>(list: T[], doc: ApprovalDocument) =>
    list.filter((q) => q.reminder.documentId === doc.id);
  /** Makes a step look as if it became active at `at` (state and pending index). */
  const backdate = async (doc: ApprovalDocument, stepId: string, at: string) => {
    const stage = doc.stages.findIndex((s) => s.steps.some((st) => st.id === stepId));
    const step = doc.stages[stage].steps.findIndex((st) => st.id === stepId);
    await t.dataSource.query(
      `UPDATE approval_document SET state = jsonb_set(state, $2::text[], to_jsonb($3::text)) WHERE id = $1`,
      [doc.id, ['stages', String(stage), 'steps', String(step), 'activatedAt'], at],
    );
    await t.dataSource.query(
      `UPDATE approval_pending SET activated_at = $3 WHERE document_id = $1 AND step_id = $2`,
      [doc.id, stepId, at],
    );
  };
  const signIn = async (staffNumber: string) => {
    const client = t.client();
    await client.signIn(staffNumber, TEST_PASSWORD);
    return client;
  };

  it('tells the drafter when a 決裁 step becomes active with nobody in its post (空席), so the route does not stall unseen', async () => {
    const doc = await submit('空席の試験');
    // The 課長 leaves the post yesterday: nobody holds the 決裁 when the 係長 approves today.
    await t.dataSource.query(`UPDATE membership SET valid_from = $2, valid_to = $3 WHERE user_id = $1`, [
      town.chief.id,
      addDays(today, -10),
      addDays(today, -1),
    ]);
    try {
      const approved = await ok(
        act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) }),
      );
      expect(steps(approved).find((s) => s.kind === 'decide')).toMatchObject({
        status: 'active',
        holders: [],
      });
      await until(
        async () => (await notes(town.clerk.id, doc.id, 'approval.step_vacant')).length > 0,
        5_000,
        'the drafter told of the vacant 決裁',
      );
      expect((await notes(town.clerk.id, doc.id, 'approval.step_vacant'))[0]).toContain('空席');
    } finally {
      await t.dataSource.query(`UPDATE membership SET valid_from = $2, valid_to = NULL WHERE user_id = $1`, [
        town.chief.id,
        today,
      ]);
    }
  });
  it('reminds the holder once after 3 working days (weekends and holidays not counted), then the drafter', async () => {
    const doc = await submit('督促の試験');
    const stepId = activeFor(doc, town.leader);
    // Active since Tuesday 2026-04-28; Golden Week follows (4/29, 5/2–5/6 closed).
    await backdate(doc, stepId, '2026-04-28T01:00:00.000Z');
    // The 係長 is away from today: their registered deputy (代決者) is reminded with them.
    const away = await town.leader.client.post('/api/me/deputies', {
      deputyUserId: town.clerk2.id,
      validFrom: today,
    });
    expect(away.status).toBe(201);

    expect(mine(await service.queueReminders(morningOf('2026-05-01')), doc)).toEqual([]);
    expect(mine(await service.queueReminders(morningOf('2026-05-06')), doc)).toEqual([]); // a holiday
    const first = mine(await service.queueReminders(morningOf('2026-05-07')), doc);
    expect(first).toEqual([
      {
        reminder: expect.objectContaining({ recipient: 'holder', workingDays: 3 }),
        jobId: expect.any(String),
      },
    ]);
    // The same morning again (a second instance, a retried tick): queued once only.
    const again = mine(await service.queueReminders(morningOf('2026-05-07')), doc);
    expect(again.map((q) => q.jobId)).toEqual([null]);
    await until(
      async () => (await notes(town.leader.id, doc.id, 'approval.reminder')).length > 0,
      10_000,
      'reminded',
    );
    await until(
      async () => (await jobs.state('approval.remind', first[0].jobId as string)) === 'completed',
      5_000,
      'the reminder job completed',
    );
    // Long after pg-boss has forgotten the job, the reminder is still not sent again.
    expect(await service.remind(first[0].reminder)).toBe(false);
    expect(await notes(town.leader.id, doc.id, 'approval.reminder')).toEqual([
      '「督促の試験」の処理をお願いします（3日経過）',
    ]);
    expect(await notes(town.clerk2.id, doc.id, 'approval.reminder')).toHaveLength(1);
    expect(await notes(town.clerk.id, doc.id, 'approval.stalled')).toEqual([]);

    // Five working days on (5/11), through the scheduled job's queue: the drafter learns where it waits.
    const tick = await jobs.send(APPROVAL_REMINDERS_QUEUE, { at: morningOf('2026-05-11').toISOString() });
    await until(
      async () => (await notes(town.clerk.id, doc.id, 'approval.stalled')).length > 0,
      10_000,
      'drafter',
    );
    await until(
      async () => (await jobs.state(APPROVAL_REMINDERS_QUEUE, tick as string)) === 'completed',
      5_000,
      'tick',
    );
    const leaderName = `${town.leader.familyName} ${town.leader.givenName}`;
    expect(await notes(town.clerk.id, doc.id, 'approval.stalled')).toEqual([
      `「督促の試験」が${leaderName}さんのところで止まっています`,
    ]);
    expect(await notes(town.leader.id, doc.id, 'approval.reminder')).toHaveLength(1);
    const later = mine(await service.queueReminders(morningOf('2026-05-12')), doc);
    expect(later.map((q) => q.jobId)).toEqual([null, null]);

    // Acted on, the step reminds nobody any more.
    await ok(act(town.leader.client, await read(town.leader.client, doc.id), { type: 'approve', stepId }));
    const decideStep = mine(await service.queueReminders(morningOf('2026-05-12')), doc);
    expect(decideStep).toEqual([]);
  });

  it('sends a reminder once when two runs race for it (the document row is locked, the audit keeps the key)', async () => {
    const doc = await submit('競合の試験');
    const stepId = activeFor(doc, town.leader);
    const activatedAt = steps(doc).find((s) => s.id === stepId)?.activatedAt as string;
    const reminder = {
      key: `reminder:${doc.id}:${stepId}:${activatedAt}:holder`,
      documentId: doc.id,
      stepId,
      activatedAt,
      recipient: 'holder' as const,
      workingDays: 3,
    };
    const sent = await Promise.all([
      service.remind(reminder),
      service.remind(reminder),
      service.remind(reminder),
    ]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    await until(
      async () => (await notes(town.leader.id, doc.id, 'approval.reminder')).length > 0,
      5_000,
      'reminded',
    );
    expect(await notes(town.leader.id, doc.id, 'approval.reminder')).toHaveLength(1);
    // A step activated again (another activatedAt) is not reminded under an old occasion.
    expect(await service.remind({ ...reminder, activatedAt: '2026-01-05T00:00:00.000Z' })).toBe(false);
    await ok(act(town.leader.client, await read(town.leader.client, doc.id), { type: 'approve', stepId }));
  });

  it('keeps the active step with its holder when the department is renamed from today (組織改正)', async () => {
    const doc = await submit('改称をまたぐ起案');
    const renamed = await town.admin.client.post(
      `/api/org/departments/${town.departments.section.id}/changes`,
      {
        validFrom: today,
        name: '庶務係',
      },
    );
    expect(renamed.status).toBe(201);
    const results = await service.rerouteActiveSteps(today);
    expect(results.map((r) => r.documentId)).not.toContain(doc.id);
    const seen = await read(town.leader.client, doc.id);
    expect(seen.lockVersion).toBe(doc.lockVersion);
    const approved = await ok(
      act(town.leader.client, seen, { type: 'approve', stepId: activeFor(doc, town.leader) }),
    );
    expect(activeFor(approved, town.chief)).toEqual(expect.any(String));
  });

  it('moves an active step to the successor when a transfer takes effect today, through the daily job', async () => {
    const doc = await submit('異動の試験');
    const stepId = activeFor(doc, town.leader);
    const leaderBefore = await pendingCount(town.leader.client);
    // The 係長 leaves 総務係 yesterday for 財政課; a successor holds the post from today.
    await t.dataSource.query(
      `UPDATE membership SET valid_from = $2, valid_to = $3 WHERE user_id = $1 AND department_id = $4`,
      [town.leader.id, addDays(today, -30), addDays(today, -1), town.departments.section.id],
    );
    await t.dataSource.query(
      `INSERT INTO membership (user_id, department_id, position_id, is_primary, valid_from)
       VALUES ($1, $2, $3, true, $4)`,
      [town.leader.id, town.departments.finance.id, town.positions.clerk.id, today],
    );
    const successor = await makeUser(t, {
      department: town.departments.section,
      position: town.positions.leader,
    });
    const successorClient = await signIn(successor.staffNumber);
    expect(await pendingCount(successorClient)).toBe(0);

    const job = await jobs.send(APPROVAL_REROUTE_QUEUE, {});
    await until(
      async () => (await jobs.state(APPROVAL_REROUTE_QUEUE, job as string)) === 'completed',
      10_000,
      'rerouted',
    );

    expect(await pendingCount(town.leader.client)).toBe(leaderBefore - 1);
    expect(await pendingCount(successorClient)).toBe(1);
    const now = await read(successorClient, doc.id);
    expect(now.lockVersion).toBe(doc.lockVersion + 1);
    expect(
      steps(now)
        .find((s) => s.id === stepId)
        ?.holders.map((h) => h.id),
    ).toEqual([successor.id]);
    const audit: { data: { steps: unknown[] } }[] = await t.dataSource.query(
      `SELECT data FROM audit_event WHERE subject = $1 AND data ->> 'action' = 'reroute'`,
      [doc.id],
    );
    expect(audit.map((a) => a.data.steps)).toEqual([
      [{ stepId, from: [town.leader.id], to: [successor.id] }],
    ]);
    await until(
      async () => (await notes(successor.id, doc.id, 'approval.step_activated')).length > 0,
      5_000,
      'told',
    );
    // Again: nothing changes.
    expect((await service.rerouteActiveSteps(today)).map((r) => r.documentId)).not.toContain(doc.id);

    // The old holder may no longer act (nor see it); the successor may.
    const refused = await act(town.leader.client, now, { type: 'approve', stepId });
    expect([403, 404]).toContain(refused.status);
    const approved = await ok(act(successorClient, now, { type: 'approve', stepId }));
    expect(activeFor(approved, town.chief)).toEqual(expect.any(String));
  });

  it('re-resolves at once, through the queue, when the org module says a change is in effect today', async () => {
    const send = jest.spyOn(jobs, 'send');
    try {
      const events = t.app.get(EventEmitter2);
      await events.emitAsync(ORG_CHANGED_EVENT, { effectiveFrom: addDays(today, 1) });
      expect(send).not.toHaveBeenCalled();
      await events.emitAsync(ORG_CHANGED_EVENT, { effectiveFrom: today });
      expect(send).toHaveBeenCalledWith(APPROVAL_REROUTE_QUEUE, {});
      send.mockClear();
      // The org module says so itself: an assignment entered for today through the API.
      const added = await town.admin.client.post(`/api/org/staff/${town.clerk2.id}/memberships`, {
        departmentId: town.departments.finance.id,
        positionId: town.positions.clerk.id,
        isPrimary: false,
        validFrom: today,
      });
      expect(added.status).toBe(201);
      await until(
        () => send.mock.calls.some(([queue]) => queue === APPROVAL_REROUTE_QUEUE),
        5_000,
        'the re-resolve queued after the org change',
      );
    } finally {
      send.mockRestore();
    }
  });

  it('leaves a step whose department is merged away active without holders, for its superior to 引き上げ', async () => {
    // After the transfer test, the successor holds 総務係's 係長; 総務係 is merged into 総務課 from today.
    const doc = await submit('統合をまたぐ起案');
    const stepId = steps(doc).find((s) => s.status === 'active')?.id as string;
    const abolished = await town.admin.client.post(
      `/api/org/departments/${town.departments.section.id}/abolition`,
      { from: today },
    );
    expect(abolished.status).toBe(201);
    const results = await service.rerouteActiveSteps(today);
    expect(results.find((r) => r.documentId === doc.id)?.changes).toEqual([
      expect.objectContaining({ stepId, to: [] }),
    ]);
    const seen = await read(town.chief.client, doc.id);
    expect(steps(seen).find((s) => s.id === stepId)).toMatchObject({ status: 'active', holders: [] });
    await until(
      async () => (await notes(town.chief.id, doc.id, 'approval.step_vacant')).length > 0,
      5_000,
      'told',
    );
    const approved = await ok(
      act(town.chief.client, seen, { type: 'approve', stepId, acting: { as: 'superior' } }),
    );
    expect(steps(approved).find((s) => s.id === stepId)?.record).toMatchObject({
      actorId: town.chief.id,
      capacity: 'superior',
    });
  });
});
