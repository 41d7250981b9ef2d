import { DEFAULT_OVERTIME_RULES, type OvertimeMonth, type OvertimeRegime, overtimeHistory } from './overtime';
import {
  type OvertimeFinding,
  type OvertimeLimitKind,
  annualReport,
  assessOvertime,
  checkOvertime,
} from './overtime-check';

const rules = DEFAULT_OVERTIME_RULES;
const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

/** A special month in `months()`: all its minutes are 特例業務. */
const sp = (minutes: number) => ({ minutes, special: true });

/** Consecutive months from `start`, each with its minutes (a number) or its 特例 minutes (`sp(…)`). */
function months(
  start: string,
  regime: OvertimeRegime,
  list: readonly (number | { minutes: number; special: boolean })[],
): OvertimeMonth[] {
  const [y, m] = start.split('-').map(Number);
  return list.map((item, i) => {
    const n = y * 12 + m - 1 + i;
    const month = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    const minutes = typeof item === 'number' ? item : item.minutes;
    const specialMinutes = typeof item === 'number' ? 0 : minutes;
    return { month, regime, minutes, specialMinutes };
  });
}

function find(
  findings: readonly OvertimeFinding[],
  limit: OvertimeLimitKind,
  month: string,
  span: number | null = null,
): OvertimeFinding | undefined {
  return findings.find((f) => f.limit === limit && f.month === month && f.span === span);
}

/** `[kind, level, value]` of a finding, or null. */
function brief(f: OvertimeFinding | undefined): [string, string, number] | null {
  return f ? [f.kind, f.level, f.value] : null;
}

describe('the monthly limit in an ordinary department (at most 45 h)', () => {
  const at = (minutes: number) =>
    brief(find(assessOvertime(rules, months('2026-06', 'ordinary', [minutes])), 'monthly', '2026-06'));

  it('warns from 36 h (80 %), not at 35:59', () => {
    expect(at(h(35, 59))).toBeNull();
    expect(at(h(36))).toEqual(['warning', 'before', 2160]);
    expect(at(h(44, 59))).toEqual(['warning', 'before', 2699]);
  });

  it('is reached at exactly 45:00, and broken at 45:01', () => {
    expect(at(h(45))).toEqual(['warning', 'reached', 2700]);
    expect(at(h(45, 1))).toEqual(['violation', 'exceeded', 2701]);
  });

  it('states the limit, the largest allowed value and the threshold', () => {
    const f = find(assessOvertime(rules, months('2026-06', 'ordinary', [h(50)])), 'monthly', '2026-06');
    expect(f).toMatchObject({
      regime: 'ordinary',
      from: '2026-06',
      fiscalYear: 2026,
      unit: 'minutes',
      limitValue: 2700,
      maxAllowed: 2700,
      threshold: 2160,
      analysisRequired: false,
    });
  });
});

describe('the monthly limit in a 他律 department (less than 100 h)', () => {
  const at = (minutes: number) =>
    brief(find(assessOvertime(rules, months('2026-06', 'other_directed', [minutes])), 'monthly', '2026-06'));

  it('allows 45:01 without a word, and warns from 80 h', () => {
    expect(at(h(45, 1))).toBeNull();
    expect(at(h(79, 59))).toBeNull();
    expect(at(h(80))).toEqual(['warning', 'before', 4800]);
  });

  it('is reached at 99:59 and broken at exactly 100:00', () => {
    expect(at(h(99, 58))).toEqual(['warning', 'before', 5998]);
    expect(at(h(99, 59))).toEqual(['warning', 'reached', 5999]);
    expect(at(h(100))).toEqual(['violation', 'exceeded', 6000]);
  });

  it('states "less than 100 h" as a limit of 6,000 minutes with 5,999 allowed', () => {
    const f = find(
      assessOvertime(rules, months('2026-06', 'other_directed', [h(100)])),
      'monthly',
      '2026-06',
    );
    expect(f).toMatchObject({ limitValue: 6000, maxAllowed: 5999, threshold: 4800 });
  });
});

