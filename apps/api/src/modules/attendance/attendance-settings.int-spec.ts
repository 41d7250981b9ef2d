import type {
  ApprovalDocument,
  AttendanceSettings,
  MyLeave,
  MyOvertime,
  OvertimeReport,
  OvertimeRequestResult,
  UpdateAttendanceSettings,
  WorkSchedule,
  WorkScheduleList,
} from '@ringi/contracts';
import {
  addWorkingDays,
  annualGrant,
  DEFAULT_LEAVE_RULES,
  fiscalYearOf,
  isWorkingDay,
  tokyoDate,
} from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import {
  act,
  activeFor,
  makeApprovalTown,
  steps,
  type ApprovalTown,
} from '../../../../../tests/support/approvals';
import { ok } from '../../../../../tests/support/http';
import { eventually } from '../../../../../tests/support/sockets';

describe('attendance settings: the working day, leave rules, 他律的業務 departments, schedules, the yearly report', () => {
  let t: TestApp;
  let town: ApprovalTown;
  let defaults: AttendanceSettings;

  const input = (
    s: AttendanceSettings,
    change: Partial<UpdateAttendanceSettings> = {},
  ): UpdateAttendanceSettings => ({
    workRule: {
      start: s.workRule.start,
      end: s.workRule.end,
      breakStart: s.workRule.breakStart,
      breakEnd: s.workRule.breakEnd,
    },
    calendar: s.calendar,
    leave: s.leave,
    overtimeWarningPercent: s.overtimeWarningPercent,
    otherDirectedDepartmentIds: s.otherDirectedDepartments.map((d) => d.id),
    ...change,
  });

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeApprovalTown(t);
    defaults = await ok(town.clerk.client.get<AttendanceSettings>('/api/attendance/settings'));
  });
  afterAll(() => t.close());

  it('starts from the national defaults, which anyone may read', () => {
    expect(defaults.workRule).toEqual({
      start: '08:30',
      end: '17:15',
      breakStart: '12:00',
      breakEnd: '13:00',
      dayMinutes: 465,
    });
    expect(defaults.calendar).toEqual({
      closedWeekdays: [0, 6],
      nationalHolidays: true,
      closedDays: ['12-29/01-03'],
      openDays: [],
    });
    expect(defaults.leave).toMatchObject({
      leaveYearStartMonth: 1,
      annualDays: 20,
      carryOverMaxDays: 20,
      halfDay: null,
      hourlyCapDays: null,
    });
    expect(defaults.otherDirectedDepartments).toEqual([]);
    expect(defaults.updatedAt).toBeNull();
  });

  it('lets only an administrator change them, refuses what does not make sense plainly, and changes nothing then', async () => {
    const asStaff = await town.chief.client.put('/api/attendance/settings', input(defaults));
    expect(asStaff.status).toBe(403);
    const badDay = await town.admin.client.put<{ code: string; message: string }>(
      '/api/attendance/settings',
      input(defaults, { calendar: { ...defaults.calendar, closedDays: ['12-32'] } }),
    );
    expect([badDay.status, badDay.body.code]).toEqual([400, 'attendance/settings_invalid']);
    expect(badDay.body.message).toMatch(/閉庁日/);
    const badOrder = await town.admin.client.put<{ code: string; details: { message: string }[] }>(
      '/api/attendance/settings',
      input(defaults, { workRule: { start: '17:00', end: '08:30', breakStart: '12:00', breakEnd: '13:00' } }),
    );
    expect([badOrder.status, badOrder.body.code]).toEqual([400, 'request/validation_failed']);
    expect(badOrder.body.details[0]!.message).toMatch(/始業/);
    const unknownDepartment = await town.admin.client.put(
      '/api/attendance/settings',
      input(defaults, { otherDirectedDepartmentIds: ['00000000-0000-4000-8000-000000000000'] }),
    );
    expect(unknownDepartment.status).toBe(404);
    expect(await ok(town.clerk.client.get<AttendanceSettings>('/api/attendance/settings'))).toEqual(defaults);
  });

  it('applies a shorter day to the leave balance and a 他律 designation to the overtime limits of the department below it', async () => {
    const saved = await ok(
      town.admin.client.put<AttendanceSettings>(
        '/api/attendance/settings',
        input(defaults, {
          workRule: { start: '08:30', end: '17:00', breakStart: '12:00', breakEnd: '12:45' },
          otherDirectedDepartmentIds: [town.departments.division.id],
        }),
      ),
    );
    expect(saved.workRule.dayMinutes).toBe(465); // 8:30–17:00 with a 45-minute break: 7 h 45 min still
    expect(saved.otherDirectedDepartments).toEqual([{ id: town.departments.division.id, name: '総務課' }]);
    expect(saved.updatedAt).not.toBeNull();

    // The 総務係 clerk works under the designated 総務課: less than 100 hours a month, 720 a year.
    const clerk = await ok(town.clerk.client.get<MyOvertime>('/api/attendance/me/overtime'));
    expect(clerk).toMatchObject({
      regime: 'other_directed',
      monthLimitMinutes: 100 * 60,
      yearLimitMinutes: 720 * 60,
    });
    const outsider = await ok(town.outsider.client.get<MyOvertime>('/api/attendance/me/overtime'));
    expect(outsider).toMatchObject({
      regime: 'ordinary',
      monthLimitMinutes: 45 * 60,
      yearLimitMinutes: 360 * 60,
    });
    // 46 hours in a month (two orders on a day of a month): refused for ordinary staff, allowed under 他律.
    const day = isWorkingDay(tokyoDate()) ? tokyoDate() : addWorkingDays(tokyoDate(), 1);
    for (const who of [town.outsider, town.clerk]) {
      const first = { workDate: day, minutes: 24 * 60, reason: '議会対応' };
      expect((await who.client.post('/api/attendance/me/overtime-requests', first)).status).toBe(201);
    }
    const more = { workDate: day, minutes: 22 * 60, reason: '議会対応' };
    expect((await town.outsider.client.post('/api/attendance/me/overtime-requests', more)).status).toBe(409);
    expect((await town.clerk.client.post('/api/attendance/me/overtime-requests', more)).status).toBe(201);

    // A day of 7 h 30 min: a day of leave is worth 450 minutes.
    const shorter = await ok(
      town.admin.client.put<AttendanceSettings>(
        '/api/attendance/settings',
        input(saved, { workRule: { start: '08:30', end: '17:00', breakStart: '12:00', breakEnd: '13:00' } }),
      ),
    );
    expect(shorter.workRule.dayMinutes).toBe(450);
    const leave = await ok(town.clerk2.client.get<MyLeave>('/api/attendance/me/leave'));
    expect(leave.balance.dayMinutes).toBe(450);
    expect(leave.balance.granted.minutes % 450).toBe(0);
    await ok(town.admin.client.put('/api/attendance/settings', input(defaults)));
  });

  it('gives part-time staff (会計年度任用職員) the proportional grant of their weekly days, set by an administrator only', async () => {
    const path = `/api/attendance/schedules/${town.clerk2.id}`;
    expect((await town.clerk2.client.put(path, { employment: 'part_time', weeklyDays: 5 })).status).toBe(403);
    expect((await town.clerk2.client.get('/api/attendance/schedules')).status).toBe(403);
    const missing = await town.admin.client.put<{ code: string; details: { message: string }[] }>(path, {
      employment: 'part_time',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0]!.message).toMatch(/週の勤務日数/);
    expect(
      (
        await town.admin.client.put('/api/attendance/schedules/00000000-0000-4000-8000-000000000000', {
          employment: 'regular',
        })
      ).status,
    ).toBe(404);

    const today = tokyoDate();
    const joinedOn = `${Number(today.slice(0, 4)) - 3}-04-01`;
    const saved = await ok(
      town.admin.client.put<WorkSchedule>(path, {
        employment: 'part_time',
        weeklyDays: 3,
        dayMinutes: 360,
        joinedOn,
      }),
    );
    expect(saved).toMatchObject({
      employment: 'part_time',
      weeklyDays: 3,
      dayMinutes: 360,
      joinedOn,
      custom: true,
    });
    const list = await ok(town.admin.client.get<WorkScheduleList>('/api/attendance/schedules'));
    expect(list.items.find((s) => s.userId === town.clerk2.id)).toEqual(saved);
    expect(list.items.find((s) => s.userId === town.clerk.id)).toMatchObject({
      employment: 'regular',
      custom: false,
    });

    const expected = annualGrant(
      DEFAULT_LEAVE_RULES,
      { employment: 'part_time', joinedOn, weeklyDays: 3, dayMinutes: 360, weeklyMinutes: 3 * 360 },
      Number(today.slice(0, 4)),
    );
    expect(expected.basis).toBe('proportional');
    const leave = await ok(town.clerk2.client.get<MyLeave>('/api/attendance/me/leave'));
    expect(leave.balance.dayMinutes).toBe(360);
    expect(leave.balance.granted.minutes).toBe(expected.days * 360);

    // Back to the regular day: nothing stored.
    expect(await ok(town.admin.client.put<WorkSchedule>(path, { employment: 'regular' }))).toMatchObject({
      employment: 'regular',
      weeklyDays: null,
      custom: false,
    });
  });

  it('reports the fiscal year’s overtime of everyone from the approved requests, to administrators only', async () => {
    const day = isWorkingDay(tokyoDate()) ? tokyoDate() : addWorkingDays(tokyoDate(), 1);
    const made = await ok(
      town.leader.client.post<OvertimeRequestResult>('/api/attendance/me/overtime-requests', {
        workDate: day,
        minutes: 90,
        reason: '決算資料',
      }),
      201,
    );
    let doc = await ok(
      town.chief.client.get<ApprovalDocument>(`/api/approvals/documents/${made.request.approvalDocumentId}`),
    );
    const stepId = activeFor(doc, town.chief);
    const kind = steps(doc).find((s) => s.id === stepId)!.kind;
    doc = await ok(act(town.chief.client, doc, { type: kind === 'decide' ? 'decide' : 'approve', stepId }));
    expect(doc.status).toBe('decided');

    const fiscalYear = fiscalYearOf(day);
    expect(
      (await town.chief.client.get(`/api/attendance/overtime-report?fiscalYear=${fiscalYear}`)).status,
    ).toBe(403);
    expect((await town.admin.client.get('/api/attendance/overtime-report?fiscalYear=nineteen')).status).toBe(
      400,
    );
    const report = await eventually(
      () =>
        ok(town.admin.client.get<OvertimeReport>(`/api/attendance/overtime-report?fiscalYear=${fiscalYear}`)),
      (now) => now.people.some((p) => p.userId === town.leader.id),
    );
    expect(report.people.find((p) => p.userId === town.leader.id)).toMatchObject({
      departmentName: '総務係',
      yearMinutes: 90,
      violations: 0,
    });
    const own = await ok(town.leader.client.get<MyOvertime>('/api/attendance/me/overtime'));
    expect(own.yearMinutes).toBe(90);
  });

  it('offers half days (午前・午後) only once the town allows them, at their own lengths, both halves of a day apart', async () => {
    const day = isWorkingDay(tokyoDate()) ? addWorkingDays(tokyoDate(), 3) : addWorkingDays(tokyoDate(), 4);
    const half = (part: 'am' | 'pm') =>
      town.leader.client.post<{ code: string; request: { amount: { minutes: number } } }>(
        '/api/attendance/me/leave-requests',
        { unit: 'half_day', from: day, part },
      );
    expect(
      (await ok(town.leader.client.get<MyLeave>('/api/attendance/me/leave'))).balance.halfDay,
    ).toBeNull();
    const refused = await half('am');
    expect([refused.status, refused.body.code]).toEqual([400, 'attendance/leave_hours']);
    const noPart = await town.leader.client.post<{ details: { message: string }[] }>(
      '/api/attendance/me/leave-requests',
      {
        unit: 'half_day',
        from: day,
      },
    );
    expect(noPart.status).toBe(400);
    expect(noPart.body.details[0]!.message).toMatch(/午前か午後/);

    await ok(
      town.admin.client.put(
        '/api/attendance/settings',
        input(defaults, { leave: { ...defaults.leave, halfDay: { am: 210, pm: 255 } } }),
      ),
    );
    expect((await ok(town.leader.client.get<MyLeave>('/api/attendance/me/leave'))).balance.halfDay).toEqual({
      am: 210,
      pm: 255,
    });
    const am = await half('am');
    expect(am.status).toBe(201);
    expect(am.body.request.amount.minutes).toBe(210);
    expect((await half('am')).body.code).toBe('attendance/leave_overlap');
    expect((await half('pm')).status).toBe(201);
    // The whole day is taken now.
    const whole = await town.leader.client.post<{ code: string }>('/api/attendance/me/leave-requests', {
      unit: 'day',
      from: day,
    });
    expect(whole.body.code).toBe('attendance/leave_overlap');
    await ok(town.admin.client.put('/api/attendance/settings', input(defaults)));
  });
});
