import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { sessionTokenFromCookieHeader } from '../auth/auth.guard';
import { SESSIONS_ENDED, type SessionsEndedEvent } from '../auth/auth.types';
import { SessionsService } from '../auth/sessions.service';
import { AppException } from '../errors/app.exception';
import { Metrics } from '../observability/metrics';
import { NoResourceAccess, RingiGateway, SocketEvent, type SocketAckData } from './socket.decorators';
import { applySessionCheck, sessionRoom, userRoom, type RingiServer, type RingiSocket } from './socket.types';

export { sessionRoom, userRoom, type RingiServer, type RingiSocket, type SocketData } from './socket.types';

/**
 * The one Socket.IO server. The handshake is authenticated with the same session cookie as HTTP; each socket
 * joins `user:{id}` and `session:{id}`. Feature gateways add their own rooms after checking membership.
 *
 * A socket lives no longer than its session: ended sessions close their sockets on every instance at once
 * (`sessions.ended` through the adapter), and every few seconds each instance checks the sessions of the sockets
 * it holds in one query and closes those whose idle time or lifetime has passed.
 */
@RingiGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private watcher: NodeJS.Timeout | undefined;
  private checking = false;

  @WebSocketServer()
  server!: RingiServer;

  constructor(
    private readonly sessions: SessionsService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: RingiServer): void {
    server.use((socket, next) => {
      this.sessions
        .resolve(sessionTokenFromCookieHeader(socket.handshake.headers.cookie))
        .then((user) => {
          socket.data.user = user;
          socket.data.sessionCheckedAt = Date.now();
          next();
        })
        .catch((error: unknown) => {
          const err = new Error(error instanceof AppException ? error.code : 'auth/unauthenticated');
          next(err);
        });
    });
    // Infrastructure, not business work: a cheap read per interval, unref'd so it never holds the process.
    this.watcher = setInterval(() => void this.checkSessions(), this.config.SOCKET_SESSION_CHECK_MS);
    this.watcher.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.watcher);
  }

  async handleConnection(socket: RingiSocket): Promise<void> {
    const { user } = socket.data;
    this.metrics.socketConnections.inc();
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
    socket.emit('hello', { userId: user.id, serverTime: new Date().toISOString() });
  }

  @SocketEvent('ping')
  @NoResourceAccess('answers with the server time and reads nothing')
  ping(): SocketAckData<'ping'> {
    return { serverTime: new Date().toISOString() };
  }

  /**
   * Checks the sessions of every socket this instance holds, in one query, and closes the sockets of sessions
   * that expired or ended (`session:revoked`). Returns how many were closed.
   */
  async checkSessions(): Promise<number> {
    if (this.checking || !this.server) return 0;
    this.checking = true;
    try {
      const sockets = [...this.server.sockets.sockets.values()].filter((s) => s.data.user);
      if (!sockets.length) return 0;
      const now = Date.now();
      const checks = await this.sessions.check([...new Set(sockets.map((s) => s.data.user.sessionId))]);
      let closed = 0;
      for (const socket of sockets) {
        if (!applySessionCheck(socket, checks.get(socket.data.user.sessionId), { now })) closed++;
      }
      if (closed) this.logger.debug(`Closed ${closed} socket(s) of ended sessions`);
      return closed;
    } catch (error) {
      this.logger.warn({ err: error }, 'socket session check failed');
      return 0;
    } finally {
      this.checking = false;
    }
  }

  /** Closes every socket of the ended sessions, on every instance (through the adapter). */
  @OnEvent(SESSIONS_ENDED)
  onSessionsEnded(event: SessionsEndedEvent): void {
    const reason =
      event.reason === 'signed_out' ? 'signed_out' : event.reason === 'expired' ? 'expired' : 'revoked';
    for (const id of event.sessionIds) {
      this.server.to(sessionRoom(id)).emit('session:revoked', { reason });
      this.server.in(sessionRoom(id)).disconnectSockets(true);
    }
    this.logger.debug(`Closed sockets of ${event.sessionIds.length} session(s)`);
  }
}
