import { z } from 'zod';
import { ERROR_CODES, errorDetailSchema, type ErrorCode, type ErrorDetail } from './errors';
import { uuidSchema } from './common';
import { notificationNewEventSchema, notificationReadEventSchema } from './notifications';
import {
  chatChangesEventSchema,
  chatChannelEventSchema,
  chatPresenceEventSchema,
  chatPresencePayloadSchema,
  chatReadEventSchema,
  chatSendAckSchema,
  chatSendPayloadSchema,
  chatSubscribeAckSchema,
  chatSubscribePayloadSchema,
  chatTypingEventSchema,
  chatTypingPayloadSchema,
} from './chat';
import {
  disasterAnsweredEventSchema,
  disasterRollCallEventSchema,
  disasterTallySchema,
  disasterWatchPayloadSchema,
} from './disaster';
import { attendancePunchedEventSchema } from './attendance';

// ---------------------------------------------------------------------------------------------------------
// The meeting live session: what the presenter shows (followed softly by everyone in the meeting). Here, with
// `z.` builders only, rather than in meetings.ts: the first load needs SOCKET_PATH from this file and must not
// pull in zod through a schema method call.

/** The material and page the presenter shows now; `forced` while the chair asks everyone to follow. */
export const meetingPresentationSchema = z.object({
  meetingId: uuidSchema,
  materialId: uuidSchema,
  /** The material's version shown (its current one when presenting began). */
  versionId: uuidSchema,
  fileId: uuidSchema,
  page: z.number().int().min(1),
  forced: z.boolean(),
  presenterId: uuidSchema,
  presenterName: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type MeetingPresentation = z.infer<typeof meetingPresentationSchema>;

export const meetingJoinPayloadSchema = z.strictObject({ meetingId: uuidSchema });
export const meetingPresentPayloadSchema = z.strictObject({
  meetingId: uuidSchema,
  materialId: uuidSchema,
  page: z.number().int().min(1).max(100_000),
  /** Everyone's viewer follows for now (the chair, the organiser or an administrator only). */
  forced: z.boolean().default(false),
});

/** The presenter points at a spot of the page shown (fractions of the page); null hides the pointer. */
export const meetingPointPayloadSchema = z.strictObject({
  meetingId: uuidSchema,
  x: z.nullable(z.number().min(0).max(1)),
  y: z.nullable(z.number().min(0).max(1)),
});
/** Where the presenter points, on the material and page they show; `x`/`y` null: the pointer is gone. */
export const meetingPointerSchema = z.object({
  meetingId: uuidSchema,
  materialId: uuidSchema,
  page: z.number().int().min(1),
  x: z.nullable(z.number()),
  y: z.nullable(z.number()),
  presenterId: uuidSchema,
});
export type MeetingPointer = z.infer<typeof meetingPointerSchema>;

/** Something of a meeting changed (its `lockVersion` moved on): screens open on it read it again. */
export const meetingChangedSchema = z.object({
  meetingId: uuidSchema,
  lockVersion: z.number().int(),
  status: z.enum(['draft', 'distributed', 'in_session', 'closed']),
});
export type MeetingChanged = z.infer<typeof meetingChangedSchema>;

export const sessionRevokedEventSchema = z.object({ reason: z.enum(['signed_out', 'revoked', 'expired']) });
export type SessionRevokedEvent = z.infer<typeof sessionRevokedEventSchema>;

/** The counts of a person's approval inbox lists (the same shape as `GET /api/approvals/inbox/counts`). */
export const approvalsCountsEventSchema = z.object({
  pending: z.number().int(),
  done: z.number().int(),
  drafting: z.number().int(),
  submitted: z.number().int(),
  review: z.number().int(),
});

export const helloEventSchema = z.object({ userId: z.uuid(), serverTime: z.iso.datetime({ offset: true }) });
export type HelloEvent = z.infer<typeof helloEventSchema>;

/**
 * The error of a refused socket event: the API's error shape without a request id. Written with `z.` builders
 * only (no method call on another schema), so the web app's first load can leave zod out (see vite.config.mts).
 */
export const socketErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(errorDetailSchema).optional(),
});
export type SocketError = { code: ErrorCode; message: string; details?: ErrorDetail[] };

