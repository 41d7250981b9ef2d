import { z } from 'zod';

export const LOCALES = ['ja', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const uuidSchema = z.uuid();

/** A calendar date without time, `YYYY-MM-DD` (interpreted in Asia/Tokyo). */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

/** Trimmed, non-empty string with a maximum length. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const idParamSchema = z.strictObject({ id: uuidSchema });
export type IdParam = z.infer<typeof idParamSchema>;

export const okSchema = z.strictObject({ ok: z.literal(true) });
export type Ok = z.infer<typeof okSchema>;
