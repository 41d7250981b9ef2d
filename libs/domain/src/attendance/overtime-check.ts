/**
 * Checking a person's overtime against the limits (人事院規則15-14 §16-2-2 and the towns' copies), warning before
 * and when a limit is reached, and the yearly report.
 *
 * How the measures are taken (decisions where the rules are silent are marked "decided"):
 * - `monthly`: the month's minutes, against the limit of the month's regime (45 h at most; under 他律 less than
 *   100 h, so 99:59 is fine and 100:00 is a violation).
 * - `yearly`: the person's minutes from April through the month (all departments of the fiscal year: totals are per
 *   person), against the yearly limit of the month's regime. Decided: after a transfer the new regime's limit
 *   applies to the whole year's total, and a month breaks it only when it adds overtime beyond it; a month
 *   without overtime after the total has gone past a lower limit has merely `reached` it (no more may be ordered).
 * - `average` (他律 only): every run of 2, 3, 4, 5 and 6 consecutive months ending in a 他律 month, averaged.
 *   Decided, as the national guidance says: the run crosses March→April (consecutive months regardless of the
 *   fiscal year) and includes months spent in an ordinary department before a transfer; a run with a month the
 *   person belonged nowhere (before hiring, on secondment outside the town) is not measured. Averages are
 *   compared exactly, as totals (80 h × the span: 14,400 minutes over 3 months is fine, 14,401 is over); the value
 *   reported is the average rounded up to the whole minute (80:00 and a third of a minute shows as 80:01).
 * - `busy_months` (他律 only): the number of months of the fiscal year, April through the month, with more than
 *   45 h; counted per fiscal year. Like the yearly total, a month breaks it only when it is itself over 45 h.
 * - 特例業務: decided, per measure: if the measure would still be over its limit with the 特例 months' minutes left
 *   out (and 特例 months not counted as busy), it is a `violation`; otherwise it is `exceeded_under_special` and
 *   an analysis of the causes must be recorded. A month with any 特例業務 is a 特例 month as a whole.
 */
import {
  type OvertimeLimitId,
  type OvertimeMonth,
  type OvertimeRegime,
  type OvertimeRules,
  fiscalYearMonths,
  fiscalYearOfMonth,
  monthNumber,
  monthOfNumber,
  overtimeWarningThreshold,
} from './overtime';
import { isCalendarDate } from '../iso-date';

/** Which limit a finding is about. */
export type OvertimeLimitKind = 'monthly' | 'yearly' | 'average' | 'busy_months';

/** How close a measure is to its limit: at or past the warning threshold, at the limit, past it. */
export type OvertimeLevel = 'before' | 'reached' | 'exceeded';

/**
 * `warning` for `before` and `reached`; an exceeded limit is a `violation`, or `exceeded_under_special` when only
 * 特例業務 took it over (allowed, but an analysis of the causes is required).
 */
export type OvertimeFindingKind = 'warning' | 'violation' | 'exceeded_under_special';

export interface OvertimeFinding {
  kind: OvertimeFindingKind;
  level: OvertimeLevel;
  limit: OvertimeLimitKind;
  /** The number of months averaged, for `average`; null otherwise. */
  span: number | null;
  /** The regime of `month`, whose limit applies. */
  regime: OvertimeRegime;
  /** The first and last months measured: one month, April through the month, or the averaged run. */
  from: string;
  month: string;
  /** The fiscal year of `month`. */
  fiscalYear: number;
  /** `months` for `busy_months`, `minutes` otherwise. */
  unit: 'minutes' | 'months';
  /** The measure: minutes of the month or the year, the average (rounded up), or the number of busy months. */
  value: number;
  /** The minutes (or months) summed over the period: `value` itself, except for an average. */
  total: number;
  /** The limit as the rules state it (6,000 for "less than 100 h"). */
  limitValue: number;
  /** The largest allowed value (5,999 for "less than 100 h", the limit itself for "at most"). */
  maxAllowed: number;
  /** The warning threshold. */
  threshold: number;
  analysisRequired: boolean;
}

const LEVEL_RANK: Record<OvertimeLevel, number> = { before: 1, reached: 2, exceeded: 3 };

interface Measure {
  limit: OvertimeLimitKind;
  limitId: OvertimeLimitId;
  span: number | null;
  regime: OvertimeRegime;
  from: string;
  month: string;
  unit: 'minutes' | 'months';
  /** The sum over the period; the measure is `total / scale` (scale = span for an average, 1 otherwise). */
  total: number;
  scale: number;
  /** The total with the 特例 months' minutes left out and 特例 months not counted. */
  totalWithoutSpecial: number;
  /** Whether `month` itself adds to the measure (cumulative measures break only in a month that adds). */
  adds: boolean;
  addsWithoutSpecial: boolean;
  limitValue: number;
  maxAllowed: number;
}