/** Every acknowledgement carries `{ ok: true, data }` or `{ ok: false, error: { code, message, details? } }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: SocketError };

/** The schema of an acknowledgement whose data has the given schema. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: socketErrorSchema }),
  ]);
}

export interface ClientEventSchema {
  summary: string;
  /** What the client sends: always one value (an object, `{}` when there is nothing to say). */
  payload: z.ZodType;
  /** What the acknowledgement carries on success, under `data`. */
  ack: z.ZodType;
}

/**
 * Every event a client may send, with its payload and acknowledgement schemas. The API refuses any event not in
 * this table, validates each payload against it and checks each acknowledgement; `ClientToServerEvents` and the
 * `x-socket-events` part of the API documentation are built from it. Adding an event: one entry here, one
 * `@SocketEvent(name)` handler with its access decorator in a `@RingiGateway()`.
 */
export const clientToServerEventSchemas = {
  ping: {
    summary: 'Checks the connection and answers with the server time. Does not keep the session alive.',
    payload: z.strictObject({}),
    ack: z.object({ serverTime: z.iso.datetime({ offset: true }) }),
  },
  'meeting:join': {
    summary:
      "Enters a meeting's live room (participants, the organiser and administrators; any status): from then on the socket receives `meeting:changed`, `meeting:presentation` and `meeting:pointer`; answers with what is shown now (a latecomer lands on the current page).",
    payload: meetingJoinPayloadSchema,
    ack: z.object({ presentation: z.nullable(meetingPresentationSchema) }),
  },
  'meeting:leave': {
    summary: "Leaves a meeting's live session.",
    payload: meetingJoinPayloadSchema,
    ack: z.object({}),
  },
  'meeting:present': {
    summary:
      'Shows a material at a page to everyone in the live session (presenters, the chair, the organiser, administrators; the meeting must be in session). `forced` (chair, organiser, administrators) asks every viewer to follow.',
    payload: meetingPresentPayloadSchema,
    ack: z.object({ presentation: meetingPresentationSchema }),
  },
  'meeting:point': {
    summary:
      'The presenter now showing points at a spot of the page for everyone (x, y as fractions of the page; null hides the pointer). Only the person presenting, only in session.',
    payload: meetingPointPayloadSchema,
    ack: z.object({}),
  },
  // chat (issue 8)
  'chat:subscribe': {
    summary:
      "Enters the rooms of every channel I am a member of (send it after every connection): from then on the socket receives their `chat:changes`, `chat:typing` and `chat:channel`. Answers with my channels and each one's change number, so the client asks for exactly what it missed (`GET /api/chat/channels/{id}/changes?after=`).",
    payload: chatSubscribePayloadSchema,
    ack: chatSubscribeAckSchema,
  },
  'chat:send': {
    summary:
      'Sends a message to a channel I am a member of (as `POST /api/chat/channels/{id}/messages`). Acknowledged only after it is saved; sending the same `clientId` again returns the message already saved.',
    payload: chatSendPayloadSchema,
    ack: chatSendAckSchema,
  },
  'chat:typing': {
    summary: 'Tells the channel (members only) that I am typing; not stored.',
    payload: chatTypingPayloadSchema,
    ack: z.object({}),
  },
  'chat:presence': {
    summary: 'Sets what I say about myself (online, away, テレワーク中); everyone is told `chat:presence`.',
    payload: chatPresencePayloadSchema,
    ack: z.object({}),
  },
  // disaster (issue 8)
  'disaster:watch': {
    summary:
      "Watches a roll-call's tally live (administrators: everyone; heads of divisions: their own people): from then on the socket receives `disaster:answered` for the people it may see; answers with the tally as it is now.",
    payload: disasterWatchPayloadSchema,
    ack: z.object({ tally: disasterTallySchema }),
  },
  'disaster:unwatch': {
    summary: "Stops watching a roll-call's tally.",
    payload: disasterWatchPayloadSchema,
    ack: z.object({}),
  },
} as const satisfies Record<string, ClientEventSchema>;

