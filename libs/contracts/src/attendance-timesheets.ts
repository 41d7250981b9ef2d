import { z } from 'zod';
import { uuidSchema } from './common';
import { staffNumberSchema } from './identity';

// ---------------------------------------------------------------------------------------------------------
// Timesheets (出勤簿, issue 9): a person's or a department's month (punches, leave, overtime, holidays), kept by
// the department's 庶務担当 (attendance clerk) and its head; the month closed (締め) and reopened by an
// administrator; exported as CSV and XLSX for payroll; who has not punched or reported, with one tap to remind.

/** `YYYY-MM`. */
export const timesheetMonthSchema = z.string().regex(/^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$/u);

export const TIMESHEET_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** The columns of the payroll export, in order (CSV header and the XLSX's first sheet). */
export const TIMESHEET_EXPORT_COLUMNS = [
  '対象月',
  '職員番号',
  '氏名',
  '所属',
  '出勤日数',
  '勤務時間',
  '年休(日)',
  '年休(時間)',
  '時間外(時間)',
  'テレワーク日数',
  '特別休暇(日)',
  '締め',
] as const;

/** One day of a person's timesheet. */
export const timesheetDaySchema = z.object({
  date: z.iso.date(),
  /** The person belonged to the sheet's department that day (本務); days outside are shown but not counted. */
  inScope: z.boolean(),
  workingDay: z.boolean(),
  nonWorking: z.nullable(z.enum(['weekend', 'national_holiday', 'town_closure'])),
  holidayName: z.nullable(z.string()),
  /** Clock-in and clock-out moments (ISO), where they were recorded. */
  in: z.nullable(z.iso.datetime({ offset: true })),
  out: z.nullable(z.iso.datetime({ offset: true })),
  telework: z.boolean(),
  workedMinutes: z.nullable(z.int()),
  /** Approved annual leave that day: minutes, and whether it was taken by the day or by the hour. */
  leaveMinutes: z.int(),
  leaveUnit: z.nullable(z.enum(['day', 'half_day', 'hour'])),
  /** Approved special leave (特別休暇) that day: its type's name (忌引, 病気休暇 …), or null. */
  specialLeave: z.nullable(z.string()),
  /** Approved overtime that day: planned, and actual once reported. */
  overtimePlannedMinutes: z.int(),
  overtimeActualMinutes: z.nullable(z.int()),
});
export type TimesheetDay = z.infer<typeof timesheetDaySchema>;

/** A person's month in figures (the days in scope only). */
export const timesheetTotalsSchema = z.object({
  /** Days with a clock-in, and minutes worked (days with both punches): as the person's own month shows. */
  daysWorked: z.int(),
  workedMinutes: z.int(),
  teleworkDays: z.int(),
  /** Annual leave taken by whole days (count), by the hour (minutes), and all of it in minutes. */
  /** Whole days count 1, half days 0.5. */
  leaveDays: z.number().multipleOf(0.5),
  leaveHourMinutes: z.int(),
  leaveMinutes: z.int(),
  /** Working days on approved special leave (特別休暇). */
  specialLeaveDays: z.int(),
  /** Approved overtime: the actual minutes once reported, else the planned ones (as the limits count it). */
  overtimeMinutes: z.int(),
  /** Approved overtime whose actual minutes are not reported yet (past days only). */
  overtimeUnreported: z.int(),
});
export type TimesheetTotals = z.infer<typeof timesheetTotalsSchema>;

export const timesheetPersonSchema = z.object({
  userId: uuidSchema,
  staffNumber: z.string(),
  name: z.string(),
  /**
   * The department and position the row is for (本務; the last of the month within the sheet's scope); null for
   * someone with no assignment that month (only on their own sheet).
   */
  departmentId: z.nullable(uuidSchema),
  departmentName: z.string(),
  positionName: z.string(),
  days: z.array(timesheetDaySchema),
  totals: timesheetTotalsSchema,
});
export type TimesheetPerson = z.infer<typeof timesheetPersonSchema>;

export const timesheetCloseStateSchema = z.object({
  closed: z.boolean(),
  closedAt: z.nullable(z.iso.datetime({ offset: true })),
  closedByName: z.nullable(z.string()),
});
export type TimesheetCloseState = z.infer<typeof timesheetCloseStateSchema>;

/** A department's month: its people (and those of the departments below it) day by day, with totals. */
export const departmentTimesheetSchema = z.object({
  month: z.string(),
  department: z.object({ id: uuidSchema, name: z.string() }),
  close: timesheetCloseStateSchema,
  /** What the signed-in person may do with it. */
  canClose: z.boolean(),
  canReopen: z.boolean(),
  people: z.array(timesheetPersonSchema),
});
export type DepartmentTimesheet = z.infer<typeof departmentTimesheetSchema>;

/** One person's month, whole (every department they belonged to that month). */
export const personTimesheetSchema = z.object({
  month: z.string(),
  person: timesheetPersonSchema,
  /** The month of the person's department (本務, end of the month) is closed. */
  closed: z.boolean(),
});
export type PersonTimesheet = z.infer<typeof personTimesheetSchema>;

export const timesheetDepartmentSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  kind: z.enum(['office', 'division', 'section']),
  parentId: z.nullable(uuidSchema),
  /** Why the person sees it: as administrator, head (所属長) or 庶務担当 (of it or a department above it). */
  as: z.enum(['admin', 'head', 'clerk']),
});
export type TimesheetDepartment = z.infer<typeof timesheetDepartmentSchema>;