describe('the yearly limit in an ordinary department (at most 360 h)', () => {
  // 30 h a month from April to February (330 h), then March.
  const year = (march: number) => months('2026-04', 'ordinary', [...Array<number>(11).fill(h(30)), march]);

  it('warns once the year passes 288 h (80 %)', () => {
    const findings = assessOvertime(rules, year(h(30)));
    expect(find(findings, 'yearly', '2026-12')).toBeUndefined(); // 270 h
    expect(brief(find(findings, 'yearly', '2027-01'))).toEqual(['warning', 'before', h(300)]);
  });

  it('is just under at 359:59, reached at 360:00 and broken at 360:01', () => {
    expect(brief(find(assessOvertime(rules, year(h(29, 59))), 'yearly', '2027-03'))).toEqual([
      'warning',
      'before',
      h(359, 59),
    ]);
    expect(brief(find(assessOvertime(rules, year(h(30))), 'yearly', '2027-03'))).toEqual([
      'warning',
      'reached',
      h(360),
    ]);
    const over = find(assessOvertime(rules, year(h(30, 1))), 'yearly', '2027-03');
    expect(brief(over)).toEqual(['violation', 'exceeded', h(360, 1)]);
    expect(over).toMatchObject({
      from: '2026-04',
      limitValue: h(360),
      maxAllowed: h(360),
      threshold: h(288),
    });
  });

  it('starts again in April: the next fiscal year counts from zero', () => {
    const history = [...year(h(30)), ...months('2027-04', 'ordinary', [h(30)])];
    expect(find(assessOvertime(rules, history), 'yearly', '2027-04')).toBeUndefined();
  });
});

describe('the yearly limit in a 他律 department (at most 720 h)', () => {
  // April–September 45 h (not busy months), October–March 75 h: 270 + 450 = 720 h.
  const year = (march: number) =>
    months('2026-04', 'other_directed', [
      ...Array<number>(6).fill(h(45)),
      ...Array<number>(5).fill(h(75)),
      march,
    ]);

  it('is just under at 719:59, reached at 720:00 and broken at 720:01', () => {
    expect(brief(find(assessOvertime(rules, year(h(74, 59))), 'yearly', '2027-03'))).toEqual([
      'warning',
      'before',
      h(719, 59),
    ]);
    expect(brief(find(assessOvertime(rules, year(h(75))), 'yearly', '2027-03'))).toEqual([
      'warning',
      'reached',
      h(720),
    ]);
    expect(brief(find(assessOvertime(rules, year(h(75, 1))), 'yearly', '2027-03'))).toEqual([
      'violation',
      'exceeded',
      h(720, 1),
    ]);
  });

  it('breaks nothing else on the way: six busy months exactly, averages of 75 h', () => {
    const findings = assessOvertime(rules, year(h(75, 1)));
    expect(findings.filter((f) => f.level === 'exceeded').map((f) => f.limit)).toEqual(['yearly']);
    expect(brief(find(findings, 'busy_months', '2027-03'))).toEqual(['warning', 'reached', 6]);
    expect(brief(find(findings, 'average', '2027-03', 6))).toEqual(['warning', 'before', 4501]);
  });
});

