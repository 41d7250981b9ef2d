import {
  binderRetentionEnd,
  formatReceiptNumber,
  isSecretOn,
  receiptFiscalYear,
  retentionPeriodOf,
} from './records';

describe('records rules', () => {
  it('keeps a 時限秘 document secret through its last day and opens it the day after', () => {
    const doc = { secret: true, secretUntil: '2027-03-31' };
    expect(isSecretOn(doc, '2027-03-31')).toBe(true);
    expect(isSecretOn(doc, '2027-04-01')).toBe(false);
    expect(isSecretOn({ secret: true, secretUntil: null }, '2099-01-01')).toBe(true);
    expect(isSecretOn({ secret: false, secretUntil: null }, '2027-01-01')).toBe(false);
  });

  it('numbers receipts per department and 年度, the year turning on April 1', () => {
    expect(formatReceiptNumber('総務', 12)).toBe('総務収第12号');
    expect(() => formatReceiptNumber('総務', 0)).toThrow(RangeError);
    expect(receiptFiscalYear('2027-03-31')).toBe(2026);
    expect(receiptFiscalYear('2027-04-01')).toBe(2027);
  });

  it('ends a binder’s retention on March 31 after its period, counted from the next 年度', () => {
    expect(binderRetentionEnd(2026, 5)).toBe('2032-03-31');
    expect(binderRetentionEnd(2026, 1)).toBe('2028-03-31');
    expect(binderRetentionEnd(2026, 'permanent')).toBeNull();
    expect(retentionPeriodOf('10')).toBe(10);
    expect(retentionPeriodOf('permanent')).toBe('permanent');
    expect(() => retentionPeriodOf('7')).toThrow(RangeError);
  });
});
