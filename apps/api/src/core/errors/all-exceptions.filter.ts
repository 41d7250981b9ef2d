import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodSerializationException } from 'nestjs-zod';
import { ERRORS, type ApiError, type ErrorCode, type ErrorDetail } from '@ringi/contracts';
import { RateLimitedException } from '../rate-limit/rate-limits';
import { AppException } from './app.exception';
import { localeFromHeader } from './request-locale';
import { ValidationFailedException } from './validation-failed.exception';

/** Errors thrown by body-parser and multer carry a `type`/`code` that says what went wrong. */
interface LowLevelError {
  type?: string;
  code?: string;
  status?: number;
}

/**
 * The one place that turns any error into the API's error shape. Expected errors keep their code; anything
 * else is logged with the request id and answered 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const locale = localeFromHeader(req.headers['accept-language']);
    const code = this.codeOf(exception);
    const body: ApiError = { code, message: ERRORS[code][locale] };

    let details: ErrorDetail[] | undefined;
    if (exception instanceof ValidationFailedException) details = exception.localize(locale);
    else if (exception instanceof AppException) details = exception.details;
    if (details?.length) body.details = details;

    const requestId = String(req.id ?? '');
    if (ERRORS[code].status >= 500) {
      body.requestId = requestId;
      this.logUnexpected(exception, req, requestId);
    }
    if (res.headersSent) return;
    if (exception instanceof RateLimitedException)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(ERRORS[code].status).json(body);
  }

  /**
   * Logs a 500 with its request id. A response that does not match its documented schema (the global
   * ZodSerializerInterceptor refused it) is logged with the route and the schema's issues, without the values.
   */
  private logUnexpected(exception: unknown, req: Request, requestId: string): void {
    if (exception instanceof ZodSerializationException) {
      const error = exception.getZodError() as {
        issues?: { code: string; path: PropertyKey[]; message: string }[];
      };
      const issues = (error?.issues ?? []).map(({ code, path, message }) => ({
        code,
        path: path.map(String).join('.'),
        message,
      }));
      const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
      this.logger.error({ requestId, route, issues }, 'Response does not match its documented schema');
      return;
    }
    this.logger.error({ err: exception, requestId }, 'Unexpected error');
  }

  private codeOf(exception: unknown): ErrorCode {
    if (exception instanceof AppException) return exception.code;
    const low = exception as LowLevelError;
    if (low?.type === 'entity.parse.failed') return 'request/malformed_json';
    if (low?.type === 'entity.too.large') return 'request/too_large';
    if (low?.code === 'LIMIT_FILE_SIZE') return 'files/too_large';
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = exception.cause as LowLevelError | undefined;
      if (cause?.type === 'entity.parse.failed') return 'request/malformed_json';
      if (status === 413)
        return exception.message === 'File too large' ? 'files/too_large' : 'request/too_large';
      if (status === 404) return 'request/not_found';
      if (status === 401) return 'auth/unauthenticated';
      if (status === 403) return 'auth/forbidden';
      if (status === 429) return 'request/rate_limited';
      if (status === 400) {
        const msg = exception.message.toLowerCase();
        if (msg.includes('json')) return 'request/malformed_json';
        if (msg.includes('multipart') || msg.includes('unexpected field')) return 'files/missing';
        return 'request/validation_failed';
      }
      if (status === 415) return 'files/type_not_allowed';
    }
    return 'internal/unexpected';
  }
}
