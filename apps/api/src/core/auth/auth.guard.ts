import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  SESSION_COOKIE,
  SESSION_TIME_HEADER,
  formatSessionTime,
} from '@ringi/contracts';
import { parse as parseCookie } from 'cookie';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../database/unit-of-work';
import { AppException } from '../errors/app.exception';
import { IS_PUBLIC, KEEPS_SESSION_ALIVE, REQUIRED_ROLE } from './auth.decorators';
import type { AuthUser } from './auth.types';
import { SessionsService, sessionTimeOf } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** Tells the web app how long the session has left, by the server's reckoning (every signed-in answer). */
export function sendSessionTime(res: Response, user: AuthUser): void {
  res.setHeader(SESSION_TIME_HEADER, formatSessionTime(sessionTimeOf(user)));
}

/**
 * The one global guard. Deny by default: every route needs a valid session unless marked `@Public()`.
 * State-changing requests must carry the CSRF header. `@AdminOnly()` routes need the admin role; a refusal is
 * audited. Only `@KeepsSessionAlive()` routes (the person's reported activity) start the idle time again.
 *
 * Nest applies no global guard to gateways: socket events are denied by default in the socket adapter (handlers
 * not declared completely never run) and by the socket event guard of every `@RingiGateway()` (session, payload,
 * access). Anything else that is not HTTP is refused here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<Request>();
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new AppException('request/csrf');
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const keepAlive = this.reflector.getAllAndOverride<boolean>(KEEPS_SESSION_ALIVE, targets) ?? false;
    req.auth = await this.sessions.resolve(sessionTokenFromCookieHeader(req.headers.cookie), { keepAlive });
    sendSessionTime(context.switchToHttp().getResponse<Response>(), req.auth);
    const role = this.reflector.getAllAndOverride<string>(REQUIRED_ROLE, targets);
    if (role && req.auth.role !== role) {
      const auth = req.auth;
      await this.uow.run((tx) =>
        this.audit.append(tx, {
          type: 'access.denied',
          actorId: auth.id,
          subject: `${req.method} ${req.route?.path ?? req.path}`,
          ipAddress: req.ip ?? null,
        }),
      );
      throw new AppException('auth/forbidden');
    }
    return true;
  }
}
