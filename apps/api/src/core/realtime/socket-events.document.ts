import { z } from 'zod';
import {
  ackSchema,
  clientToServerEventSchemas,
  serverToClientEventSchemas,
  SOCKET_PATH,
} from '@ringi/contracts';

/** The OpenAPI extension under which the socket events are listed. */
export const SOCKET_EVENTS_EXTENSION = 'x-socket-events';

type JsonSchema = Record<string, unknown>;

export interface SocketEventsDocument {
  path: string;
  description: string;
  clientToServer: Record<string, { summary: string; payload: JsonSchema; ack: JsonSchema }>;
  serverToClient: Record<string, { summary: string; payload: JsonSchema }>;
}

/**
 * A machine-readable list of the socket events, their payload and acknowledgement schemas, built from the tables
 * in libs/contracts (so it is complete for every event added there). The OpenAPI setup adds it to the document
 * as `x-socket-events`.
 */
export function socketEventsDocument(): SocketEventsDocument {
  const json = (schema: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(schema, { io, target: 'openapi-3.0' }) as JsonSchema;
  return {
    path: SOCKET_PATH,
    description:
      'Socket.IO on the same origin, authenticated by the session cookie. Every client event sends one payload ' +
      'and an acknowledgement callback; the answer is { ok: true, data } or { ok: false, error: { code, message, details? } }.',
    clientToServer: Object.fromEntries(
      Object.entries(clientToServerEventSchemas).map(([name, event]) => [
        name,
        {
          summary: event.summary,
          payload: json(event.payload, 'input'),
          ack: json(ackSchema(event.ack), 'output'),
        },
      ]),
    ),
    serverToClient: Object.fromEntries(
      Object.entries(serverToClientEventSchemas).map(([name, event]) => [
        name,
        { summary: event.summary, payload: json(event.payload, 'output') },
      ]),
    ),
  };
}