function isSpecial(m: OvertimeMonth): boolean {
  return m.specialMinutes > 0;
}

function sortedHistory(history: readonly OvertimeMonth[]): OvertimeMonth[] {
  const sorted = [...history].sort((a, b) => monthNumber(a.month) - monthNumber(b.month));
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1].month === m.month)
      throw new RangeError(`month twice in the history: ${m.month}`);
    for (const n of [m.minutes, m.specialMinutes])
      if (!Number.isSafeInteger(n) || n < 0)
        throw new RangeError(`${m.month}: minutes must be whole, 0 or more`);
    if (m.specialMinutes > m.minutes)
      throw new RangeError(`${m.month}: more 特例 minutes than minutes (${m.specialMinutes} > ${m.minutes})`);
  });
  return sorted;
}

function measures(rules: OvertimeRules, history: readonly OvertimeMonth[]): Measure[] {
  const { ordinary, otherDirected } = rules.limits;
  const months = sortedHistory(history);
  const byNumber = new Map(months.map((m) => [monthNumber(m.month), m]));
  const isBusy = (m: OvertimeMonth): boolean => m.minutes > otherDirected.busyMonthAbove;
  const out: Measure[] = [];

  for (const m of months) {
    const n = monthNumber(m.month);
    const special = isSpecial(m);
    const other = m.regime === 'other_directed';

    out.push({
      limit: 'monthly',
      limitId: other ? 'other_directed_monthly' : 'ordinary_monthly',
      span: null,
      regime: m.regime,
      from: m.month,
      month: m.month,
      unit: 'minutes',
      total: m.minutes,
      scale: 1,
      totalWithoutSpecial: special ? 0 : m.minutes,
      adds: true,
      addsWithoutSpecial: true,
      limitValue: other ? otherDirected.monthlyBelow : ordinary.monthlyMax,
      maxAllowed: other ? otherDirected.monthlyBelow - 1 : ordinary.monthlyMax,
    });

    const yearSoFar = months.filter(
      (x) => fiscalYearOfMonth(x.month) === fiscalYearOfMonth(m.month) && x.month <= m.month,
    );
    const yearlyMax = other ? otherDirected.yearlyMax : ordinary.yearlyMax;
    out.push({
      limit: 'yearly',
      limitId: other ? 'other_directed_yearly' : 'ordinary_yearly',
      span: null,
      regime: m.regime,
      from: yearSoFar[0].month,
      month: m.month,
      unit: 'minutes',
      total: yearSoFar.reduce((s, x) => s + x.minutes, 0),
      scale: 1,
      totalWithoutSpecial: yearSoFar.reduce((s, x) => s + (isSpecial(x) ? 0 : x.minutes), 0),
      adds: m.minutes > 0,
      addsWithoutSpecial: !special && m.minutes > 0,
      limitValue: yearlyMax,
      maxAllowed: yearlyMax,
    });

    if (!other) continue;

    out.push({
      limit: 'busy_months',
      limitId: 'other_directed_busy_months',
      span: null,
      regime: m.regime,
      from: yearSoFar[0].month,
      month: m.month,
      unit: 'months',
      total: yearSoFar.filter(isBusy).length,
      scale: 1,
      totalWithoutSpecial: yearSoFar.filter((x) => isBusy(x) && !isSpecial(x)).length,
      adds: isBusy(m),
      addsWithoutSpecial: isBusy(m) && !special,
      limitValue: otherDirected.busyMonthsMax,
      maxAllowed: otherDirected.busyMonthsMax,
    });

    for (const span of otherDirected.averageSpans) {
      const run: OvertimeMonth[] = [];
      for (let k = n - span + 1; k <= n; k++) {
        const x = byNumber.get(k);
        if (x) run.push(x);
      }
      if (run.length < span) continue;
      out.push({
        limit: 'average',
        limitId: 'other_directed_average',
        span,
        regime: m.regime,
        from: monthOfNumber(n - span + 1),
        month: m.month,
        unit: 'minutes',
        total: run.reduce((s, x) => s + x.minutes, 0),
        scale: span,
        totalWithoutSpecial: run.reduce((s, x) => s + (isSpecial(x) ? 0 : x.minutes), 0),
        adds: true,
        addsWithoutSpecial: true,
        limitValue: otherDirected.averageMax,
        maxAllowed: otherDirected.averageMax,
      });
    }
  }
  return out;
}

