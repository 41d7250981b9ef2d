import {
  draftableFiscalYears,
  fiscalYearRange,
  isDraftableFiscalYear,
  isInAccountsClosingPeriod,
} from './fiscal-year';

describe('fiscalYearRange', () => {
  it('runs from April 1 to March 31 of the next calendar year', () => {
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });

  it('refuses what is not a year', () => {
    expect(() => fiscalYearRange(2026.5)).toThrow(RangeError);
  });
});

describe('draftableFiscalYears', () => {
  it('offers this and the previous fiscal year in April and May (出納整理期間)', () => {
    expect(draftableFiscalYears('2026-04-01')).toEqual([2026, 2025]);
    expect(draftableFiscalYears('2026-05-31')).toEqual([2026, 2025]);
    expect(isInAccountsClosingPeriod('2026-05-31')).toBe(true);
  });

  it('offers only this fiscal year outside the 出納整理期間', () => {
    expect(draftableFiscalYears('2026-06-01')).toEqual([2026]);
    expect(draftableFiscalYears('2027-03-31')).toEqual([2026]);
    expect(draftableFiscalYears('2027-01-04')).toEqual([2026]);
    expect(isInAccountsClosingPeriod('2026-03-31')).toBe(false);
  });

  it('refuses a previous fiscal year after May, and a future one at any time', () => {
    expect(isDraftableFiscalYear('2026-05-20', 2025)).toBe(true);
    expect(isDraftableFiscalYear('2026-06-01', 2025)).toBe(false);
    expect(isDraftableFiscalYear('2026-03-31', 2026)).toBe(false);
    expect(isDraftableFiscalYear('2026-04-01', 2024)).toBe(false);
  });
});