describe('the 2–6-month averages in a 他律 department (at most 80 h)', () => {
  // A run of `span` months of 80 h ending in May 2027, after months without overtime; `delta` minutes more or
  // less in its first month. Of the runs ending in May, the shorter ones leave the first month out and the longer
  // ones take in a month without overtime, so only the run of `span` months moves with `delta`.
  function history(span: number, delta: number): OvertimeMonth[] {
    const list = [...Array<number>(12 - span).fill(0), h(80) + delta, ...Array<number>(span - 1).fill(h(80))];
    return months('2026-06', 'other_directed', list);
  }

  it.each([2, 3, 4, 5, 6])('over %i months: 80:00 is fine, a minute more in total is a violation', (span) => {
    const under = find(assessOvertime(rules, history(span, -1)), 'average', '2027-05', span);
    expect(under).toMatchObject({ kind: 'warning', level: 'before', total: h(80) * span - 1 });
    const at = find(assessOvertime(rules, history(span, 0)), 'average', '2027-05', span);
    expect(at).toMatchObject({ kind: 'warning', level: 'reached', value: h(80), total: h(80) * span });
    const findings = assessOvertime(rules, history(span, 1));
    const over = find(findings, 'average', '2027-05', span);
    expect(over).toMatchObject({
      kind: 'violation',
      level: 'exceeded',
      value: h(80, 1),
      total: h(80) * span + 1,
    });
    expect(over).toMatchObject({ limitValue: h(80), maxAllowed: h(80), threshold: h(64), unit: 'minutes' });
    // Of the runs ending in May, only this one is over: the shorter ones are at 80 h exactly.
    expect(findings.filter((f) => f.month === '2027-05' && f.level === 'exceeded')).toEqual([over]);
    if (span > 2) expect(find(findings, 'average', '2027-05', span - 1)).toMatchObject({ level: 'reached' });
  });

  it.each([
    [2, '2027-04'],
    [3, '2027-03'],
    [6, '2026-12'],
  ])('looks back across March→April: the %i-month run ending in May 2027 starts in %s', (span, from) => {
    expect(find(assessOvertime(rules, history(span, 1)), 'average', '2027-05', span)).toMatchObject({
      from,
      fiscalYear: 2027,
    });
  });

  it('finds a violation in April made of March and April (95 h + 65:01)', () => {
    const findings = assessOvertime(rules, [...months('2027-03', 'other_directed', [h(95), h(65, 1)])]);
    expect(find(findings, 'average', '2027-04', 2)).toMatchObject({
      kind: 'violation',
      from: '2027-03',
      total: h(160, 1),
      value: h(80, 1),
    });
  });

  it('does not measure a run with a month the person belonged nowhere', () => {
    const history = [
      ...months('2027-01', 'other_directed', [h(99)]),
      ...months('2027-03', 'other_directed', [h(99)]),
    ];
    expect(assessOvertime(rules, history).filter((f) => f.limit === 'average')).toEqual([]);
  });

  it('does not measure averages ending in an ordinary month', () => {
    const history = [
      ...months('2027-02', 'other_directed', [h(99)]),
      ...months('2027-03', 'ordinary', [h(45)]),
    ];
    expect(find(assessOvertime(rules, history), 'average', '2027-03', 2)).toBeUndefined();
  });
});

describe('the months over 45 h in a 他律 department (at most 6 a fiscal year)', () => {
  it('warns at the 4th, is reached at the 6th and broken by the 7th', () => {
    const findings = assessOvertime(
      rules,
      months('2026-04', 'other_directed', [...Array<number>(7).fill(h(46))]),
    );
    expect(find(findings, 'busy_months', '2026-06')).toBeUndefined();
    expect(brief(find(findings, 'busy_months', '2026-07'))).toEqual(['warning', 'before', 4]);
    expect(brief(find(findings, 'busy_months', '2026-09'))).toEqual(['warning', 'reached', 6]);
    expect(find(findings, 'busy_months', '2026-10')).toMatchObject({
      kind: 'violation',
      level: 'exceeded',
      value: 7,
      unit: 'months',
      from: '2026-04',
      limitValue: 6,
      threshold: 4,
    });
  });

  it('does not count exactly 45:00 as over', () => {
    const findings = assessOvertime(
      rules,
      months('2026-04', 'other_directed', [...Array<number>(6).fill(h(46)), h(45)]),
    );
    expect(brief(find(findings, 'busy_months', '2026-10'))).toEqual(['warning', 'reached', 6]);
  });

  it('counts per fiscal year: six in October–March and a seventh in April is the first of the new year', () => {
    const findings = assessOvertime(rules, [
      ...months('2026-04', 'other_directed', [
        ...Array<number>(6).fill(h(30)),
        ...Array<number>(6).fill(h(46)),
      ]),
      ...months('2027-04', 'other_directed', [h(46)]),
    ]);
    expect(brief(find(findings, 'busy_months', '2027-03'))).toEqual(['warning', 'reached', 6]);
    expect(find(findings, 'busy_months', '2027-04')).toBeUndefined();
    expect(findings.filter((f) => f.level === 'exceeded')).toEqual([]);
  });

  it('after six busy months, a month without more than 45 h is at the limit but breaks nothing', () => {
    const findings = assessOvertime(
      rules,
      months('2026-04', 'other_directed', [...Array<number>(6).fill(h(46)), h(20)]),
    );
    expect(brief(find(findings, 'busy_months', '2026-10'))).toEqual(['warning', 'reached', 6]);
  });
});

