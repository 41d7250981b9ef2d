import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { clientToServerEventSchemas, type Ack, type ClientEventName } from '@ringi/contracts';
import { SOCKET_EVENT } from './socket.metadata';

/**
 * Turns a socket handler's answer into the acknowledgement `{ ok: true, data }`, with `data` checked against the
 * event's ack schema (a handler that answers something else is a bug, reported as `internal/unexpected`).
 */
@Injectable()
export class SocketAckInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<Ack<unknown>> {
    const event = this.reflector.get<ClientEventName>(SOCKET_EVENT, context.getHandler());
    const schema = clientToServerEventSchemas[event].ack;
    return next.handle().pipe(map((data: unknown) => ({ ok: true as const, data: schema.parse(data) })));
  }
}
