import { z } from 'zod';
import { uuidSchema } from './common';

// ---------------------------------------------------------------------------------------------------------
// Attendance (庶務事務, issue 9): clocking in and out (出勤・退勤) from the office or from home (テレワーク).
// Response and event schemas use `z.` builders only: realtime.ts imports them (see its comment).

export const PUNCH_KINDS = ['in', 'out'] as const;
export const punchKindSchema = z.enum(PUNCH_KINDS);
export type PunchKind = z.infer<typeof punchKindSchema>;

export const PUNCH_SOURCES = ['office', 'telework'] as const;
export const punchSourceSchema = z.enum(PUNCH_SOURCES);
export type PunchSource = z.infer<typeof punchSourceSchema>;

export const PUNCH_NOTE_MAX = 200;

export const punchSchema = z.object({
  id: uuidSchema,
  kind: punchKindSchema,
  /** The moment of the tap (server time). */
  at: z.iso.datetime({ offset: true }),
  /** The working day it counts for (Japan): a clock-out after midnight belongs to the day clocked in. */
  workDate: z.iso.date(),
  source: punchSourceSchema,
  note: z.string(),
  /** Tapped, or put in by an approved correction (打刻修正). */
  origin: z.optional(z.enum(['tap', 'correction'])),
});
export type Punch = z.infer<typeof punchSchema>;

/** The town's standard day (勤務時間), as times of day in Japan. */
export const workRuleSchema = z.object({
  start: z.string(),
  end: z.string(),
  breakStart: z.string(),
  breakEnd: z.string(),
  /** Minutes of work in a standard day (7 h 45 min = 465). */
  dayMinutes: z.int(),
});
export type WorkRule = z.infer<typeof workRuleSchema>;