describe('a transfer during the fiscal year', () => {
  it('from ordinary to 他律 on October 1: each month under its own department, the year counted as one', () => {
    const history = overtimeHistory(
      [
        { date: '2026-09-15', minutes: h(45) },
        { date: '2026-10-20', minutes: h(99, 59) },
      ],
      [
        { from: '2026-04-01', to: '2026-09-30', regime: 'ordinary' },
        { from: '2026-10-01', to: null, regime: 'other_directed' },
      ],
      '2026-10',
    );
    const findings = assessOvertime(rules, history);
    expect(brief(find(findings, 'monthly', '2026-09'))).toEqual(['warning', 'reached', h(45)]);
    expect(brief(find(findings, 'monthly', '2026-10'))).toEqual(['warning', 'reached', h(99, 59)]);
    // The average ending in October takes in September, worked in the ordinary department.
    expect(find(findings, 'average', '2026-10', 2)).toMatchObject({
      level: 'before',
      from: '2026-09',
      total: h(144, 59),
      value: 4350,
    });
    expect(find(findings, 'yearly', '2026-10')).toBeUndefined(); // 144:59 of 720 h
  });

  it('the same 45:01 is a violation in the ordinary September and fine in the 他律 October', () => {
    const history = [
      ...months('2026-09', 'ordinary', [h(45, 1)]),
      ...months('2026-10', 'other_directed', [h(45, 1)]),
    ];
    const findings = assessOvertime(rules, history);
    expect(brief(find(findings, 'monthly', '2026-09'))).toEqual(['violation', 'exceeded', h(45, 1)]);
    expect(find(findings, 'monthly', '2026-10')).toBeUndefined();
  });

  it('back from 他律 to ordinary: the whole year now counts against 360 h, and no more overtime may be ordered', () => {
    // April–September in the 他律 department, 66:40 a month: 400 h.
    const before = months('2026-04', 'other_directed', Array<number>(6).fill(h(66, 40)));
    const quiet = assessOvertime(rules, [...before, ...months('2026-10', 'ordinary', [0])]);
    expect(find(quiet, 'yearly', '2026-09')).toBeUndefined(); // 400 h of 720 h: below the 576 h threshold
    expect(find(quiet, 'yearly', '2026-10')).toMatchObject({
      kind: 'warning',
      level: 'reached',
      value: h(400),
      regime: 'ordinary',
      limitValue: h(360),
    });
    const more = assessOvertime(rules, [...before, ...months('2026-10', 'ordinary', [1])]);
    expect(brief(find(more, 'yearly', '2026-10'))).toEqual(['violation', 'exceeded', h(400) + 1]);
    // The 他律 measures stop at the transfer.
    expect(find(more, 'average', '2026-10', 2)).toBeUndefined();
    expect(find(more, 'busy_months', '2026-10')).toBeUndefined();
  });

  it('on April 1 at the turn of the fiscal year: April follows the new department', () => {
    const toOrdinary = assessOvertime(rules, [
      ...months('2027-03', 'other_directed', [h(90)]),
      ...months('2027-04', 'ordinary', [h(45, 1)]),
    ]);
    expect(brief(find(toOrdinary, 'monthly', '2027-04'))).toEqual(['violation', 'exceeded', h(45, 1)]);
    const toOtherDirected = assessOvertime(rules, [
      ...months('2027-03', 'ordinary', [h(45)]),
      ...months('2027-04', 'other_directed', [h(99, 59)]),
    ]);
    expect(find(toOtherDirected, 'monthly', '2027-04')).toMatchObject({ kind: 'warning', level: 'reached' });
    expect(find(toOtherDirected, 'average', '2027-04', 2)).toMatchObject({ from: '2027-03', value: 4350 });
  });
});

