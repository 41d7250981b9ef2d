import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import {
  ERRORS,
  type Ack,
  type ErrorCode,
  type ErrorDetail,
  type Locale,
  type SocketError,
} from '@ringi/contracts';
import { AppException } from '../errors/app.exception';
import { ValidationFailedException } from '../errors/validation-failed.exception';
import type { RingiSocket } from './socket.types';

/** The acknowledgement of a refused event, worded in the person's language. */
export function socketErrorAck(code: ErrorCode, locale: Locale, details?: ErrorDetail[]): Ack<never> {
  const error: SocketError = { code, message: ERRORS[code][locale] };
  if (details?.length) error.details = details;
  return { ok: false, error };
}

function codeOf(exception: unknown): ErrorCode {
  if (exception instanceof AppException) return exception.code;
  // Nest's own refusal when a guard answers false.
  if (exception instanceof WsException) return 'auth/forbidden';
  return 'internal/unexpected';
}

/**
 * The one socket exception filter: any error of a socket event is acknowledged as
 * `{ ok: false, error: { code, message, details? } }` with the message in the person's language. Unknown errors are
 * logged and answered `internal/unexpected`, never with internals.
 */
@Catch()
export class SocketExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Realtime');

  catch(exception: unknown, host: ArgumentsHost): void {
    // A socket event's arguments: the socket, the payload, the acknowledgement (when the client asked for one),
    // then the event name.
    const args = host.getArgs<unknown[]>();
    const socket = args[0] as RingiSocket;
    const ack = typeof args[2] === 'function' ? (args[2] as (res: Ack<never>) => void) : undefined;
    const event = String(args[args.length - 1]);
    const user = socket.data?.user;
    const locale = user?.locale ?? 'ja';
    const code = codeOf(exception);
    if (ERRORS[code].status >= 500) {
      this.logger.error(
        { err: exception, event, userId: user?.id, socketId: socket.id },
        'Unexpected socket error',
      );
    }
    if (!ack) return;
    const details =
      exception instanceof ValidationFailedException
        ? exception.localize(locale)
        : exception instanceof AppException
          ? exception.details
          : undefined;
    ack(socketErrorAck(code, locale, details));
  }
}
