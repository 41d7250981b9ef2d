import type {
  ChangePasswordRequest,
  CreateOwnDeputyRequest,
  Deputy,
  DirectoryList,
  EndDeputyRequest,
  Me,
  OwnDeputies,
  RevokedCount,
  SessionList,
} from '@ringi/contracts';
import { http } from '../../app/http';

export const changePassword = (body: ChangePasswordRequest) =>
  http.put<void>('/api/me/password', body, { quiet: true });
export const uploadPhoto = (file: File) => http.put<Me>('/api/me/photo', toForm(file), { quiet: true });
export const listSessions = () => http.get<SessionList>('/api/me/sessions');
export const revokeSession = (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => http.post<RevokedCount>('/api/me/sessions/revoke-others');

// Deputies (代決者): who covers me while I am away.
export const listOwnDeputies = () => http.get<OwnDeputies>('/api/me/deputies');
export const createOwnDeputy = (body: CreateOwnDeputyRequest) =>
  http.post<Deputy>('/api/me/deputies', body, { quiet: true });
export const endOwnDeputy = (id: string, body: EndDeputyRequest) =>
  http.post<Deputy>(`/api/me/deputies/${encodeURIComponent(id)}/end`, body);
export const deleteOwnDeputy = (id: string) =>
  http.delete<void>(`/api/me/deputies/${encodeURIComponent(id)}`);
/** People to choose from (the staff directory, searched by name or reading). */
export const searchPeople = (q: string) =>
  http.get<DirectoryList>('/api/org/directory', { query: { q, pageSize: 20 } });

function toForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}