/** One day of my attendance: whether it is a working day, my punches, the minutes worked. */
export const attendanceDaySchema = z.object({
  date: z.iso.date(),
  workingDay: z.boolean(),
  /** Why it is not a working day: weekend, national holiday (with its name) or the town's closure. */
  nonWorking: z.nullable(z.enum(['weekend', 'national_holiday', 'town_closure'])),
  holidayName: z.nullable(z.string()),
  in: z.nullable(punchSchema),
  out: z.nullable(punchSchema),
  /** Between clocking in and out, without the break; null until both are there. */
  workedMinutes: z.nullable(z.int()),
  /** The day's latest correction request (打刻修正), in the month view: pending, or how it was decided. */
  correction: z.optional(
    z.nullable(
      z.object({ id: uuidSchema, status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']) }),
    ),
  ),
});
export type AttendanceDay = z.infer<typeof attendanceDaySchema>;

export const attendanceTodaySchema = z.object({
  day: attendanceDaySchema,
  workRule: workRuleSchema,
  serverTime: z.iso.datetime({ offset: true }),
});
export type AttendanceToday = z.infer<typeof attendanceTodaySchema>;

export const attendanceMonthSchema = z.object({
  month: z.string(),
  days: z.array(attendanceDaySchema),
  /** Days with a clock-in; minutes worked in the month (days with both punches). */
  daysWorked: z.int(),
  workedMinutes: z.int(),
  teleworkDays: z.int(),
});
export type AttendanceMonth = z.infer<typeof attendanceMonthSchema>;

export const punchResultSchema = z.object({
  punch: punchSchema,
  /** The punch was there already (a second tap, another tab, a resend): nothing new was recorded. */
  already: z.boolean(),
  today: attendanceTodaySchema,
});
export type PunchResult = z.infer<typeof punchResultSchema>;

// Requests

export const punchRequestSchema = z.strictObject({
  kind: punchKindSchema,
  source: punchSourceSchema.default('office'),
  note: z.string().trim().max(PUNCH_NOTE_MAX).default(''),
  /** Made by the device: sending the same tap again (a lost answer) records nothing new. */
  clientId: uuidSchema,
});
export type PunchRequest = z.input<typeof punchRequestSchema>;

export const attendanceMonthQuerySchema = z.strictObject({
  /** `YYYY-MM`; default: this month. */
  month: z
    .string()
    .regex(/^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$/u)
    .optional(),
});
export type AttendanceMonthQuery = z.input<typeof attendanceMonthQuerySchema>;

// Socket event: my punches changed (in any tab or device).
export const attendancePunchedEventSchema = attendanceTodaySchema;

// ---------------------------------------------------------------------------------------------------------
// Annual leave (年次休暇), decided through the approval engine (休暇届).

export const LEAVE_UNITS = ['day', 'half_day', 'hour'] as const;
export const LEAVE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;

/** An amount of leave in minutes, with its parts at the person's day length for display. */
export const leaveAmountSchema = z.object({
  minutes: z.int(),
  days: z.int(),
  hours: z.int(),
  restMinutes: z.int(),
});
export type LeaveAmount = z.infer<typeof leaveAmountSchema>;

export const leaveBalanceSchema = z.object({
  leaveYear: z.int(),
  dayMinutes: z.int(),
  /** Left of what was carried over (used first; expires at `carryOverExpiresOn`). */
  carried: leaveAmountSchema,
  /** Left of this year's grant. */
  current: leaveAmountSchema,
  total: leaveAmountSchema,
  granted: leaveAmountSchema,
  used: leaveAmountSchema,
  carryOverExpiresOn: z.iso.date(),
  /** The person's half days (午前・午後) in minutes, or null where the town allows none. */
  halfDay: z.nullable(z.object({ am: z.int(), pm: z.int() })),
  /** Whether leave may be taken by the hour. */
  hourlyAllowed: z.boolean(),
});
export type LeaveBalanceView = z.infer<typeof leaveBalanceSchema>;

export const leaveRequestSchema = z.object({
  id: uuidSchema,
  /** `annual` (年次休暇) or the code of a special leave type (特別休暇). */
  leaveType: z.string(),
  leaveTypeName: z.string(),
  unit: z.enum(LEAVE_UNITS),
  from: z.iso.date(),
  to: z.iso.date(),
  amount: leaveAmountSchema,
  reason: z.string(),
  status: z.enum(LEAVE_REQUEST_STATUSES),
  approvalDocumentId: z.nullable(uuidSchema),
  createdAt: z.iso.datetime({ offset: true }),
  decidedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Who may decide in the person's place during this leave (registered when it was approved), if anyone. */
  deputyName: z.nullable(z.string()),
});
export type LeaveRequestView = z.infer<typeof leaveRequestSchema>;

/** Who acts for the person (代決) while they are on leave: named once, applied to each approved leave. */
export const absenceDeputySchema = z.object({ userId: uuidSchema, name: z.string() });
export type AbsenceDeputy = z.infer<typeof absenceDeputySchema>;

/** What a special leave type needs told when requested. */
export const SPECIAL_LEAVE_NEEDS = ['none', 'relationship', 'persons', 'event_date'] as const;
export const BEREAVEMENT_RELATIONSHIPS = [
  'spouse',
  'parent',
  'child',
  'grandparent',
  'grandchild',
  'sibling',
  'uncle_aunt',
  'parent_in_law',
  'child_in_law',
  'grandparent_in_law',
  'sibling_in_law',
  'uncle_aunt_in_law',
] as const;

/** A special leave type (特別休暇) of the town's table, as the request form needs it. */
export const specialLeaveTypeViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  hourly: z.boolean(),
  paid: z.boolean(),
  needs: z.enum(SPECIAL_LEAVE_NEEDS),
  /** The limit in plain words (e.g. 「7月1日〜9月30日に3日」). */
  limitText: z.string(),
});
export type SpecialLeaveTypeView = z.infer<typeof specialLeaveTypeViewSchema>;

export const myLeaveSchema = z.object({
  balance: leaveBalanceSchema,
  requests: z.array(leaveRequestSchema),
  absenceDeputy: z.nullable(absenceDeputySchema),
  specialTypes: z.array(specialLeaveTypeViewSchema),
});
export type MyLeave = z.infer<typeof myLeaveSchema>;

export const leaveRequestResultSchema = z.object({
  request: leaveRequestSchema,
  /** The balance before and after this request (it changes only when the request is approved). */
  before: leaveAmountSchema,
  after: leaveAmountSchema,
});
export type LeaveRequestResult = z.infer<typeof leaveRequestResultSchema>;

