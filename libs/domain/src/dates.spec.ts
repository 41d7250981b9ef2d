import { addDays, fiscalYearOf, tokyoDate } from './dates';

describe('tokyoDate', () => {
  it('gives the Japanese calendar date even when UTC is still on the previous day', () => {
    expect(tokyoDate(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(tokyoDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });
});

describe('fiscalYearOf', () => {
  it('starts the fiscal year on April 1', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-01-15')).toBe(2026);
  });
});

describe('addDays', () => {
  it('crosses month and leap-year boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2026-04-01', -1)).toBe('2026-03-31');
  });
});
