import { QueryFailedError } from 'typeorm';

/** Whether a query failed on a unique index or constraint (optionally the one named): PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}

/**
 * Whether PostgreSQL gave up a transaction that ran into others: chosen as a deadlock's victim (40P01) or not
 * serialisable (40001). Nothing of it was kept, so the same work may simply be tried again.
 */
export function isTransientConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === '40P01' || code === '40001';
}
