/** Calendar-date helpers. Dates are `YYYY-MM-DD` strings, always meant in Japan time (Asia/Tokyo). */

export const TIME_ZONE = 'Asia/Tokyo';

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Japan at the given instant. */
export function tokyoDate(at: Date = new Date()): string {
  return ymd.format(at);
}

/**
 * The Japanese fiscal year (年度) a date belongs to: April 1 to March 31, named by the calendar year in which
 * it starts. 2026-03-31 is 2025年度, 2026-04-01 is 2026年度.
 */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
