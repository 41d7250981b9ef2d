import type { Me, SignInRequest, UpdateMeRequest } from '@ringi/contracts';
import { http } from '../../app/http';

export const signIn = (body: SignInRequest) =>
  http.post<Me>('/api/auth/sign-in', body, { quiet: true, allowUnauthenticated: true });
export const signOut = () =>
  http.post<void>('/api/auth/sign-out', undefined, { quiet: true, allowUnauthenticated: true });
export const getMe = () => http.get<Me>('/api/me', { quiet: true, allowUnauthenticated: true });
export const updateMe = (body: UpdateMeRequest) => http.patch<Me>('/api/me', body, { quiet: true });
