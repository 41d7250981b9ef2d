import fc from 'fast-check';
import {
  DEFAULT_WORK_CALENDAR,
  addWorkingDays,
  isWorkingDay,
  nationalHolidayOn,
  nonWorkingReason,
  validateWorkCalendar,
  workingDaysBetween,
  type WorkCalendarRules,
} from './calendar';
import { isCalendarDate } from './iso-date';
import { addDays } from './dates';

const rules = (over: Partial<WorkCalendarRules>): WorkCalendarRules => ({
  ...DEFAULT_WORK_CALENDAR,
  ...over,
});

describe('isWorkingDay with the default rules', () => {
  it('closes Saturdays and Sundays and opens ordinary weekdays', () => {
    expect(isWorkingDay('2026-06-05')).toBe(true); // Friday
    expect(nonWorkingReason('2026-06-06')).toBe('weekend');
    expect(nonWorkingReason('2026-06-07')).toBe('weekend');
    expect(isWorkingDay('2026-06-08')).toBe(true); // Monday
  });

  it('closes national holidays, substitute holidays (振替休日) and citizens’ holidays (国民の休日)', () => {
    expect(nonWorkingReason('2026-04-29')).toBe('national_holiday'); // 昭和の日, a Wednesday
    expect(nonWorkingReason('2026-05-06')).toBe('national_holiday'); // こどもの日 振替休日
    expect(nonWorkingReason('2025-11-24')).toBe('national_holiday'); // 勤労感謝の日 振替休日
    expect(nonWorkingReason('2026-09-22')).toBe('national_holiday'); // between 敬老の日 and 秋分の日
    expect(nonWorkingReason('2026-01-12')).toBe('national_holiday'); // 成人の日 (a Monday)
  });

  it('closes the year-end and New Year days from December 29 to January 3', () => {
    expect(isWorkingDay('2026-12-28')).toBe(true);
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03'])
      expect([d, nonWorkingReason(d)]).toEqual([d, 'town_closure']);
    expect(nonWorkingReason('2027-01-01')).toBe('national_holiday');
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(nonWorkingReason('2029-01-02')).toBe('town_closure'); // a Tuesday
  });

  it('names the national holiday of a date in both languages', () => {
    expect(nationalHolidayOn('2026-05-05')).toEqual({
      date: '2026-05-05',
      name: 'こどもの日',
      nameEn: "Children's Day",
    });
    expect(nationalHolidayOn('2026-05-07')).toBeNull();
  });

  it('refuses what is not a calendar date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2026/06/05')).toThrow(RangeError);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});

describe('isWorkingDay with a town’s own rules', () => {
  it('closes a yearly day, a yearly range, a single date and a date range of the town', () => {
    const town = rules({
      closedDays: ['12-29/01-03', '11-01', '08-13/08-15', '2026-07-21', '2026-10-05/2026-10-06'],
    });
    expect(nonWorkingReason('2027-11-01', town)).toBe('town_closure'); // 町制施行記念日, every year
    expect(nonWorkingReason('2026-08-14', town)).toBe('town_closure');
    expect(isWorkingDay('2026-08-12', town)).toBe(true);
    expect(nonWorkingReason('2026-07-21', town)).toBe('town_closure');
    expect(isWorkingDay('2027-07-21', town)).toBe(true); // a one-off date only closes that year
    expect(nonWorkingReason('2026-10-06', town)).toBe('town_closure');
    expect(isWorkingDay('2026-10-07', town)).toBe(true);
  });

  it('can leave out the year-end closure, the national holidays or the Saturday', () => {
    expect(isWorkingDay('2026-12-29', rules({ closedDays: [] }))).toBe(true);
    expect(isWorkingDay('2026-05-06', rules({ nationalHolidays: false }))).toBe(true);
    expect(isWorkingDay('2026-06-06', rules({ closedWeekdays: [0] }))).toBe(true);
  });

  it('opens a day listed in openDays even on a weekend or holiday', () => {
    const election = rules({ openDays: ['2026-07-12', '2026-05-05'] });
    expect(isWorkingDay('2026-07-12', election)).toBe(true);
    expect(isWorkingDay('2026-05-05', election)).toBe(true);
    expect(isWorkingDay('2026-07-19', election)).toBe(false);
  });

  it('reports malformed rules, and accepts the default', () => {
    expect(validateWorkCalendar(DEFAULT_WORK_CALENDAR)).toEqual([]);
    expect(
      validateWorkCalendar(
        rules({
          closedWeekdays: [0, 7],
          closedDays: ['13-01', '2026-12-31/2026-12-01', '12/29'],
          openDays: ['x'],
        }),
      ),
    ).toHaveLength(5);
    expect(validateWorkCalendar(rules({ closedWeekdays: [0, 1, 2, 3, 4, 5, 6] }))).toEqual([
      'closedWeekdays: at least one weekday must be open',
    ]);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend', () => {
    expect(addWorkingDays('2026-06-05', 1)).toBe('2026-06-08');
    expect(addWorkingDays('2026-06-06', 1)).toBe('2026-06-08');
    expect(addWorkingDays('2026-06-08', 5)).toBe('2026-06-15');
  });

  it('skips Golden Week with its substitute holiday', () => {
    expect(addWorkingDays('2026-05-01', 1)).toBe('2026-05-07');
  });

  it('skips the year-end closure and New Year', () => {
    expect(addWorkingDays('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-04', -1)).toBe('2026-12-28');
  });

  it('with 0 keeps a working day and rolls a closed day forward', () => {
    expect(addWorkingDays('2026-06-05', 0)).toBe('2026-06-05');
    expect(addWorkingDays('2026-06-06', 0)).toBe('2026-06-08');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2026-06-08', -1)).toBe('2026-06-05');
    expect(addWorkingDays('2026-05-07', -2)).toBe('2026-04-30');
  });

  it('stops with an error instead of looping when the rules close every day', () => {
    expect(() => addWorkingDays('2026-06-05', 1, rules({ closedWeekdays: [0, 1, 2, 3, 4, 5, 6] }))).toThrow(
      RangeError,
    );
    expect(() => addWorkingDays('2026-06-05', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-06-05', '2026-06-05')).toBe(0);
    expect(workingDaysBetween('2026-06-05', '2026-06-08')).toBe(1);
    expect(workingDaysBetween('2026-06-01', '2026-06-30')).toBe(21);
    expect(workingDaysBetween('2026-06-08', '2026-06-05')).toBe(-1);
  });

  it('counts 2026 as 240 working days', () => {
    // 261 weekdays − 17 national holidays on weekdays − 4 weekday closure days (Jan 2, Dec 29–31).
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(240);
  });

  it('is the inverse of addWorkingDays from any working day', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 20 })
      .map((offset) => addDays('2020-01-01', offset))
      .filter((d) => isWorkingDay(d));
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), (start, n) => {
        const end = addWorkingDays(start, n);
        return isWorkingDay(end) && workingDaysBetween(start, end) === n;
      }),
    );
  });
});
