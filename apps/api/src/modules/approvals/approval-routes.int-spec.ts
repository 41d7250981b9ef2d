import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH,
  type ApprovalDocument,
  type ApprovalInboxCounts,
  type ApprovalTemplate,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser } from '../../../../../tests/support/factories';
import {
  act,
  activeFor,
  type ApprovalTown,
  makeApprovalTown,
  ok,
  type Person,
  steps,
} from '../../../../../tests/support/approvals';
import { asError } from '../../../../../tests/support/http';
import { APPROVAL_STEP_ACTIVATED, type ApprovalStepActivatedEvent } from './approvals.events';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('approval routes: 代決 with 後閲, 差戻し to an earlier step, 合議 any, 供覧, live counts', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let templates: Map<string, ApprovalTemplate>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    const res = await town.clerk.client.get<{ items: ApprovalTemplate[] }>('/api/approvals/templates');
    templates = new Map(res.body.items.map((tp) => [tp.code, tp]));
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  const submit = async (body: Record<string, unknown>, code = 'GENERAL') => {
    const res = await town.clerk.client.post<ApprovalDocument>('/api/approvals/documents', {
      templateId: templates.get(code)?.id,
      title: 'ルートの試験',
      ...body,
    });
    expect(res.status).toBe(201);
    return ok(act(town.clerk.client, res.body, { type: 'submit' }));
  };
  const counts = async (who: Person) =>
    (await who.client.get<ApprovalInboxCounts>('/api/approvals/inbox/counts')).body;

  it('lets a registered deputy decide for the absent 課長 (代決), recorded as such, and gives the 課長 a 後閲 step on return', async () => {
    const registered = await town.chief.client.post('/api/me/deputies', {
      deputyUserId: town.deputy.id,
      validFrom: tokyoDate(),
    });
    expect(registered.status).toBe(201);
    const doc = await submit({});
    const approved = await ok(
      act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) }),
    );
    const decideStep = activeFor(approved, town.chief);
    // The deputy finds it in their own 未処理 box (and count) while the deputy period runs.
    const box = await town.deputy.client.get<{ items: { id: string }[] }>(
      '/api/approvals/inbox?box=pending&pageSize=100',
    );
    expect(box.body.items.map((i) => i.id)).toContain(doc.id);
    const deputyPending = (await counts(town.deputy)).pending;
    expect(deputyPending).toBeGreaterThanOrEqual(1);
    // The deputy sees the document and is offered 代決.
    const seen = await town.deputy.client.get<ApprovalDocument>(`/api/approvals/documents/${doc.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toContainEqual({
      type: 'decide',
      stepId: decideStep,
      acting: { as: 'deputy', forUserId: town.chief.id },
    });
    const decided = await ok(
      act(town.deputy.client, approved, {
        type: 'decide',
        stepId: decideStep,
        acting: { as: 'deputy', forUserId: town.chief.id },
      }),
    );
    expect(decided.status).toBe('decided');
    expect((await counts(town.deputy)).pending).toBe(deputyPending - 1);
    const record = steps(decided).find((s) => s.id === decideStep)?.record;
    expect(record).toMatchObject({
      actorId: town.deputy.id,
      capacity: 'deputy',
      onBehalfOf: [town.chief.id],
    });
    expect(decided.actions.at(-1)).toMatchObject({ type: 'decide', onBehalfOf: [town.chief.id] });
    const review = steps(decided).find((s) => s.kind === 'review');
    expect(review?.status).toBe('active');
    expect((await counts(town.chief)).review).toBe(1);
    const acknowledged = await ok(
      act(town.chief.client, decided, { type: 'acknowledge', stepId: review?.id }),
    );
    expect(steps(acknowledged).find((s) => s.id === review?.id)?.status).toBe('acknowledged');
    expect((await counts(town.chief)).review).toBe(0);
  });

  it('sends back to an earlier step, which acts again, and refuses a send-back to a step not yet reached', async () => {
    const doc = await submit(
      {
        amount: 1_000_000,
        counterparty: '株式会社デモ',
        fields: { budgetItem: '工事請負費', paymentMethod: '納付書' },
      },
      'EXPENDITURE',
    );
    const first = activeFor(doc, town.leader);
    const a1 = await ok(act(town.leader.client, doc, { type: 'approve', stepId: first }));
    const a2 = await ok(act(town.chief.client, a1, { type: 'approve', stepId: activeFor(a1, town.chief) }));
    const deciding = activeFor(a2, town.deputy);
    const back = await ok(
      act(town.deputy.client, a2, {
        type: 'send_back',
        stepId: deciding,
        to: { type: 'step', stepId: first },
        reason: '見積書を添付してください',
      }),
    );
    expect(back.status).toBe('in_progress');
    expect(activeFor(back, town.leader)).toBe(first);
    expect(steps(back).find((s) => s.id === deciding)?.status).toBe('waiting');
    const wrong = await act(town.leader.client, back, {
      type: 'send_back',
      stepId: first,
      to: { type: 'step', stepId: deciding },
      reason: '先の段階へは戻せない',
    });
    expect(wrong.status).toBe(422);
    expect(asError(wrong).code).toBe('approval/invalid_send_back_target');
  });

  it('completes a 合議 stage of mode any on the first agreement and skips the others', async () => {
    const doc = await submit({
      consultations: [
        {
          mode: 'any',
          assignees: [
            { type: 'user', userId: town.outsider.id },
            { type: 'user', userId: town.clerk2.id },
          ],
        },
      ],
    });
    expect(doc.stages.map((s) => s.steps.map((st) => st.kind))).toEqual([
      ['approve'],
      ['consult', 'consult'],
      ['decide'],
    ]);
    // Not reached yet, but on the route: the outsider may already read it.
    expect((await town.outsider.client.get(`/api/approvals/documents/${doc.id}`)).status).toBe(200);
    const approved = await ok(
      act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) }),
    );
    expect((await counts(town.outsider)).pending).toBe(1);
    const agreed = await ok(
      act(town.outsider.client, approved, { type: 'approve', stepId: activeFor(approved, town.outsider) }),
    );
    const consult = agreed.stages[1].steps;
    expect(consult.map((s) => s.status).sort()).toEqual(['approved', 'skipped']);
    expect((await counts(town.clerk2)).pending).toBe(0);
    expect(activeFor(agreed, town.chief)).toBeDefined();
  });

  it('circulates a 供覧: everyone acknowledges, nothing is decided, the number is issued on submission', async () => {
    const doc = await submit({ fields: { sender: '県庁総務課', receivedOn: tokyoDate() } }, 'CIRCULATION');
    expect(doc.number).toMatch(/^総務第[0-9]+号$/);
    expect(steps(doc).every((s) => s.kind === 'acknowledge')).toBe(true);
    expect(
      (await act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) })).status,
    ).toBe(422);
    const one = await ok(
      act(town.leader.client, doc, { type: 'acknowledge', stepId: activeFor(doc, town.leader) }),
    );
    const two = await ok(
      act(town.chief.client, one, { type: 'acknowledge', stepId: activeFor(one, town.chief) }),
    );
    expect(two.status).toBe('circulated');
    expect(two.retentionEndsOn).toMatch(/-03-31$/);
  });

  it('resolves a step to whoever holds its position on the day it becomes active (a transfer taking effect while the document is pending)', async () => {
    const doc = await submit({ title: '異動をまたぐ起案' });
    // While the 係長 still has it, the 課長 is transferred out and a successor takes the post from today.
    const successor = await makeUser(t, {
      department: town.departments.division,
      position: town.positions.chief,
    });
    await t.dataSource.query(
      `UPDATE membership SET valid_from = $2, valid_to = $2 WHERE user_id = $1 AND department_id = $3`,
      [town.chief.id, addDays(tokyoDate(), -1), town.departments.division.id],
    );
    const approved = await ok(
      act(town.leader.client, doc, { type: 'approve', stepId: activeFor(doc, town.leader) }),
    );
    const deciding = steps(approved).find((s) => s.kind === 'decide');
    expect(deciding?.status).toBe('active');
    expect(deciding?.holders.map((h) => h.id)).toEqual([successor.id]);
    const chiefInbox = await town.chief.client.get<{ items: { id: string }[] }>(
      '/api/approvals/inbox?box=pending&pageSize=100',
    );
    expect(chiefInbox.body.items.map((i) => i.id)).not.toContain(doc.id);
    // Put the 課長 back for the other tests.
    await t.dataSource.query(`UPDATE membership SET valid_from = $2, valid_to = NULL WHERE user_id = $1`, [
      town.chief.id,
      tokyoDate(),
    ]);
    await t.dataSource.query(`DELETE FROM membership WHERE user_id = $1`, [successor.id]);
  });

  it('pushes approvals:counts to the next approver and emits approval.step_activated after commit', async () => {
    const activated: ApprovalStepActivatedEvent[] = [];
    t.app
      .get(EventEmitter2)
      .on(APPROVAL_STEP_ACTIVATED, (e: ApprovalStepActivatedEvent) => activated.push(e));
    const socket: ClientSocket = io(t.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { cookie: town.leader.client.cookie, origin: t.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await within(5000, new Promise((resolve) => socket.once('hello', resolve)), 'connected');
    const before = await counts(town.leader);
    const pushed = new Promise<ApprovalInboxCounts>((resolve) => socket.once('approvals:counts', resolve));
    const doc = await submit({ title: '通知の試験' });
    expect(await within(5000, pushed, 'approvals:counts')).toMatchObject({ pending: before.pending + 1 });
    expect(activated).toContainEqual(
      expect.objectContaining({ documentId: doc.id, title: '通知の試験', userIds: [town.leader.id] }),
    );
  });
});
