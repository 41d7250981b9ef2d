import { ERRORS, type ErrorCode, type ErrorDetail } from '@ringi/contracts';

/**
 * The one exception type for expected failures. Features throw it with a code from `libs/contracts`;
 * the global filter turns it into `{ code, message, details? }` in the user's language.
 */
export class AppException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetail[],
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}
