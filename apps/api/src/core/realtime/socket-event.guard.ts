import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { clientToServerEventSchemas, type ClientEventName } from '@ringi/contracts';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { SessionsService } from '../auth/sessions.service';
import { AppException } from '../errors/app.exception';
import { ValidationFailedException } from '../errors/validation-failed.exception';
import { SOCKET_ACCESS, SOCKET_EVENT, type SocketAccessRule } from './socket.metadata';
import { applySessionCheck, type RingiSocket } from './socket.types';

/** A socket's session check is trusted at most this long (and never past the deadlines it found). */
export const SOCKET_SESSION_CACHE_MS = 3_000;

/**
 * Every incoming socket event of a `@RingiGateway()`, after the global guard made sure the handler declares its
 * event and its access: the session is still valid (checked at most a few seconds ago, else checked again; an
 * ended session closes the socket), the payload is parsed by the event's schema in libs/contracts (the handler
 * receives the parsed value) and the access check allows this person this payload.
 */
@Injectable()
export class SocketEventGuard implements CanActivate {
  private readonly cacheMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cacheMs = Math.min(SOCKET_SESSION_CACHE_MS, config.SOCKET_SESSION_CHECK_MS);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const socket = context.switchToWs().getClient<RingiSocket>();
    await this.authenticate(socket);

    const handler = context.getHandler();
    const event = this.reflector.get<ClientEventName | undefined>(SOCKET_EVENT, handler);
    const rule = this.reflector.get<SocketAccessRule | undefined>(SOCKET_ACCESS, handler);
    if (!event || !rule || !(event in clientToServerEventSchemas)) throw new AppException('auth/forbidden');

    const parsed = clientToServerEventSchemas[event].payload.safeParse(context.getArgByIndex(1), {
      reportInput: true,
    });
    if (!parsed.success) throw new ValidationFailedException(parsed.error.issues);
    // The handler's @MessageBody() reads this same argument list: it receives the parsed payload.
    context.getArgs()[1] = parsed.data;

    if (rule.kind === 'check') {
      const check = this.moduleRef.get(rule.check, { strict: false });
      if (!(await check.canAccess(socket.data.user, parsed.data))) throw new AppException('auth/forbidden');
    }
    return true;
  }

  private async authenticate(socket: RingiSocket): Promise<void> {
    const now = Date.now();
    const { user, sessionCheckedAt } = socket.data;
    if (!user) throw new AppException('auth/unauthenticated'); // never authenticated at the handshake
    const deadline = Math.min(user.idleExpiresAt.getTime(), user.sessionExpiresAt.getTime());
    if (now - sessionCheckedAt < this.cacheMs && now < deadline) return;
    const check = (await this.sessions.check([user.sessionId])).get(user.sessionId);
    if (!applySessionCheck(socket, check, { now, closeLater: true })) {
      throw new AppException(
        check?.valid === false && check.reason === 'expired'
          ? 'auth/session_expired'
          : 'auth/unauthenticated',
      );
    }
  }
}