function judge(rules: OvertimeRules, m: Measure): OvertimeFinding | null {
  const threshold = overtimeWarningThreshold(rules, m.limitId);
  // Averages are compared exactly, as totals over the span: 80:00 on average over 3 months is 14,400 minutes.
  const max = m.maxAllowed * m.scale;
  let level: OvertimeLevel | null = null;
  if (m.total > max && m.adds) level = 'exceeded';
  else if (m.total >= max) level = 'reached';
  else if (m.total >= threshold * m.scale) level = 'before';
  if (level === null) return null;
  let kind: OvertimeFindingKind = 'warning';
  if (level === 'exceeded')
    kind = m.totalWithoutSpecial > max && m.addsWithoutSpecial ? 'violation' : 'exceeded_under_special';
  return {
    kind,
    level,
    limit: m.limit,
    span: m.span,
    regime: m.regime,
    from: m.from,
    month: m.month,
    fiscalYear: fiscalYearOfMonth(m.month),
    unit: m.unit,
    value: Math.ceil(m.total / m.scale),
    total: m.total,
    limitValue: m.limitValue,
    maxAllowed: m.maxAllowed,
    threshold,
    analysisRequired: kind === 'exceeded_under_special',
  };
}

/**
 * Every limit a person's history is near, at or past, month by month: for each month the monthly and yearly
 * measures, and under 他律 the busy-month count and the 2–6-month averages ending in it. Measures below their
 * warning threshold are left out. In month order, then monthly, yearly, busy months, averages by span.
 */
export function assessOvertime(rules: OvertimeRules, history: readonly OvertimeMonth[]): OvertimeFinding[] {
  return measures(rules, history)
    .map((m) => judge(rules, m))
    .filter((f): f is OvertimeFinding => f !== null);
}

/** Overtime about to be ordered or requested (命令・申請): its date, its planned minutes, and whether it is 特例業務. */
export interface OvertimeProposal {
  date: string;
  minutes: number;
  special?: boolean;
  /** The regime of the proposal's month, needed only when the history does not have that month yet. */
  regime?: OvertimeRegime;
}

export interface OvertimeProposalFinding extends OvertimeFinding {
  /** The level of the same measure without the proposal (null when it was below the threshold or not measured). */
  previousLevel: OvertimeLevel | null;
  /** Whether the proposal raises the level, so that the person and their chief are to be warned now. */
  due: boolean;
}

function key(f: OvertimeFinding): string {
  return `${f.limit}|${f.span ?? ''}|${f.month}`;
}

/**
 * What a proposed amount of overtime on a date would do: every measure that includes its month (the month, the
 * year from April through each later month of the fiscal year, the busy-month count, the averaged runs that
 * contain the month) at or past its warning threshold once the proposal is added, with the level it had before.
 * A finding of kind `violation` means the overtime may not be ordered as proposed.
 */
export function checkOvertime(
  rules: OvertimeRules,
  history: readonly OvertimeMonth[],
  proposal: OvertimeProposal,
): OvertimeProposalFinding[] {
  const month = proposal.date.slice(0, 7);
  if (!isCalendarDate(proposal.date)) throw new RangeError(`not a YYYY-MM-DD date: ${proposal.date}`);
  if (!Number.isSafeInteger(proposal.minutes) || proposal.minutes < 0)
    throw new RangeError(`proposal: minutes must be a whole number, 0 or more: ${proposal.minutes}`);
  const existing = history.find((m) => m.month === month);
  if (existing && proposal.regime !== undefined && proposal.regime !== existing.regime)
    throw new RangeError(`${month} is ${existing.regime} in the history, not ${proposal.regime}`);
  const regime = existing?.regime ?? proposal.regime;
  if (regime === undefined)
    throw new RangeError(`the regime of ${month} is unknown: give it with the proposal`);
  const added: OvertimeMonth = {
    month,
    regime,
    minutes: (existing?.minutes ?? 0) + proposal.minutes,
    specialMinutes: (existing?.specialMinutes ?? 0) + (proposal.special ? proposal.minutes : 0),
  };
  const after = [...history.filter((m) => m !== existing), added];

  const before = new Map(assessOvertime(rules, history).map((f) => [key(f), f.level]));
  return assessOvertime(rules, after)
    .filter((f) => f.from <= month && month <= f.month)
    .map((f) => {
      const previousLevel = before.get(key(f)) ?? null;
      const due = previousLevel === null || LEVEL_RANK[f.level] > LEVEL_RANK[previousLevel];
      return { ...f, previousLevel, due };
    });
}

