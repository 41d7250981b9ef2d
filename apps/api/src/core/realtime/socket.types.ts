import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SessionRevokedEvent } from '@ringi/contracts';
import type { AuthUser, SessionCheck } from '../auth/auth.types';

export interface SocketData {
  user: AuthUser;
  /** When the session behind this socket was last found valid (ms since epoch, this instance's clock). */
  sessionCheckedAt: number;
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

/** Tells the client why and closes the socket (the client does not reconnect on a server-side disconnect). */
export function closeSocket(socket: RingiSocket, reason: SessionRevokedEvent['reason']): void {
  socket.emit('session:revoked', { reason });
  socket.disconnect(true);
}

/**
 * Applies a session check to a socket: a valid session refreshes what the socket knows of its person (role,
 * language, deadlines); anything else closes it. Returns whether the socket may go on.
 */
export function applySessionCheck(
  socket: RingiSocket,
  check: SessionCheck | undefined,
  options: { now: number; closeLater?: boolean },
): boolean {
  if (check?.valid) {
    socket.data.user = check.user;
    socket.data.sessionCheckedAt = options.now;
    return true;
  }
  const reason = check?.reason ?? 'revoked';
  // Within an event the refusal is acknowledged first; the socket closes right after.
  if (options.closeLater) setImmediate(() => closeSocket(socket, reason));
  else closeSocket(socket, reason);
  return false;
}
