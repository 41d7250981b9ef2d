import type { AttendanceMonth, AttendanceToday, PunchRequest, PunchResult } from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/attendance';

export const today = () => http.get<AttendanceToday>(`${base}/today`);
/** Quiet: the screen says itself that the tap did not get through and keeps it to send again. */
export const punch = (body: PunchRequest) => http.post<PunchResult>(`${base}/punches`, body, { quiet: true });
export const month = (value?: string) =>
  http.get<AttendanceMonth>(`${base}/me/month`, { query: value ? { month: value } : {} });
