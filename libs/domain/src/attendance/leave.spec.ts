import {
  DEFAULT_LEAVE_RULES,
  annualGrant,
  checkLeaveRequest,
  hourlyCapMinutes,
  leaveAmountParts,
  leaveBalance,
  leaveWorkingDates,
  leaveYearOf,
  leaveYearRange,
  monthsLeftInLeaveYear,
  serviceCompletedOn,
  validateLeaveRules,
  type LeaveGrant,
  type LeavePerson,
  type LeaveRules,
  type TakenLeave,
} from './leave';

/** 7 h 45 min, the default day. */
const DAY = 465;
const JAN: LeaveRules = DEFAULT_LEAVE_RULES;
const APR: LeaveRules = { ...DEFAULT_LEAVE_RULES, leaveYearStartMonth: 4 };
const WITH_HALF_DAYS: LeaveRules = { ...DEFAULT_LEAVE_RULES, halfDay: { am: 225, pm: 240 } };
const regular = (joinedOn: string): LeavePerson => ({ employment: 'regular', joinedOn });
const partTimer = (joinedOn: string, weeklyDays: number, weeklyMinutes?: number): LeavePerson => ({
  employment: 'part_time',
  joinedOn,
  weeklyDays,
  weeklyMinutes,
});
const approved = (date: string, minutes: number, unit: TakenLeave['unit'] = 'day'): TakenLeave => ({
  date,
  unit,
  minutes,
  status: 'approved',
});
const grant = (grantedOn: string, days = 20): LeaveGrant => ({ grantedOn, days });

describe('leave rules', () => {
  it('accepts the national defaults and names what is wrong in a broken set', () => {
    expect(validateLeaveRules(DEFAULT_LEAVE_RULES)).toEqual([]);
    expect(
      validateLeaveRules({
        ...DEFAULT_LEAVE_RULES,
        proRatedDays: [2, 3],
        dayMinutes: 0,
        halfDay: { am: 500, pm: 240 },
        hourlyCapDays: 0,
      }),
    ).toEqual([
      'proRatedDays: twelve whole numbers of days',
      'dayMinutes: a positive whole number of minutes',
      'halfDay: two positive whole numbers of minutes, each shorter than a day',
      'hourlyCapDays: a positive whole number of days, or null',
    ]);
  });
});

