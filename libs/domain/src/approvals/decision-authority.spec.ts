import {
  findDecider,
  validateDecisionAuthorityTable,
  type DecisionAuthorityTable,
} from './decision-authority';

const KACHO = { positionId: 'KACHO', rank: 5 };
const DEPUTY = { positionId: 'DEPUTY', rank: 2 };
const MAYOR = { positionId: 'MAYOR', rank: 1 };

// Fallback: up to 500,000 yen the 課長, up to 3,000,000 the 副町長, above that the 町長.
// 物品購入 has its own, lower tiers; 出張命令 is always the 課長's.
const TABLE: DecisionAuthorityTable = [
  { category: null, upTo: 500_000, decider: KACHO },
  { category: null, upTo: 3_000_000, decider: DEPUTY },
  { category: null, upTo: null, decider: MAYOR },
  { category: 'purchase', upTo: 100_000, decider: KACHO },
  { category: 'purchase', upTo: 1_000_000, decider: DEPUTY },
  { category: 'travel', upTo: null, decider: KACHO },
];

describe('findDecider', () => {
  it('takes the tier whose inclusive upper bound first covers the amount', () => {
    expect(findDecider(TABLE, 'expenditure', 0)).toEqual(KACHO);
    expect(findDecider(TABLE, 'expenditure', 500_000)).toEqual(KACHO);
    expect(findDecider(TABLE, 'expenditure', 500_001)).toEqual(DEPUTY);
    expect(findDecider(TABLE, 'expenditure', 3_000_000)).toEqual(DEPUTY);
    expect(findDecider(TABLE, 'expenditure', 3_000_001)).toEqual(MAYOR);
  });

  it('uses a category’s own rules first and the fallback above them', () => {
    expect(findDecider(TABLE, 'purchase', 100_001)).toEqual(DEPUTY);
    expect(findDecider(TABLE, 'purchase', 1_000_001)).toEqual(DEPUTY); // the fallback's tier up to 3,000,000
    expect(findDecider(TABLE, 'purchase', 3_000_001)).toEqual(MAYOR);
    expect(findDecider(TABLE, 'travel', 9_000_000)).toEqual(KACHO);
  });

  it('counts a document without an amount as the lowest tier', () => {
    expect(findDecider(TABLE, 'general')).toEqual(KACHO);
    expect(findDecider(TABLE, 'general', null)).toEqual(KACHO);
  });

  it('has no decider when no rule covers the amount', () => {
    expect(findDecider(TABLE.slice(0, 2), 'expenditure', 3_000_001)).toBeNull();
    expect(findDecider([], 'general')).toBeNull();
  });

  it('refuses negative and fractional amounts', () => {
    expect(() => findDecider(TABLE, 'general', -1)).toThrow(RangeError);
    expect(() => findDecider(TABLE, 'general', 10.5)).toThrow(RangeError);
  });
});

describe('validateDecisionAuthorityTable', () => {
  it('accepts a sound table', () => {
    expect(validateDecisionAuthorityTable(TABLE)).toEqual([]);
  });

  it('reports bad bounds, duplicates and authority that falls as the amount rises', () => {
    expect(
      validateDecisionAuthorityTable([
        { category: null, upTo: -1, decider: KACHO },
        { category: null, upTo: 500_000, decider: DEPUTY },
        { category: null, upTo: 500_000, decider: MAYOR },
        { category: null, upTo: null, decider: KACHO },
        { category: 'x', upTo: 1.5, decider: KACHO },
      ]),
    ).toEqual([
      { code: 'invalid_bound', rule: 0 },
      { code: 'duplicate_bound', rule: 2 },
      { code: 'authority_decreases', rule: 3 },
      { code: 'invalid_bound', rule: 4 },
    ]);
  });
});
