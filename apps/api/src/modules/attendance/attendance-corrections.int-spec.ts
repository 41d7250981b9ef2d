import { randomUUID } from 'node:crypto';
import type {
  ApprovalDocument,
  AttendanceMonth,
  AttendanceToday,
  MyPunchCorrections,
  PunchCorrection,
  PunchCorrectionResult,
  PunchResult,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  makeApprovalTown,
  steps,
  type ApprovalTown,
  type Person,
} from '../../../../../tests/support/approvals';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { ok, type TestClient } from '../../../../../tests/support/http';
import { connectSocket, eventually, within, type TestSocket } from '../../../../../tests/support/sockets';
import { AttendanceCorrectionsService } from './attendance-corrections.service';

/** A moment (Japan) on a day: `at('2026-11-02', '17:15')`. */
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+09:00`;

describe('attendance: punch corrections through the approval route (打刻修正)', () => {
  let t: TestApp;
  let town: ApprovalTown;
  const sockets: TestSocket[] = [];
  const yesterday = () => addDays(tokyoDate(), -1);

  const correct = (client: TestClient, body: Record<string, unknown>) =>
    client.post<PunchCorrectionResult & { code: string; message: string; details?: { message: string }[] }>(
      '/api/attendance/me/corrections',
      { clientId: randomUUID(), reason: '退勤の打刻を忘れたため', ...body },
    );
  const monthOf = (client: TestClient, date: string) =>
    ok(client.get<AttendanceMonth>(`/api/attendance/me/month?month=${date.slice(0, 7)}`));
  const dayOf = async (client: TestClient, date: string) =>
    (await monthOf(client, date)).days.find((d) => d.date === date)!;
  const document = (client: TestClient, id: string) =>
    ok(client.get<ApprovalDocument>(`/api/approvals/documents/${id}`));
  /** Punches straight into the table, as if tapped on that day. */
  const tapped = (who: Person, date: string, kind: 'in' | 'out', hhmm: string) =>
    t.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id)
       VALUES ($1, $2, $3, $4, 'office', gen_random_uuid())`,
      [who.id, kind, at(date, hhmm), date],
    );
  /** The 係長 approves, then the 課長 decides (or rejects) the document. */
  const decide = async (id: string, outcome: 'decide' | 'reject' = 'decide') => {
    let doc = await document(town.chief.client, id);
    for (const who of [town.leader, town.chief]) {
      doc = await document(who.client, doc.id);
      const stepId = activeFor(doc, who);
      if (!stepId) continue;
      const kind = steps(doc).find((s) => s.id === stepId)!.kind;
      const action =
        kind !== 'decide'
          ? { type: 'approve', stepId }
          : outcome === 'decide'
            ? { type: 'decide', stepId }
            : { type: 'reject', stepId, reason: '勤務の記録と合わないため' };
      doc = await ok(act(who.client, doc, action));
    }
    return doc;
  };
  /** The correction once its status is `status` (the request follows its document after commit). */
  const settled = async (who: Person, date: string, id: string, status: PunchCorrection['status']) => {
    const mine = await eventually(
      () =>
        ok(who.client.get<MyPunchCorrections>(`/api/attendance/me/corrections?month=${date.slice(0, 7)}`)),
      (now) => now.corrections.find((c) => c.id === id)?.status === status,
    );
    return mine.corrections.find((c) => c.id === id);
  };
  /** Another 主事 of the 総務係 (whose corrections go to the 係長, then the 課長). */
  const staff = async (): Promise<Person> => {
    const user = await makeUser(t, { department: town.departments.section, position: town.positions.clerk });
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { ...user, client };
  };
  const count = async (sql: string, params: unknown[]) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('puts in a forgotten clock-out only once the 課長 decides, and the month counts it', async () => {
    const day = yesterday();
    await tapped(town.clerk, day, 'in', '08:30');
    expect(await dayOf(town.clerk.client, day)).toMatchObject({ out: null, workedMinutes: null });

    const made = await ok(correct(town.clerk.client, { workDate: day, clockOut: at(day, '17:15') }), 201);
    expect(made).toMatchObject({
      already: false,
      correction: { workDate: day, clockIn: null, remove: [], status: 'pending', place: 'office' },
    });
    expect(Date.parse(made.correction.clockOut!)).toBe(Date.parse(at(day, '17:15')));
    const doc = await document(town.clerk.client, made.correction.approvalDocumentId!);
    expect(doc).toMatchObject({ status: 'in_progress', title: `打刻修正 ${day}（退勤 17:15）` });
    // Nothing changes before approval; the month says a correction is waiting.
    expect(await dayOf(town.clerk.client, day)).toMatchObject({
      out: null,
      workedMinutes: null,
      correction: { id: made.correction.id, status: 'pending' },
    });

    expect((await decide(doc.id)).status).toBe('decided');
    expect(await settled(town.clerk, day, made.correction.id, 'approved')).toMatchObject({
      status: 'approved',
    });
    const after = await dayOf(town.clerk.client, day);
    expect(after).toMatchObject({
      in: { origin: 'tap' },
      out: { origin: 'correction', source: 'office', workDate: day },
      workedMinutes: 465,
      correction: { id: made.correction.id, status: 'approved' },
    });
    expect(Date.parse(after.out!.at)).toBe(Date.parse(at(day, '17:15')));
    // The same news again (another instance, a retry) changes nothing more.
    await t.app.get(AttendanceCorrectionsService).onDocumentStatus({
      documentId: doc.id,
      title: doc.title,
      drafterId: town.clerk.id,
      actorId: town.chief.id,
      from: 'in_progress',
      to: 'decided',
      reason: null,
    });
    expect(
      await count(`SELECT count(*)::int AS n FROM attendance_punch WHERE user_id = $1 AND work_date = $2`, [
        town.clerk.id,
        day,
      ]),
    ).toBe(2);
  });

  it('replaces a wrong clock-in of today, keeps the tap voided, and tells my devices', async () => {
    const me = town.clerk2;
    const tap = await ok(
      me.client.post<PunchResult>('/api/attendance/punches', { kind: 'in', clientId: randomUUID() }),
      201,
    );
    const today = tap.punch.workDate;
    // A moment earlier today (halfway between midnight and now, so never in the future).
    const midnight = Date.parse(`${today}T00:00:00+09:00`);
    const earlier = new Date(
      midnight + Math.floor((Date.parse(tap.punch.at) - midnight) / 2 / 60_000) * 60_000,
    );
    const made = await ok(
      correct(me.client, {
        workDate: today,
        clockIn: earlier.toISOString(),
        place: 'telework',
        reason: '出勤の打刻が遅れたため',
      }),
      201,
    );
    const socket = await connectSocket(t.url, me.client.cookie, sockets);
    const told = new Promise<AttendanceToday>((resolve) => socket.once('attendance:punched', resolve));
    await decide(made.correction.approvalDocumentId!);
    const event = await within(5000, told, 'attendance:punched');
    expect(event.day.date).toBe(today);
    expect(Date.parse(event.day.in!.at)).toBe(earlier.getTime());
    expect(event.day.in!.source).toBe('telework');

    const rows: {
      id: string;
      origin: string;
      voided: boolean;
      voided_by: string | null;
      correction_id: string;
    }[] = await t.dataSource.query(
      `SELECT id, origin, voided_at IS NOT NULL AS voided, voided_by_correction_id AS voided_by, correction_id
           FROM attendance_punch WHERE user_id = $1 AND kind = 'in' ORDER BY created_at`,
      [me.id],
    );
    expect(rows).toEqual([
      { id: tap.punch.id, origin: 'tap', voided: true, voided_by: made.correction.id, correction_id: null },
      {
        id: expect.any(String),
        origin: 'correction',
        voided: false,
        voided_by: null,
        correction_id: made.correction.id,
      },
    ]);
    const now = await ok(me.client.get<AttendanceToday>('/api/attendance/today'));
    expect(Date.parse(now.day.in!.at)).toBe(earlier.getTime());
  });

  it('changes nothing when the correction is rejected', async () => {
    const me = town.leader;
    const day = addDays(tokyoDate(), -2);
    await tapped(me, day, 'in', '08:30');
    await tapped(me, day, 'out', '12:00');
    const before = await dayOf(me.client, day);
    const made = await ok(
      correct(me.client, { workDate: day, clockOut: at(day, '17:15'), reason: '退勤を押し間違えたため' }),
      201,
    );
    // The 係長's own request goes to the 課長 only.
    const doc = await document(town.chief.client, made.correction.approvalDocumentId!);
    const stepId = activeFor(doc, town.chief);
    const rejected = await ok(
      act(town.chief.client, doc, { type: 'reject', stepId, reason: '勤務の記録と合わないため' }),
    );
    expect(rejected.status).toBe('rejected');
    expect(await settled(me, day, made.correction.id, 'rejected')).toMatchObject({ status: 'rejected' });
    const after = await dayOf(me.client, day);
    expect({ ...after, correction: undefined }).toEqual({ ...before, correction: undefined });
    expect(after.correction).toEqual({ id: made.correction.id, status: 'rejected' });
    expect(after.workedMinutes).toBe(210);
  });

  it('lets me withdraw a pending correction (its document too) and ask again', async () => {
    const me = await staff();
    const day = addDays(tokyoDate(), -3);
    await tapped(me, day, 'in', '09:00');
    const made = await ok(correct(me.client, { workDate: day, clockOut: at(day, '18:00') }), 201);
    // Someone else can neither withdraw it nor see it.
    expect(
      (await town.clerk.client.post(`/api/attendance/me/corrections/${made.correction.id}/withdraw`, {}))
        .status,
    ).toBe(404);
    const withdrawn = await ok(
      me.client.post<PunchCorrection>(`/api/attendance/me/corrections/${made.correction.id}/withdraw`, {}),
    );
    expect(withdrawn).toMatchObject({ id: made.correction.id, status: 'withdrawn' });
    expect((await document(me.client, made.correction.approvalDocumentId!)).status).toBe('withdrawn');
    const again = await me.client.post<{ code: string }>(
      `/api/attendance/me/corrections/${made.correction.id}/withdraw`,
      {},
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('attendance/correction_not_withdrawable');
    await new Promise((r) => setTimeout(r, 200));
    expect(await dayOf(me.client, day)).toMatchObject({ out: null, correction: { status: 'withdrawn' } });
    // The day is free for a new request.
    await ok(correct(me.client, { workDate: day, clockOut: at(day, '17:45') }), 201);
  });

  it('records one request however often the same one is sent, at once or again later', async () => {
    const me = await staff();
    const day = addDays(tokyoDate(), -4);
    await tapped(me, day, 'in', '08:30');
    const body = { workDate: day, clockOut: at(day, '17:15'), clientId: randomUUID() };
    const sent = await Promise.all([1, 2, 3].map(() => correct(me.client, body)));
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(sent.map((r) => r.body.correction.id)).size).toBe(1);
    expect(sent.filter((r) => !r.body.already)).toHaveLength(1);
    const later = await ok(correct(me.client, body), 201);
    expect(later).toMatchObject({ already: true, correction: { id: sent[0]!.body.correction.id } });
    expect(await count(`SELECT count(*)::int AS n FROM punch_correction WHERE user_id = $1`, [me.id])).toBe(
      1,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM approval_document WHERE drafter_id = $1`, [me.id]),
    ).toBe(1);
  });

  it('refuses bad input plainly in Japanese and stores nothing', async () => {
    const me = await staff();
    const day = addDays(tokyoDate(), -5);
    await tapped(me, day, 'in', '08:30');
    await tapped(me, day, 'out', '17:15');
    const refused = async (body: Record<string, unknown>, status: number, code: string, message: RegExp) => {
      const res = await correct(me.client, body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect([res.body.message, ...(res.body.details ?? []).map((d) => d.message)].join(' ')).toMatch(
        message,
      );
    };
    const tomorrow = addDays(tokyoDate(), 1);
    await refused(
      { workDate: tomorrow, clockIn: at(tomorrow, '08:30') },
      400,
      'attendance/correction_future',
      /これから先/,
    );
    await refused(
      { workDate: day, clockIn: at(day, '18:00') },
      400,
      'attendance/correction_order',
      /出勤の時刻より後/,
    );
    await refused(
      { workDate: day, clockIn: at(day, '09:00'), clockOut: at(day, '08:00') },
      400,
      'attendance/correction_order',
      /出勤の時刻より後/,
    );
    await refused(
      { workDate: day, clockOut: at(addDays(day, 1), '06:00') },
      400,
      'attendance/correction_time_off_day',
      /翌朝5時/,
    );
    await refused(
      { workDate: day, clockOut: at(day, '18:00'), reason: '' },
      400,
      'request/validation_failed',
      /入力/,
    );
    await refused(
      { workDate: day, clockOut: at(day, '18:00'), reason: undefined },
      400,
      'request/validation_failed',
      /入力してください/,
    );
    await refused({ workDate: day }, 400, 'request/validation_failed', /取り消す打刻/);
    expect(await count(`SELECT count(*)::int AS n FROM punch_correction WHERE user_id = $1`, [me.id])).toBe(
      0,
    );

    // A clock-out in the small hours of the next morning is fine; a second request for the day waits its turn.
    await ok(correct(me.client, { workDate: day, clockOut: at(addDays(day, 1), '01:30') }), 201);
    await refused({ workDate: day, remove: ['out'] }, 409, 'attendance/correction_pending', /すでに申請中/);
    const empty = addDays(tokyoDate(), -6);
    await refused(
      { workDate: empty, remove: ['in'] },
      400,
      'attendance/correction_nothing_to_remove',
      /取り消す打刻がありません/,
    );
    expect(await count(`SELECT count(*)::int AS n FROM punch_correction WHERE user_id = $1`, [me.id])).toBe(
      1,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM approval_document WHERE drafter_id = $1`, [me.id]),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM attendance_punch WHERE user_id = $1 AND voided_at IS NOT NULL`,
        [me.id],
      ),
    ).toBe(0);
  });

  it("keeps another staff member out of someone else's correction: not listed, not withdrawn, not approved", async () => {
    const day = addDays(tokyoDate(), -7);
    const owner = town.clerk;
    await tapped(owner, day, 'in', '08:30');
    const made = await ok(correct(owner.client, { workDate: day, clockOut: at(day, '17:00') }), 201);
    const other = town.clerk2;
    const theirs = await ok(
      other.client.get<MyPunchCorrections>(`/api/attendance/me/corrections?month=${day.slice(0, 7)}`),
    );
    expect(theirs.corrections.map((c) => c.id)).not.toContain(made.correction.id);
    expect((await dayOf(other.client, day)).correction).toBeNull();
    expect(
      (await other.client.post(`/api/attendance/me/corrections/${made.correction.id}/withdraw`, {})).status,
    ).toBe(404);
    const docId = made.correction.approvalDocumentId!;
    expect([403, 404]).toContain((await other.client.get(`/api/approvals/documents/${docId}`)).status);
    const doc = await document(town.leader.client, docId);
    const stepId = activeFor(doc, town.leader);
    expect([403, 404]).toContain((await act(other.client, doc, { type: 'approve', stepId })).status);
    expect((await document(owner.client, docId)).status).toBe('in_progress');
    expect((await settled(owner, day, made.correction.id, 'pending'))!.status).toBe('pending');
  });
});
