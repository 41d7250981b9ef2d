import { fiscalYearOf } from './dates';

/** 保存年限: 1, 3, 5, 10 or 30 years, or 永年 ('permanent': kept for ever). */
export const RETENTION_PERIODS = [1, 3, 5, 10, 30, 'permanent'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

export function isRetentionPeriod(value: unknown): value is RetentionPeriod {
  return (RETENTION_PERIODS as readonly unknown[]).includes(value);
}

/**
 * The first day of retention of a document completed on `completedOn`: April 1 of the next fiscal year
 * (文書の保存期間は、完結した日の属する年度の翌年度の4月1日から起算する).
 */
export function retentionStartDate(completedOn: string): string {
  return `${fiscalYearOf(completedOn) + 1}-04-01`;
}

/**
 * The last day of retention, or null for 永年: completed 2026-06-10 and kept 1 year, retention runs from
 * 2027-04-01 to 2028-03-31.
 */
export function retentionEndDate(completedOn: string, period: RetentionPeriod): string | null {
  if (!isRetentionPeriod(period)) throw new RangeError(`not a retention period: ${String(period)}`);
  if (period === 'permanent') return null;
  return `${fiscalYearOf(completedOn) + 1 + period}-03-31`;
}

/** Whether the retention of a document has ended by `today` (the day after its end date). */
export function isRetentionOver(completedOn: string, period: RetentionPeriod, today: string): boolean {
  const end = retentionEndDate(completedOn, period);
  return end !== null && today > end;
}