describe('leaveYearOf and leaveYearRange', () => {
  it('follows the calendar year when leave years start in January', () => {
    expect(leaveYearOf(JAN, '2026-01-01')).toBe(2026);
    expect(leaveYearOf(JAN, '2026-12-31')).toBe(2026);
    expect(leaveYearRange(JAN, 2026)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('follows the 年度 when leave years start in April', () => {
    expect(leaveYearOf(APR, '2027-03-31')).toBe(2026);
    expect(leaveYearOf(APR, '2027-04-01')).toBe(2027);
    expect(leaveYearOf(APR, '2028-02-29')).toBe(2027);
    expect(leaveYearRange(APR, 2027)).toEqual({ start: '2027-04-01', end: '2028-03-31' });
  });
});

describe('annualGrant for regular staff', () => {
  it('grants 20 days on January 1 to staff who joined before', () => {
    expect(annualGrant(JAN, regular('2019-04-01'), 2026)).toEqual({
      leaveYear: 2026,
      grantedOn: '2026-01-01',
      days: 20,
      basis: 'full',
    });
    expect(annualGrant(JAN, regular('2026-01-01'), 2026)).toMatchObject({ days: 20, basis: 'full' });
  });

  it('grants nothing in a leave year that ended before the person joined', () => {
    expect(annualGrant(JAN, regular('2027-01-01'), 2026)).toMatchObject({ days: 0, basis: 'none' });
    expect(annualGrant(APR, regular('2027-04-01'), 2026)).toMatchObject({ days: 0, basis: 'none' });
  });

  // Joining month (January leave year) → months left → days of the national table.
  const rows: [month: string, lastDay: string, monthsLeft: number, days: number][] = [
    ['12', '31', 1, 2],
    ['11', '30', 2, 3],
    ['10', '31', 3, 5],
    ['09', '30', 4, 7],
    ['08', '31', 5, 8],
    ['07', '31', 6, 10],
    ['06', '30', 7, 12],
    ['05', '31', 8, 13],
    ['04', '30', 9, 15],
    ['03', '31', 10, 17],
    ['02', '28', 11, 18],
    ['01', '31', 12, 20],
  ];
  it.each(rows)(
    'joining in month %s (on day 1 or 2, 15 or %s) leaves %i months: %i days',
    (month, lastDay, monthsLeft, days) => {
      for (const day of month === '01' ? ['02', '15', lastDay] : ['01', '15', lastDay]) {
        const joinedOn = `2026-${month}-${day}`;
        expect([joinedOn, monthsLeftInLeaveYear(JAN, joinedOn, 2026)]).toEqual([joinedOn, monthsLeft]);
        expect(annualGrant(JAN, regular(joinedOn), 2026)).toEqual({
          leaveYear: 2026,
          grantedOn: joinedOn,
          days,
          basis: 'pro_rated',
          monthsLeft,
        });
      }
    },
  );

  it('counts the months left to March 31 when leave years start in April', () => {
    expect(annualGrant(APR, regular('2027-03-31'), 2026)).toMatchObject({ days: 2, monthsLeft: 1 });
    expect(annualGrant(APR, regular('2027-03-01'), 2026)).toMatchObject({ days: 2, monthsLeft: 1 });
    expect(annualGrant(APR, regular('2027-02-28'), 2026)).toMatchObject({ days: 3, monthsLeft: 2 });
    expect(annualGrant(APR, regular('2026-10-01'), 2026)).toMatchObject({ days: 10, monthsLeft: 6 });
    expect(annualGrant(APR, regular('2026-12-28'), 2026)).toMatchObject({ days: 7, monthsLeft: 4 });
    expect(annualGrant(APR, regular('2026-04-02'), 2026)).toMatchObject({ days: 20, monthsLeft: 12 });
    expect(annualGrant(APR, regular('2026-04-01'), 2026)).toMatchObject({ days: 20, basis: 'full' });
  });

  it('pro-rates a joining on February 29 of a leap year', () => {
    expect(annualGrant(JAN, regular('2028-02-29'), 2028)).toMatchObject({ days: 18, monthsLeft: 11 });
    expect(annualGrant(APR, regular('2028-02-29'), 2027)).toMatchObject({ days: 3, monthsLeft: 2 });
  });

  it('reads the table from the rules', () => {
    const rules = { ...JAN, proRatedDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], annualDays: 15 };
    expect(annualGrant(rules, regular('2026-10-20'), 2026)).toMatchObject({ days: 3 });
    expect(annualGrant(rules, regular('2025-10-20'), 2026)).toMatchObject({ days: 15, basis: 'full' });
  });
});

describe('serviceCompletedOn', () => {
  it('is the same day of the month later, or the 1st of the next month when the month is too short', () => {
    expect(serviceCompletedOn('2026-04-01', 6)).toBe('2026-10-01');
    expect(serviceCompletedOn('2025-08-31', 6)).toBe('2026-03-01');
    expect(serviceCompletedOn('2025-08-29', 6)).toBe('2026-03-01');
    expect(serviceCompletedOn('2023-08-29', 6)).toBe('2024-02-29');
    expect(serviceCompletedOn('2025-10-15', 18)).toBe('2027-04-15');
  });
});

describe('annualGrant for 会計年度任用職員 (proportional grant)', () => {
  const table: [weeklyDays: number, days: number[]][] = [
    [5, [10, 11, 12, 14, 16, 18, 20]],
    [4, [7, 8, 9, 10, 12, 13, 15]],
    [3, [5, 6, 6, 8, 9, 10, 11]],
    [2, [3, 4, 4, 5, 6, 6, 7]],
    [1, [1, 2, 2, 2, 3, 3, 3]],
  ];
  it.each(table)('%i days a week gives %j over the years of service', (weeklyDays, days) => {
    // Appointed 2019-04-01, leave years from April: 6 months in 2019, 1.5 years by the end of 2020 …
    const person = partTimer('2019-04-01', weeklyDays);
    const granted = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map(
      (y) => annualGrant(APR, person, y).days,
    );
    expect(granted).toEqual([...days, days[6]]);
  });

  it('gives the first grant when 6 months of service are complete, later ones at the leave year start', () => {
    const person = partTimer('2025-04-01', 3);
    expect(annualGrant(APR, person, 2025)).toEqual({
      leaveYear: 2025,
      grantedOn: '2025-10-01',
      days: 5,
      basis: 'proportional',
      weeklyDaysRow: 3,
      serviceColumn: 0,
    });
    expect(annualGrant(APR, person, 2026)).toMatchObject({
      grantedOn: '2026-04-01',
      days: 6,
      serviceColumn: 1,
    });
  });

  it('grants nothing in a leave year that ends before 6 months of service', () => {
    const person = partTimer('2025-10-01', 5);
    expect(annualGrant(APR, person, 2025)).toMatchObject({ days: 0, basis: 'none' });
    expect(annualGrant(APR, person, 2026)).toMatchObject({
      grantedOn: '2026-04-01',
      days: 10,
      serviceColumn: 0,
    });
    expect(annualGrant(APR, person, 2027)).toMatchObject({
      grantedOn: '2027-04-01',
      days: 11,
      serviceColumn: 1,
    });
  });

  it('gives the 5-day row at 30 hours a week whatever the days, and the days’ row below', () => {
    expect(annualGrant(APR, partTimer('2020-04-01', 4, 30 * 60), 2026)).toMatchObject({
      days: 20,
      weeklyDaysRow: 5,
    });
    expect(annualGrant(APR, partTimer('2020-04-01', 4, 29 * 60), 2026)).toMatchObject({
      days: 15,
      weeklyDaysRow: 4,
    });
  });

  it('grants on February 29 when 6 months end then', () => {
    expect(annualGrant(JAN, partTimer('2023-08-29', 5), 2024)).toMatchObject({
      grantedOn: '2024-02-29',
      days: 10,
    });
    expect(annualGrant(JAN, partTimer('2023-08-29', 5), 2023)).toMatchObject({ days: 0 });
    expect(annualGrant(JAN, partTimer('2025-08-29', 5), 2026)).toMatchObject({ grantedOn: '2026-03-01' });
  });

  it('refuses a part-timer without weekly days', () => {
    expect(() => annualGrant(APR, { employment: 'part_time', joinedOn: '2025-04-01' }, 2025)).toThrow(
      RangeError,
    );
  });
});

describe('leaveAmountParts and hourlyCapMinutes', () => {
  it('splits minutes into days of the day length, hours and minutes', () => {
    expect(leaveAmountParts(12 * DAY + 3 * 60 + 45, DAY)).toEqual({ days: 12, hours: 3, minutes: 45 });
    expect(leaveAmountParts(5625, DAY)).toEqual({ days: 12, hours: 0, minutes: 45 });
    expect(leaveAmountParts(464, DAY)).toEqual({ days: 0, hours: 7, minutes: 44 });
    expect(leaveAmountParts(0, DAY)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(leaveAmountParts(-500, DAY)).toEqual({ days: -1, hours: 0, minutes: -35 });
    expect(leaveAmountParts(20 * 480 + 90, 480)).toEqual({ days: 20, hours: 1, minutes: 30 });
  });

  it('counts the cap in whole hours of a day rounded up', () => {
    expect(hourlyCapMinutes(5, 465)).toBe(40 * 60);
    expect(hourlyCapMinutes(5, 480)).toBe(40 * 60);
    expect(hourlyCapMinutes(5, 361)).toBe(35 * 60);
    expect(hourlyCapMinutes(5, 360)).toBe(30 * 60);
  });
});

describe('leaveBalance', () => {
  const person = { dayMinutes: undefined };

  it('is the grant less approved requests, pending, rejected and cancelled ones not counted', () => {
    const taken: TakenLeave[] = [
      approved('2026-02-02', 2 * DAY),
      approved('2026-03-02', 120, 'hour'),
      { ...approved('2026-03-03', DAY), status: 'cancelled' },
      { ...approved('2026-03-04', DAY), status: 'pending' },
      { ...approved('2026-03-05', DAY), status: 'rejected' },
      { ...approved('2026-03-06', DAY), status: 'withdrawn' },
    ];
    const b = leaveBalance(JAN, person, [grant('2026-01-01')], taken, '2026-06-01');
    expect(b).toMatchObject({
      leaveYear: 2026,
      grantedMinutes: 9300,
      usedMinutes: 1050,
      carriedMinutes: 0,
      currentMinutes: 8250,
      totalMinutes: 8250,
      hourlyUsedMinutes: 120,
      hourlyCapMinutes: null,
      carryOverExpiresOn: '2026-12-31',
    });
    expect(leaveAmountParts(b.totalMinutes, b.dayMinutes)).toEqual({ days: 17, hours: 5, minutes: 45 });
  });

  it('gives a cancelled request’s days back', () => {
    const request = approved('2026-05-11', 3 * DAY);
    const before = leaveBalance(JAN, person, [grant('2026-01-01')], [request], '2026-06-01');
    const after = leaveBalance(
      JAN,
      person,
      [grant('2026-01-01')],
      [{ ...request, status: 'cancelled' }],
      '2026-06-01',
    );
    expect([before.totalMinutes, after.totalMinutes]).toEqual([17 * DAY, 20 * DAY]);
  });

  it('counts approved requests dated after the balance day, and grants only from their day', () => {
    const b = leaveBalance(
      JAN,
      person,
      [grant('2026-01-01'), grant('2026-07-01', 3)],
      [approved('2026-11-02', DAY)],
      '2026-06-30',
    );
    expect([b.grantedMinutes, b.totalMinutes]).toEqual([20 * DAY, 19 * DAY]);
  });

  it('carries the unused days into the next year, uses them first, and lets them expire after it (January)', () => {
    const grants = [grant('2025-01-01'), grant('2026-01-01'), grant('2027-01-01')];
    const taken = [approved('2025-06-02', 15 * DAY), approved('2026-04-06', 3 * DAY)];
    const y2026 = leaveBalance(JAN, person, grants, taken, '2026-12-31');
    expect(y2026).toMatchObject({
      carriedInMinutes: 5 * DAY,
      carriedMinutes: 2 * DAY,
      currentMinutes: 20 * DAY,
      totalMinutes: 22 * DAY,
      carryOverExpiresOn: '2026-12-31',
    });
    // The 2 carried days left on December 31 are gone on January 1; the 20 of 2026 carry over.
    const y2027 = leaveBalance(JAN, person, grants, taken, '2027-01-01');
    expect(y2027).toMatchObject({
      carriedInMinutes: 20 * DAY,
      carriedMinutes: 20 * DAY,
      totalMinutes: 40 * DAY,
    });
  });

  it('lets carried days expire at the April boundary when leave years start in April', () => {
    const grants = [grant('2025-04-01'), grant('2026-04-01'), grant('2027-04-01')];
    const taken = [approved('2025-05-12', 5 * DAY), approved('2026-04-01', 2 * DAY)];
    expect(leaveBalance(APR, person, grants, taken, '2026-03-31')).toMatchObject({
      leaveYear: 2025,
      carriedMinutes: 0,
      totalMinutes: 15 * DAY,
      carryOverExpiresOn: '2026-03-31',
    });
    expect(leaveBalance(APR, person, grants, taken, '2026-04-01')).toMatchObject({
      leaveYear: 2026,
      carriedMinutes: 13 * DAY,
      currentMinutes: 20 * DAY,
      totalMinutes: 33 * DAY,
      carryOverExpiresOn: '2027-03-31',
    });
    expect(leaveBalance(APR, person, grants, taken, '2027-04-01')).toMatchObject({
      carriedInMinutes: 20 * DAY,
      totalMinutes: 40 * DAY,
    });
  });

  it('never carries more than 20 days, so the most one holds is 40', () => {
    const grants = [grant('2024-01-01'), grant('2025-01-01'), grant('2026-01-01')];
    expect(leaveBalance(JAN, person, grants, [], '2026-01-01')).toMatchObject({
      carriedMinutes: 20 * DAY,
      totalMinutes: 40 * DAY,
    });
    const capped = { ...JAN, carryOverMaxDays: 10 };
    expect(leaveBalance(capped, person, grants, [], '2026-01-01')).toMatchObject({ totalMinutes: 30 * DAY });
    const bigGrant = [grant('2025-01-01', 25), grant('2026-01-01', 25)];
    expect(leaveBalance(JAN, person, bigGrant, [], '2026-01-01')).toMatchObject({ carriedMinutes: 20 * DAY });
  });

  it('carries a remainder of hours as minutes, or cuts it where the town does', () => {
    const grants = [grant('2025-01-01'), grant('2026-01-01')];
    const taken = [approved('2025-09-01', 7 * 60, 'hour')];
    // 9,300 − 420 = 8,880 = 19 days and 45 minutes.
    expect(leaveBalance(JAN, person, grants, taken, '2026-01-01').carriedMinutes).toBe(8880);
    const cut = { ...JAN, carryOverHours: false };
    expect(leaveBalance(cut, person, grants, taken, '2026-01-01').carriedMinutes).toBe(19 * DAY);
  });

  it('counts the days of a part-timer at their own day length', () => {
    const b = leaveBalance(
      APR,
      { dayMinutes: 360 },
      [grant('2026-04-01', 7)],
      [approved('2026-05-01', 90, 'hour')],
      '2026-05-01',
    );
    expect([b.dayMinutes, b.totalMinutes, b.halfDay]).toEqual([360, 7 * 360 - 90, null]);
    expect(leaveAmountParts(b.totalMinutes, 360)).toEqual({ days: 6, hours: 4, minutes: 30 });
  });

  it('goes below zero only in this year’s part, and carries nothing of it', () => {
    const grants = [grant('2025-01-01', 2), grant('2026-01-01', 2)];
    const taken = [approved('2025-02-02', 3 * DAY)];
    expect(leaveBalance(JAN, person, grants, taken, '2025-12-31')).toMatchObject({ currentMinutes: -DAY });
    expect(leaveBalance(JAN, person, grants, taken, '2026-01-01')).toMatchObject({ totalMinutes: 2 * DAY });
  });

  it('counts a grant on February 29 from that day', () => {
    const grants = [grant('2024-02-29', 10)];
    expect(leaveBalance(JAN, person, grants, [], '2024-02-28').totalMinutes).toBe(0);
    expect(leaveBalance(JAN, person, grants, [], '2024-02-29').totalMinutes).toBe(10 * DAY);
  });
});

describe('leaveWorkingDates', () => {
  it('counts only working days over Golden Week', () => {
    // 4/29 昭和の日, 5/2–5/3 weekend, 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日.
    expect(leaveWorkingDates('2026-04-27', '2026-05-08')).toEqual([
      '2026-04-27',
      '2026-04-28',
      '2026-04-30',
      '2026-05-01',
      '2026-05-07',
      '2026-05-08',
    ]);
  });

  it('skips the year-end closure and accepts a person’s own working days', () => {
    expect(leaveWorkingDates('2026-12-25', '2027-01-05')).toEqual([
      '2026-12-25',
      '2026-12-28',
      '2027-01-04',
      '2027-01-05',
    ]);
    const monWedFri = (d: string) => [1, 3, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(leaveWorkingDates('2026-06-08', '2026-06-14', monWedFri)).toEqual([
      '2026-06-08',
      '2026-06-10',
      '2026-06-12',
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => leaveWorkingDates('2026-06-09', '2026-06-08')).toThrow(RangeError);
  });
});

describe('checkLeaveRequest', () => {
  const fresh = (rules: LeaveRules, at: string, taken: TakenLeave[] = [], dayMinutes?: number) =>
    leaveBalance(
      rules,
      { dayMinutes },
      [grant(`${leaveYearOf(rules, at)}-${rules.leaveYearStartMonth === 1 ? '01' : '04'}-01`)],
      taken,
      at,
    );

  it('takes only the working days of a range spanning holidays and weekends', () => {
    const b = fresh(JAN, '2026-04-27');
    const check = checkLeaveRequest(JAN, b, { unit: 'day', from: '2026-04-27', to: '2026-05-08' });
    expect(check).toMatchObject({
      ok: true,
      taken: { date: '2026-04-27', unit: 'day', minutes: 6 * DAY },
      before: { totalMinutes: 20 * DAY },
      after: { totalMinutes: 14 * DAY, currentMinutes: 14 * DAY },
    });
  });

  it('counts a range over the year end in April leave years and refuses it in January ones', () => {
    const range = { unit: 'day', from: '2026-12-25', to: '2027-01-05' } as const;
    expect(checkLeaveRequest(APR, fresh(APR, '2026-12-25'), range)).toMatchObject({
      ok: true,
      taken: { minutes: 4 * DAY },
    });
    expect(checkLeaveRequest(JAN, fresh(JAN, '2026-12-25'), range)).toMatchObject({
      ok: false,
      reason: 'spans_leave_years',
    });
  });

  it('takes the three days around February 29 of a leap year', () => {
    const check = checkLeaveRequest(JAN, fresh(JAN, '2028-02-28'), {
      unit: 'day',
      from: '2028-02-28',
      to: '2028-03-01',
    });
    expect(check).toMatchObject({
      ok: true,
      dates: ['2028-02-28', '2028-02-29', '2028-03-01'],
      taken: { minutes: 3 * DAY },
    });
  });

  it('refuses a weekend, a request in another leave year and a backwards range', () => {
    const b = fresh(JAN, '2026-06-01');
    expect(checkLeaveRequest(JAN, b, { unit: 'day', from: '2026-06-06', to: '2026-06-07' })).toMatchObject({
      ok: false,
      reason: 'not_a_working_day',
      before: { totalMinutes: 20 * DAY },
    });
    expect(checkLeaveRequest(JAN, b, { unit: 'hour', date: '2026-06-06', minutes: 60 })).toMatchObject({
      reason: 'not_a_working_day',
    });
    expect(checkLeaveRequest(JAN, b, { unit: 'day', from: '2027-01-04', to: '2027-01-04' })).toMatchObject({
      reason: 'other_leave_year',
    });
    expect(checkLeaveRequest(JAN, b, { unit: 'day', from: '2026-06-09', to: '2026-06-08' })).toMatchObject({
      reason: 'invalid_request',
    });
  });

  it('uses the carried-over days first', () => {
    const b = leaveBalance(
      JAN,
      {},
      [grant('2025-01-01'), grant('2026-01-01')],
      [approved('2025-03-02', 19 * DAY + 345, 'day')],
      '2026-06-01',
    );
    expect([b.carriedMinutes, b.currentMinutes]).toEqual([120, 20 * DAY]);
    expect(checkLeaveRequest(JAN, b, { unit: 'day', from: '2026-06-01', to: '2026-06-01' })).toMatchObject({
      ok: true,
      before: { carriedMinutes: 120, currentMinutes: 9300, totalMinutes: 9420 },
      after: { carriedMinutes: 0, currentMinutes: 9300 - 345, totalMinutes: 9420 - DAY },
    });
  });

  it('converts hours at 7 h 45 min a day and lets the last 45 minutes go only all at once', () => {
    const oneDay = leaveBalance(JAN, {}, [grant('2026-01-01', 1)], [], '2026-06-01');
    const seven = checkLeaveRequest(JAN, oneDay, { unit: 'hour', date: '2026-06-01', minutes: 7 * 60 });
    expect(seven).toMatchObject({ ok: true, after: { totalMinutes: 45 } });
    expect(
      checkLeaveRequest(JAN, oneDay, { unit: 'hour', date: '2026-06-01', minutes: 8 * 60 }),
    ).toMatchObject({
      reason: 'hours_not_below_a_day',
    });
    expect(checkLeaveRequest(JAN, oneDay, { unit: 'hour', date: '2026-06-01', minutes: 90 })).toMatchObject({
      reason: 'not_whole_hours',
    });

    const left45 = leaveBalance(
      JAN,
      {},
      [grant('2026-01-01', 1)],
      [approved('2026-06-01', 420, 'hour')],
      '2026-06-02',
    );
    expect(left45.totalMinutes).toBe(45);
    expect(checkLeaveRequest(JAN, left45, { unit: 'hour', date: '2026-06-02', minutes: 60 })).toMatchObject({
      reason: 'insufficient_balance',
    });
    expect(checkLeaveRequest(JAN, left45, { unit: 'hour', date: '2026-06-02', minutes: 30 })).toMatchObject({
      reason: 'not_whole_hours',
    });
    expect(checkLeaveRequest(JAN, left45, { unit: 'hour', date: '2026-06-02', minutes: 45 })).toMatchObject({
      ok: true,
      taken: { unit: 'hour', minutes: 45 },
      after: { totalMinutes: 0 },
    });
    // With a day and 45 minutes left, the 45 minutes are not all that is left.
    const dayAnd45 = leaveBalance(
      JAN,
      {},
      [grant('2026-01-01', 2)],
      [approved('2026-06-01', 420, 'hour')],
      '2026-06-02',
    );
    expect(checkLeaveRequest(JAN, dayAnd45, { unit: 'hour', date: '2026-06-02', minutes: 45 })).toMatchObject(
      {
        reason: 'not_whole_hours',
      },
    );
    expect(
      checkLeaveRequest(JAN, dayAnd45, { unit: 'day', from: '2026-06-02', to: '2026-06-02' }),
    ).toMatchObject({
      ok: true,
      after: { totalMinutes: 45 },
    });
  });

  it('refuses a whole day when less than a day is left', () => {
    const b = leaveBalance(
      JAN,
      {},
      [grant('2026-01-01', 1)],
      [approved('2026-06-01', 60, 'hour')],
      '2026-06-02',
    );
    expect(checkLeaveRequest(JAN, b, { unit: 'day', from: '2026-06-02', to: '2026-06-02' })).toMatchObject({
      ok: false,
      reason: 'insufficient_balance',
      before: { totalMinutes: 405 },
    });
  });

  it('takes half days at the town’s morning and afternoon lengths, only where the town allows them', () => {
    const b = fresh(WITH_HALF_DAYS, '2026-06-01');
    expect(
      checkLeaveRequest(WITH_HALF_DAYS, b, { unit: 'half_day', date: '2026-06-01', part: 'am' }),
    ).toMatchObject({
      ok: true,
      taken: { unit: 'half_day', minutes: 225 },
      after: { totalMinutes: 20 * DAY - 225 },
    });
    expect(
      checkLeaveRequest(WITH_HALF_DAYS, b, { unit: 'half_day', date: '2026-06-01', part: 'pm' }),
    ).toMatchObject({
      after: { totalMinutes: 20 * DAY - 240 },
    });
    expect(
      checkLeaveRequest(JAN, fresh(JAN, '2026-06-01'), { unit: 'half_day', date: '2026-06-01', part: 'am' }),
    ).toMatchObject({
      reason: 'half_day_not_allowed',
    });
    // Half days are set for the town's day; a person on their own day length takes days or hours.
    const own = fresh(WITH_HALF_DAYS, '2026-06-01', [], 360);
    expect(
      checkLeaveRequest(WITH_HALF_DAYS, own, { unit: 'half_day', date: '2026-06-01', part: 'am' }),
    ).toMatchObject({
      reason: 'half_day_not_allowed',
    });
  });

  it('keeps hourly leave within the optional yearly cap, half days and days not counted', () => {
    const capped: LeaveRules = { ...WITH_HALF_DAYS, hourlyCapDays: 5 };
    const taken = [
      approved('2026-02-02', 38 * 60, 'hour'),
      approved('2026-02-03', 225, 'half_day'),
      approved('2026-02-04', DAY),
    ];
    const b = leaveBalance(capped, {}, [grant('2026-01-01')], taken, '2026-06-01');
    expect([b.hourlyUsedMinutes, b.hourlyCapMinutes]).toEqual([38 * 60, 40 * 60]);
    expect(checkLeaveRequest(capped, b, { unit: 'hour', date: '2026-06-01', minutes: 120 })).toMatchObject({
      ok: true,
      before: { hourlyLeftMinutes: 120 },
      after: { hourlyLeftMinutes: 0 },
    });
    expect(checkLeaveRequest(capped, b, { unit: 'hour', date: '2026-06-01', minutes: 180 })).toMatchObject({
      reason: 'hourly_cap_exceeded',
    });
    expect(checkLeaveRequest(capped, b, { unit: 'day', from: '2026-06-01', to: '2026-06-01' })).toMatchObject(
      { ok: true },
    );
    // Without the cap (the national default) the same hours are fine.
    const free = leaveBalance(WITH_HALF_DAYS, {}, [grant('2026-01-01')], taken, '2026-06-01');
    expect(
      checkLeaveRequest(WITH_HALF_DAYS, free, { unit: 'hour', date: '2026-06-01', minutes: 180 }),
    ).toMatchObject({
      ok: true,
      after: { hourlyLeftMinutes: null },
    });
  });

  it('refuses hours where the town allows none', () => {
    const noHours = { ...JAN, hourlyAllowed: false };
    expect(
      checkLeaveRequest(noHours, fresh(noHours, '2026-06-01'), {
        unit: 'hour',
        date: '2026-06-01',
        minutes: 60,
      }),
    ).toMatchObject({
      reason: 'hourly_not_allowed',
    });
  });

  it('counts days of another length: an 8-hour town, a 6-hour part-timer on Mondays, Wednesdays and Fridays', () => {
    const eight: LeaveRules = { ...JAN, dayMinutes: 480 };
    const b = fresh(eight, '2026-06-01');
    expect(b.totalMinutes).toBe(9600);
    expect(checkLeaveRequest(eight, b, { unit: 'hour', date: '2026-06-01', minutes: 7 * 60 })).toMatchObject({
      ok: true,
      after: { totalMinutes: 9180 },
    });
    expect(leaveAmountParts(9180, 480)).toEqual({ days: 19, hours: 1, minutes: 0 });

    const monWedFri = (d: string) => [1, 3, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const pt = leaveBalance(APR, { dayMinutes: 360 }, [grant('2026-04-01', 5)], [], '2026-06-08');
    expect(
      checkLeaveRequest(APR, pt, { unit: 'day', from: '2026-06-08', to: '2026-06-14' }, monWedFri),
    ).toMatchObject({
      ok: true,
      dates: ['2026-06-08', '2026-06-10', '2026-06-12'],
      taken: { minutes: 1080 },
      after: { totalMinutes: 720 },
    });
    expect(checkLeaveRequest(APR, pt, { unit: 'hour', date: '2026-06-08', minutes: 6 * 60 })).toMatchObject({
      reason: 'hours_not_below_a_day',
    });
  });

  it('lets an approved request count and a cancelled one give the days back before the next request', () => {
    const request = checkLeaveRequest(JAN, fresh(JAN, '2026-07-01'), {
      unit: 'day',
      from: '2026-07-01',
      to: '2026-07-17',
    });
    // 7/20 海の日 is not counted: 13 working days.
    expect(request).toMatchObject({ ok: true, taken: { minutes: 13 * DAY } });
    if (!request.ok) return;
    const stored: TakenLeave = { ...request.taken, status: 'approved' };
    const withIt = fresh(JAN, '2026-08-03', [stored]);
    const second = { unit: 'day', from: '2026-08-03', to: '2026-08-14' } as const; // 8/11 山の日
    expect(checkLeaveRequest(JAN, withIt, second)).toMatchObject({
      ok: false,
      reason: 'insufficient_balance',
    });
    const cancelled = fresh(JAN, '2026-08-03', [{ ...stored, status: 'cancelled' }]);
    expect(checkLeaveRequest(JAN, cancelled, second)).toMatchObject({
      ok: true,
      taken: { minutes: 9 * DAY },
      after: { totalMinutes: 11 * DAY },
    });
  });
});
