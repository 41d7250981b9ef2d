import { z } from 'zod';
import { uuidSchema } from './common';
import { BEREAVEMENT_RELATIONSHIPS, workRuleSchema } from './attendance';

// Attendance settings (issue 9): the town's working day and calendar, its leave rules, the overtime warnings and
// the departments designated for 他律的業務, set by an administrator; and each person's own schedule (part-time
// and shift staff). The national rules are the defaults.

const hhmm = z
  .string()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { params: { reason: 'time_hhmm' }, message: 'HH:MM' });
const dayCount = z.int().min(0).max(366);

/** The working day as an administrator sets it; its minutes are worked out from the times. */
export const workRuleInputSchema = z
  .strictObject({ start: hhmm, end: hhmm, breakStart: hhmm, breakEnd: hhmm })
  .refine((r) => r.start < r.breakStart && r.breakStart <= r.breakEnd && r.breakEnd < r.end, {
    params: { reason: 'work_rule_order' },
    message: 'The day must start before its break, and the break end before the day ends.',
  });
export type WorkRuleInput = z.infer<typeof workRuleInputSchema>;

/** Which days the town hall is closed (閉庁日). */
export const workCalendarSchema = z.strictObject({
  /** 0 Sunday … 6 Saturday. */
  closedWeekdays: z.array(z.int().min(0).max(6)).max(7),
  nationalHolidays: z.boolean(),
  /** `MM-DD`, `MM-DD/MM-DD` (may wrap the year end), `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`. */
  closedDays: z.array(z.string().max(21)).max(100),
  /** Days open although closed by the rules above. */
  openDays: z.array(z.iso.date()).max(100),
});
export type WorkCalendar = z.infer<typeof workCalendarSchema>;

/** The leave rules (年次休暇). The day's length is the working day's. */
export const leaveRulesSchema = z.strictObject({
  leaveYearStartMonth: z.union([z.literal(1), z.literal(4)]),
  annualDays: dayCount,
  /** By months left in the leave year: index 0 = one month or less … 11 = more than eleven. */
  proRatedDays: z.array(dayCount).length(12),
  /** 会計年度任用職員, by weekly days (1–5), then years of service (6 months, 1.5 … 6.5 years or more). */
  partTimeDays: z.strictObject({
    1: z.array(dayCount).length(7),
    2: z.array(dayCount).length(7),
    3: z.array(dayCount).length(7),
    4: z.array(dayCount).length(7),
    5: z.array(dayCount).length(7),
  }),
  partTimeFullRowWeeklyMinutes: z
    .int()
    .min(1)
    .max(7 * 24 * 60),
  carryOverMaxDays: dayCount,
  carryOverHours: z.boolean(),
  hourlyAllowed: z.boolean(),
  halfDay: z.nullable(z.strictObject({ am: z.int().min(1).max(720), pm: z.int().min(1).max(720) })),
  hourlyCapDays: z.nullable(z.int().min(1).max(40)),
});
export type LeaveRulesSetting = z.infer<typeof leaveRulesSchema>;

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const days = z.int().min(1).max(366);

/** How a special leave type is limited (see `SpecialLeaveLimit` in @ringi/domain). */
export const specialLeaveLimitSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('days_in_season'),
    days,
    season: z.strictObject({ from: monthDay, to: monthDay }),
    counting: z.literal('working_days'),
  }),
  z.strictObject({
    kind: z.literal('days_per_year'),
    days,
    daysForTwoOrMore: days,
    counting: z.literal('working_days'),
  }),
  z.strictObject({ kind: z.literal('consecutive_days'), days, counting: z.literal('calendar_days') }),
  z.strictObject({
    kind: z.literal('by_relationship'),
    days: z.strictObject(
      Object.fromEntries(BEREAVEMENT_RELATIONSHIPS.map((r) => [r, z.int().min(0).max(366)])) as Record<
        (typeof BEREAVEMENT_RELATIONSHIPS)[number],
        z.ZodInt
      >,
    ),
    counting: z.literal('calendar_days'),
  }),
  z.strictObject({
    kind: z.literal('around_event'),
    days,
    windowDaysBefore: z.int().min(0).max(366),
    windowMonthsAfter: z.int().min(0).max(24),
    counting: z.literal('calendar_days'),
  }),
  z.strictObject({
    kind: z.literal('weeks_before_event'),
    weeks: z.int().min(1).max(52),
    weeksMultiple: z.int().min(1).max(52),
    counting: z.literal('calendar_days'),
  }),
  z.strictObject({
    kind: z.literal('weeks_after_event'),
    weeks: z.int().min(1).max(52),
    counting: z.literal('calendar_days'),
  }),
  z.strictObject({
    kind: z.literal('months_per_person'),
    months: z.int().min(1).max(36),
    periods: z.int().min(1).max(12),
    counting: z.literal('calendar_days'),
  }),
]);

