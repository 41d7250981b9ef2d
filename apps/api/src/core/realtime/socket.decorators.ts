import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { ClientEventName } from '@ringi/contracts';
import type { AuthUser } from '../auth/auth.types';
import { SocketAckInterceptor } from './socket-ack.interceptor';
import { SocketEventGuard } from './socket-event.guard';
import { SocketExceptionFilter } from './socket-exception.filter';
import type { RingiSocket } from './socket.types';
import {
  RINGI_GATEWAY,
  SOCKET_ACCESS,
  SOCKET_EVENT,
  type SocketAccessCheck,
  type SocketAccessRule,
} from './socket.metadata';

export type { SocketAccessCheck, SocketAckData, SocketPayload } from './socket.metadata';

/**
 * A Socket.IO gateway of Ringi: every handler goes through the socket event guard (session still valid, payload
 * valid, access allowed), its answer is acknowledged as `{ ok: true, data }`, and every error goes through the
 * one socket exception filter as `{ ok: false, error }`. The global guard refuses handlers of any other gateway.
 */
export function RingiGateway(): ClassDecorator {
  return applyDecorators(
    SetMetadata(RINGI_GATEWAY, true),
    WebSocketGateway(),
    UseGuards(SocketEventGuard),
    UseInterceptors(SocketAckInterceptor),
    UseFilters(SocketExceptionFilter),
  );
}

/** Handles the client event `name` of the contracts table, whose schemas validate its payload and its answer. */
export function SocketEvent(name: ClientEventName): MethodDecorator {
  return applyDecorators(SetMetadata(SOCKET_EVENT, name), SubscribeMessage(name));
}

/** The event touches a resource: `check` decides, for each event, whether this person may. */
export function SocketAccess(check: Type<SocketAccessCheck>): MethodDecorator {
  return SetMetadata(SOCKET_ACCESS, { kind: 'check', check } satisfies SocketAccessRule);
}

/** The event touches no resource of anyone; `reason` says why no check is needed (read in review). */
export function NoResourceAccess(reason: string): MethodDecorator {
  if (!reason.trim()) throw new Error('NoResourceAccess needs a reason');
  return SetMetadata(SOCKET_ACCESS, { kind: 'none', reason } satisfies SocketAccessRule);
}

/** The signed-in person behind the socket of this event (checked by the socket event guard). */
export const SocketUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToWs().getClient<RingiSocket>().data.user,
);
