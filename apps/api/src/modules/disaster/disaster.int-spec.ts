import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  type DisasterAnsweredEvent,
  type DisasterRollCall,
  type DisasterRollCallEvent,
  type DisasterRollCallList,
  type DisasterTally,
  type NotificationList,
  type ServerToClientEvents,
} from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  makeDepartment,
  makePosition,
  makeUser,
  TEST_PASSWORD,
} from '../../../../../tests/support/factories';
import { asError, ok, type TestClient } from '../../../../../tests/support/http';
import {
  connectSocket,
  emitAck,
  eventually,
  within,
  type TestSocket,
} from '../../../../../tests/support/sockets';
import { DISASTER_ROLL_CALL_STARTED, type DisasterRollCallStartedEvent } from './disaster.events';

type Client = TestSocket;
interface Person {
  id: string;
  client: TestClient;
}

const BASE = '/api/disaster/roll-calls';

describe('disaster mode: all-staff roll-calls (安否確認), answers and the live tally', () => {
  let t: TestApp;
  let admin: Person;
  /** Head (課長) of the division 総務課, which has a section 総務係 below it. */
  let chief: Person;
  /** Head of the section 総務係 only: a 係 is checked on by its 課長, so no tally. */
  let sectionHead: Person;
  /** Plain staff in the division itself, and in its section. */
  let staff: Person;
  let sectionMember: Person;
  /** Someone of another division (whose head is somebody else). */
  let outsider: Person;
  let divisionId: string;
  let sectionId: string;
  const sockets: Client[] = [];

  const person = async (
    options: Parameters<typeof makeUser>[1] = {},
    locale: 'ja' | 'en' = 'ja',
  ): Promise<Person> => {
    const user = await makeUser(t, options);
    const client = t.client({ locale });
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { id: user.id, client };
  };

  const connect = (who: Person): Promise<Client> => connectSocket(t.url, who.client.cookie, sockets);

  const emit = (socket: Client, event: 'disaster:watch' | 'disaster:unwatch', rollCallId: string) =>
    emitAck<{ tally?: DisasterTally }>(socket, event, { rollCallId });

  const next = <E extends 'disaster:answered' | 'disaster:roll_call'>(socket: Client, event: E) =>
    within(
      5000,
      new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve) =>
        (socket.once as (e: string, fn: (p: Parameters<ServerToClientEvents[E]>[0]) => void) => void)(
          event,
          resolve,
        ),
      ),
      event,
    );

  const start = (who: Person = admin, body: Record<string, unknown> = {}) =>
    who.client.post<DisasterRollCall>(BASE, {
      title: '【災害】安否確認',
      message: '地震が発生しました。',
      ...body,
    });
  const answer = (who: Person, id: string, body: Record<string, unknown>) =>
    who.client.put<DisasterRollCall>(`${BASE}/${id}/answer`, body);
  const tally = (who: Person, id: string) => who.client.get<DisasterTally>(`${BASE}/${id}/tally`);
  const close = (who: Person, id: string) => who.client.post<DisasterRollCall>(`${BASE}/${id}/close`);
  const closeOpen = async () => {
    const list = await ok(admin.client.get<DisasterRollCallList>(BASE));
    for (const r of list.items) await ok(close(admin, r.id));
  };

  beforeAll(async () => {
    t = await startTestApp();
    const division = await makeDepartment(t, { name: '総務課', kind: 'division' });
    const section = await makeDepartment(t, { name: '総務係', kind: 'section', parentId: division.id });
    divisionId = division.id;
    sectionId = section.id;
    const kacho = await makePosition(t, { name: '課長', rank: 5 });
    const kakaricho = await makePosition(t, { name: '係長', rank: 7 });
    const shuji = await makePosition(t, { name: '主事', rank: 10 });
    const otherDivision = await makeDepartment(t, { name: '税務課', kind: 'division' });
    admin = await person({ role: 'admin' });
    chief = await person({ department: division, position: kacho });
    sectionHead = await person({ department: section, position: kakaricho });
    staff = await person({ department: division, position: shuji }, 'en');
    sectionMember = await person({ department: section, position: shuji });
    await makeUser(t, { department: otherDivision, position: kacho });
    outsider = await person({ department: otherDivision, position: shuji });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await closeOpen();
  });
  afterAll(() => t.close());

  it('lets only administrators start one, one at a time, and tells everyone at once', async () => {
    const startedEvents: DisasterRollCallStartedEvent[] = [];
    const listener = (e: DisasterRollCallStartedEvent) => startedEvents.push(e);
    t.app.get(EventEmitter2).on(DISASTER_ROLL_CALL_STARTED, listener);
    try {
      const staffSocket = await connect(staff);
      const heard = next(staffSocket, 'disaster:roll_call');

      const refused = await start(staff);
      expect(refused.status).toBe(403);
      expect(asError(refused)).toMatchObject({
        code: 'disaster/not_allowed',
        message: 'Only administrators can start or close a roll-call.',
      });
      const chiefRefused = await start(chief);
      expect(asError(chiefRefused).code).toBe('disaster/not_allowed');

      const rollCall = await ok(start(), 201);
      expect(rollCall).toMatchObject({
        title: '【災害】安否確認',
        message: '地震が発生しました。',
        createdById: admin.id,
        closedAt: null,
        myAnswer: null,
        canViewTally: true,
        canClose: true,
      });
      const event: DisasterRollCallEvent = await heard;
      expect(event).toMatchObject({ change: 'started', rollCallId: rollCall.id, title: '【災害】安否確認' });
      expect(startedEvents).toEqual([
        expect.objectContaining({
          rollCallId: rollCall.id,
          title: '【災害】安否確認',
          message: '地震が発生しました。',
          createdBy: admin.id,
        }),
      ]);

      // Everyone else has a notification that opens the answer page.
      const notes = await ok(sectionMember.client.get<NotificationList>('/api/me/notifications'));
      expect(notes.items[0]).toMatchObject({
        kind: 'disaster.roll_call',
        link: `/disaster/${rollCall.id}`,
        title: { ja: '【安否確認】【災害】安否確認' },
      });

      // It is also posted once into the all-staff chat channel, with @channel and the link to answer.
      const allStaff = (
        await ok(staff.client.get<{ items: { id: string; kind: string }[] }>('/api/chat/channels'))
      ).items.find((c) => c.kind === 'all_staff')!;
      const posted = await eventually(
        async () =>
          (
            await ok(
              staff.client.get<{ items: { kind: string; text: string; mentionAll: string | null }[] }>(
                `/api/chat/channels/${allStaff.id}/messages`,
              ),
            )
          ).items.filter((m) => m.text.includes(`/disaster/${rollCall.id}`)),
        (now) => now.length > 0,
      );
      expect(posted).toEqual([expect.objectContaining({ kind: 'system', mentionAll: 'channel' })]);

      const second = await start();
      expect(second.status).toBe(409);
      expect(asError(second).code).toBe('disaster/already_open');

      // Everyone sees the open one, with what they may do.
      const list = await ok(staff.client.get<DisasterRollCallList>(BASE));
      expect(list.canStart).toBe(false);
      expect(list.items).toEqual([
        expect.objectContaining({ id: rollCall.id, myAnswer: null, canViewTally: false, canClose: false }),
      ]);
      expect((await ok(chief.client.get<DisasterRollCall>(`${BASE}/${rollCall.id}`))).canViewTally).toBe(
        true,
      );
    } finally {
      t.app.get(EventEmitter2).off(DISASTER_ROLL_CALL_STARTED, listener);
    }
  });

  it('refuses bad input with a clear 400 in the person’s language and starts nothing', async () => {
    const empty = await start(admin, { title: '   ' });
    expect(empty.status).toBe(400);
    expect(asError(empty)).toMatchObject({
      code: 'request/validation_failed',
      message: '入力内容に誤りがあります。',
    });
    expect((await start(admin, { title: 'x'.repeat(101) })).status).toBe(400);
    expect((await start(admin, { extra: true })).status).toBe(400);
    expect((await ok(admin.client.get<DisasterRollCallList>(BASE))).items).toEqual([]);

    const rollCall = await ok(start(), 201);
    const bad = await answer(staff, rollCall.id, { status: 'fine' });
    expect(bad.status).toBe(400);
    expect(asError(bad).message).toBe('Some of the input is not valid.');
    expect((await answer(staff, rollCall.id, { status: 'safe', note: 'x'.repeat(201) })).status).toBe(400);
    expect((await ok(staff.client.get<DisasterRollCall>(`${BASE}/${rollCall.id}`))).myAnswer).toBeNull();
  });

  it('takes one answer per person: answering again replaces it, the last answer wins', async () => {
    const rollCall = await ok(start(), 201);
    const first = await ok(answer(sectionMember, rollCall.id, { status: 'safe' }));
    expect(first.myAnswer).toMatchObject({ status: 'safe', note: null });
    const again = await ok(answer(sectionMember, rollCall.id, { status: 'safe' }));
    expect(again.myAnswer?.status).toBe('safe');
    const changed = await ok(
      answer(sectionMember, rollCall.id, { status: 'need_help', note: '  足を怪我しています  ' }),
    );
    expect(changed.myAnswer).toMatchObject({ status: 'need_help', note: '足を怪我しています' });
    expect(Date.parse(changed.myAnswer!.answeredAt)).toBeGreaterThan(Date.parse(first.myAnswer!.answeredAt));
    // An empty note is no note.
    const cleared = await ok(answer(sectionMember, rollCall.id, { status: 'can_report', note: '' }));
    expect(cleared.myAnswer).toMatchObject({ status: 'can_report', note: null });

    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM disaster_roll_call_answer WHERE roll_call_id = $1`,
      [rollCall.id],
    );
    expect(rows[0].n).toBe(1);
    const all = await ok(tally(admin, rollCall.id));
    expect(all.counts.can_report).toBe(1);
    expect(all.counts.need_help).toBe(0);
  });

  it('shows administrators everyone by department, and a head of division only their own people', async () => {
    const rollCall = await ok(start(), 201);
    await ok(answer(staff, rollCall.id, { status: 'safe' }));
    await ok(answer(sectionMember, rollCall.id, { status: 'need_help', note: '自宅が停電' }));
    await ok(answer(outsider, rollCall.id, { status: 'can_report' }));

    const all = await ok(tally(admin, rollCall.id));
    expect(all.scope).toBe('all');
    const users: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM app_user WHERE active`,
    );
    expect(all.counts).toMatchObject({ safe: 1, need_help: 1, can_report: 1, total: users[0].n });
    expect(all.counts.unanswered).toBe(users[0].n - 3);
    const division = all.departments.find((d) => d.departmentId === divisionId);
    expect(division).toMatchObject({
      departmentName: '総務課',
      counts: { safe: 1, need_help: 0, can_report: 0, unanswered: 1, total: 2 },
    });
    expect(division?.people.find((p) => p.userId === chief.id)).toMatchObject({
      status: null,
      answeredAt: null,
    });
    const section = all.departments.find((d) => d.departmentId === sectionId);
    expect(section?.people.find((p) => p.userId === sectionMember.id)).toMatchObject({
      status: 'need_help',
      note: '自宅が停電',
    });

    const mine = await ok(tally(chief, rollCall.id));
    expect(mine.scope).toBe('departments');
    expect(mine.departments.map((d) => d.departmentName).sort()).toEqual(['総務係', '総務課']);
    expect(mine.counts).toEqual({ safe: 1, need_help: 1, can_report: 0, unanswered: 2, total: 4 });
    expect(mine.departments.flatMap((d) => d.people).map((p) => p.userId)).not.toContain(outsider.id);
  });

  it('refuses the tally to staff and to the head of a section only, and says an unknown roll-call is not found', async () => {
    const rollCall = await ok(start(), 201);
    for (const who of [staff, sectionHead, sectionMember]) {
      const res = await tally(who, rollCall.id);
      expect(res.status).toBe(403);
      expect(asError(res).code).toBe('disaster/tally_not_allowed');
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const res of [
      await tally(admin, unknown),
      await staff.client.get(`${BASE}/${unknown}`),
      await answer(staff, unknown, { status: 'safe' }),
      await close(admin, unknown),
    ]) {
      expect(res.status).toBe(404);
      expect(asError(res).code).toBe('disaster/not_found');
    }
    expect((await staff.client.get(`${BASE}/not-a-uuid`)).status).toBe(400);
  });

  it('sends each answer live to those watching, each seeing only the people they may see', async () => {
    const rollCall = await ok(start(), 201);
    const [adminSocket, chiefSocket, staffSocket, sectionHeadSocket, memberSocket] = await Promise.all([
      connect(admin),
      connect(chief),
      connect(staff),
      connect(sectionHead),
      connect(sectionMember),
    ]);

    for (const socket of [staffSocket, sectionHeadSocket]) {
      const refused = await emit(socket, 'disaster:watch', rollCall.id);
      expect(refused).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    }
    const unknown = await emit(adminSocket, 'disaster:watch', '00000000-0000-4000-8000-000000000000');
    expect(unknown.ok).toBe(false);

    const watched = await emit(adminSocket, 'disaster:watch', rollCall.id);
    expect(watched.ok && watched.data.tally?.scope).toBe('all');
    const chiefWatched = await emit(chiefSocket, 'disaster:watch', rollCall.id);
    expect(chiefWatched.ok && chiefWatched.data.tally?.scope).toBe('departments');

    // Someone of another division answers first: the administrator hears it, the chief does not.
    const chiefHears = next(chiefSocket, 'disaster:answered');
    const adminHearsOutsider = next(adminSocket, 'disaster:answered');
    let staffHeard = 0;
    staffSocket.on('disaster:answered', (e) => {
      if (e.person.userId !== staff.id) staffHeard++;
    });
    await ok(answer(outsider, rollCall.id, { status: 'can_report' }));
    expect((await adminHearsOutsider).person.userId).toBe(outsider.id);

    const adminHearsMember = next(adminSocket, 'disaster:answered');
    const memberHearsOwn = next(memberSocket, 'disaster:answered');
    await ok(answer(sectionMember, rollCall.id, { status: 'need_help', note: '助けが必要' }));
    const heard: DisasterAnsweredEvent = await chiefHears;
    expect(heard).toMatchObject({
      rollCallId: rollCall.id,
      departmentId: sectionId,
      departmentName: '総務係',
      person: { userId: sectionMember.id, status: 'need_help', note: '助けが必要' },
    });
    expect((await adminHearsMember).person.userId).toBe(sectionMember.id);
    // The person's own other tabs and devices follow their answer.
    expect((await memberHearsOwn).person.status).toBe('need_help');

    // After unwatching, nothing more comes.
    expect(await emit(adminSocket, 'disaster:unwatch', rollCall.id)).toEqual({ ok: true, data: {} });
    let adminHeard = 0;
    adminSocket.on('disaster:answered', () => adminHeard++);
    const chiefHearsAgain = next(chiefSocket, 'disaster:answered');
    await ok(answer(staff, rollCall.id, { status: 'safe' }));
    await chiefHearsAgain;
    await new Promise((r) => setTimeout(r, 200));
    expect(adminHeard).toBe(0);
    expect(staffHeard).toBe(0);
  });

  it('lets only administrators close it; a closed roll-call refuses answers with 409 and keeps them', async () => {
    const rollCall = await ok(start(), 201);
    await ok(answer(staff, rollCall.id, { status: 'safe' }));
    const memberSocket = await connect(sectionMember);

    for (const who of [staff, chief]) {
      const res = await close(who, rollCall.id);
      expect(res.status).toBe(403);
      expect(asError(res).code).toBe('disaster/not_allowed');
    }
    const heard = next(memberSocket, 'disaster:roll_call');
    const closed = await ok(close(admin, rollCall.id));
    expect(closed.closedAt).not.toBeNull();
    expect(closed.canClose).toBe(false);
    expect(await heard).toMatchObject({ change: 'closed', rollCallId: rollCall.id });

    const late = await answer(staff, rollCall.id, { status: 'need_help' });
    expect(late.status).toBe(409);
    expect(asError(late)).toMatchObject({
      code: 'disaster/closed',
      message: 'This roll-call has been closed; answers are no longer taken.',
    });
    expect((await ok(staff.client.get<DisasterRollCall>(`${BASE}/${rollCall.id}`))).myAnswer?.status).toBe(
      'safe',
    );

    // Closing again changes nothing; the past list has it; a new one may start.
    expect((await ok(close(admin, rollCall.id))).closedAt).toBe(closed.closedAt);
    const past = await ok(staff.client.get<DisasterRollCallList>(`${BASE}?state=closed`));
    expect(past.items.map((r) => r.id)).toContain(rollCall.id);
    expect((await ok(staff.client.get<DisasterRollCallList>(BASE))).items).toEqual([]);
    await ok(start(admin, { title: '余震の安否確認' }), 201);
  });
});
