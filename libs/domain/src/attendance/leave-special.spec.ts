import {
  DEFAULT_SPECIAL_LEAVE,
  inSeason,
  postnatalLeaveEnd,
  prenatalLeaveStart,
  specialLeaveDays,
  specialLeaveType,
  type SpecialLeaveType,
} from './leave';

const type = (code: string): SpecialLeaveType => {
  const found = specialLeaveType(DEFAULT_SPECIAL_LEAVE, code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

describe('DEFAULT_SPECIAL_LEAVE', () => {
  it('seeds the national types with unique codes', () => {
    expect(DEFAULT_SPECIAL_LEAVE.map((t) => t.code)).toEqual([
      'summer',
      'sick',
      'bereavement',
      'marriage',
      'child_nursing',
      'short_term_care',
      'prenatal',
      'postnatal',
      'family_care',
    ]);
    expect(specialLeaveType(DEFAULT_SPECIAL_LEAVE, 'nope')).toBeNull();
  });

  it('gives 3 summer days in July to September, 90 days of sick leave and 5 for a marriage', () => {
    expect(specialLeaveDays(type('summer'))).toBe(3);
    expect(type('summer').limit).toMatchObject({ season: { from: '07-01', to: '09-30' } });
    expect(specialLeaveDays(type('sick'))).toBe(90);
    expect(specialLeaveDays(type('marriage'))).toBe(5);
  });

  it('gives 忌引 days by relationship', () => {
    const bereavement = type('bereavement');
    const days = (relationship: Parameters<typeof specialLeaveDays>[1]) =>
      specialLeaveDays(bereavement, relationship);
    expect(days({ relationship: 'spouse' })).toBe(7);
    expect(days({ relationship: 'parent' })).toBe(7);
    expect(days({ relationship: 'child' })).toBe(5);
    expect(days({ relationship: 'grandparent' })).toBe(3);
    expect(days({ relationship: 'sibling' })).toBe(3);
    expect(days({ relationship: 'grandchild' })).toBe(1);
    expect(days({ relationship: 'uncle_aunt' })).toBe(1);
    expect(days({ relationship: 'parent_in_law' })).toBe(3);
    expect(() => days({})).toThrow(RangeError);
  });

  it('gives 5 days of 子の看護休暇 and 短期介護休暇 a year, 10 for two or more persons', () => {
    for (const code of ['child_nursing', 'short_term_care']) {
      expect([code, specialLeaveDays(type(code)), specialLeaveDays(type(code), { persons: 2 })]).toEqual([
        code,
        5,
        10,
      ]);
      expect(type(code).hourly).toBe(true);
    }
  });

  it('gives 介護休暇 6 months per family member in up to 3 periods, unpaid', () => {
    expect(type('family_care')).toMatchObject({ paid: false, limit: { months: 6, periods: 3 } });
    expect(specialLeaveDays(type('family_care'))).toBeNull();
  });
});

describe('maternity leave dates', () => {
  const prenatal = type('prenatal').limit;
  const postnatal = type('postnatal').limit;

  it('starts prenatal leave 6 weeks before the expected day, 14 for a multiple birth', () => {
    if (prenatal.kind !== 'weeks_before_event') throw new Error('wrong limit');
    expect(prenatalLeaveStart(prenatal, '2026-08-31', false)).toBe('2026-07-21');
    expect(prenatalLeaveStart(prenatal, '2026-08-31', true)).toBe('2026-05-26');
    // 2028-04-10 − 41 days crosses February 29.
    expect(prenatalLeaveStart(prenatal, '2028-04-10', false)).toBe('2028-02-29');
  });

  it('ends postnatal leave 8 weeks after the birth', () => {
    if (postnatal.kind !== 'weeks_after_event') throw new Error('wrong limit');
    expect(postnatalLeaveEnd(postnatal, '2026-08-31')).toBe('2026-10-26');
  });
});

describe('inSeason', () => {
  it('includes both ends of the summer season', () => {
    const season = { from: '07-01', to: '09-30' };
    expect(['2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01'].map((d) => inSeason(d, season))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