export const timesheetDepartmentsSchema = z.object({
  month: z.string(),
  items: z.array(timesheetDepartmentSchema),
  /** Administrators may export the whole town in one file. */
  canExportTown: z.boolean(),
});
export type TimesheetDepartments = z.infer<typeof timesheetDepartmentsSchema>;

export const TIMESHEET_MISSING_REASONS = ['no_clock_in', 'open_clock_in', 'overtime_unreported'] as const;

export const timesheetMissingPersonSchema = z.object({
  userId: uuidSchema,
  staffNumber: z.string(),
  name: z.string(),
  departmentName: z.string(),
  reasons: z.array(z.enum(TIMESHEET_MISSING_REASONS)),
  /** Past days of the month with a clock-in and no clock-out. */
  openDates: z.array(z.iso.date()),
  /** Days of approved overtime whose actual minutes are not reported. */
  overtimeDates: z.array(z.iso.date()),
  /** When the person was reminded for this day, if they were. */
  remindedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type TimesheetMissingPerson = z.infer<typeof timesheetMissingPersonSchema>;

export const timesheetMissingSchema = z.object({
  date: z.iso.date(),
  workingDay: z.boolean(),
  items: z.array(timesheetMissingPersonSchema),
});
export type TimesheetMissing = z.infer<typeof timesheetMissingSchema>;

export const timesheetRemindResultSchema = z.object({
  /** Reminded now; already reminded for that day before (nothing sent again). */
  sent: z.array(uuidSchema),
  already: z.array(uuidSchema),
});
export type TimesheetRemindResult = z.infer<typeof timesheetRemindResultSchema>;

export const attendanceClerkSchema = z.object({
  departmentId: uuidSchema,
  departmentName: z.string(),
  userId: uuidSchema,
  staffNumber: z.string(),
  name: z.string(),
});
export type AttendanceClerk = z.infer<typeof attendanceClerkSchema>;

export const attendanceClerkListSchema = z.object({ items: z.array(attendanceClerkSchema) });
export type AttendanceClerkList = z.infer<typeof attendanceClerkListSchema>;

// Requests

export const timesheetQuerySchema = z.strictObject({ departmentId: uuidSchema, month: timesheetMonthSchema });
export type TimesheetQuery = z.input<typeof timesheetQuerySchema>;

export const personTimesheetQuerySchema = z.strictObject({ userId: uuidSchema, month: timesheetMonthSchema });
export type PersonTimesheetQuery = z.input<typeof personTimesheetQuerySchema>;

export const timesheetDepartmentsQuerySchema = z.strictObject({ month: timesheetMonthSchema.optional() });
export type TimesheetDepartmentsQuery = z.input<typeof timesheetDepartmentsQuerySchema>;

export const timesheetCloseRequestSchema = z.strictObject({
  departmentId: uuidSchema,
  month: timesheetMonthSchema,
});
export type TimesheetCloseRequest = z.input<typeof timesheetCloseRequestSchema>;

export const timesheetExportQuerySchema = z.strictObject({
  /** A department (and those below it); none: the whole town (administrators only). */
  departmentId: uuidSchema.optional(),
  month: timesheetMonthSchema,
  format: z.enum(TIMESHEET_EXPORT_FORMATS).default('csv'),
});
export type TimesheetExportQuery = z.input<typeof timesheetExportQuerySchema>;

export const timesheetMissingQuerySchema = z.strictObject({ departmentId: uuidSchema, date: z.iso.date() });
export type TimesheetMissingQuery = z.input<typeof timesheetMissingQuerySchema>;

export const timesheetRemindRequestSchema = z.strictObject({
  departmentId: uuidSchema,
  date: z.iso.date(),
  userIds: z.array(uuidSchema).min(1).max(500),
});
export type TimesheetRemindRequest = z.input<typeof timesheetRemindRequestSchema>;

export const addAttendanceClerkSchema = z.strictObject({
  departmentId: uuidSchema,
  /** The person, by staff number (職員番号), as administrators know them. */
  staffNumber: staffNumberSchema,
});
export type AddAttendanceClerk = z.input<typeof addAttendanceClerkSchema>;

export const attendanceClerkParamSchema = z.strictObject({ departmentId: uuidSchema, userId: uuidSchema });
