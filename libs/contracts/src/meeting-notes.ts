import { z } from 'zod';
import { uuidSchema } from './common';

// ---------------------------------------------------------------------------------------------------------
// Private notes (個人メモ) on the pages of meeting materials (issue 7): pen, highlighter, text memos and
// bookmarks. Only their author ever reads them; they follow their words to the matching page when a material is
// replaced by a corrected version.

/** Positions on a page are fractions of its width and height (0 = left/top, 1 = right/bottom). */
const unit = z.number().min(0).max(1);
export const NOTE_COLORS = ['red', 'blue', 'black', 'yellow', 'green', 'pink'] as const;
export const noteColorSchema = z.enum(NOTE_COLORS);
export type NoteColor = z.infer<typeof noteColorSchema>;
export const NOTE_KINDS = ['pen', 'highlight', 'text', 'bookmark'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One stroke: x, y, x, y … (at least two points, at most 2,000). */
const strokePoints = z
  .array(unit)
  .min(4)
  .max(4000)
  .refine((p) => p.length % 2 === 0, { message: 'Points come in x, y pairs.' });

/**
 * What a note is, as stored (version 1; `v` lets a later shape be upgraded when read). Pen and highlighter are
 * strokes; a text memo sits at a point; a bookmark marks the page.
 */
export const noteBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('pen'),
    color: noteColorSchema,
    /** Line width as a fraction of the page's width. */
    width: z.number().min(0.0005).max(0.05),
    strokes: z.array(strokePoints).min(1).max(50),
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('highlight'),
    color: noteColorSchema,
    width: z.number().min(0.002).max(0.1),
    strokes: z.array(strokePoints).min(1).max(50),
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('text'),
    color: noteColorSchema,
    x: unit,
    y: unit,
    text: z.string().trim().min(1).max(2000),
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('bookmark'),
    label: z.string().trim().max(100),
  }),
]);
export type NoteBody = z.infer<typeof noteBodySchema>;

/** Where the note sits in the page's text (see `TextAnchor` in @ringi/domain). */
export const noteAnchorSchema = z.strictObject({
  quote: z.string().max(200),
  prefix: z.string().max(32),
  suffix: z.string().max(32),
  start: z.number().int().min(0).max(10_000_000),
});
export type NoteAnchor = z.infer<typeof noteAnchorSchema>;

// Requests

export const createNoteRequestSchema = z.strictObject({
  /** Made by the client, so sending the same note again (after a lost answer) does not add it twice. */
  id: uuidSchema.optional(),
  /** The version shown when the note was written: it must be the current one (else 409). */
  versionId: uuidSchema,
  page: z.number().int().min(1).max(100_000),
  body: noteBodySchema,
  anchor: noteAnchorSchema,
});
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;

export const updateNoteRequestSchema = z
  .strictObject({
    body: noteBodySchema.optional(),
    /** The person has seen that the page changed since the note was written: the mark goes. */
    acknowledgeChange: z.literal(true).optional(),
  })
  .refine((u) => u.body !== undefined || u.acknowledgeChange !== undefined, {
    message: 'Give the new body or acknowledgeChange.',
    path: ['body'],
  });
export type UpdateNoteRequest = z.infer<typeof updateNoteRequestSchema>;

export const meetingNoteParamSchema = z.strictObject({ id: uuidSchema, noteId: uuidSchema });

// Responses

export const meetingNoteSchema = z.object({
  id: uuidSchema,
  materialId: uuidSchema,
  /** The version the note is on now: the current one, unless the material was replaced after it was written. */
  versionId: uuidSchema,
  page: z.number().int(),
  body: noteBodySchema,
  anchor: noteAnchorSchema,
  /** The page's content changed (a corrected version) after the note was written: 「メモを書いた後に変更されました」. */
  pageChanged: z.boolean(),
  /** When the note last moved to a new version of the material; null if never. */
  movedAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MeetingNote = z.infer<typeof meetingNoteSchema>;

export const meetingNoteListSchema = z.object({ items: z.array(meetingNoteSchema) });
export type MeetingNoteList = z.infer<typeof meetingNoteListSchema>;
