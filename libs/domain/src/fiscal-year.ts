import { fiscalYearOf } from './dates';

/** The first and last day of a fiscal year (年度): 2026 → 2026-04-01 to 2027-03-31. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  if (!Number.isSafeInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9998)
    throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/**
 * Whether a date falls in the 出納整理期間 (April 1 to May 31), when the previous fiscal year's accounts are
 * still being settled (地方自治法 §235-5).
 */
export function isInAccountsClosingPeriod(date: string): boolean {
  const month = date.slice(5, 7);
  return month === '04' || month === '05';
}

/**
 * The fiscal years a 起案 may name on a date: its own fiscal year, and during the 出納整理期間 also the
 * previous one. The current year comes first (the default choice).
 */
export function draftableFiscalYears(date: string): number[] {
  const current = fiscalYearOf(date);
  return isInAccountsClosingPeriod(date) ? [current, current - 1] : [current];
}

export function isDraftableFiscalYear(date: string, fiscalYear: number): boolean {
  return draftableFiscalYears(date).includes(fiscalYear);
}
