import type { Locale, Role } from '@ringi/contracts';

/** The signed-in person behind a request or a socket, as the auth guard found them. */
export interface AuthUser {
  id: string;
  role: Role;
  locale: Locale;
  sessionId: string;
  /** When the session ends whatever happens (absolute lifetime). */
  sessionExpiresAt: Date;
  /** When the session ends for inactivity unless the person's activity is reported before (as last checked). */
  idleExpiresAt: Date;
}

declare module 'express' {
  interface Request {
    auth?: AuthUser;
  }
}

/** Domain event emitted after sessions were ended; the realtime layer closes their sockets. */
export const SESSIONS_ENDED = 'sessions.ended';
export type SessionEndReason = 'signed_out' | 'revoked' | 'expired' | 'password_changed';

/** What a check of a session by id found: the person behind it, or why it no longer counts. */
export type SessionCheck =
  { valid: true; user: AuthUser } | { valid: false; reason: 'signed_out' | 'revoked' | 'expired' };

export interface SessionsEndedEvent {
  sessionIds: string[];
  reason: SessionEndReason;
}
