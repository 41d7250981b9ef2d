import { z } from 'zod';
import { isoDateSchema, text, uuidSchema } from './common';

// ---------------------------------------------------------------------------------------------------------
// Meetings (会議, issue 7): the meeting, its participants, its agenda and the materials of each agenda item.

/**
 * Kinds of meeting, as codes: `executive_council` 庁議, `section_chiefs` 課長会議, `committee` 委員会,
 * `other` その他.
 */
export const MEETING_KINDS = ['executive_council', 'section_chiefs', 'committee', 'other'] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

/** draft (準備中) → distributed (配布済み) → in_session (開催中) → closed (終了). */
export const MEETING_STATUSES = ['draft', 'distributed', 'in_session', 'closed'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/** 議長, 説明者, 出席者, 傍聴者. */
export const MEETING_ROLES = ['chair', 'presenter', 'attendee', 'observer'] as const;
export const meetingRoleSchema = z.enum(MEETING_ROLES);
export type MeetingRole = z.infer<typeof meetingRoleSchema>;

/** Materials are PDFs only, at most 50 MiB each. */
export const MEETING_MATERIAL_MAX_BYTES = 50 * 1024 * 1024;
export const MEETING_MATERIAL_TYPES = ['application/pdf'] as const;

const dateTime = z.iso.datetime({ offset: true });

// Requests

export const createMeetingRequestSchema = z.strictObject({
  title: text(200),
  kind: meetingKindSchema,
  startsAt: dateTime,
  endsAt: dateTime,
  place: z.string().trim().max(200).default(''),
  /** The day after which the meeting and its materials may be disposed of (廃棄); none: kept. */
  disposeAfter: isoDateSchema.nullable().default(null),
});
export type CreateMeetingRequest = z.input<typeof createMeetingRequestSchema>;

export const updateMeetingRequestSchema = z.strictObject({
  title: text(200).optional(),
  kind: meetingKindSchema.optional(),
  startsAt: dateTime.optional(),
  endsAt: dateTime.optional(),
  place: z.string().trim().max(200).optional(),
  disposeAfter: isoDateSchema.nullable().optional(),
  /** The `lockVersion` the client last saw: a stale one gets 409 `meeting/changed`. */
  lockVersion: z.number().int().min(0),
});
export type UpdateMeetingRequest = z.infer<typeof updateMeetingRequestSchema>;

/** A person (`userId`), or a whole department (`departmentId`: its members on the day): exactly one of the two. */
export const addMeetingParticipantRequestSchema = z
  .strictObject({
    userId: uuidSchema.optional(),
    departmentId: uuidSchema.optional(),
    role: meetingRoleSchema,
  })
  .refine((p) => (p.userId === undefined) !== (p.departmentId === undefined), {
    message: 'Give either userId or departmentId.',
    path: ['userId'],
  });
export type AddMeetingParticipantRequest = z.infer<typeof addMeetingParticipantRequestSchema>;

export const createAgendaItemRequestSchema = z.strictObject({
  title: text(200),
  /** The person who explains the item (説明者); they may add and replace its materials. */
  presenterId: uuidSchema.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(1440).nullable().default(null),
});
export type CreateAgendaItemRequest = z.input<typeof createAgendaItemRequestSchema>;

export const updateAgendaItemRequestSchema = z.strictObject({
  title: text(200).optional(),
  presenterId: uuidSchema.nullable().optional(),
  durationMinutes: z.number().int().min(1).max(1440).nullable().optional(),
});
export type UpdateAgendaItemRequest = z.infer<typeof updateAgendaItemRequestSchema>;

/** The whole agenda in its new order: every item id once. A list that is not today's agenda gets 409. */
export const reorderAgendaRequestSchema = z.strictObject({
  itemIds: z.array(uuidSchema).min(1).max(200),
});
export type ReorderAgendaRequest = z.infer<typeof reorderAgendaRequestSchema>;

/** The text fields of a material upload (multipart, beside the `file`): its title (default: the file's name). */
export const meetingMaterialFormSchema = z.strictObject({
  title: text(200).optional(),
});
export type MeetingMaterialForm = z.infer<typeof meetingMaterialFormSchema>;

export const meetingListQuerySchema = z.strictObject({
  /** upcoming: not ended yet (and not closed); past: ended or closed; all. */
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number<number | string>().int().min(1).max(100).default(20),
});
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;

export const meetingIdParamSchema = z.strictObject({ id: uuidSchema });
export const meetingParticipantParamSchema = z.strictObject({ id: uuidSchema, participantId: uuidSchema });
export const meetingAgendaItemParamSchema = z.strictObject({ id: uuidSchema, itemId: uuidSchema });
export const meetingMaterialParamSchema = z.strictObject({ id: uuidSchema, materialId: uuidSchema });

// Responses

export const meetingParticipantSchema = z.object({
  id: uuidSchema,
  type: z.enum(['user', 'department']),
  userId: uuidSchema.nullable(),
  departmentId: uuidSchema.nullable(),
  /** The person's name (`山田 太郎`) or the department's name today. */
  name: z.string(),
  role: meetingRoleSchema,
});
export type MeetingParticipant = z.infer<typeof meetingParticipantSchema>;

export const meetingMaterialVersionSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  /** Read it through `GET /api/files/:fileId` (range requests; checked against the meeting policy). */
  fileId: uuidSchema,
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  pageCount: z.number().int().nullable(),
  uploadedById: uuidSchema,
  uploadedByName: z.string(),
  uploadedAt: dateTime,
  /** When a newer version replaced it; null for the current one. */
  supersededAt: dateTime.nullable(),
});
export type MeetingMaterialVersion = z.infer<typeof meetingMaterialVersionSchema>;

export const meetingMaterialSchema = z.object({
  id: uuidSchema,
  agendaItemId: uuidSchema,
  title: z.string(),
  position: z.number().int(),
  /** Newest first: the first one is current, the others superseded. */
  versions: z.array(meetingMaterialVersionSchema),
});
export type MeetingMaterial = z.infer<typeof meetingMaterialSchema>;

export const meetingAgendaItemSchema = z.object({
  id: uuidSchema,
  position: z.number().int(),
  title: z.string(),
  presenterId: uuidSchema.nullable(),
  presenterName: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  materials: z.array(meetingMaterialSchema),
});
export type MeetingAgendaItem = z.infer<typeof meetingAgendaItemSchema>;

export const meetingSummarySchema = z.object({
  id: uuidSchema,
  title: z.string(),
  kind: meetingKindSchema,
  startsAt: dateTime,
  endsAt: dateTime,
  place: z.string(),
  status: meetingStatusSchema,
  organiserId: uuidSchema,
  organiserName: z.string(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingSchema = meetingSummarySchema.extend({
  disposeAfter: isoDateSchema.nullable(),
  lockVersion: z.number().int(),
  distributedAt: dateTime.nullable(),
  startedAt: dateTime.nullable(),
  closedAt: dateTime.nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
  /** Whether the signed-in person may edit it (organiser or administrator). */
  canEdit: z.boolean(),
  participants: z.array(meetingParticipantSchema),
  agenda: z.array(meetingAgendaItemSchema),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingListSchema = z.object({
  items: z.array(meetingSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MeetingList = z.infer<typeof meetingListSchema>;
