import { Injectable } from '@nestjs/common';
import type { RevokedCount, SessionSummary } from '@ringi/contracts';
import { AuditService } from '../../core/audit/audit.service';
import type { ClientInfo } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { SessionsService } from '../../core/auth/sessions.service';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { UsersService } from './users.service';

/** Listing and ending sessions: one's own, or anyone's by an administrator. Every ending is audited with it. */
@Injectable()
export class SessionAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  list(viewer: AuthUser, filter: { userId?: string }): Promise<SessionSummary[]> {
    return this.sessions.list(filter, viewer.sessionId);
  }

  /** Signs out the session of this request. */
  async signOut(user: AuthUser, client: ClientInfo): Promise<void> {
    await this.uow.run(async (tx) => {
      await this.sessions.end(tx, { ids: [user.sessionId] }, 'signed_out');
      await this.audit.append(tx, {
        type: 'auth.sign_out',
        actorId: user.id,
        subject: user.sessionId,
        ipAddress: client.ipAddress,
      });
    });
  }

  async endOwn(user: AuthUser, sessionId: string, client: ClientInfo): Promise<void> {
    const session = await this.sessions.findOne(sessionId);
    // Another person's session id gets the same answer as an unknown one.
    if (!session || session.userId !== user.id) throw new AppException('request/not_found');
    await this.uow.run(async (tx) => {
      await this.sessions.end(
        tx,
        { ids: [sessionId] },
        sessionId === user.sessionId ? 'signed_out' : 'revoked',
      );
      await this.audit.append(tx, {
        type: 'auth.session_revoked',
        actorId: user.id,
        subject: sessionId,
        ipAddress: client.ipAddress,
        data: { userId: user.id },
      });
    });
  }

  async endOthers(user: AuthUser, client: ClientInfo): Promise<RevokedCount> {
    return this.uow.run(async (tx) => {
      const ids = await this.sessions.end(tx, { userId: user.id, exceptId: user.sessionId }, 'revoked');
      await this.audit.append(tx, {
        type: 'auth.session_revoked',
        actorId: user.id,
        subject: user.id,
        ipAddress: client.ipAddress,
        data: { userId: user.id, sessions: ids.length },
      });
      return { revoked: ids.length };
    });
  }

  async revoke(admin: AuthUser, sessionId: string, client: ClientInfo): Promise<void> {
    const session = await this.sessions.findOne(sessionId);
    if (!session) throw new AppException('request/not_found');
    await this.uow.run(async (tx) => {
      await this.sessions.end(tx, { ids: [sessionId] }, 'revoked');
      await this.audit.append(tx, {
        type: 'auth.session_revoked',
        actorId: admin.id,
        subject: sessionId,
        ipAddress: client.ipAddress,
        data: { userId: session.userId, byAdmin: true },
      });
    });
  }

  async revokeAllOf(admin: AuthUser, userId: string, client: ClientInfo): Promise<RevokedCount> {
    await this.users.get(userId);
    return this.uow.run(async (tx) => {
      const ids = await this.sessions.end(tx, { userId }, 'revoked');
      await this.audit.append(tx, {
        type: 'auth.session_revoked',
        actorId: admin.id,
        subject: userId,
        ipAddress: client.ipAddress,
        data: { userId, sessions: ids.length, byAdmin: true },
      });
      return { revoked: ids.length };
    });
  }
}
