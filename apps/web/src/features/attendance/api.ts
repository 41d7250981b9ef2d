import type {
  CreateSpecialLeaveRequest,
  SpecialLeaveRequestResult,
  AddAttendanceClerk,
  AttendanceClerkList,
  DepartmentTimesheet,
  TimesheetCloseRequest,
  TimesheetDepartments,
  TimesheetMissing,
  TimesheetRemindRequest,
  TimesheetRemindResult,
  AttendanceMonth,
  AttendanceSettings,
  OvertimeReport,
  PutWorkSchedule,
  UpdateAttendanceSettings,
  WorkSchedule,
  WorkScheduleList,
  AttendanceToday,
  CreateLeaveRequest,
  CreatePunchCorrection,
  CreateOvertimeRequest,
  MyOvertime,
  OvertimeRequestResult,
  LeaveRequestResult,
  MyLeave,
  PunchCorrectionResult,
  PunchRequest,
  PunchResult,
} from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/attendance';

export const today = () => http.get<AttendanceToday>(`${base}/today`);
/** Quiet: the screen says itself that the tap did not get through and keeps it to send again. */
export const punch = (body: PunchRequest) => http.post<PunchResult>(`${base}/punches`, body, { quiet: true });
export const month = (value?: string) =>
  http.get<AttendanceMonth>(`${base}/me/month`, { query: value ? { month: value } : {} });

export const myLeave = () => http.get<MyLeave>(`${base}/me/leave`);
/** Quiet: the form shows why a request was refused. */
export const requestLeave = (body: CreateLeaveRequest) =>
  http.post<LeaveRequestResult>(`${base}/me/leave-requests`, body, { quiet: true });
/** Quiet: the form shows why a request was refused. */
export const requestSpecialLeave = (body: CreateSpecialLeaveRequest) =>
  http.post<SpecialLeaveRequestResult>(`${base}/me/special-leave-requests`, body, { quiet: true });
export const cancelLeave = (id: string) => http.post<MyLeave>(`${base}/me/leave-requests/${id}/cancel`);
export const setAbsenceDeputy = (deputyUserId: string | null) =>
  http.put<MyLeave>(`${base}/me/absence-deputy`, { deputyUserId });

export const myOvertime = () => http.get<MyOvertime>(`${base}/me/overtime`);
/** Quiet: the form shows why a request was refused. */
export const requestOvertime = (body: CreateOvertimeRequest) =>
  http.post<OvertimeRequestResult>(`${base}/me/overtime-requests`, body, { quiet: true });
export const reportOvertime = (id: string, minutes: number) =>
  http.post<MyOvertime>(`${base}/me/overtime-requests/${id}/actual`, { minutes }, { quiet: true });

// The town's settings (administrators change them; anyone may read them) and the yearly overtime report.
export const settings = () => http.get<AttendanceSettings>(`${base}/settings`);
/** Quiet: the form lists what is wrong. */
export const updateSettings = (body: UpdateAttendanceSettings) =>
  http.put<AttendanceSettings>(`${base}/settings`, body, { quiet: true });
export const schedules = () => http.get<WorkScheduleList>(`${base}/schedules`);
export const putSchedule = (userId: string, body: PutWorkSchedule) =>
  http.put<WorkSchedule>(`${base}/schedules/${encodeURIComponent(userId)}`, body);
export const overtimeReport = (fiscalYear: number) =>
  http.get<OvertimeReport>(`${base}/overtime-report`, { query: { fiscalYear: String(fiscalYear) } });
/** Quiet: the correction dialog shows why a request was refused. */
export const requestCorrection = (body: CreatePunchCorrection) =>
  http.post<PunchCorrectionResult>(`${base}/me/corrections`, body, { quiet: true });
// 出勤簿 (timesheets): for heads of departments, 庶務担当 and administrators.
export const timesheetDepartments = (month?: string) =>
  http.get<TimesheetDepartments>(`${base}/timesheets/departments`, { query: { month } });
export const departmentTimesheet = (departmentId: string, month: string) =>
  http.get<DepartmentTimesheet>(`${base}/timesheets`, { query: { departmentId, month } });
export const closeMonth = (body: TimesheetCloseRequest) =>
  http.post<DepartmentTimesheet>(`${base}/timesheets/close`, body);
export const reopenMonth = (body: TimesheetCloseRequest) =>
  http.post<DepartmentTimesheet>(`${base}/timesheets/reopen`, body);
/** Where the browser downloads the payroll export (a plain link); no department: the whole town (administrators). */
export const timesheetExportUrl = (month: string, format: 'csv' | 'xlsx', departmentId?: string) =>
  `${base}/timesheets/export?${new URLSearchParams({ ...(departmentId ? { departmentId } : {}), month, format })}`;
export const timesheetMissing = (departmentId: string, date: string) =>
  http.get<TimesheetMissing>(`${base}/timesheets/missing`, { query: { departmentId, date } });
export const remind = (body: TimesheetRemindRequest) =>
  http.post<TimesheetRemindResult>(`${base}/timesheets/remind`, body);
export const clerks = () => http.get<AttendanceClerkList>(`${base}/clerks`);
/** Quiet: the form shows why it was refused. */
export const addClerk = (body: AddAttendanceClerk) =>
  http.post<AttendanceClerkList>(`${base}/clerks`, body, { quiet: true });
export const removeClerk = (departmentId: string, userId: string) =>
  http.delete<AttendanceClerkList>(`${base}/clerks/${departmentId}/${userId}`);
