import { isInEffect, periodState, periodsOverlap } from './membership';

describe('periodState', () => {
  const april = { validFrom: '2026-04-01', validTo: null };
  it('treats a transfer entered in March as future until April 1', () => {
    expect(periodState(april, '2026-03-31')).toBe('future');
    expect(periodState(april, '2026-04-01')).toBe('current');
  });
  it('keeps the last day inclusive', () => {
    const ended = { validFrom: '2025-04-01', validTo: '2026-03-31' };
    expect(isInEffect(ended, '2026-03-31')).toBe(true);
    expect(periodState(ended, '2026-04-01')).toBe('past');
  });
});

describe('periodsOverlap', () => {
  it('detects shared days and allows back-to-back periods', () => {
    expect(
      periodsOverlap(
        { validFrom: '2025-04-01', validTo: '2026-03-31' },
        { validFrom: '2026-04-01', validTo: null },
      ),
    ).toBe(false);
    expect(
      periodsOverlap({ validFrom: '2025-04-01', validTo: null }, { validFrom: '2026-04-01', validTo: null }),
    ).toBe(true);
  });
});
