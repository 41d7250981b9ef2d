import { randomUUID } from 'node:crypto';
import type {
  AttendanceClerkList,
  AttendanceMonth,
  DepartmentTimesheet,
  PersonTimesheet,
  TimesheetDepartments,
  TimesheetMissing,
  TimesheetPerson,
  TimesheetRemindResult,
} from '@ringi/contracts';
import { TIMESHEET_EXPORT_COLUMNS } from '@ringi/contracts';
import { addDays, isWorkingDay, tokyoDate } from '@ringi/domain';
import { Workbook } from 'exceljs';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeApprovalTown, type ApprovalTown, type Person } from '../../../../../tests/support/approvals';
import { makeDepartment, makeUser, TEST_PASSWORD } from '../../../../../tests/support/factories';
import { asError, ok, type TestClient } from '../../../../../tests/support/http';
import type { AuthUser } from '../../core/auth/auth.types';
import { AttendanceLeaveService } from './attendance-leave.service';
import { AttendanceOvertimeService } from './attendance-overtime.service';

/** `YYYY-MM` of the month before today's (its days are all past). */
function previousMonth(today = tokyoDate()): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function workingDaysOf(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (isWorkingDay(d)) days.push(d);
  return days;
}

describe('attendance: timesheets (出勤簿), month close, export and reminders', () => {
  let t: TestApp;
  let town: ApprovalTown;
  /** 人事係: a sibling 係 of 総務係 under 総務課, with its own 庶務担当. */
  let jinji: Awaited<ReturnType<typeof makeDepartment>>;
  let jinjiClerk: Person;
  /** The 課長 of 財政課 (another department). */
  let financeChief: Person;
  const month = previousMonth();
  const days = workingDaysOf(month);
  const lastWorkingDay = days[days.length - 1]!;
  const weekend = (() => {
    for (let d = `${month}-01`; ; d = addDays(d, 1)) if (!isWorkingDay(d)) return d;
  })();

  const signedIn = async (user: Awaited<ReturnType<typeof makeUser>>, locale: 'ja' | 'en' = 'ja') => {
    const client = t.client({ locale });
    await client.signIn(user.staffNumber, TEST_PASSWORD);
    return client;
  };
  const sheet = (client: TestClient, departmentId: string, m = month) =>
    client.get<DepartmentTimesheet>(`/api/attendance/timesheets?departmentId=${departmentId}&month=${m}`);
  const rowOf = (s: DepartmentTimesheet, who: { id: string }) =>
    s.people.find((p) => p.userId === who.id) as TimesheetPerson;
  const count = async (sql: string, params: unknown[] = []) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0]!.n;
  const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+09:00`;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    jinji = await makeDepartment(t, {
      name: '人事係',
      kind: 'section',
      parentId: town.departments.division.id,
    });
    const jinjiUser = await makeUser(t, { department: jinji, position: town.positions.clerk });
    jinjiClerk = { ...jinjiUser, client: await signedIn(jinjiUser) };
    const fc = await makeUser(t, { department: town.departments.finance, position: town.positions.chief });
    financeChief = { ...fc, client: await signedIn(fc) };
    // Everyone has been in their post for two years (the factories assign from today).
    await t.dataSource.query(`UPDATE membership SET valid_from = $1::date - 730`, [tokyoDate()]);

    // 庶務担当: clerk2 keeps 総務係, jinjiClerk keeps 人事係 (administrators assign them).
    for (const [department, who] of [
      [town.departments.section, town.clerk2],
      [jinji, jinjiClerk],
    ] as const)
      await ok(
        town.admin.client.post<AttendanceClerkList>('/api/attendance/clerks', {
          departmentId: department.id,
          staffNumber: who.staffNumber,
        }),
        201,
      );

    // town.clerk's month: four days clocked in (one from home, the fourth left open), a day of annual leave,
    // two hours of leave, and overtime (one reported, one not).
    const [d1, d2, d3, d4, d5, d6, d7] = days;
    await t.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id) VALUES
         ($1, 'in',  $2, $3, 'office', gen_random_uuid()), ($1, 'out', $4, $3, 'office', gen_random_uuid()),
         ($1, 'in',  $5, $6, 'telework', gen_random_uuid()), ($1, 'out', $7, $6, 'telework', gen_random_uuid()),
         ($1, 'in',  $8, $9, 'office', gen_random_uuid()), ($1, 'out', $10, $9, 'office', gen_random_uuid()),
         ($1, 'in',  $11, $12, 'office', gen_random_uuid())`,
      [
        town.clerk.id,
        at(d1!, '08:30'),
        d1,
        at(d1!, '18:00'),
        at(d2!, '09:00'),
        d2,
        at(d2!, '17:30'),
        at(d3!, '08:25'),
        d3,
        at(d3!, '17:15'),
        at(d4!, '08:30'),
        d4,
      ],
    );
    await t.dataSource.query(
      `INSERT INTO leave_request (user_id, leave_year, unit, from_date, to_date, minutes, status) VALUES
         ($1, $2, 'day', $3, $3, 465, 'approved'), ($1, $2, 'hour', $4, $4, 120, 'approved'),
         ($1, $2, 'hour', $4, $4, 60, 'rejected')`,
      [town.clerk.id, Number(month.slice(0, 4)), d5, d6],
    );
    // A day of 病気休暇 (special leave): on the sheet by its name, never as annual leave.
    await t.dataSource.query(
      `INSERT INTO leave_request (user_id, leave_year, leave_type, unit, from_date, to_date, minutes, status)
       VALUES ($1, $2, 'sick', 'day', $3, $3, 465, 'approved')`,
      [town.clerk.id, Number(month.slice(0, 4)), d7],
    );
    await t.dataSource.query(
      `INSERT INTO overtime_request (user_id, work_date, planned_minutes, actual_minutes, reason, status) VALUES
         ($1, $2, 60, 45, '予算資料', 'approved'), ($1, $3, 30, NULL, '窓口対応', 'approved'),
         ($1, $3, 120, NULL, '却下分', 'rejected')`,
      [town.clerk.id, d1, d2],
    );
    // Someone of 財政課 worked too (only the whole town's export shows them).
    await t.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id) VALUES
         ($1, 'in', $2, $3, 'office', gen_random_uuid()), ($1, 'out', $4, $3, 'office', gen_random_uuid())`,
      [town.outsider.id, at(d1!, '08:30'), d1, at(d1!, '17:15')],
    );
  });
  afterAll(() => t.close());

  it('shows the 課長 the month of the 課 and its 係 day by day, with totals equal to the person’s own month, leave and overtime', async () => {
    const s = await ok(sheet(town.chief.client, town.departments.division.id));
    expect(s.department).toEqual({ id: town.departments.division.id, name: '総務課' });
    expect(s.close.closed).toBe(false);
    expect(s).toMatchObject({ canClose: true, canReopen: false });
    expect(s.people.map((p) => p.userId).sort()).toEqual(
      [town.chief.id, town.leader.id, town.clerk.id, town.clerk2.id, jinjiClerk.id].sort(),
    );
    const mine = rowOf(s, town.clerk);
    expect(mine).toMatchObject({ departmentName: '総務係', positionName: '主事' });
    // 8:30–18:00 (510 less the hour's break) + 9:00–17:30 (450) + 8:25–17:15 (470); the fourth day is open.
    expect(mine.totals).toEqual({
      daysWorked: 4,
      workedMinutes: 510 + 450 + 470,
      teleworkDays: 1,
      leaveDays: 1,
      leaveHourMinutes: 120,
      leaveMinutes: 585,
      specialLeaveDays: 1,
      overtimeMinutes: 75,
      overtimeUnreported: 1,
    });
    expect(mine.days.find((x) => x.date === days[6])).toMatchObject({
      specialLeave: '病気休暇',
      leaveMinutes: 0,
    });
    const day = (d: string) => mine.days.find((x) => x.date === d)!;
    expect(day(days[0]!)).toMatchObject({
      workingDay: true,
      workedMinutes: 510,
      overtimePlannedMinutes: 60,
      overtimeActualMinutes: 45,
      inScope: true,
    });
    expect(day(days[3]!)).toMatchObject({ out: null, workedMinutes: null });
    expect(day(days[4]!)).toMatchObject({ leaveMinutes: 465, leaveUnit: 'day' });
    expect(day(days[5]!)).toMatchObject({ leaveMinutes: 120, leaveUnit: 'hour' });
    expect(day(weekend)).toMatchObject({ workingDay: false, nonWorking: expect.any(String) });

    // The same figures as the person's own month, leave balance and overtime.
    const own = await ok(town.clerk.client.get<AttendanceMonth>(`/api/attendance/me/month?month=${month}`));
    expect(mine.totals).toMatchObject({
      daysWorked: own.daysWorked,
      workedMinutes: own.workedMinutes,
      teleworkDays: own.teleworkDays,
    });
    const lastDay = mine.days[mine.days.length - 1]!.date;
    const balance = await t.app.get(AttendanceLeaveService).balanceAt(town.clerk.id, lastDay);
    expect(balance.usedMinutes).toBe(mine.totals.leaveMinutes);
    const user = { id: town.clerk.id, role: 'staff', locale: 'ja' } as AuthUser;
    const overtime = await t.app.get(AttendanceOvertimeService).mine(user, lastDay);
    expect(overtime.monthMinutes).toBe(mine.totals.overtimeMinutes);

    // One person's sheet: the person, their 課長 and their 庶務担当 see the same figures.
    for (const who of [town.clerk, town.chief, town.clerk2, town.admin]) {
      const p = await ok(
        who.client.get<PersonTimesheet>(
          `/api/attendance/timesheets/person?userId=${town.clerk.id}&month=${month}`,
        ),
      );
      expect(p.person.totals).toEqual(mine.totals);
    }
  });

  it('puts someone transferred in the middle of the month in both departments’ sheets, each for its own days', async () => {
    const mover = await makeUser(t, { department: jinji, position: town.positions.clerk });
    const mid = `${month}-15`;
    await t.dataSource.query(
      `UPDATE membership SET valid_from = $2::date - 400, valid_to = $2::date - 1 WHERE user_id = $1`,
      [mover.id, mid],
    );
    await t.dataSource.query(
      `INSERT INTO membership (user_id, department_id, position_id, is_primary, valid_from)
       VALUES ($1, $2, $3, true, $4)`,
      [mover.id, town.departments.section.id, town.positions.clerk.id, mid],
    );
    const before = days.filter((d) => d < mid)[0]!;
    const after = days.filter((d) => d >= mid)[0]!;
    await t.dataSource.query(
      `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, client_id) VALUES
         ($1, 'in', $2, $3, 'office', gen_random_uuid()), ($1, 'out', $4, $3, 'office', gen_random_uuid()),
         ($1, 'in', $5, $6, 'office', gen_random_uuid()), ($1, 'out', $7, $6, 'office', gen_random_uuid())`,
      [
        mover.id,
        at(before, '08:30'),
        before,
        at(before, '17:15'),
        at(after, '08:30'),
        after,
        at(after, '17:15'),
      ],
    );
    const inJinji = rowOf(await ok(sheet(jinjiClerk.client, jinji.id)), mover);
    const inSection = rowOf(await ok(sheet(town.clerk2.client, town.departments.section.id)), mover);
    expect([inJinji.totals.daysWorked, inJinji.departmentName]).toEqual([1, '人事係']);
    expect([inSection.totals.daysWorked, inSection.departmentName]).toEqual([1, '総務係']);
    expect(inJinji.days.find((d) => d.date === after)).toMatchObject({ inScope: false });
    // The 課 (above both) and the person's own sheet count the month once.
    const division = rowOf(await ok(sheet(town.chief.client, town.departments.division.id)), mover);
    expect(division.totals.daysWorked).toBe(2);
    expect(division.departmentName).toBe('総務係');
    await t.dataSource.query(`DELETE FROM app_user WHERE id = $1`, [mover.id]);
  });

  it('lists the departments each may see: the 課長 the 課 and its 係, a 庶務担当 their 係, most staff none', async () => {
    const list = async (who: Person) =>
      (await ok(who.client.get<TimesheetDepartments>('/api/attendance/timesheets/departments'))).items;
    expect((await list(town.chief)).map((d) => d.name)).toEqual(
      expect.arrayContaining(['総務課', '総務係', '人事係']),
    );
    expect((await list(town.chief)).map((d) => d.as)).toEqual(['head', 'head', 'head']);
    expect((await list(town.clerk2)).map((d) => [d.name, d.as])).toEqual([['総務係', 'clerk']]);
    expect((await list(town.leader)).map((d) => d.name)).toEqual(['総務係']);
    expect(await list(town.clerk)).toEqual([]);
    expect(await list(town.outsider)).toEqual([]);
    const admin = await ok(
      town.admin.client.get<TimesheetDepartments>('/api/attendance/timesheets/departments'),
    );
    expect(admin.canExportTown).toBe(true);
    expect(admin.items.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses another department’s sheet to plain staff, a chief of another department and a 庶務担当 of a sibling 係', async () => {
    const { division, section, finance } = town.departments;
    const refused: [Person, string][] = [
      [town.clerk, section.id],
      [town.outsider, division.id],
      [town.outsider, finance.id],
      [financeChief, division.id],
      [financeChief, section.id],
      [jinjiClerk, section.id],
      [jinjiClerk, division.id],
      [town.clerk2, division.id],
      [town.leader, division.id],
    ];
    for (const [who, departmentId] of refused) {
      const res = await sheet(who.client, departmentId);
      expect([who.staffNumber, res.status]).toEqual([who.staffNumber, 403]);
      expect(asError(res).code).toBe('attendance/timesheet_not_allowed');
      expect(asError(res).message).toMatch(/権限がありません/);
    }
    for (const [who, departmentId] of [
      [financeChief, finance.id],
      [jinjiClerk, jinji.id],
      [town.clerk2, section.id],
      [town.leader, section.id],
    ] as const)
      expect((await sheet(who.client, departmentId)).status).toBe(200);
    expect((await sheet(town.chief.client, randomUUID())).status).toBe(404);
    // One person's sheet: only the person, their heads, their 庶務担当 and administrators.
    const person = (who: Person, userId: string) =>
      who.client.get(`/api/attendance/timesheets/person?userId=${userId}&month=${month}`);
    expect((await person(town.clerk2, town.clerk.id)).status).toBe(200);
    for (const who of [town.outsider, financeChief, jinjiClerk])
      expect((await person(who, town.clerk.id)).status).toBe(403);
    expect((await person(town.clerk, town.clerk2.id)).status).toBe(403);
    expect((await person(town.clerk, randomUUID())).status).toBe(404);

    // Acting on it as the wrong person changes nothing.
    const before = await count(`SELECT count(*)::int AS n FROM attendance_month_close`);
    for (const [who, departmentId] of [
      [town.outsider, division.id],
      [financeChief, section.id],
      [jinjiClerk, section.id],
    ] as const) {
      expect(
        (await who.client.post('/api/attendance/timesheets/close', { departmentId, month })).status,
      ).toBe(403);
      expect(
        (
          await who.client.get(
            `/api/attendance/timesheets/export?departmentId=${departmentId}&month=${month}`,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await who.client.get(
            `/api/attendance/timesheets/missing?departmentId=${departmentId}&date=${lastWorkingDay}`,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await who.client.post('/api/attendance/timesheets/remind', {
            departmentId,
            date: lastWorkingDay,
            userIds: [town.clerk.id],
          })
        ).status,
      ).toBe(403);
    }
    expect(await count(`SELECT count(*)::int AS n FROM attendance_month_close`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM attendance_reminder`)).toBe(0);
    // The whole town's export and the clerks are for administrators only.
    expect((await town.chief.client.get(`/api/attendance/timesheets/export?month=${month}`)).status).toBe(
      403,
    );
    expect((await town.chief.client.get('/api/attendance/clerks')).status).toBe(403);
    const clerks = await count(`SELECT count(*)::int AS n FROM attendance_clerk`);
    expect(
      (
        await town.chief.client.post('/api/attendance/clerks', {
          departmentId: division.id,
          staffNumber: town.clerk.staffNumber,
        })
      ).status,
    ).toBe(403);
    expect(
      (await town.chief.client.delete(`/api/attendance/clerks/${section.id}/${town.clerk2.id}`)).status,
    ).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM attendance_clerk`)).toBe(clerks);
  });

  it('closes the month so that a punch is refused with 409 and nothing recorded, and only an administrator reopens it', async () => {
    const current = tokyoDate().slice(0, 7);
    const { division, section } = town.departments;
    const closed = await ok(
      town.chief.client.post<DepartmentTimesheet>('/api/attendance/timesheets/close', {
        departmentId: division.id,
        month: current,
      }),
    );
    expect(closed.close).toMatchObject({ closed: true, closedByName: '試験 太郎' });
    // The 課 and its 係 are closed.
    expect(
      await count(`SELECT count(*)::int AS n FROM attendance_month_close WHERE month = $1`, [
        `${current}-01`,
      ]),
    ).toBe(3);
    expect((await ok(sheet(town.clerk2.client, section.id, current))).close.closed).toBe(true);
    // Closing again changes nothing.
    await ok(
      town.chief.client.post('/api/attendance/timesheets/close', {
        departmentId: division.id,
        month: current,
      }),
    );

    const punch = () =>
      town.clerk.client.post<{ code: string; message: string }>('/api/attendance/punches', {
        kind: 'in',
        clientId: randomUUID(),
      });
    const refused = await punch();
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('attendance/month_closed');
    expect(refused.body.message).toMatch(/締められている/);
    expect(
      await count(`SELECT count(*)::int AS n FROM attendance_punch WHERE user_id = $1 AND work_date = $2`, [
        town.clerk.id,
        tokyoDate(),
      ]),
    ).toBe(0);
    // Nor are leave, overtime or a punch correction recorded in the closed month.
    const firstDay = `${current}-01`;
    const asked = [
      await town.clerk.client.post<{ code: string }>('/api/attendance/me/leave-requests', {
        unit: 'hour',
        from: tokyoDate(),
        minutes: 60,
      }),
      await town.clerk.client.post<{ code: string }>('/api/attendance/me/overtime-requests', {
        workDate: tokyoDate(),
        minutes: 60,
        reason: '締め後',
      }),
      await town.clerk.client.post<{ code: string }>('/api/attendance/me/corrections', {
        workDate: firstDay,
        clockIn: `${firstDay}T08:30:00+09:00`,
        reason: '打刻忘れ',
        clientId: randomUUID(),
      }),
    ];
    expect(asked.map((r) => [r.status, r.body.code])).toEqual([
      [409, 'attendance/month_closed'],
      [409, 'attendance/month_closed'],
      [409, 'attendance/month_closed'],
    ]);
    // People of other departments still punch.
    expect(
      (await town.outsider.client.post('/api/attendance/punches', { kind: 'in', clientId: randomUUID() }))
        .status,
    ).toBe(201);

    // Reopening: administrators only, refused in the person's language.
    const ja = await town.leader.client.post<{ code: string; message: string }>(
      '/api/attendance/timesheets/reopen',
      { departmentId: section.id, month: current },
    );
    expect(ja.status).toBe(403);
    expect(ja.body).toMatchObject({
      code: 'attendance/reopen_not_allowed',
      message: expect.stringMatching(/管理者だけ/),
    });
    const en = await (
      await signedIn(town.chief, 'en')
    ).post<{ message: string }>('/api/attendance/timesheets/reopen', {
      departmentId: division.id,
      month: current,
    });
    expect(en.status).toBe(403);
    expect(en.body.message).toMatch(/Only administrators/);
    expect(
      await count(`SELECT count(*)::int AS n FROM attendance_month_close WHERE month = $1`, [
        `${current}-01`,
      ]),
    ).toBe(3);

    const reopened = await ok(
      town.admin.client.post<DepartmentTimesheet>('/api/attendance/timesheets/reopen', {
        departmentId: division.id,
        month: current,
      }),
    );
    expect(reopened.close.closed).toBe(false);
    expect((await punch()).status).toBe(201);
    const audit: { type: string }[] = await t.dataSource.query(
      `SELECT type FROM audit_event WHERE type LIKE 'attendance.month_%' ORDER BY id`,
    );
    expect(audit.map((a) => a.type)).toEqual(['attendance.month_closed', 'attendance.month_reopened']);
    const [reopenedEvent]: { data: { departments: string[] } }[] = await t.dataSource.query(
      `SELECT data FROM audit_event WHERE type = 'attendance.month_reopened'`,
    );
    expect(reopenedEvent!.data.departments).toHaveLength(3);

    // A 庶務担当 closes their 係 only; a month not begun cannot be closed.
    await ok(
      town.clerk2.client.post('/api/attendance/timesheets/close', { departmentId: section.id, month }),
    );
    expect((await ok(sheet(town.chief.client, division.id))).close.closed).toBe(false);
    expect((await ok(sheet(town.chief.client, section.id))).close.closed).toBe(true);
    const next = addDays(`${current}-28`, 7).slice(0, 7);
    const future = await town.chief.client.post<{ code: string }>('/api/attendance/timesheets/close', {
      departmentId: division.id,
      month: next,
    });
    expect([future.status, future.body.code]).toEqual([400, 'attendance/month_not_closable']);
    await ok(
      town.admin.client.post('/api/attendance/timesheets/reopen', { departmentId: section.id, month }),
    );
  });

  it('exports the month for payroll as CSV (UTF-8 with BOM) and XLSX with the same figures, and the whole town for administrators', async () => {
    const url = (q: string) => `/api/attendance/timesheets/export?${q}`;
    const csv = await fetch(`${t.url}${url(`departmentId=${town.departments.division.id}&month=${month}`)}`, {
      headers: { cookie: town.chief.client.cookie },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`timesheet-${month}.csv`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8')
      .decode(bytes.slice(3))
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual([...TIMESHEET_EXPORT_COLUMNS]);
    expect(lines).toHaveLength(6);
    const row = lines.find((l) => l[1] === town.clerk.staffNumber)!;
    expect(row).toEqual([
      month,
      town.clerk.staffNumber,
      '試験 太郎',
      '総務係',
      '4',
      '23.83',
      '1',
      '2',
      '1.25',
      '1',
      '1',
      '未',
    ]);

    // XLSX: the same row on the first sheet, the days on the second.
    const res = await fetch(
      `${t.url}${url(`departmentId=${town.departments.division.id}&month=${month}&format=xlsx`)}`,
      {
        headers: { cookie: town.chief.client.cookie },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const totals = book.getWorksheet('出勤簿')!;
    expect(totals.getRow(1).values).toEqual([undefined, ...TIMESHEET_EXPORT_COLUMNS]);
    const xrow = [...Array(totals.rowCount).keys()]
      .map((i) => totals.getRow(i + 1))
      .find((r) => r.getCell(2).value === town.clerk.staffNumber)!;
    expect(xrow.getCell(5).value).toBe(4);
    expect(xrow.getCell(6).value).toBe(23.83);
    expect(xrow.getCell(7).value).toBe(1);
    expect(xrow.getCell(8).value).toBe(2);
    expect(xrow.getCell(9).value).toBe(1.25);
    const daily = book.getWorksheet('日別')!;
    const first = [...Array(daily.rowCount).keys()]
      .map((i) => daily.getRow(i + 1))
      .find((r) => r.getCell(1).value === town.clerk.staffNumber && r.getCell(3).value === days[0]);
    expect(first?.getCell(5).value).toBe('08:30');
    expect(first?.getCell(7).value).toBe(8.5);
    expect(first?.getCell(10).value).toBe(0.75);

    // The whole town (administrators): 財政課 too.
    const town_ = await town.admin.client.get<string>(url(`month=${month}`));
    expect(town_.status).toBe(200);
    expect(town_.text).toContain(town.outsider.staffNumber);
    expect(town_.text).toContain(town.clerk.staffNumber);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_event WHERE type = 'attendance.timesheet_exported'`),
    ).toBe(3);
  });

  it('lists who has not punched or reported, and reminds each once per day', async () => {
    const missing = await ok(
      town.clerk2.client.get<TimesheetMissing>(
        `/api/attendance/timesheets/missing?departmentId=${town.departments.section.id}&date=${lastWorkingDay}`,
      ),
    );
    expect(missing.workingDay).toBe(true);
    const mine = missing.items.find((p) => p.userId === town.clerk.id)!;
    expect(mine).toMatchObject({
      reasons: ['no_clock_in', 'open_clock_in', 'overtime_unreported'],
      openDates: [days[3]],
      overtimeDates: [days[1]],
      remindedAt: null,
    });
    // Only people of the 係.
    expect(missing.items.map((p) => p.userId)).not.toContain(town.chief.id);

    const remind = () =>
      town.clerk2.client.post<TimesheetRemindResult>('/api/attendance/timesheets/remind', {
        departmentId: town.departments.section.id,
        date: lastWorkingDay,
        userIds: [town.clerk.id],
      });
    expect(await ok(remind())).toEqual({ sent: [town.clerk.id], already: [] });
    expect(await ok(remind())).toEqual({ sent: [], already: [town.clerk.id] });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'attendance.timesheet_reminder'`,
        [town.clerk.id],
      ),
    ).toBe(1);
    const after = await ok(
      town.clerk2.client.get<TimesheetMissing>(
        `/api/attendance/timesheets/missing?departmentId=${town.departments.section.id}&date=${lastWorkingDay}`,
      ),
    );
    expect(after.items.find((p) => p.userId === town.clerk.id)!.remindedAt).not.toBeNull();
    // Someone outside the 係 cannot be reminded through it.
    const outside = await town.clerk2.client.post('/api/attendance/timesheets/remind', {
      departmentId: town.departments.section.id,
      date: lastWorkingDay,
      userIds: [town.outsider.id],
    });
    expect(outside.status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM attendance_reminder`)).toBe(1);
  });

  it('lets administrators assign and remove 庶務担当', async () => {
    const list = await ok(town.admin.client.get<AttendanceClerkList>('/api/attendance/clerks'));
    expect(list.items.map((c) => [c.departmentName, c.staffNumber])).toEqual(
      expect.arrayContaining([
        ['総務係', town.clerk2.staffNumber],
        ['人事係', jinjiClerk.staffNumber],
      ]),
    );
    const removed = await ok(
      town.admin.client.delete<AttendanceClerkList>(
        `/api/attendance/clerks/${town.departments.section.id}/${town.clerk2.id}`,
      ),
    );
    expect(removed.items.map((c) => c.userId)).not.toContain(town.clerk2.id);
    expect((await sheet(town.clerk2.client, town.departments.section.id)).status).toBe(403);
    await ok(town.admin.client.delete(`/api/attendance/clerks/${jinji.id}/${jinjiClerk.id}`));
    expect(
      (await town.admin.client.delete(`/api/attendance/clerks/${jinji.id}/${jinjiClerk.id}`)).status,
    ).toBe(404);
    expect(
      (
        await town.admin.client.post('/api/attendance/clerks', {
          departmentId: jinji.id,
          staffNumber: 'NOPE1',
        })
      ).status,
    ).toBe(404);
  });
});
