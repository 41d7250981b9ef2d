import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CSRF_HEADER, CSRF_HEADER_VALUE, SESSION_COOKIE } from '@ringi/contracts';
import { parse as parseCookie } from 'cookie';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../database/unit-of-work';
import { AppException } from '../errors/app.exception';
import { IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/**
 * The one global guard. Deny by default: every route needs a valid session unless marked `@Public()`.
 * State-changing requests must carry the CSRF header. `@AdminOnly()` routes need the admin role; a refusal is
 * audited.
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
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new AppException('request/csrf');
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    req.auth = await this.sessions.resolve(sessionTokenFromCookieHeader(req.headers.cookie));
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