/** A special leave type (特別休暇) of the town's table. */
export const specialLeaveTypeSchema = z.strictObject({
  code: z.string().regex(/^[a-z_]{1,40}$/),
  name: z.string().trim().min(1).max(40),
  hourly: z.boolean(),
  paid: z.boolean(),
  limit: specialLeaveLimitSchema,
});
export type SpecialLeaveTypeSetting = z.infer<typeof specialLeaveTypeSchema>;

export const attendanceSettingsSchema = z.object({
  workRule: workRuleSchema,
  calendar: workCalendarSchema,
  leave: leaveRulesSchema,
  /** Warn the person and their chief from this share of each overtime limit (%). */
  overtimeWarningPercent: z.int(),
  /** Departments designated for 他律的業務 (their sub-departments too): the higher overtime limits apply. */
  otherDirectedDepartments: z.array(z.object({ id: uuidSchema, name: z.string() })),
  specialLeave: z.array(specialLeaveTypeSchema),
  updatedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type AttendanceSettings = z.infer<typeof attendanceSettingsSchema>;

export const updateAttendanceSettingsSchema = z.strictObject({
  workRule: workRuleInputSchema,
  calendar: workCalendarSchema,
  leave: leaveRulesSchema,
  overtimeWarningPercent: z.int().min(1).max(100),
  otherDirectedDepartmentIds: z.array(uuidSchema).max(500),
  /** The special leave table; left out, it stays as it is. */
  specialLeave: z
    .array(specialLeaveTypeSchema)
    .max(50)
    .refine((types) => new Set(types.map((t) => t.code)).size === types.length, {
      params: { reason: 'special_leave_codes' },
      message: 'Each special leave type needs its own code.',
    })
    .optional(),
});
export type UpdateAttendanceSettings = z.input<typeof updateAttendanceSettingsSchema>;

// ---------------------------------------------------------------------------------------------------------
// A person's own schedule (勤務形態): regular staff on the town's day, or part-time (会計年度任用職員) staff.

export const EMPLOYMENTS = ['regular', 'part_time'] as const;

export const workScheduleSchema = z.object({
  userId: uuidSchema,
  name: z.string(),
  employment: z.enum(EMPLOYMENTS),
  /** The first day of service (採用日) leave is counted from; null: the first day in the org chart. */
  joinedOn: z.nullable(z.iso.date()),
  /** Part-time: working days a week. */
  weeklyDays: z.nullable(z.int()),
  /** Minutes of the person's working day; null: the town's. */
  dayMinutes: z.nullable(z.int()),
  /** Whether anything differs from the town's regular day (false: nothing stored). */
  custom: z.boolean(),
});
export type WorkSchedule = z.infer<typeof workScheduleSchema>;

export const workScheduleListSchema = z.object({ items: z.array(workScheduleSchema) });
export type WorkScheduleList = z.infer<typeof workScheduleListSchema>;

export const putWorkScheduleSchema = z
  .strictObject({
    employment: z.enum(EMPLOYMENTS),
    joinedOn: z.nullable(z.iso.date()).default(null),
    weeklyDays: z.nullable(z.int().min(1).max(5)).default(null),
    dayMinutes: z
      .nullable(
        z
          .int()
          .min(60)
          .max(12 * 60),
      )
      .default(null),
  })
  .refine((s) => s.employment === 'regular' || s.weeklyDays !== null, {
    path: ['weeklyDays'],
    params: { reason: 'weekly_days_required' },
    message: 'Give the working days a week of part-time staff.',
  });
export type PutWorkSchedule = z.input<typeof putWorkScheduleSchema>;

// ---------------------------------------------------------------------------------------------------------
// The yearly overtime report (超過勤務の状況), from the same data as the person's own totals.

export const overtimeReportQuerySchema = z.strictObject({
  fiscalYear: z.coerce.number<number | string>().int().min(2000).max(2100),
});
export type OvertimeReportQuery = z.input<typeof overtimeReportQuerySchema>;

export const overtimeReportSchema = z.object({
  fiscalYear: z.int(),
  people: z.array(
    z.object({
      userId: uuidSchema,
      name: z.string(),
      /** The 本務 department at the end of the fiscal year (or today, within it). */
      departmentName: z.string(),
      /** All minutes of the year, in every department, 特例業務 included. */
      yearMinutes: z.int(),
      specialMinutes: z.int(),
      /** Months over 45 hours. */
      busyMonths: z.int(),
      largestMonthMinutes: z.int(),
      /** The highest average over 2–6 consecutive months, or null. */
      worstAverageMinutes: z.nullable(z.int()),
      otherDirectedMonths: z.int(),
      /** Limits broken, and limits exceeded under 特例業務 (each needing the recorded analysis of causes). */
      violations: z.int(),
      exceededUnderSpecial: z.int(),
    }),
  ),
  peopleWithViolations: z.int(),
  peopleExceededUnderSpecial: z.int(),
});
export type OvertimeReport = z.infer<typeof overtimeReportSchema>;