describe('特例業務', () => {
  it('lifts the monthly limit: reported as exceeded under 特例 with an analysis required, not as a violation', () => {
    const findings = assessOvertime(rules, months('2026-08', 'other_directed', [sp(h(120))]));
    expect(find(findings, 'monthly', '2026-08')).toMatchObject({
      kind: 'exceeded_under_special',
      level: 'exceeded',
      value: h(120),
      analysisRequired: true,
    });
  });

  it('lifts the limit of the whole month, also in an ordinary department when only part of it is 特例', () => {
    const findings = assessOvertime(rules, [
      { month: '2026-08', regime: 'ordinary', minutes: h(50), specialMinutes: h(10) },
    ]);
    expect(find(findings, 'monthly', '2026-08')).toMatchObject({
      kind: 'exceeded_under_special',
      value: h(50),
    });
  });

  it('a year over 360 h only because of a 特例 month is exceeded under 特例; over without it, a violation', () => {
    // April 100 h of disaster response, then 30 h a month: the year passes 360 h in January.
    const lifted = assessOvertime(
      rules,
      months('2026-04', 'ordinary', [sp(h(100)), ...Array<number>(11).fill(h(30))]),
    );
    expect(find(lifted, 'yearly', '2026-12')).toMatchObject({ level: 'before', value: h(340) });
    expect(find(lifted, 'yearly', '2027-01')).toMatchObject({
      kind: 'exceeded_under_special',
      value: h(370),
    });
    expect(find(lifted, 'yearly', '2027-03')).toMatchObject({
      kind: 'exceeded_under_special',
      value: h(430),
    });
    // Without the 特例 month: 9 × 30 h + 45 h + 45:01 = 360:01 by March.
    const broken = assessOvertime(
      rules,
      months('2026-04', 'ordinary', [sp(h(100)), ...Array<number>(9).fill(h(30)), h(45), h(45, 1)]),
    );
    expect(find(broken, 'yearly', '2027-02')).toMatchObject({ kind: 'exceeded_under_special' });
    expect(find(broken, 'yearly', '2027-03')).toMatchObject({ kind: 'violation', value: h(460, 1) });
  });

  it('after a year already broken, a 特例 month is exceeded under 特例: the violation stays with the month that broke it', () => {
    const findings = assessOvertime(
      rules,
      months('2026-04', 'ordinary', [...Array<number>(11).fill(h(33)), sp(h(10))]),
    );
    expect(find(findings, 'yearly', '2027-02')).toMatchObject({ kind: 'violation', value: h(363) });
    expect(find(findings, 'yearly', '2027-03')).toMatchObject({
      kind: 'exceeded_under_special',
      value: h(373),
    });
  });

  it('an average over 80 h because of a 特例 month is exceeded under 特例', () => {
    const findings = assessOvertime(rules, months('2027-01', 'other_directed', [sp(h(110)), h(51)]));
    expect(find(findings, 'average', '2027-02', 2)).toMatchObject({
      kind: 'exceeded_under_special',
      value: h(80, 30),
      total: h(161),
    });
    // Over 6 months, five months of 99 h average 82:30 even with the 特例 month left out: a violation.
    const still = assessOvertime(
      rules,
      months('2026-12', 'other_directed', [sp(h(10)), ...Array<number>(5).fill(h(99))]),
    );
    expect(find(still, 'average', '2027-05', 6)).toMatchObject({
      kind: 'violation',
      from: '2026-12',
      total: h(505),
    });
  });

  it('a 7th busy month is exceeded under 特例 when a 特例 month is among them, an 8th is a violation', () => {
    const findings = assessOvertime(
      rules,
      months('2026-04', 'other_directed', [sp(h(46)), ...Array<number>(7).fill(h(46))]),
    );
    expect(find(findings, 'busy_months', '2026-10')).toMatchObject({
      kind: 'exceeded_under_special',
      value: 7,
    });
    expect(find(findings, 'busy_months', '2026-11')).toMatchObject({ kind: 'violation', value: 8 });
  });
});

