import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@ringi/contracts';
import { sessionTokenFromCookieHeader } from '../auth/auth.guard';
import { SESSIONS_ENDED, type AuthUser, type SessionsEndedEvent } from '../auth/auth.types';
import { SessionsService } from '../auth/sessions.service';
import { AppException } from '../errors/app.exception';
import { Metrics } from '../observability/metrics';

export interface SocketData {
  user: AuthUser;
}
export type RingiServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type RingiSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The one Socket.IO server. The handshake is authenticated with the same session cookie as HTTP; each socket
 * joins `user:{id}` and `session:{id}`. Feature gateways add their own rooms after checking membership.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');

  @WebSocketServer()
  server!: RingiServer;

  constructor(
    private readonly sessions: SessionsService,
    private readonly metrics: Metrics,
  ) {}

  afterInit(server: RingiServer): void {
    server.use((socket, next) => {
      this.sessions
        .resolve(sessionTokenFromCookieHeader(socket.handshake.headers.cookie))
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch((error: unknown) => {
          const err = new Error(error instanceof AppException ? error.code : 'auth/unauthenticated');
          next(err);
        });
    });
  }

  async handleConnection(socket: RingiSocket): Promise<void> {
    const { user } = socket.data;
    this.metrics.socketConnections.inc();
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: { serverTime: new Date().toISOString() } });
    });
    socket.emit('hello', { userId: user.id, serverTime: new Date().toISOString() });
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
