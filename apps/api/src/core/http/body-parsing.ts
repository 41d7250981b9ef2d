import type { NestExpressApplication } from '@nestjs/platform-express';

/** JSON bodies larger than this are refused with 413 (files go through multipart uploads instead). */
export const JSON_BODY_LIMIT = '256kb';

/** How request bodies are read. */
export function useBodyParsing(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
}
