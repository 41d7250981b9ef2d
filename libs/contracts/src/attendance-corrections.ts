import { z } from 'zod';
import { punchKindSchema, punchSourceSchema } from './attendance';
import { uuidSchema } from './common';

// ---------------------------------------------------------------------------------------------------------
// Punch corrections (打刻修正, issue 9): a forgotten or wrong punch is corrected by a request decided through the
// approval engine (打刻修正届); nothing changes before it is approved.

export const PUNCH_CORRECTION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const punchCorrectionStatusSchema = z.enum(PUNCH_CORRECTION_STATUSES);
export type PunchCorrectionStatus = z.infer<typeof punchCorrectionStatusSchema>;

export const PUNCH_CORRECTION_REASON_MAX = 200;

export const punchCorrectionSchema = z.object({
  id: uuidSchema,
  /** The working day corrected. */
  workDate: z.iso.date(),
  /** The clock-in and clock-out asked for (null: left as it is, or removed when named in `remove`). */
  clockIn: z.nullable(z.iso.datetime({ offset: true })),
  clockOut: z.nullable(z.iso.datetime({ offset: true })),
  /** Wrong punches to take away. */
  remove: z.array(punchKindSchema),
  place: punchSourceSchema,
  reason: z.string(),
  status: punchCorrectionStatusSchema,
  approvalDocumentId: z.nullable(uuidSchema),
  createdAt: z.iso.datetime({ offset: true }),
  decidedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type PunchCorrection = z.infer<typeof punchCorrectionSchema>;

export const punchCorrectionResultSchema = z.object({
  correction: punchCorrectionSchema,
  /** The request was there already (a resend with the same client id): nothing new was recorded. */
  already: z.boolean(),
});
export type PunchCorrectionResult = z.infer<typeof punchCorrectionResultSchema>;

export const myPunchCorrectionsSchema = z.object({
  month: z.string(),
  corrections: z.array(punchCorrectionSchema),
});
export type MyPunchCorrections = z.infer<typeof myPunchCorrectionsSchema>;

// Requests

export const createPunchCorrectionSchema = z
  .strictObject({
    workDate: z.iso.date(),
    /** The right clock-in (a moment on the working day). */
    clockIn: z.iso.datetime({ offset: true }).optional(),
    /** The right clock-out (on the working day, or before 5:00 the day after). */
    clockOut: z.iso.datetime({ offset: true }).optional(),
    /** Wrong punches of the day to take away (not together with a new time of the same kind). */
    remove: z.array(punchKindSchema).max(2).default([]),
    place: punchSourceSchema.default('office'),
    reason: z.string().trim().min(1).max(PUNCH_CORRECTION_REASON_MAX),
    /** Made by the device: sending the same request again (a lost answer) records nothing new. */
    clientId: uuidSchema,
  })
  .refine((v) => v.clockIn !== undefined || v.clockOut !== undefined || v.remove.length > 0, {
    path: ['clockIn'],
    params: { reason: 'correction_nothing' },
    message: 'Give a clock-in or clock-out time, or a punch to remove.',
  })
  .refine(
    (v) =>
      !(v.clockIn !== undefined && v.remove.includes('in')) &&
      !(v.clockOut !== undefined && v.remove.includes('out')),
    {
      path: ['remove'],
      params: { reason: 'correction_remove_and_set' },
      message: 'A punch cannot be both corrected and removed.',
    },
  );
export type CreatePunchCorrection = z.input<typeof createPunchCorrectionSchema>;

export const punchCorrectionsQuerySchema = z.strictObject({
  /** `YYYY-MM`; default: this month. */
  month: z
    .string()
    .regex(/^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$/u)
    .optional(),
});
export type PunchCorrectionsQuery = z.input<typeof punchCorrectionsQuerySchema>;
