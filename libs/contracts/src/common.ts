import { z } from 'zod';

export const LOCALES = ['ja', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const uuidSchema = z.uuid();

/** The earliest and latest calendar dates Ringi accepts: nothing a town hall records lies outside them. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2200-12-31';

/**
 * A calendar date without time, `YYYY-MM-DD` (interpreted in Asia/Tokyo): a real day of the Gregorian
 * calendar between MIN_DATE and MAX_DATE, so that no impossible or absurd date (`0000-01-01`, `9999-12-31`)
 * reaches the database or the date arithmetic. The issue's `params.reason` lets the API word it per language.
 */
export const isoDateSchema = z.iso
  .date()
  .refine((value) => value >= MIN_DATE && value <= MAX_DATE, {
    params: { reason: 'date_out_of_range' },
    message: `Enter a date between ${MIN_DATE} and ${MAX_DATE}.`,
    // Only a well-formed date is compared: `2026-02-30` gets the one format issue, not two.
    when: (payload) => payload.issues.length === 0,
  })
  .describe(`A calendar date (YYYY-MM-DD) between ${MIN_DATE} and ${MAX_DATE}.`);
export type IsoDate = z.infer<typeof isoDateSchema>;

/** Trimmed, non-empty string with a maximum length. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const idParamSchema = z.strictObject({ id: uuidSchema });
export type IdParam = z.infer<typeof idParamSchema>;

export const okSchema = z.strictObject({ ok: z.literal(true) });
export type Ok = z.infer<typeof okSchema>;
