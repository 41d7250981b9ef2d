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

/**
 * Profile photos: JPEG, PNG or WebP as taken by a phone or camera, at most 10 MiB. The server re-encodes them
 * (upright, without EXIF/GPS or other metadata, longest side at most PHOTO_MAX_SIDE pixels).
 */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MAX_SIDE = 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * PDFs streamed to disk at upload (`FilesService.saveStream`): up to 50 MiB (a scanned 300-page document). The
 * server opens each one with pdf.js in a separate process for at most PDF_CHECK_TIMEOUT_MS and refuses ones it
 * cannot open or that need a password.
 */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;
export const PDF_CHECK_TIMEOUT_MS = 30_000;
