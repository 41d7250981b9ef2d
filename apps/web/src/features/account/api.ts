import type { ChangePasswordRequest, Me, RevokedCount, SessionList } from '@ringi/contracts';
import { http } from '../../app/http';

export const changePassword = (body: ChangePasswordRequest) =>
  http.put<void>('/api/me/password', body, { quiet: true });
export const uploadPhoto = (file: File) => http.put<Me>('/api/me/photo', toForm(file), { quiet: true });
export const listSessions = () => http.get<SessionList>('/api/me/sessions');
export const revokeSession = (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => http.post<RevokedCount>('/api/me/sessions/revoke-others');

function toForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}
