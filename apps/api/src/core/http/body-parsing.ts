import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ErrorCode } from '@ringi/contracts';
import { AppException } from '../errors/app.exception';

/** JSON bodies larger than this are refused with 413 (files go through multipart uploads instead). */
export const JSON_BODY_LIMIT = '256kb';

/** No form Ringi sends nests this deep; deeper JSON is refused before any code walks it recursively. */
export const JSON_MAX_DEPTH = 64;

/**
 * Characters no request may carry in any string (value or key): NUL, which PostgreSQL refuses in text, and
 * UTF-16 surrogates without their pair (`"\ud800"` in JSON), which are not characters at all and cannot be
 * stored or shown faithfully.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const FORBIDDEN_CHARACTERS = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_CHARACTERS.test(value);
}

type Problem = 'request/invalid_characters' | 'request/malformed_body';

/**
 * Walks a parsed value (without recursion, so no input can exhaust the stack) and names the first problem:
 * a forbidden character in a string or key, or nesting deeper than `maxDepth`.
 */
export function findInputProblem(root: unknown, maxDepth = JSON_MAX_DEPTH): Problem | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasForbiddenCharacters(value)) return 'request/invalid_characters';
    } else if (value !== null && typeof value === 'object') {
      if (depth >= maxDepth) return 'request/malformed_body';
      for (const [key, child] of Object.entries(value)) {
        if (hasForbiddenCharacters(key)) return 'request/invalid_characters';
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * Refuses a request whose path, query or parsed body holds a forbidden character (400
 * `request/invalid_characters`) before any route sees it: one check for every route, present and future,
 * instead of a rule on each field. A `%00` in the path is caught here too (route parameters are decoded later
 * by the router).
 */
export function rejectForbiddenInput(req: Request, _res: Response, next: NextFunction): void {
  const path = req.originalUrl.split('?', 1)[0];
  let problem: Problem | undefined = /%00/i.test(path) ? 'request/invalid_characters' : undefined;
  problem ??= findInputProblem(req.query);
  problem ??= findInputProblem(req.body);
  next(problem ? new AppException(problem) : undefined);
}

/** What the body parser's refusals mean for the client (http-errors `type`, or a zlib error's code). */
const PARSER_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'request/malformed_json',
  'entity.too.large': 'request/too_large',
  'charset.unsupported': 'request/unsupported_charset',
  'encoding.unsupported': 'request/unsupported_encoding',
};

interface ParserError {
  type?: string;
  status?: number;
}

/** The body parser's error as an AppException: every refusal is the client's, worded, never a 500. */
export function bodyParserError(err: unknown): unknown {
  const { type, status } = (err ?? {}) as ParserError;
  const code = type ? PARSER_ERRORS[type] : undefined;
  if (code) return new AppException(code);
  // A gzip/deflate/br body that does not decompress, a length that does not match, an aborted upload.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppException('request/malformed_body');
  return err;
}

/**
 * How request bodies are read: JSON only, UTF-8 only (other charsets 415), identity/gzip/deflate/br only
 * (other encodings 415, a body that does not decompress 400), at most JSON_BODY_LIMIT after decompression
 * (413). Then the forbidden-character check, for every request.
 */
export function useBodyParsing(app: NestExpressApplication): void {
  const parseJson = json({ limit: JSON_BODY_LIMIT });
  const readBody: RequestHandler = (req, res, next) =>
    parseJson(req, res, (err?: unknown) => next(err ? bodyParserError(err) : undefined));
  app.use(readBody);
  app.use(rejectForbiddenInput);
}
