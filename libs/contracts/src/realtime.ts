import { z } from 'zod';
import type { ErrorCode } from './errors';

export const sessionRevokedEventSchema = z.object({ reason: z.enum(['signed_out', 'revoked', 'expired']) });
export type SessionRevokedEvent = z.infer<typeof sessionRevokedEventSchema>;

export const helloEventSchema = z.object({ userId: z.uuid(), serverTime: z.iso.datetime({ offset: true }) });
export type HelloEvent = z.infer<typeof helloEventSchema>;

/** Every acknowledgement carries `{ ok, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
  hello: (payload: HelloEvent) => void;
  'session:revoked': (payload: SessionRevokedEvent) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (res: Ack<{ serverTime: string }>) => void) => void;
}

/** The socket.io path; the web app connects to the same origin. */
export const SOCKET_PATH = '/socket.io';