describe('checkOvertime', () => {
  const june = months('2026-06', 'ordinary', [h(35)]);

  it('warns before the limit: 35 h and 1 h more reaches the 36 h threshold, due now', () => {
    expect(checkOvertime(rules, june, { date: '2026-06-20', minutes: h(1) })).toEqual([
      expect.objectContaining({
        limit: 'monthly',
        level: 'before',
        value: h(36),
        previousLevel: null,
        due: true,
      }),
    ]);
  });

  it('says when the proposal reaches the limit and when it would break it', () => {
    const reach = checkOvertime(rules, june, { date: '2026-06-20', minutes: h(10) });
    expect(find(reach, 'monthly', '2026-06')).toMatchObject({ kind: 'warning', level: 'reached', due: true });
    const over = checkOvertime(rules, june, { date: '2026-06-20', minutes: h(10, 1) });
    expect(find(over, 'monthly', '2026-06')).toMatchObject({
      kind: 'violation',
      level: 'exceeded',
      value: h(45, 1),
    });
  });

  it('does not repeat a warning already given at the same level', () => {
    const findings = checkOvertime(rules, months('2026-06', 'ordinary', [h(37)]), {
      date: '2026-06-21',
      minutes: 30,
    });
    expect(findings).toEqual([
      expect.objectContaining({ level: 'before', previousLevel: 'before', due: false }),
    ]);
  });

  it('answers nothing when nothing is near a limit', () => {
    expect(checkOvertime(rules, june, { date: '2026-06-20', minutes: 59 })).toEqual([]);
  });

  it('reports 特例 work past the limit as exceeded under 特例', () => {
    const findings = checkOvertime(rules, june, { date: '2026-06-20', minutes: h(20), special: true });
    expect(find(findings, 'monthly', '2026-06')).toMatchObject({
      kind: 'exceeded_under_special',
      analysisRequired: true,
    });
  });

  it('looks at the year through each later month, and at runs crossing into the next fiscal year', () => {
    // A correction in May of a year that has reached 360 h by March.
    const year = months('2026-04', 'ordinary', Array<number>(12).fill(h(30)));
    const findings = checkOvertime(rules, year, { date: '2026-05-31', minutes: 1 });
    expect(find(findings, 'yearly', '2027-03')).toMatchObject({
      kind: 'violation',
      value: h(360) + 1,
      previousLevel: 'reached',
      due: true,
    });
    expect(find(findings, 'yearly', '2027-01')).toMatchObject({ level: 'before', due: false });
    expect(findings.every((f) => f.limit === 'yearly' || f.month === '2026-05')).toBe(true);

    const march = months('2027-03', 'other_directed', [h(95)]);
    const april = checkOvertime(rules, march, {
      date: '2027-04-01',
      minutes: h(65, 1),
      regime: 'other_directed',
    });
    expect(find(april, 'average', '2027-04', 2)).toMatchObject({
      kind: 'violation',
      from: '2027-03',
      due: true,
    });
  });

  it('warns about the busy months already used in the year', () => {
    const history = months('2026-04', 'other_directed', [...Array<number>(5).fill(h(50)), h(10)]);
    const findings = checkOvertime(rules, history, { date: '2026-09-10', minutes: h(36) });
    expect(find(findings, 'busy_months', '2026-09')).toMatchObject({
      level: 'reached',
      value: 6,
      previousLevel: 'before',
      due: true,
    });
  });

  it('needs the regime of a month the history does not have, and refuses a contradicting one', () => {
    expect(() => checkOvertime(rules, june, { date: '2026-07-01', minutes: 60 })).toThrow(RangeError);
    expect(
      checkOvertime(rules, june, { date: '2026-07-01', minutes: h(80), regime: 'other_directed' }),
    ).toEqual([
      expect.objectContaining({
        limit: 'monthly',
        month: '2026-07',
        regime: 'other_directed',
        level: 'before',
      }),
    ]);
    expect(() =>
      checkOvertime(rules, june, { date: '2026-06-01', minutes: 60, regime: 'other_directed' }),
    ).toThrow(RangeError);
  });

  it('refuses impossible proposals and histories', () => {
    expect(() => checkOvertime(rules, june, { date: '2026-06-31', minutes: 60 })).toThrow(RangeError);
    expect(() => checkOvertime(rules, june, { date: '2026-06-30', minutes: -60 })).toThrow(RangeError);
    expect(() => checkOvertime(rules, june, { date: '2026-06-30', minutes: 0.5 })).toThrow(RangeError);
    expect(() => assessOvertime(rules, [...june, ...june])).toThrow('month twice in the history: 2026-06');
    expect(() =>
      assessOvertime(rules, [{ month: '2026-06', regime: 'ordinary', minutes: 10, specialMinutes: 20 }]),
    ).toThrow(RangeError);
  });
});

