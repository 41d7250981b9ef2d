/** Metadata of socket event handlers, read by the guards, the acknowledgement interceptor and the handler audit. */
import type { Type } from '@nestjs/common';
import type { z } from 'zod';
import type { ClientEventName, clientToServerEventSchemas } from '@ringi/contracts';
import type { AuthUser } from '../auth/auth.types';

export const RINGI_GATEWAY = 'ringi:socket-gateway';
export const SOCKET_EVENT = 'ringi:socket-event';
export const SOCKET_ACCESS = 'ringi:socket-access';

type Schemas = typeof clientToServerEventSchemas;
/** A payload as its handler receives it: parsed by the event's schema in libs/contracts. */
export type SocketPayload<E extends ClientEventName> = z.output<Schemas[E]['payload']>;
/** What a handler returns: the data of its acknowledgement (checked against the event's ack schema). */
export type SocketAckData<E extends ClientEventName> = z.input<Schemas[E]['ack']>;

/**
 * The access check of a socket event: a provider of the feature module (found through the module graph)
 * that says whether this person may send this payload, asking the resource's access policy.
 */
export interface SocketAccessCheck<P = unknown> {
  canAccess(user: AuthUser, payload: P): boolean | Promise<boolean>;
}

export type SocketAccessRule =
  { kind: 'check'; check: Type<SocketAccessCheck> } | { kind: 'none'; reason: string };
