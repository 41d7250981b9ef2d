import { fiscalYearOf } from '../dates';
import { isRetentionPeriod, type RetentionPeriod } from '../retention';

/**
 * Records management (文書管理) rules: secrecy (秘文書, 時限秘), receipt numbers (収受番号), the retention of a
 * year's binder (簿冊).
 */

/**
 * Whether a document or receipt is secret on `today`: marked secret, and either without an end (秘) or not yet
 * past its last secret day (時限秘: `secretUntil` is the last day; the day after, it opens by itself).
 */
export function isSecretOn(record: { secret: boolean; secretUntil: string | null }, today: string): boolean {
  return record.secret && (record.secretUntil === null || today <= record.secretUntil);
}

/** A receipt's number in the department's register of the 年度: `総務収第12号` (prefix of the department). */
export function formatReceiptNumber(prefix: string, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`not a serial: ${serial}`);
  return `${prefix}収第${serial}号`;
}

/** The 年度 a receipt belongs to: that of its day of receipt. */
export function receiptFiscalYear(receivedOn: string): number {
  return fiscalYearOf(receivedOn);
}

/**
 * The last day of retention of a binder of `fiscalYear`: its records are complete by the end of that 年度, so
 * retention runs from the next April 1 for the period (a 2026年度 binder kept 5 years ends on 2032-03-31); null
 * for 永年.
 */
export function binderRetentionEnd(fiscalYear: number, period: RetentionPeriod): string | null {
  if (!isRetentionPeriod(period)) throw new RangeError(`not a retention period: ${String(period)}`);
  if (period === 'permanent') return null;
  return `${fiscalYear + 1 + period}-03-31`;
}

/** A stored retention (`'5'`, `'permanent'`) as the period the rules take. */
export function retentionPeriodOf(retention: string): RetentionPeriod {
  const period = retention === 'permanent' ? 'permanent' : Number(retention);
  if (!isRetentionPeriod(period)) throw new RangeError(`not a retention period: ${retention}`);
  return period;
}
