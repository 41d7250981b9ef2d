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