describe('annualReport', () => {
  // 他律 all along: March 2026 (2025年度) 98:20 and April 96:40 make the worst run cross the fiscal year.
  const a = {
    personId: 'a',
    history: months('2026-02', 'other_directed', [
      0,
      h(98, 20),
      h(96, 40),
      ...Array<number>(11).fill(h(33, 20)),
    ]),
  };
  // Ordinary, 1,000 minutes a month, except August: 50 h of disaster response (特例).
  const b = {
    personId: 'b',
    history: months('2026-04', 'ordinary', [
      1000,
      1000,
      1000,
      1000,
      sp(h(50)),
      ...Array<number>(7).fill(1000),
    ]),
  };
  const report = annualReport(rules, 2026, [a, b]);

  it('sums the year per person and finds the busy months and the largest month', () => {
    expect(report.people[0]).toMatchObject({
      personId: 'a',
      fiscalYear: 2026,
      totalMinutes: h(96, 40) + 11 * h(33, 20),
      specialMinutes: 0,
      busyMonths: 1,
      largestMonth: { month: '2026-04', minutes: h(96, 40) },
      specialMonths: [],
    });
    expect(report.people[0].otherDirectedMonths).toHaveLength(12);
    expect(report.people[1]).toMatchObject({
      totalMinutes: 14_000,
      specialMinutes: 3000,
      busyMonths: 1,
      largestMonth: { month: '2026-08', minutes: 3000 },
      specialMonths: ['2026-08'],
      otherDirectedMonths: [],
    });
  });

  it('finds the worst 2–6-month average, also across March→April', () => {
    expect(report.people[0].worstAverage).toEqual({
      span: 2,
      from: '2026-03',
      to: '2026-04',
      minutes: h(97, 30),
    });
    // Equal averages: the earliest run (July–August before August–September).
    expect(report.people[1].worstAverage).toEqual({ span: 2, from: '2026-07', to: '2026-08', minutes: 2000 });
  });

  it('lists violations and 特例 exceedances of the fiscal year apart', () => {
    expect(report.people[0].violations.map((f) => [f.limit, f.span, f.month])).toEqual([
      ['average', 2, '2026-04'],
    ]);
    expect(report.people[0].exceededUnderSpecial).toEqual([]);
    expect(report.people[1].violations).toEqual([]);
    expect(report.people[1].exceededUnderSpecial).toEqual([
      expect.objectContaining({ limit: 'monthly', month: '2026-08', analysisRequired: true }),
    ]);
    expect(report).toMatchObject({
      fiscalYear: 2026,
      peopleWithViolations: 1,
      peopleExceededUnderSpecial: 1,
    });
  });

  it('gives an empty line for a person without overtime in the year', () => {
    const line = annualReport(rules, 2026, [{ personId: 'c', history: months('2026-04', 'ordinary', [0]) }])
      .people[0];
    expect(line).toMatchObject({ totalMinutes: 0, busyMonths: 0, largestMonth: null, worstAverage: null });
  });
});
