import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import {
  Injectable,
  mixin,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { finalize, from, switchMap, type Observable } from 'rxjs';
import { FilesService } from './files.service';
import { receiveMultipartFile, type StreamedUpload } from './streaming-upload';

/** The request as a handler behind StreamingFileInterceptor sees it (`@Req() req`, then `req.streamedFile`). */
export type RequestWithStreamedFile = IncomingMessage & { streamedFile?: StreamedUpload };

/**
 * Like `FileInterceptor(field, uploadOptions(max))`, for large files: the file is written to a temporary file
 * under DATA_DIR/tmp while it arrives (never held in memory), hashed and size-checked on the way, and put on the
 * request as `streamedFile` for `FilesService.saveStream`. Whatever the handler has not moved into the store is
 * removed when the request ends, on every path.
 */
export function StreamingFileInterceptor(field: string, maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class Interceptor implements NestInterceptor {
    constructor(private readonly files: FilesService) {}

    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const req = context.switchToHttp().getRequest<RequestWithStreamedFile>();
      let upload: StreamedUpload | undefined;
      return from(receiveMultipartFile(req, { field, maxBytes, tmpDir: this.files.tmpDir })).pipe(
        switchMap((received) => {
          upload = received;
          req.streamedFile = received;
          // The text fields for `@Body()` (the pipes run after this), as multer would have set them.
          (req as RequestWithStreamedFile & { body?: unknown }).body = received?.fields ?? {};
          return next.handle();
        }),
        finalize(() => {
          if (upload) void rm(upload.path, { force: true });
        }),
      );
    }
  }
  return mixin(Interceptor);
}
