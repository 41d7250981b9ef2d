import type {
  AttendanceMonth,
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
export const cancelLeave = (id: string) => http.post<MyLeave>(`${base}/me/leave-requests/${id}/cancel`);

export const myOvertime = () => http.get<MyOvertime>(`${base}/me/overtime`);
/** Quiet: the form shows why a request was refused. */
export const requestOvertime = (body: CreateOvertimeRequest) =>
  http.post<OvertimeRequestResult>(`${base}/me/overtime-requests`, body, { quiet: true });
export const reportOvertime = (id: string, minutes: number) =>
  http.post<MyOvertime>(`${base}/me/overtime-requests/${id}/actual`, { minutes }, { quiet: true });

/** Quiet: the correction dialog shows why a request was refused. */
export const requestCorrection = (body: CreatePunchCorrection) =>
  http.post<PunchCorrectionResult>(`${base}/me/corrections`, body, { quiet: true });
