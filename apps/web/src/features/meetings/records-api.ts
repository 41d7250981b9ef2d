import type {
  MeetingDisposal,
  MeetingMinutes,
  MeetingSearchList,
  SaveMeetingMinutesRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

/** After the meeting: minutes (議事録), search, disposal (廃棄). Quiet: the screens show their own errors. */
const one = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const getMinutes = (id: string) => http.get<MeetingMinutes>(`${one(id)}/minutes`, { quiet: true });
export const saveMinutes = (id: string, body: SaveMeetingMinutesRequest) =>
  http.put<MeetingMinutes>(`${one(id)}/minutes`, body, { quiet: true });
export const attachMinutesFile = (
  id: string,
  file: File,
  onUploadProgress?: (sent: number, total: number) => void,
) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<MeetingMinutes>(`${one(id)}/minutes/file`, form, { quiet: true, onUploadProgress });
};
export const removeMinutesFile = (id: string) =>
  http.delete<MeetingMinutes>(`${one(id)}/minutes/file`, { quiet: true });

export interface MeetingSearchParams {
  q?: string;
  from?: string;
  to?: string;
  page?: number;
}
export const searchMeetings = (params: MeetingSearchParams) =>
  http.get<MeetingSearchList>('/api/meetings/search', { query: { ...params }, quiet: true });

export const disposeMeeting = (id: string) =>
  http.post<MeetingDisposal>(`${one(id)}/dispose`, undefined, { quiet: true });