export type ClientEventName = keyof typeof clientToServerEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.input<
  (typeof clientToServerEventSchemas)[E]['payload']
>;
export type ClientEventAck<E extends ClientEventName> = z.output<
  (typeof clientToServerEventSchemas)[E]['ack']
>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (res: Ack<ClientEventAck<E>>) => void,
  ) => void;
};

/** Every event the server sends, with its payload schema (for the documentation and for typing). */
export const serverToClientEventSchemas = {
  hello: {
    summary: 'Sent once after the connection is made.',
    payload: helloEventSchema,
  },
  'session:revoked': {
    summary:
      'The session ended (signed out, revoked by an administrator, password changed, or expired); the server closes the socket right after.',
    payload: sessionRevokedEventSchema,
  },
  'meeting:changed': {
    summary:
      'Something of the meeting changed (details, participants, agenda, materials, status), to everyone in its live room who may still see it: read it again if `lockVersion` is newer.',
    payload: meetingChangedSchema,
  },
  'meeting:pointer': {
    summary:
      'Where the presenter points on the page they show (or that the pointer is gone), to everyone in the live session; not stored.',
    payload: meetingPointerSchema,
  },
  'meeting:presentation': {
    summary:
      "What the presenter shows now (material, version, page, forced), to everyone who joined the meeting's live session.",
    payload: meetingPresentationSchema,
  },
  'approvals:counts': {
    summary:
      "The counts of the approval inbox lists (未処理, 処理済み, 起案中, 起案済み, 後閲) changed; sent to the person's user room.",
    payload: approvalsCountsEventSchema,
  },
  // notifications
  'notification:new': {
    summary: 'A new in-app notification for this person, with their unread count after it (to every tab).',
    payload: notificationNewEventSchema,
  },
  'notification:read': {
    summary:
      'Some or all of this person’s notifications were marked read (in any tab), with the unread count.',
    payload: notificationReadEventSchema,
  },
  // chat (issue 8)
  'chat:changes': {
    summary:
      "Messages of a channel changed (new, edited, deleted, reacted to, replied to), to the channel's room after commit. Each message carries its `changeSeq`; if the smallest is more than one past the client's last, it asks for the gap (`GET /api/chat/channels/{id}/changes?after=`).",
    payload: chatChangesEventSchema,
  },
  'chat:read': {
    summary:
      "Someone read a channel up to a message: to that person's own devices (with their unread counts), and to the channel's room when read receipts are on.",
    payload: chatReadEventSchema,
  },
  'chat:channel': {
    summary:
      'A channel itself changed (name, topic, members, archive) or I joined or left it: read my channels again.',
    payload: chatChannelEventSchema,
  },
  'chat:typing': {
    summary: 'Someone in the channel is typing (shown for a few seconds).',
    payload: chatTypingEventSchema,
  },
  'chat:presence': {
    summary:
      'People came online, went away, started telework (テレワーク中) or went offline: the changes of about a second, gathered into one event to everyone.',
    payload: chatPresenceEventSchema,
  },
  // disaster (issue 8)
  'disaster:roll_call': {
    summary:
      'A disaster roll-call (安否確認) started or was closed; sent to the user room of every active member of staff.',
    payload: disasterRollCallEventSchema,
  },
  'disaster:answered': {
    summary:
      "Someone answered a roll-call (or changed their answer): to the sockets watching the tally of that person's department (`disaster:watch`) and to the person's own tabs.",
    payload: disasterAnsweredEventSchema,
  },
  // attendance (issue 9)
  'attendance:punched': {
    summary:
      "I clocked in or out (in any tab or device): today's status as it is now, to the person's own room.",
    payload: attendancePunchedEventSchema,
  },
} as const satisfies Record<string, { summary: string; payload: z.ZodType }>;

export type ServerToClientEvents = {
  [E in keyof typeof serverToClientEventSchemas]: (
    payload: z.output<(typeof serverToClientEventSchemas)[E]['payload']>,
  ) => void;
};

/** The socket.io path; the web app connects to the same origin. */
export const SOCKET_PATH = '/socket.io';