export const createLeaveRequestSchema = z
  .strictObject({
    /** Whole days (from–to), a half day (午前・午後, where the town allows it), or hours on one day. */
    unit: z.enum(['day', 'half_day', 'hour']),
    /** Half days: the morning or the afternoon. */
    part: z.enum(['am', 'pm']).optional(),
    from: z.iso.date(),
    /** Days: the last day (default: `from`). */
    to: z.iso.date().optional(),
    /** Hours: whole hours in minutes (60, 120 …), or everything that is left. */
    minutes: z
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((v) => v.unit !== 'hour' || v.minutes !== undefined, {
    path: ['minutes'],
    params: { reason: 'leave_minutes_required' },
    message: 'Give the hours of the leave.',
  })
  .refine((v) => v.unit !== 'half_day' || v.part !== undefined, {
    path: ['part'],
    params: { reason: 'leave_part_required' },
    message: 'Choose the morning or the afternoon.',
  });
export type CreateLeaveRequest = z.input<typeof createLeaveRequestSchema>;

/** Special leave (特別休暇): days (or hours where the type allows) with what its limit depends on. */
export const createSpecialLeaveRequestSchema = z
  .strictObject({
    leaveType: z.string().regex(/^[a-z_]{1,40}$/),
    unit: z.enum(['day', 'hour']),
    from: z.iso.date(),
    to: z.iso.date().optional(),
    minutes: z
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    relationship: z.enum(BEREAVEMENT_RELATIONSHIPS).optional(),
    persons: z.int().min(1).max(20).optional(),
    eventDate: z.iso.date().optional(),
    multipleBirth: z.boolean().default(false),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((v) => v.unit === 'day' || v.minutes !== undefined, {
    path: ['minutes'],
    params: { reason: 'leave_minutes_required' },
    message: 'Give the hours of the leave.',
  });
export type CreateSpecialLeaveRequest = z.input<typeof createSpecialLeaveRequestSchema>;

export const specialLeaveRequestResultSchema = z.object({
  request: leaveRequestSchema,
  /** The type's limit in days, and the days of it used this year with this request (yearly limits only). */
  limitDays: z.nullable(z.int()),
  usedDays: z.nullable(z.int()),
});
export type SpecialLeaveRequestResult = z.infer<typeof specialLeaveRequestResultSchema>;

/** Names (or with null, clears) who acts for me while I am on leave. */
export const setAbsenceDeputySchema = z.strictObject({ deputyUserId: z.nullable(uuidSchema) });
export type SetAbsenceDeputy = z.infer<typeof setAbsenceDeputySchema>;

// ---------------------------------------------------------------------------------------------------------
// Overtime (時間外勤務), ordered or requested before the work and decided through the approval engine.

export const OVERTIME_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

/** A limit reached or passed (or about to be): the measure, its value and the limit, in minutes or months. */
export const overtimeFindingSchema = z.object({
  kind: z.enum(['warning', 'violation', 'exceeded_under_special']),
  level: z.enum(['before', 'reached', 'exceeded']),
  limit: z.enum(['monthly', 'yearly', 'average', 'busy_months']),
  span: z.nullable(z.int()),
  month: z.string(),
  unit: z.enum(['minutes', 'months']),
  value: z.int(),
  limitValue: z.int(),
  analysisRequired: z.boolean(),
});
export type OvertimeFindingView = z.infer<typeof overtimeFindingSchema>;

export const overtimeRequestSchema = z.object({
  id: uuidSchema,
  workDate: z.iso.date(),
  plannedMinutes: z.int(),
  actualMinutes: z.nullable(z.int()),
  reason: z.string(),
  special: z.boolean(),
  status: z.enum(OVERTIME_STATUSES),
  approvalDocumentId: z.nullable(uuidSchema),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OvertimeRequestView = z.infer<typeof overtimeRequestSchema>;

export const myOvertimeSchema = z.object({
  month: z.string(),
  fiscalYear: z.int(),
  /** Approved overtime of this month and of the fiscal year so far (actual minutes once reported). */
  monthMinutes: z.int(),
  yearMinutes: z.int(),
  /** The limits of this month's regime: 45 h and 360 h, or in a 他律的業務 department less than 100 h and 720 h. */
  monthLimitMinutes: z.int(),
  yearLimitMinutes: z.int(),
  regime: z.enum(['ordinary', 'other_directed']),
  /** Limits reached or about to be, as things stand. */
  findings: z.array(overtimeFindingSchema),
  requests: z.array(overtimeRequestSchema),
});
export type MyOvertime = z.infer<typeof myOvertimeSchema>;

export const overtimeRequestResultSchema = z.object({
  request: overtimeRequestSchema,
  /** What this request would bring, counting it: warnings to heed (the person and their chief are told). */
  findings: z.array(overtimeFindingSchema),
});
export type OvertimeRequestResult = z.infer<typeof overtimeRequestResultSchema>;

export const createOvertimeRequestSchema = z.strictObject({
  workDate: z.iso.date(),
  /** Planned minutes (15-minute steps), up to 24 hours. */
  minutes: z
    .int()
    .min(15)
    .max(24 * 60)
    .multipleOf(15),
  reason: z.string().trim().min(1).max(500),
  /** 特例業務 (disaster response and the like): the limits are lifted, the causes must be analysed. */
  special: z.boolean().default(false),
});
export type CreateOvertimeRequest = z.input<typeof createOvertimeRequestSchema>;

export const reportOvertimeSchema = z.strictObject({
  minutes: z
    .int()
    .min(0)
    .max(24 * 60),
});
