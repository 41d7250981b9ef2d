import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERRORS, type ErrorCode } from '@ringi/contracts';

/**
 * Documents error answers an operation gives beyond the ones every operation is documented with (see
 * `core/http/openapi.ts`), e.g. `@ApiErrors('auth/locked')` on sign-in for its 423. One response per status,
 * naming its codes; the error shape is added to it when the document is built.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({ status, description: `Error: ${list.join(', ')}` }),
    ),
  );
}
