/** Effective-dated assignments (発令): a membership is in effect from `validFrom` to `validTo`, both inclusive. */

export interface EffectivePeriod {
  validFrom: string;
  validTo: string | null;
}

export type PeriodState = 'future' | 'current' | 'past';

export function periodState(period: EffectivePeriod, at: string): PeriodState {
  if (period.validFrom > at) return 'future';
  if (period.validTo !== null && period.validTo < at) return 'past';
  return 'current';
}

export function isInEffect(period: EffectivePeriod, at: string): boolean {
  return periodState(period, at) === 'current';
}

/** Whether two periods share at least one day. */
export function periodsOverlap(a: EffectivePeriod, b: EffectivePeriod): boolean {
  const aEnd = a.validTo ?? '9999-12-31';
  const bEnd = b.validTo ?? '9999-12-31';
  return a.validFrom <= bEnd && b.validFrom <= aEnd;
}
