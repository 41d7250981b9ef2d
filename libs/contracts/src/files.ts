import { z } from 'zod';
import { uuidSchema } from './common';

export const fileMetaSchema = z.object({
  id: uuidSchema,
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  name: z.string(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

/** Profile photos: JPEG, PNG or WebP, at most 2 MiB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
