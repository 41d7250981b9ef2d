import type { IncomingMessage } from 'node:http';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { AppException } from '../errors/app.exception';

/**
 * Limits of every multipart upload, shared by every `FileInterceptor` (through `uploadOptions`): one file and at
 * most a few short text fields. Busboy stops parsing at the first part past a limit, so nothing beyond it is
 * kept in memory, and the request is refused: the file's own size with 413 `files/too_large`, too many or too
 * long fields, too many files or parts with 400.
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

/** Room for the multipart boundaries and part headers around the file and the fields. */
const MULTIPART_OVERHEAD = 16 * 1024;

/** The largest body a form within these limits can have. */
export function maxUploadBodyBytes(maxFileBytes: number): number {
  return (
    maxFileBytes +
    UPLOAD_LIMITS.fields * (UPLOAD_LIMITS.fieldSize + UPLOAD_LIMITS.fieldNameSize) +
    MULTIPART_OVERHEAD
  );
}

/**
 * `FileInterceptor` options: the shared limits and this upload's largest file. A request whose declared length
 * (Content-Length) is already more than such a form can be is refused with 413 before any of its body is read;
 * multer otherwise reads a refused body to its end (without parsing it) before answering, so that browsers
 * still sending are not cut off.
 */
export function uploadOptions(maxFileBytes: number): MulterModuleOptions {
  const limits = { ...UPLOAD_LIMITS, fileSize: maxFileBytes };
  const maxBody = maxUploadBodyBytes(maxFileBytes);
  // multer (>= 2.4) accepts limits as a function of the request, called before the body is read; Nest's type
  // for the option only knows the object form.
  const perRequest = (req: IncomingMessage): typeof limits => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) throw new AppException('files/too_large');
    return limits;
  };
  return { limits: perRequest as unknown as MulterModuleOptions['limits'] };
}
