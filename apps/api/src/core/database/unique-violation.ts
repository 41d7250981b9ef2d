import { QueryFailedError } from 'typeorm';

/** Whether a query failed on a unique index or constraint (optionally the one named): PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}
