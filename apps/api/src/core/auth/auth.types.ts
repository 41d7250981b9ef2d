import type { Locale, Role } from '@ringi/contracts';

/** The signed-in person behind a request or a socket, as the auth guard found them. */
export interface AuthUser {
  id: string;
  role: Role;
  locale: Locale;
  sessionId: string;
  sessionExpiresAt: Date;
}

declare module 'express' {
  interface Request {
    auth?: AuthUser;
  }
}

/** Domain event emitted after sessions were ended; the realtime layer closes their sockets. */
export const SESSIONS_ENDED = 'sessions.ended';
export interface SessionsEndedEvent {
  sessionIds: string[];
  reason: 'signed_out' | 'revoked' | 'expired' | 'password_changed';
}
