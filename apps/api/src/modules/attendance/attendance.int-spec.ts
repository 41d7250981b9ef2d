import { randomUUID } from 'node:crypto';
import type { AttendanceMonth, AttendanceToday, PunchResult } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { ok, type TestClient } from '../../../../../tests/support/http';
import { connectSocket, within, type TestSocket } from '../../../../../tests/support/sockets';
import { AttendancePunchesService, workedMinutes } from './attendance-punches.service';

describe('attendance: clocking in and out (出勤・退勤)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];

  const person = async (): Promise<{ id: string; client: TestClient }> => {
    const user = await makeUser(t);
    const client = t.client();
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return { id: user.id, client };
  };
  const punch = (client: TestClient, body: Record<string, unknown>) =>
    client.post<PunchResult>('/api/attendance/punches', { clientId: randomUUID(), ...body });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('records one clock-in however many taps arrive at once, and a resend of the same tap adds nothing', async () => {
    const me = await person();
    const taps = await Promise.all(Array.from({ length: 8 }, () => punch(me.client, { kind: 'in' })));
    expect(taps.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(taps.map((r) => r.body.punch.id)).size).toBe(1);
    expect(taps.filter((r) => !r.body.already)).toHaveLength(1);
    const clientId = randomUUID();
    const first = await ok(
      me.client.post<PunchResult>('/api/attendance/punches', { kind: 'out', source: 'telework', clientId }),
      201,
    );
    const again = await ok(
      me.client.post<PunchResult>('/api/attendance/punches', { kind: 'out', source: 'telework', clientId }),
      201,
    );
    expect(again).toMatchObject({ already: true, punch: { id: first.punch.id, source: 'telework' } });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM attendance_punch WHERE user_id = $1`,
      [me.id],
    );
    expect(n).toBe(2);
    const today = await ok(me.client.get<AttendanceToday>('/api/attendance/today'));
    expect(today.day).toMatchObject({ date: tokyoDate(), in: { kind: 'in' }, out: { source: 'telework' } });
    expect(today.workRule).toEqual({
      start: '08:30',
      end: '17:15',
      breakStart: '12:00',
      breakEnd: '13:00',
      dayMinutes: 465,
    });
  });

  it('tells my other tabs and devices at once, and nobody else', async () => {
    const me = await person();
    const other = await person();
    const mine = await connectSocket(t.url, me.client.cookie, sockets);
    const theirs = await connectSocket(t.url, other.client.cookie, sockets);
    const heardByOther: unknown[] = [];
    theirs.on('attendance:punched', (e) => heardByOther.push(e));
    const told = new Promise<AttendanceToday>((resolve) => mine.once('attendance:punched', resolve));
    await ok(punch(me.client, { kind: 'in', note: '直行' }), 201);
    const event = await within(5000, told, 'attendance:punched');
    expect(event.day.in).toMatchObject({ note: '直行', source: 'office' });
    await new Promise((r) => theirs.emit('ping', {}, r));
    expect(heardByOther).toEqual([]);
  });

  it('shows only my own month, day by day with holidays, weekends and minutes worked', async () => {
    const me = await person();
    const other = await person();
    await t.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id) VALUES
         ($1, 'in',  '2026-11-02T08:25:00+09:00', '2026-11-02', 'office', gen_random_uuid()),
         ($1, 'out', '2026-11-02T17:40:00+09:00', '2026-11-02', 'office', gen_random_uuid()),
         ($1, 'in',  '2026-11-04T09:00:00+09:00', '2026-11-04', 'telework', gen_random_uuid()),
         ($2, 'in',  '2026-11-05T09:00:00+09:00', '2026-11-05', 'office', gen_random_uuid())`,
      [me.id, other.id],
    );
    const month = await ok(me.client.get<AttendanceMonth>('/api/attendance/me/month?month=2026-11'));
    expect(month.days).toHaveLength(30);
    expect(month.days[1]).toMatchObject({ date: '2026-11-02', workingDay: true, workedMinutes: 495 });
    // 11/3 文化の日, 11/23 勤労感謝の日, 11/1 a Sunday.
    expect(month.days[2]).toMatchObject({
      workingDay: false,
      nonWorking: 'national_holiday',
      holidayName: '文化の日',
    });
    expect(month.days[0]).toMatchObject({ workingDay: false, nonWorking: 'weekend' });
    expect(month.days[22]!.holidayName).toBe('勤労感謝の日');
    expect(month).toMatchObject({ daysWorked: 2, workedMinutes: 495, teleworkDays: 1 });
    // Nothing of another person, whatever is asked.
    expect(month.days[4]!.in).toBeNull();
    expect((await t.client().get('/api/attendance/me/month')).status).toBe(401);
    expect(
      (await t.client().post('/api/attendance/punches', { kind: 'in', clientId: randomUUID() })).status,
    ).toBe(401);
  });

  it('refuses bad input in the person’s language and records nothing', async () => {
    const me = await person();
    const bad = await me.client.post('/api/attendance/punches', { kind: 'lunch', clientId: randomUUID() });
    expect(bad.status).toBe(400);
    const far = await me.client.get<{ code: string; message: string }>(
      '/api/attendance/me/month?month=2001-01',
    );
    expect(far.status).toBe(400);
    expect(far.body.message).toMatch(/前後2年/);
    expect((await me.client.get('/api/attendance/me/month?month=2026-13')).status).toBe(400);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM attendance_punch WHERE user_id = $1`,
      [me.id],
    );
    expect(n).toBe(0);
  });

  it('counts a clock-out in the small hours for the day clocked in, and the break only where it was worked', async () => {
    const me = await person();
    const service = t.app.get(AttendancePunchesService);
    const user = { id: me.id, role: 'staff' } as Parameters<typeof service.punch>[0];
    await service.punch(user, { kind: 'in', clientId: randomUUID() }, new Date('2026-12-01T22:00:00+09:00'));
    const out = await service.punch(
      user,
      { kind: 'out', clientId: randomUUID() },
      new Date('2026-12-02T02:30:00+09:00'),
    );
    expect(out.punch.workDate).toBe('2026-12-01');
    expect(out.today.day).toMatchObject({ date: '2026-12-01', workedMinutes: 270 });
    // 8:30–17:15 with the 12:00–13:00 break: 7 h 45 min; a morning only: no break taken.
    const day = '2026-12-03';
    expect(workedMinutes(new Date(`${day}T08:30:00+09:00`), new Date(`${day}T17:15:00+09:00`), day)).toBe(
      465,
    );
    expect(workedMinutes(new Date(`${day}T08:30:00+09:00`), new Date(`${day}T11:30:00+09:00`), day)).toBe(
      180,
    );
    expect(workedMinutes(new Date(`${day}T12:30:00+09:00`), new Date(`${day}T14:00:00+09:00`), day)).toBe(60);
  });
});