/** One person's overtime history, for the yearly report. */
export interface PersonOvertimeHistory {
  personId: string;
  history: readonly OvertimeMonth[];
}

/** One person's line in the town's yearly overtime report. */
export interface PersonOvertimeYear {
  personId: string;
  fiscalYear: number;
  /** All minutes of the fiscal year, in every department, 特例業務 included. */
  totalMinutes: number;
  specialMinutes: number;
  /** Months of the fiscal year over 45 h (the busy-month threshold), 特例 months included. */
  busyMonths: number;
  /** The month with the most minutes (the earliest of equals), or null without any overtime. */
  largestMonth: { month: string; minutes: number } | null;
  /**
   * The highest average over 2–6 consecutive months ending in the fiscal year (runs may start in the previous
   * one), in every regime; the shortest and earliest of equals. Null when no run is complete.
   */
  worstAverage: { span: number; from: string; to: string; minutes: number } | null;
  /** Months with 特例業務. */
  specialMonths: string[];
  /** Months under the 他律 regime. */
  otherDirectedMonths: string[];
  /** Limits broken in the fiscal year. */
  violations: OvertimeFinding[];
  /** Limits exceeded only under 特例業務, each needing an analysis of the causes. */
  exceededUnderSpecial: OvertimeFinding[];
}

export interface OvertimeYearReport {
  fiscalYear: number;
  people: PersonOvertimeYear[];
  /** The number of people with at least one violation. */
  peopleWithViolations: number;
  /** The number of people who exceeded a limit under 特例業務. */
  peopleExceededUnderSpecial: number;
}

function personYear(
  rules: OvertimeRules,
  fiscalYear: number,
  person: PersonOvertimeHistory,
): PersonOvertimeYear {
  const months = sortedHistory(person.history);
  const inYear = months.filter((m) => fiscalYearOfMonth(m.month) === fiscalYear);
  const byNumber = new Map(months.map((m) => [monthNumber(m.month), m]));

  let largestMonth: PersonOvertimeYear['largestMonth'] = null;
  for (const m of inYear)
    if (m.minutes > 0 && (largestMonth === null || m.minutes > largestMonth.minutes))
      largestMonth = { month: m.month, minutes: m.minutes };

  let worst: { span: number; from: string; to: string; sum: number } | null = null;
  for (const end of fiscalYearMonths(fiscalYear)) {
    const n = monthNumber(end);
    for (const span of [...rules.limits.otherDirected.averageSpans].sort((a, b) => a - b)) {
      let sum = 0;
      let complete = true;
      for (let k = n - span + 1; k <= n && complete; k++) {
        const x = byNumber.get(k);
        if (x) sum += x.minutes;
        else complete = false;
      }
      // Compare averages exactly: sum / span > worst.sum / worst.span.
      if (complete && (worst === null || sum * worst.span > worst.sum * span))
        worst = { span, from: monthOfNumber(n - span + 1), to: end, sum };
    }
  }

  const findings = assessOvertime(rules, months).filter((f) => f.fiscalYear === fiscalYear);
  return {
    personId: person.personId,
    fiscalYear,
    totalMinutes: inYear.reduce((s, m) => s + m.minutes, 0),
    specialMinutes: inYear.reduce((s, m) => s + m.specialMinutes, 0),
    busyMonths: inYear.filter((m) => m.minutes > rules.limits.otherDirected.busyMonthAbove).length,
    largestMonth,
    worstAverage:
      worst === null
        ? null
        : { span: worst.span, from: worst.from, to: worst.to, minutes: Math.ceil(worst.sum / worst.span) },
    specialMonths: inYear.filter(isSpecial).map((m) => m.month),
    otherDirectedMonths: inYear.filter((m) => m.regime === 'other_directed').map((m) => m.month),
    violations: findings.filter((f) => f.kind === 'violation'),
    exceededUnderSpecial: findings.filter((f) => f.kind === 'exceeded_under_special'),
  };
}

/**
 * The town's yearly overtime report (時間外勤務の状況): per person the year's total, the busy months, the largest
 * month, the worst 2–6-month average, the 特例 months, and the limits broken or exceeded under 特例業務.
 */
export function annualReport(
  rules: OvertimeRules,
  fiscalYear: number,
  people: readonly PersonOvertimeHistory[],
): OvertimeYearReport {
  const lines = people.map((p) => personYear(rules, fiscalYear, p));
  return {
    fiscalYear,
    people: lines,
    peopleWithViolations: lines.filter((l) => l.violations.length > 0).length,
    peopleExceededUnderSpecial: lines.filter((l) => l.exceededUnderSpecial.length > 0).length,
  };
}
