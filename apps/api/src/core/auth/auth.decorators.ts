import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth.types';

export const IS_PUBLIC = 'ringi:public';
export const REQUIRED_ROLE = 'ringi:role';
export const KEEPS_SESSION_ALIVE = 'ringi:keeps-session-alive';

/** Reachable without a session (sign-in, health). Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The person's own activity: the session's idle time starts again. Only for the activity report; ordinary
 * requests, polling and socket traffic only check the session, so a forgotten tab still signs out.
 */
export const KeepsSessionAlive = () => SetMetadata(KEEPS_SESSION_ALIVE, true);

/** Only administrators. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE, 'admin');

/** The signed-in user of this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const auth = ctx.switchToHttp().getRequest<Request>().auth;
  if (!auth) throw new Error('CurrentUser used on a public route');
  return auth;
});

/** Client facts recorded with sessions and audit events. */
export interface ClientInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return { ipAddress: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
});
