import type { ApprovalDocument, ApprovalInboxCounts, ApprovalTemplate } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeStep,
  type ApprovalTown,
  makeApprovalTown,
  ok,
  type Person,
} from '../../../../../tests/support/approvals';
import { asError } from '../../../../../tests/support/http';

describe('approvals: templates, drafting, routing, acting, numbering, inbox', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterAll(() => t.close());

  const draft = async (who: Person, body: Record<string, unknown> = {}, code = 'GENERAL') => {
    const res = await who.client.post<ApprovalDocument>('/api/approvals/documents', {
      templateId: templates.get(code)?.id,
      title: '庁舎清掃業務の委託について',
      body: '本文',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const submitted = async (body: Record<string, unknown> = {}, code = 'GENERAL') => {
    const d = await draft(town.clerk, body, code);
    return ok(act(town.clerk.client, d, { type: 'submit' }));
  };
  const counts = async (who: Person) =>
    (await who.client.get<ApprovalInboxCounts>('/api/approvals/inbox/counts')).body;

  it('lists the seeded templates to everyone and lets only administrators change them or the 専決規程', async () => {
    expect([...templates.keys()]).toEqual(
      expect.arrayContaining([
        'GENERAL',
        'EXPENDITURE',
        'PURCHASE',
        'TRIP',
        'OVERTIME',
        'LEAVE',
        'CIRCULATION',
      ]),
    );
    const table = await town.clerk.client.get<{ items: { upTo: number | null; positionName: string }[] }>(
      '/api/approvals/decision-authority',
    );
    expect(table.body.items.filter((r) => r.upTo === 500000).map((r) => r.positionName)).toEqual(['課長']);

    const template = {
      code: 'NOTICE',
      name: '通知',
      nameEn: 'Notice',
      category: 'general',
      kind: 'decision',
      form: { v: 1, fields: [] },
      defaultRetention: '1',
      numberingTiming: 'draft',
      financial: false,
    };
    expect((await town.clerk.client.post('/api/approvals/templates', template)).status).toBe(403);
    const created = await town.admin.client.post<ApprovalTemplate>('/api/approvals/templates', template);
    expect(created.status).toBe(201);
    expect((await town.admin.client.post('/api/approvals/templates', template)).status).toBe(409);
    const retired = await town.admin.client.patch<ApprovalTemplate>(
      `/api/approvals/templates/${created.body.id}`,
      {
        active: false,
      },
    );
    expect(retired.body.active).toBe(false);
    expect(
      (await town.clerk.client.patch(`/api/approvals/templates/${created.body.id}`, { active: true })).status,
    ).toBe(403);

    const p = town.positions;
    const inverted = await town.admin.client.put('/api/approvals/decision-authority', {
      items: [
        { category: null, upTo: 100, positionId: p.mayor.id },
        { category: null, upTo: null, positionId: p.chief.id },
      ],
    });
    expect(inverted.status).toBe(422);
    expect(asError(inverted).code).toBe('approval/invalid_authority_table');
    expect((await town.clerk.client.put('/api/approvals/decision-authority', { items: [] })).status).toBe(
      403,
    );
  });

  it('drafts with the default route up the drafter chain to the 専決規程 decider, checks fields and 年度, and keeps drafts private', async () => {
    const doc = await draft(town.clerk);
    expect(doc.status).toBe('draft');
    expect(doc.stages.map((s) => s.steps.map((st) => `${st.kind}:${st.assigneeLabel}`))).toEqual([
      ['approve:総務係 係長'],
      ['decide:総務課 課長'],
    ]);
    // 600,000 yen goes up to the 副町長 in the 町長室.
    const big = await draft(
      town.clerk,
      {
        amount: 600000,
        counterparty: '株式会社デモ',
        fields: { budgetItem: '委託料', paymentMethod: '口座振替' },
      },
      'EXPENDITURE',
    );
    expect(big.stages.map((s) => s.steps.map((st) => `${st.kind}:${st.assigneeLabel}`))).toEqual([
      ['approve:総務係 係長'],
      ['approve:総務課 課長'],
      ['decide:町長室 副町長'],
    ]);

    const unknownField = await town.clerk.client.post('/api/approvals/documents', {
      templateId: templates.get('EXPENDITURE')?.id,
      title: 'x',
      fields: { nope: 'x' },
    });
    expect(unknownField.status).toBe(400);
    expect(asError(unknownField).code).toBe('approval/invalid_fields');
    const badChoice = await town.clerk.client.post('/api/approvals/documents', {
      templateId: templates.get('EXPENDITURE')?.id,
      title: 'x',
      fields: { paymentMethod: '小切手' },
    });
    expect(asError(badChoice).code).toBe('approval/invalid_fields');
    const oldYear = await town.clerk.client.post('/api/approvals/documents', {
      templateId: templates.get('GENERAL')?.id,
      title: 'x',
      fiscalYear: 2001,
    });
    expect(oldYear.status).toBe(422);
    expect(asError(oldYear).code).toBe('approval/fiscal_year_not_allowed');
    // A required field missing is fine in a draft but refused on submission.
    const incomplete = await draft(town.clerk, { fields: { destination: '東京都' } }, 'TRIP');
    const refused = await act(town.clerk.client, incomplete, { type: 'submit' });
    expect(refused.status).toBe(400);
    expect(asError(refused).code).toBe('approval/invalid_fields');

    // Saving: only the drafter, with the lockVersion they saw.
    const saved = await town.clerk.client.patch<ApprovalDocument>(`/api/approvals/documents/${doc.id}`, {
      title: '件名を直しました',
      lockVersion: doc.lockVersion,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.title).toBe('件名を直しました');
    const stale = await town.clerk.client.patch(`/api/approvals/documents/${doc.id}`, {
      title: '古い画面から',
      lockVersion: doc.lockVersion,
    });
    expect(stale.status).toBe(409);
    expect(asError(stale).code).toBe('approval/document_changed');

    // A draft is the drafter's (and administrators') alone: anyone else is told it does not exist.
    for (const other of [town.leader, town.chief, town.outsider, town.clerk2]) {
      expect((await other.client.get(`/api/approvals/documents/${doc.id}`)).status).toBe(404);
      expect(
        (await other.client.patch(`/api/approvals/documents/${doc.id}`, { title: 'x', lockVersion: 1 }))
          .status,
      ).toBe(404);
      expect((await other.client.post(`/api/approvals/documents/${doc.id}/copy`)).status).toBe(404);
      expect((await act(other.client, saved.body, { type: 'submit' })).status).toBe(404);
    }
    expect((await town.admin.client.get(`/api/approvals/documents/${doc.id}`)).status).toBe(200);
  });

  it('goes round the route: approve, decide (numbered 総務第N号), 施行 with its retention end, each step in the inbox of its holder', async () => {
    const before = await counts(town.leader);
    const doc = await submitted();
    expect(doc.status).toBe('in_progress');
    expect(doc.number).toBeNull();
    expect(doc.versions).toHaveLength(1);
    expect(doc.versions[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await counts(town.leader)).pending).toBe(before.pending + 1);
    const inbox = await town.leader.client.get<{ items: { id: string }[]; total: number }>(
      '/api/approvals/inbox?box=pending&pageSize=1',
    );
    expect(inbox.body.items.map((i) => i.id)).toEqual([doc.id]);

    // Unrelated people see nothing and cannot act.
    expect((await town.outsider.client.get(`/api/approvals/documents/${doc.id}`)).status).toBe(404);
    expect((await act(town.outsider.client, doc, { type: 'approve', stepId: activeStep(doc) })).status).toBe(
      404,
    );
    // The 課長 (a future step) may already read it but not act on the 係長's step.
    const early = await act(town.chief.client, doc, { type: 'approve', stepId: activeStep(doc) });
    expect(early.status).toBe(403);

    const approved = await ok(
      act(town.leader.client, doc, { type: 'approve', stepId: activeStep(doc), comment: '確認しました' }),
    );
    expect((await counts(town.leader)).pending).toBe(before.pending);
    expect((await counts(town.leader)).done).toBeGreaterThanOrEqual(1);
    const decided = await ok(
      act(town.chief.client, approved, { type: 'decide', stepId: activeStep(approved) }),
    );
    expect(decided.status).toBe('decided');
    expect(decided.number).toMatch(/^総務第[0-9]+号$/);
    expect(decided.allowedActions.map((a) => a.type)).not.toContain('decide');

    const enforced = await ok(
      act(town.clerk.client, decided, {
        type: 'enforce',
        enforcedOn: tokyoDate(new Date(decided.decidedAt ?? '')),
        method: '郵送',
      }),
    );
    expect(enforced.status).toBe('completed');
    expect(enforced.retentionEndsOn).toMatch(/^[0-9]{4}-03-31$/);
    expect(enforced.actions.map((a) => a.type)).toEqual(['submit', 'approve', 'decide', 'enforce']);
    const audit: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE type = 'approval.action' AND subject = $1`,
      [doc.id],
    );
    expect(audit[0].n).toBe(4);
  });

  it('refuses a second approver on the same step with 409 and the current state, and never acts twice for one idempotency key', async () => {
    const doc = await submitted();
    const step = activeStep(doc);
    const [a, b] = await Promise.all([
      act(town.leader.client, doc, { type: 'approve', stepId: step }),
      act(town.leader.client, doc, { type: 'approve', stepId: step }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(asError(loser).code).toBe('approval/document_changed');
    expect(asError(loser).message).toMatch(/ほかの人/);

    const doc2 = await submitted();
    const key = 'retry-key-0001';
    const first = await act(town.leader.client, doc2, { type: 'approve', stepId: activeStep(doc2) }, key);
    const again = await act(town.leader.client, doc2, { type: 'approve', stepId: activeStep(doc2) }, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.actions.filter((x) => x.type === 'approve')).toHaveLength(1);
    expect(again.body.lockVersion).toBe(first.body.lockVersion);
  });

  it('issues numbers 1..20 without gap or duplicate to 20 simultaneous decisions of one 課 and 年度', async () => {
    const docs: ApprovalDocument[] = [];
    for (let i = 0; i < 20; i++) {
      const d = await submitted({ title: `同時決裁 ${i}` });
      docs.push(await ok(act(town.leader.client, d, { type: 'approve', stepId: activeStep(d) })));
    }
    const decided = await Promise.all(
      docs.map((d) => ok(act(town.chief.client, d, { type: 'decide', stepId: activeStep(d) }))),
    );
    const serials = decided
      .map((d) => Number(/第([0-9]+)号/.exec(d.number ?? '')?.[1]))
      .sort((x, y) => x - y);
    const first = serials[0];
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
    const [{ last }]: { last: number }[] = await t.dataSource.query(
      `SELECT last_serial AS last FROM approval_number_counter WHERE prefix = '総務'`,
    );
    expect(last).toBe(serials[19]);
  });

  it('sends back to the drafter, takes a resubmission as a new version, withdraws, rejects and records comments', async () => {
    const doc = await submitted();
    const back = await ok(
      act(town.leader.client, doc, {
        type: 'send_back',
        stepId: activeStep(doc),
        to: { type: 'drafter' },
        reason: '金額を確認してください',
      }),
    );
    expect(back.status).toBe('sent_back');
    expect(
      (
        await act(town.leader.client, back, {
          type: 'send_back',
          stepId: 'st1',
          to: { type: 'drafter' },
          reason: ' ',
        })
      ).status,
    ).toBe(400);
    const edited = await town.clerk.client.patch<ApprovalDocument>(`/api/approvals/documents/${doc.id}`, {
      body: '修正した本文',
      lockVersion: back.lockVersion,
    });
    const again = await ok(act(town.clerk.client, edited.body, { type: 'submit' }));
    expect(again.status).toBe('in_progress');
    expect(again.currentVersion).toBe(2);
    expect(again.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(again.versions[0].hash).not.toBe(again.versions[1].hash);

    const withdrawn = await ok(act(town.clerk.client, again, { type: 'withdraw' }));
    expect(withdrawn.status).toBe('withdrawn');
    expect((await counts(town.leader)).pending).toBeGreaterThanOrEqual(0);

    const doc2 = await submitted();
    const commented = await ok(act(town.leader.client, doc2, { type: 'comment', text: '至急お願いします' }));
    const approved = await ok(
      act(town.leader.client, commented, { type: 'approve', stepId: activeStep(commented) }),
    );
    const rejected = await ok(
      act(town.chief.client, approved, {
        type: 'reject',
        stepId: activeStep(approved),
        reason: '今年度は見送り',
      }),
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.actions.map((a) => a.type)).toEqual(['submit', 'comment', 'approve', 'reject']);
    const notAgain = await act(town.chief.client, rejected, {
      type: 'decide',
      stepId: activeStep(approved) ?? 'st2',
    });
    expect(notAgain.status).toBe(409);
  });

  it("starts a new draft from a past document (引用起案) for people who may see it, the drafter's department included where the template says so", async () => {
    const doc = await submitted({ title: '前年度の起案' });
    const copy = await town.outsider.client.post<ApprovalDocument>(`/api/approvals/documents/${doc.id}/copy`);
    expect(copy.status).toBe(404);
    // 一般起案 documents are open to the drafter's department (the template says so).
    const colleague = await town.clerk2.client.post<ApprovalDocument>(
      `/api/approvals/documents/${doc.id}/copy`,
    );
    expect(colleague.status).toBe(201);
    expect(colleague.body.drafterId).toBe(town.clerk2.id);
    const mine = await town.clerk.client.post<ApprovalDocument>(`/api/approvals/documents/${doc.id}/copy`);
    expect(mine.status).toBe(201);
    expect(mine.body.status).toBe('draft');
    expect(mine.body.title).toBe('前年度の起案');
    expect(mine.body.id).not.toBe(doc.id);
  });

  it('lists inbox boxes newest first with their totals, and refuses an unknown box', async () => {
    const drafting = await town.clerk.client.get<{ items: { updatedAt: string }[]; total: number }>(
      '/api/approvals/inbox?box=drafting&pageSize=100',
    );
    expect(drafting.status).toBe(200);
    expect(drafting.body.total).toBe((await counts(town.clerk)).drafting);
    const times = drafting.body.items.map((i) => i.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await town.clerk.client.get('/api/approvals/inbox?box=everything')).status).toBe(400);
    // A draft given up before it was ever sent is in no box.
    const given = await draft(town.clerk2);
    const before = await counts(town.clerk2);
    await ok(act(town.clerk2.client, given, { type: 'discard' }));
    expect(await counts(town.clerk2)).toEqual({ ...before, drafting: before.drafting - 1 });
    expect((await town.outsider.client.get<ApprovalInboxCounts>('/api/approvals/inbox/counts')).body).toEqual(
      {
        pending: 0,
        done: 0,
        drafting: 0,
        submitted: 0,
        review: 0,
      },
    );
  });

  it('keeps versions and actions unchangeable in the database itself', async () => {
    await expect(t.dataSource.query(`UPDATE approval_action SET comment = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM approval_document_version`)).rejects.toThrow(/append-only/);
  });
});
