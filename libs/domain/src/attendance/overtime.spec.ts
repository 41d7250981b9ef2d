import {
  DEFAULT_OVERTIME_RULES,
  type OvertimePosting,
  type OvertimeRules,
  fiscalYearMonths,
  fiscalYearOfMonth,
  fiscalYearTotal,
  monthlyTotals,
  overtimeHistory,
  overtimeWarningThreshold,
  regimeOfMonth,
  validateOvertimeRules,
} from './overtime';

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

describe('fiscalYearMonths', () => {
  it('runs from April to March of the next calendar year', () => {
    expect(fiscalYearMonths(2026)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
  });

  it('refuses what is not a year', () => {
    expect(() => fiscalYearMonths(2026.5)).toThrow(RangeError);
  });
});

describe('fiscalYearOfMonth', () => {
  it('puts March in the fiscal year that started the April before', () => {
    expect(fiscalYearOfMonth('2027-03')).toBe(2026);
    expect(fiscalYearOfMonth('2027-04')).toBe(2027);
    expect(fiscalYearOfMonth('2026-12')).toBe(2026);
  });

  it('refuses what is not a month', () => {
    expect(() => fiscalYearOfMonth('2026-13')).toThrow(RangeError);
    expect(() => fiscalYearOfMonth('2026-4')).toThrow(RangeError);
  });
});

describe('monthlyTotals', () => {
  it('adds up entries by calendar month, whatever its length, and keeps 特例 minutes apart', () => {
    const totals = monthlyTotals([
      { date: '2028-03-01', minutes: 30 },
      { date: '2028-02-29', minutes: h(2), special: true }, // leap day: simply February
      { date: '2028-02-01', minutes: h(1, 15) },
      { date: '2028-01-31', minutes: h(3) },
      { date: '2028-02-10', minutes: 0 },
    ]);
    expect(totals).toEqual([
      { month: '2028-01', minutes: 180, specialMinutes: 0 },
      { month: '2028-02', minutes: 195, specialMinutes: 120 },
      { month: '2028-03', minutes: 30, specialMinutes: 0 },
    ]);
  });

  it('refuses impossible dates and minutes that are not whole and positive', () => {
    expect(() => monthlyTotals([{ date: '2027-02-29', minutes: 60 }])).toThrow(RangeError);
    expect(() => monthlyTotals([{ date: '2027-04-31', minutes: 60 }])).toThrow(RangeError);
    expect(() => monthlyTotals([{ date: '2027-04-01', minutes: -1 }])).toThrow(RangeError);
    expect(() => monthlyTotals([{ date: '2027-04-01', minutes: 1.5 }])).toThrow(RangeError);
  });

  it('gives the fiscal year total, March in the year before', () => {
    const totals = monthlyTotals([
      { date: '2026-03-31', minutes: 100 },
      { date: '2026-04-01', minutes: 200 },
      { date: '2027-03-31', minutes: 300 },
      { date: '2027-04-01', minutes: 400 },
    ]);
    expect(fiscalYearTotal(totals, 2026)).toBe(500);
    expect(fiscalYearTotal(totals, 2025)).toBe(100);
  });
});

describe('overtime warning thresholds', () => {
  it('are 80 % of each limit by default, rounded down', () => {
    const t = (id: Parameters<typeof overtimeWarningThreshold>[1]) =>
      overtimeWarningThreshold(DEFAULT_OVERTIME_RULES, id);
    expect(t('ordinary_monthly')).toBe(h(36));
    expect(t('ordinary_yearly')).toBe(h(288));
    expect(t('other_directed_monthly')).toBe(h(80));
    expect(t('other_directed_yearly')).toBe(h(576));
    expect(t('other_directed_average')).toBe(h(64));
    expect(t('other_directed_busy_months')).toBe(4);
  });

  it('follow another percentage, and thresholds set by hand win', () => {
    const rules: OvertimeRules = {
      ...DEFAULT_OVERTIME_RULES,
      warningPercent: 90,
      warningThresholds: { ordinary_monthly: h(30), other_directed_busy_months: 5 },
    };
    expect(overtimeWarningThreshold(rules, 'ordinary_monthly')).toBe(h(30));
    expect(overtimeWarningThreshold(rules, 'ordinary_yearly')).toBe(h(324));
    expect(overtimeWarningThreshold(rules, 'other_directed_busy_months')).toBe(5);
    expect(overtimeWarningThreshold(rules, 'other_directed_average')).toBe(h(72));
  });
});

describe('validateOvertimeRules', () => {
  it('accepts the national rules', () => {
    expect(validateOvertimeRules(DEFAULT_OVERTIME_RULES)).toEqual([]);
  });

  it('names every problem', () => {
    const rules: OvertimeRules = {
      limits: {
        ordinary: { monthlyMax: 2700.5, yearlyMax: h(360) },
        otherDirected: {
          ...DEFAULT_OVERTIME_RULES.limits.otherDirected,
          monthlyBelow: 0,
          averageSpans: [1, 2],
        },
      },
      warningPercent: 120,
      warningThresholds: { ordinary_yearly: -5 },
    };
    expect(validateOvertimeRules(rules)).toEqual([
      'ordinary.monthlyMax: must be a whole number, 0 or more',
      'otherDirected.monthlyBelow: must be at least 1 minute',
      'otherDirected.averageSpans: each must be a whole number of months from 2 to 12',
      'warningPercent: must be more than 0 and at most 100',
      'warningThresholds.ordinary_yearly: must be a whole number',
    ]);
  });
});

describe('regimeOfMonth', () => {
  const postings: OvertimePosting[] = [
    { from: '2026-06-10', to: '2026-10-14', regime: 'ordinary' },
    { from: '2026-10-15', to: '2027-03-31', regime: 'other_directed' },
    { from: '2027-04-01', to: null, regime: 'ordinary' },
  ];

  it('follows the department on the first day of the month', () => {
    expect(regimeOfMonth(postings, '2026-10')).toBe('ordinary');
    expect(regimeOfMonth(postings, '2026-11')).toBe('other_directed');
    expect(regimeOfMonth(postings, '2027-03')).toBe('other_directed');
    expect(regimeOfMonth(postings, '2027-04')).toBe('ordinary');
    expect(regimeOfMonth(postings, '2030-01')).toBe('ordinary');
  });

  it('follows the first department of a person who arrives during the month', () => {
    expect(regimeOfMonth(postings, '2026-06')).toBe('ordinary');
    expect(regimeOfMonth([{ from: '2026-06-30', to: null, regime: 'other_directed' }], '2026-06')).toBe(
      'other_directed',
    );
  });

  it('is null in a month the person belonged nowhere', () => {
    expect(regimeOfMonth(postings, '2026-05')).toBeNull();
  });
});

describe('overtimeHistory', () => {
  const postings: OvertimePosting[] = [
    { from: '2026-04-01', to: '2026-05-31', regime: 'ordinary' },
    // June: seconded outside the town (no department here)
    { from: '2026-07-01', to: null, regime: 'other_directed' },
  ];

  it('gives every month in a department, with 0 minutes when there was no overtime, and skips the others', () => {
    const history = overtimeHistory(
      [
        { date: '2026-04-03', minutes: h(2) },
        { date: '2026-07-20', minutes: h(5), special: true },
        { date: '2026-07-21', minutes: h(1) },
      ],
      postings,
      '2026-08',
    );
    expect(history).toEqual([
      { month: '2026-04', regime: 'ordinary', minutes: 120, specialMinutes: 0 },
      { month: '2026-05', regime: 'ordinary', minutes: 0, specialMinutes: 0 },
      { month: '2026-07', regime: 'other_directed', minutes: 360, specialMinutes: 300 },
      { month: '2026-08', regime: 'other_directed', minutes: 0, specialMinutes: 0 },
    ]);
  });

  it('refuses overtime in a month without a department or after the last month asked for', () => {
    expect(() => overtimeHistory([{ date: '2026-06-01', minutes: 60 }], postings, '2026-08')).toThrow(
      'overtime in months without a department: 2026-06',
    );
    expect(() => overtimeHistory([{ date: '2026-09-01', minutes: 60 }], postings, '2026-08')).toThrow(
      RangeError,
    );
  });
});
