import { z } from 'zod';
import { text, uuidSchema } from './common';
import {
  DISASTER_MESSAGE_MAX,
  DISASTER_NOTE_MAX,
  DISASTER_STATUSES,
  DISASTER_TITLE_MAX,
} from './disaster-limits';

/**
 * 災害モード (disaster mode, issue 8): an administrator starts an all-staff roll-call (安否確認); every active
 * member of staff answers with one tap (無事 / 要支援 / 参集可能); administrators (and the heads of divisions, for
 * their own people) watch the tally by department live.
 */

export * from './disaster-limits';

export const disasterStatusSchema = z.enum(DISASTER_STATUSES);

const dateTime = z.iso.datetime({ offset: true });

// Requests

export const startDisasterRollCallRequestSchema = z.strictObject({
  title: text(DISASTER_TITLE_MAX),
  /** What the administrator tells everyone (where to go, what to do); may be empty. */
  message: z.string().trim().max(DISASTER_MESSAGE_MAX).default(''),
});
export type StartDisasterRollCallRequest = z.input<typeof startDisasterRollCallRequestSchema>;

export const answerDisasterRollCallRequestSchema = z.strictObject({
  status: disasterStatusSchema,
  /** A short note (怪我をしている, 30分で登庁できる …); empty or left out: none. */
  note: z.string().trim().max(DISASTER_NOTE_MAX).optional(),
});
export type AnswerDisasterRollCallRequest = z.input<typeof answerDisasterRollCallRequestSchema>;

export const disasterRollCallIdParamSchema = z.strictObject({ id: uuidSchema });

export const DISASTER_LIST_STATES = ['open', 'closed'] as const;
export const disasterRollCallListQuerySchema = z.strictObject({
  /** `open`: the roll-calls running now; `closed`: the last 50 closed ones, newest first. */
  state: z.enum(DISASTER_LIST_STATES).default('open'),
});
export type DisasterRollCallListQuery = z.input<typeof disasterRollCallListQuerySchema>;

// Responses

/** One's own answer to a roll-call. */
export const disasterAnswerSchema = z.object({
  status: disasterStatusSchema,
  note: z.string().nullable(),
  answeredAt: dateTime,
});
export type DisasterAnswer = z.infer<typeof disasterAnswerSchema>;

/** A roll-call as the signed-in person sees it: with their own answer and what they may do with it. */
export const disasterRollCallSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  message: z.string(),
  createdById: uuidSchema,
  createdByName: z.string(),
  createdAt: dateTime,
  /** Null while it is open (answers are taken). */
  closedAt: dateTime.nullable(),
  closedByName: z.string().nullable(),
  myAnswer: disasterAnswerSchema.nullable(),
  /** Whether the person may see the tally (administrators: everyone; heads of divisions: their own people). */
  canViewTally: z.boolean(),
  /** Whether the person may close it (administrators). */
  canClose: z.boolean(),
});
export type DisasterRollCall = z.infer<typeof disasterRollCallSchema>;

export const disasterRollCallListSchema = z.object({
  items: z.array(disasterRollCallSchema),
  /** Whether the person may start a roll-call (administrators). */
  canStart: z.boolean(),
});
export type DisasterRollCallList = z.infer<typeof disasterRollCallListSchema>;

/** The number of people per status, those who have not answered, and everyone counted. */
export const disasterCountsSchema = z.object({
  safe: z.number().int().min(0),
  need_help: z.number().int().min(0),
  can_report: z.number().int().min(0),
  unanswered: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type DisasterCounts = z.infer<typeof disasterCountsSchema>;

/** One person of the tally, with their answer (null: not answered yet). */
export const disasterTallyPersonSchema = z.object({
  userId: uuidSchema,
  name: z.string(),
  staffNumber: z.string(),
  status: disasterStatusSchema.nullable(),
  note: z.string().nullable(),
  answeredAt: dateTime.nullable(),
});
export type DisasterTallyPerson = z.infer<typeof disasterTallyPersonSchema>;

/** The people of one department (their 本務 today); `departmentId` null: people in no department (所属なし). */
export const disasterTallyDepartmentSchema = z.object({
  departmentId: uuidSchema.nullable(),
  departmentName: z.string().nullable(),
  counts: disasterCountsSchema,
  people: z.array(disasterTallyPersonSchema),
});
export type DisasterTallyDepartment = z.infer<typeof disasterTallyDepartmentSchema>;

export const disasterTallySchema = z.object({
  rollCallId: uuidSchema,
  /** `all`: every active member of staff (administrators); `departments`: the departments the person heads. */
  scope: z.enum(['all', 'departments']),
  counts: disasterCountsSchema,
  departments: z.array(disasterTallyDepartmentSchema),
  closedAt: dateTime.nullable(),
});
export type DisasterTally = z.infer<typeof disasterTallySchema>;

// Socket events (referenced by realtime.ts's tables)

/** Server event `disaster:roll_call`: a roll-call started or was closed (to every active member of staff). */
export const disasterRollCallEventSchema = z.object({
  change: z.enum(['started', 'closed']),
  rollCallId: uuidSchema,
  title: z.string(),
  message: z.string(),
  createdAt: dateTime,
  closedAt: dateTime.nullable(),
});
export type DisasterRollCallEvent = z.infer<typeof disasterRollCallEventSchema>;

/**
 * Server event `disaster:answered`: someone answered (or changed their answer), to those watching the tally of
 * their department and to the person's own other tabs and devices.
 */
export const disasterAnsweredEventSchema = z.object({
  rollCallId: uuidSchema,
  departmentId: uuidSchema.nullable(),
  departmentName: z.string().nullable(),
  person: disasterTallyPersonSchema,
});
export type DisasterAnsweredEvent = z.infer<typeof disasterAnsweredEventSchema>;

/** Client event `disaster:watch` / `disaster:unwatch`. */
export const disasterWatchPayloadSchema = z.strictObject({ rollCallId: uuidSchema });
