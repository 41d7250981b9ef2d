import { checkSpecialLeave, type SpecialLeaveTaken } from './leave-special-check';
import { DEFAULT_SPECIAL_LEAVE, specialLeaveType } from './leave-special';

const DAY = 465;
const type = (code: string) => specialLeaveType(DEFAULT_SPECIAL_LEAVE, code)!;

describe('checkSpecialLeave', () => {
  it('counts 夏季休暇 in working days within its season, three a year, what was taken included', () => {
    // 2026-08-07 (Fri) to 08-10 (Mon): two working days across a weekend.
    const r = checkSpecialLeave(
      type('summer'),
      { unit: 'day', from: '2026-08-07', to: '2026-08-10' },
      [],
      DAY,
    );
    expect(r).toEqual({ ok: true, minutes: 2 * DAY, days: 4, limitDays: 3, usedDays: 2 });
    const taken: SpecialLeaveTaken[] = [{ from: '2026-07-20', to: '2026-07-21', minutes: 2 * DAY }];
    expect(
      checkSpecialLeave(type('summer'), { unit: 'day', from: '2026-08-07', to: '2026-08-10' }, taken, DAY),
    ).toEqual({
      ok: false,
      reason: 'over_limit',
    });
    // Last year's do not count; outside the season is refused.
    const lastYear = [{ from: '2025-08-01', to: '2025-08-05', minutes: 3 * DAY }];
    expect(
      checkSpecialLeave(type('summer'), { unit: 'day', from: '2026-07-01', to: '2026-07-01' }, lastYear, DAY)
        .ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(type('summer'), { unit: 'day', from: '2026-06-30', to: '2026-07-01' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'out_of_season',
    });
    expect(
      checkSpecialLeave(
        type('summer'),
        { unit: 'hour', from: '2026-08-07', to: '2026-08-07', minutes: 60 },
        [],
        DAY,
      ),
    ).toEqual({
      ok: false,
      reason: 'hourly_not_allowed',
    });
  });

  it('gives 子の看護休暇 five days a year, ten for two or more children, also by the hour', () => {
    const fourDays: SpecialLeaveTaken[] = [{ from: '2026-02-02', to: '2026-02-05', minutes: 4 * DAY }];
    const hours = { unit: 'hour' as const, from: '2026-12-07', to: '2026-12-07', minutes: 120 };
    expect(checkSpecialLeave(type('child_nursing'), { ...hours, persons: 1 }, fourDays, DAY)).toMatchObject({
      ok: true,
      usedDays: 5,
    });
    const full = [...fourDays, { from: '2026-03-02', to: '2026-03-02', minutes: DAY }];
    expect(checkSpecialLeave(type('child_nursing'), { ...hours, persons: 1 }, full, DAY)).toEqual({
      ok: false,
      reason: 'over_limit',
    });
    expect(checkSpecialLeave(type('child_nursing'), { ...hours, persons: 2 }, full, DAY)).toMatchObject({
      ok: true,
      limitDays: 10,
    });
    expect(checkSpecialLeave(type('child_nursing'), hours, [], DAY)).toEqual({
      ok: false,
      reason: 'persons_required',
    });
    // A weekend day is no day of care leave.
    expect(
      checkSpecialLeave(
        type('child_nursing'),
        { unit: 'day', from: '2026-12-06', to: '2026-12-06', persons: 1 },
        [],
        DAY,
      ),
    ).toEqual({
      ok: false,
      reason: 'not_a_working_day',
    });
  });

  it('runs 忌引 on through weekends, by relationship: a parent 7 calendar days, a grandparent 3', () => {
    const week = { unit: 'day' as const, from: '2026-12-04', to: '2026-12-10' };
    expect(checkSpecialLeave(type('bereavement'), { ...week, relationship: 'parent' }, [], DAY)).toEqual({
      ok: true,
      minutes: 7 * DAY,
      days: 7,
      limitDays: 7,
      usedDays: null,
    });
    expect(checkSpecialLeave(type('bereavement'), { ...week, relationship: 'grandparent' }, [], DAY)).toEqual(
      {
        ok: false,
        reason: 'over_limit',
      },
    );
    expect(checkSpecialLeave(type('bereavement'), week, [], DAY)).toEqual({
      ok: false,
      reason: 'relationship_required',
    });
  });

  it('allows 病気休暇 up to 90 consecutive days, 結婚休暇 five days from 5 days before to a month after the wedding', () => {
    expect(
      checkSpecialLeave(type('sick'), { unit: 'day', from: '2026-01-01', to: '2026-03-31' }, [], DAY).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(type('sick'), { unit: 'day', from: '2026-01-01', to: '2026-04-01' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'over_limit',
    });
    const wedding = { unit: 'day' as const, eventDate: '2026-10-10' };
    expect(
      checkSpecialLeave(type('marriage'), { ...wedding, from: '2026-10-05', to: '2026-10-09' }, [], DAY).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(type('marriage'), { ...wedding, from: '2026-11-06', to: '2026-11-09' }, [], DAY).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(type('marriage'), { ...wedding, from: '2026-11-08', to: '2026-11-10' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'outside_window',
    });
    expect(
      checkSpecialLeave(type('marriage'), { unit: 'day', from: '2026-10-05', to: '2026-10-09' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'event_date_required',
    });
  });

  it('places 産前 within six weeks before the expected day (14 for twins) and 産後 within eight weeks after the birth', () => {
    const expected = '2026-08-31';
    expect(
      checkSpecialLeave(
        type('prenatal'),
        { unit: 'day', from: '2026-07-21', to: expected, eventDate: expected },
        [],
        DAY,
      ).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(
        type('prenatal'),
        { unit: 'day', from: '2026-07-20', to: expected, eventDate: expected },
        [],
        DAY,
      ),
    ).toEqual({
      ok: false,
      reason: 'outside_window',
    });
    expect(
      checkSpecialLeave(
        type('prenatal'),
        { unit: 'day', from: '2026-06-02', to: expected, eventDate: expected, multipleBirth: true },
        [],
        DAY,
      ).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(
        type('postnatal'),
        { unit: 'day', from: '2026-09-01', to: '2026-10-26', eventDate: expected },
        [],
        DAY,
      ).ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(
        type('postnatal'),
        { unit: 'day', from: '2026-09-01', to: '2026-10-27', eventDate: expected },
        [],
        DAY,
      ),
    ).toEqual({
      ok: false,
      reason: 'outside_window',
    });
  });

  it('refuses what is no request at all', () => {
    expect(
      checkSpecialLeave(type('sick'), { unit: 'day', from: '2026-02-10', to: '2026-02-01' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'invalid_request',
    });
    expect(
      checkSpecialLeave(
        type('sick'),
        { unit: 'hour', from: '2026-12-07', to: '2026-12-07', minutes: 30 },
        [],
        DAY,
      ),
    ).toEqual({
      ok: false,
      reason: 'invalid_request',
    });
    expect(
      checkSpecialLeave(type('family_care'), { unit: 'day', from: '2026-01-15', to: '2026-07-14' }, [], DAY)
        .ok,
    ).toBe(true);
    expect(
      checkSpecialLeave(type('family_care'), { unit: 'day', from: '2026-01-15', to: '2026-07-15' }, [], DAY),
    ).toEqual({
      ok: false,
      reason: 'over_limit',
    });
  });
});
