import {
  RETENTION_PERIODS,
  isRetentionOver,
  isRetentionPeriod,
  retentionEndDate,
  retentionStartDate,
} from './retention';

describe('retentionEndDate', () => {
  it('counts from April 1 of the fiscal year after completion', () => {
    expect(retentionStartDate('2026-06-10')).toBe('2027-04-01');
    expect(retentionEndDate('2026-06-10', 1)).toBe('2028-03-31');
    expect(retentionEndDate('2026-06-10', 3)).toBe('2030-03-31');
    expect(retentionEndDate('2026-06-10', 5)).toBe('2032-03-31');
    expect(retentionEndDate('2026-06-10', 10)).toBe('2037-03-31');
    expect(retentionEndDate('2026-06-10', 30)).toBe('2057-03-31');
  });

  it('counts a document completed in March from the April that follows at once', () => {
    expect(retentionStartDate('2027-03-31')).toBe('2027-04-01');
    expect(retentionEndDate('2027-03-31', 1)).toBe('2028-03-31');
    expect(retentionEndDate('2027-04-01', 1)).toBe('2029-03-31');
  });

  it('has no end for 永年', () => {
    expect(retentionEndDate('2026-06-10', 'permanent')).toBeNull();
    expect(isRetentionOver('1990-06-10', 'permanent', '2990-01-01')).toBe(false);
  });

  it('refuses a period that is not in the list', () => {
    expect(() => retentionEndDate('2026-06-10', 2 as never)).toThrow(RangeError);
    expect(isRetentionPeriod(7)).toBe(false);
    expect(RETENTION_PERIODS.every(isRetentionPeriod)).toBe(true);
  });
});

describe('isRetentionOver', () => {
  it('ends the day after the last day of retention', () => {
    expect(isRetentionOver('2026-06-10', 1, '2028-03-31')).toBe(false);
    expect(isRetentionOver('2026-06-10', 1, '2028-04-01')).toBe(true);
  });
});
