import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './common';
import { meetingSummarySchema } from './meetings';

// ---------------------------------------------------------------------------------------------------------
// After the meeting (issue 7): minutes (議事録), search over meetings and their materials, disposal (廃棄).

const dateTime = z.iso.datetime({ offset: true });

/** Minutes as text: at most 100,000 characters (a long 議事録 is some 30,000). */
export const MEETING_MINUTES_MAX_CHARS = 100_000;
/** Minutes as a PDF: the same limit as materials. */
export const MEETING_MINUTES_MAX_BYTES = 50 * 1024 * 1024;

// Requests

/**
 * Saves the minutes' text (an empty string clears it). `version` is the one the client last saw (0 before the
 * first save): a stale one gets 409 `meeting/minutes_changed`, so two writers never overwrite each other.
 */
export const saveMeetingMinutesRequestSchema = z.strictObject({
  text: z.string().max(MEETING_MINUTES_MAX_CHARS),
  version: z.number().int().min(0),
});
export type SaveMeetingMinutesRequest = z.infer<typeof saveMeetingMinutesRequestSchema>;

/** A query word: one character is enough (会, 予); several words separated by spaces must all be found. */
export const meetingSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** Meetings starting on or after this day (Japan time). */
  from: isoDateSchema.optional(),
  /** Meetings starting on or before this day (Japan time). */
  to: isoDateSchema.optional(),
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number<number | string>().int().min(1).max(50).default(20),
});
export type MeetingSearchQuery = z.infer<typeof meetingSearchQuerySchema>;

// Responses

export const meetingMinutesFileSchema = z.object({
  /** Read it through `GET /api/files/:id` (checked against the meeting policy). */
  id: uuidSchema,
  name: z.string(),
  size: z.number().int(),
  pageCount: z.number().int().nullable(),
});
export type MeetingMinutesFile = z.infer<typeof meetingMinutesFileSchema>;

/** A meeting's minutes; before anything is written: empty text, no file, `version` 0. */
export const meetingMinutesSchema = z.object({
  meetingId: uuidSchema,
  text: z.string(),
  file: meetingMinutesFileSchema.nullable(),
  /** Moves on with every change; send it back with the next save. */
  version: z.number().int(),
  updatedAt: dateTime.nullable(),
  updatedByName: z.string().nullable(),
  /** Whether the signed-in person may write them (organiser, administrators, a chair). */
  canWrite: z.boolean(),
});
export type MeetingMinutes = z.infer<typeof meetingMinutesSchema>;

/** Where a query word was found in a material: open `/meetings/:meetingId/materials/:materialId?page=N`. */
export const meetingSearchHitSchema = z.object({
  materialId: uuidSchema,
  materialTitle: z.string(),
  versionId: uuidSchema,
  version: z.number().int(),
  page: z.number().int(),
  /** The text around the first word found: `before`, the word as written (`match`), `after`. */
  snippet: z.object({ before: z.string(), match: z.string(), after: z.string() }),
});
export type MeetingSearchHit = z.infer<typeof meetingSearchHitSchema>;

export const meetingSearchResultSchema = z.object({
  meeting: meetingSummarySchema,
  /** The title holds every word. */
  titleMatched: z.boolean(),
  /** Pages of current material versions holding every word (at most 5 per meeting, in agenda order). */
  hits: z.array(meetingSearchHitSchema),
  /** How many pages hold every word in all. */
  hitCount: z.number().int(),
});
export type MeetingSearchResult = z.infer<typeof meetingSearchResultSchema>;

export const meetingSearchListSchema = z.object({
  items: z.array(meetingSearchResultSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MeetingSearchList = z.infer<typeof meetingSearchListSchema>;

/** A disposed meeting: from now on everything about it answers 404. */
export const meetingDisposalSchema = z.object({
  meetingId: uuidSchema,
  disposedAt: dateTime,
});
export type MeetingDisposal = z.infer<typeof meetingDisposalSchema>;
