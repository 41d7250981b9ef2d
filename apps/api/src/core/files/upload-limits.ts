import type { MulterModuleOptions } from '@nestjs/platform-express';

/**
 * Limits of every multipart upload, shared by every `FileInterceptor`: one file and at most a few short text
 * fields. Busboy stops reading at the first part past a limit, and the request is refused (the file's own size
 * with 413 `files/too_large`, too many or too long fields or parts with 400) without parsing the rest.
 */
export const UPLOAD_LIMITS = {
  /** Text fields (none of today's forms sends one; a few leave room for a caption or a title). */
  fields: 8,
  /** Bytes of one text field's value (busboy's default is 1 MiB). */
  fieldSize: 4 * 1024,
  /** Bytes of one field's name. */
  fieldNameSize: 100,
  /** Files per request. */
  files: 1,
  /** Fields and files together. */
  parts: 9,
  /** Header lines of one part. */
  headerPairs: 20,
} as const;

/** `FileInterceptor` options: the shared limits and this upload's largest file. */
export function uploadOptions(maxFileBytes: number): MulterModuleOptions {
  return { limits: { ...UPLOAD_LIMITS, fileSize: maxFileBytes } };
}
